import Foundation
import Testing
import WalkshedTestSupport

/// Schools per census hexagon (Porto Alegre) as a user's kind weighted by its `schools` column:
/// every hexagon with schools is a destination; `schools_weighted` (step) counts schools,
/// `schools_count` hexagons with schools, and both agree with `schools_minutes`.
@Test(.enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/data"))
func hexagonSchoolsAreAKindOfTheirOwn() throws {
    let hexgrid = RepositoryPaths.sharedData("porto-alegre.hexgrid.csv")
    let out = RepositoryPaths.temporaryFolder("destinations").appendingPathComponent("result")
    let outcome = try CommandRunner.run(["analyze", RepositoryPaths.sharedData("porto-alegre.osm.pbf"), "--out", out.path, "--quiet",
                                         "--destinations", "schools=\(hexgrid)", "--destination-weight", "schools=schools",
                                         "--count-within", "15", "--decay", "step", "--cell", "200", "--format", "csv"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("schools_minutes "))
    let rows = try String(contentsOfFile: hexgrid, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
    let withSchools = rows.filter { Double($0[4])! > 0 }, schools = withSchools.reduce(0.0) { $0 + Double($1[4])! }
    let summary = try json(out.appendingPathComponent("summary.json"))
    let destinations = (summary["destinations"] as! [String: Any])["schools"] as! [String: Any]
    #expect(destinations["count"] as! Int == withSchools.count && withSchools.count > 100)
    let csv = try String(contentsOf: out.appendingPathComponent("cells.csv"), encoding: .utf8).split(separator: "\n")
    let header = csv[0].split(separator: ",").map(String.init)
    let minutes = header.firstIndex(of: "schools_minutes")!, count = header.firstIndex(of: "schools_count")!
    let weighted = header.firstIndex(of: "schools_weighted")!, within = header.firstIndex(of: "categories_within")!
    var reached = 0
    for row in csv.dropFirst() {
        let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let n = Int(f[count])!, w = Double(f[weighted])!
        if let m = Double(f[minutes]), abs(m - 15) > 0.01 { #expect((n >= 1) == (m <= 15)) }
        #expect(w >= Double(n) && (w == 0) == (n == 0) && w <= schools)
        #expect(Int(f[within])! <= 8)   // the user's kind is not one of the eight
        if n > 0 { reached += 1 }
    }
    #expect(reached > 1_000)
}

/// A user's kind is a kind like any other in `check`, `suggest` and `scenario`; bad names and
/// weights without a kind are usage errors.
@Test func userKindsWorkInEveryCommand() throws {
    let extract = RepositoryPaths.network("helsinki.osm.pbf")
    let root = RepositoryPaths.temporaryFolder("destinations-commands")
    let points = RepositoryPaths.temporaryFile(Array("name,lon,lat\nkiosk,24.9410,60.1699\nstand,24.9500,60.1650\n".utf8), "kiosks.csv",
                                               label: "kiosks")
    let targets = RepositoryPaths.temporaryFile(Array(#"{"version": 1, "targets": [{"measure": "kiosks_minutes", "within": 60, "min_cell_share": 0.5}]}"#.utf8),
                                                "targets.json", label: "kiosk-targets")
    let check = try CommandRunner.run(["check", extract, targets, "--destinations", "kiosks=\(points)", "--quiet"])
    #expect(check.status == 0 && check.stdout.contains("\nPASS  kiosks_minutes ≤ 60 min (walk)"), "\(check.stdout)\(check.stderr)")
    let without = try CommandRunner.run(["check", extract, targets, "--quiet"])
    #expect(without.status == 1 && without.stderr.contains("unknown measure 'kiosks_minutes'"))
    let links = try CommandRunner.run(["suggest", "links", extract, "--population", "buildings", "--measure", "kiosks", "--count", "2",
                                       "--destinations", "kiosks=\(points)", "--out", root.appendingPathComponent("links").path, "--quiet"])
    #expect(links.status == 0 && links.stdout.contains("\nSuggested links (walk, kiosks within 15 min,"), "\(links.stderr)")
    let scenario = try CommandRunner.run(["scenario", extract, RepositoryPaths.network("scenarios/helsinki-greenway.json"),
                                          "--destinations", "kiosks=\(points)", "--out", root.appendingPathComponent("s").path, "--quiet"])
    #expect(scenario.status == 0 && FileManager.default.fileExists(atPath: root.appendingPathComponent("s/greenway/kiosks_minutes_change.asc").path))
    for (arguments, message) in [(["--destinations", "food=\(points)"], "destination kind 'food' is already a built-in kind"),
                                 (["--destinations", "school_minutes=\(points)"], "ends in '_minutes'"),
                                 (["--destinations", "Kiosks=\(points)"], "must be lower-case letters"),
                                 (["--destinations", "shops_mean3=\(points)"], "reads as another measure's name"),
                                 (["--destination-weight", "kiosks=w"], "names 'kiosks', which no --destinations defines")] {
        let bad = try CommandRunner.run(["analyze", extract, "--out", root.appendingPathComponent("bad").path] + arguments)
        #expect(bad.status == 64 && bad.stderr.contains(message), "\(bad.stderr)")
    }
}

import Foundation
import Testing
import WalkshedTestSupport

/// `walkshed greenways` on the Helsinki sample: every file written and consistent with the
/// printed figures, the same bytes for 1 and 2 threads; the suggested links' scenario is
/// accepted by `walkshed scenario` and, measured with --scenario, joins what it promised.
@Test func greenwaysOnTheHelsinkiSample() throws {
    let root = RepositoryPaths.temporaryFolder("greenways")
    let one = root.appendingPathComponent("one"), two = root.appendingPathComponent("two")
    let common = [sample, "--population", "buildings", "--quiet"]
    let run = try CommandRunner.run(["greenways"] + common + ["--out", one.path, "--threads", "1"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try CommandRunner.run(["greenways"] + common + ["--out", two.path, "--threads", "2"]).status == 0)
    let names = ["break_points.csv", "break_points.geojson", "greenway_components.csv", "greenway_components.geojson", "greenway_park_minutes.asc",
                 "greenway_park_minutes.prj", "greenways.html", "greenways.json", "greenways.png", "park_graph.geojson", "park_links.csv",
                 "park_minutes.asc", "park_minutes.prj", "parks.csv"]
    #expect(try FileManager.default.contentsOfDirectory(atPath: one.path).sorted() == names)
    for name in names {
        #expect(try Data(contentsOf: one.appendingPathComponent(name)) == Data(contentsOf: two.appendingPathComponent(name)), "\(name)")
    }
    let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: one.appendingPathComponent("greenways.json"))) as! [String: Any]
    let components = summary["components"] as! Int, breaks = summary["break_points"] as! Int
    #expect(components > 10 && breaks > 10)
    let csv = try String(contentsOf: one.appendingPathComponent("greenway_components.csv"), encoding: .utf8)
    #expect(csv.split(separator: "\n").count == components + 1)
    let metres = csv.split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[1])! }
    #expect(metres == metres.sorted(by: >))
    #expect(abs(metres.reduce(0, +) - (summary["greenway_metres"] as! Double)) < 0.1 * Double(components))
    let geo = try JSONSerialization.jsonObject(with: Data(contentsOf: one.appendingPathComponent("break_points.geojson"))) as! [String: Any]
    #expect((geo["features"] as! [Any]).count == breaks)
    #expect(run.stdout.contains("greenway:          \(String(format: "%.2f", (summary["greenway_metres"] as! Double) / 1000)) km in \(components) components"))
    #expect(run.stdout.contains("break points:      \(breaks) within 100 m; the five that join the most greenway to the most:\n  1. components "))
    let page = try String(contentsOf: one.appendingPathComponent("greenways.html"), encoding: .utf8)
    #expect(page.contains("data-components=\"\(components)\" data-break-points=\"\(breaks)\""))
    #expect(try String(contentsOf: one.appendingPathComponent("greenway_park_minutes.asc"), encoding: .utf8).hasPrefix("ncols "))

    // Suggested links: a scenario that walkshed scenario accepts and that joins the parks it promised.
    let suggested = root.appendingPathComponent("links")
    let suggest = try CommandRunner.run(["suggest", "greenway-links", sample, "--out", suggested.path, "--objective", "parks", "--quiet"])
    #expect(suggest.status == 0, "\(suggest.stderr)")
    let scenario = suggested.appendingPathComponent("greenway-links.json").path
    let rows = try String(contentsOf: suggested.appendingPathComponent("suggested_greenway_links.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
    #expect(!rows.isEmpty)
    let promised = Int(Double(rows.last!.split(separator: ",").last!)!)
    #expect(try CommandRunner.run(["scenario", sample, scenario, "--out", root.appendingPathComponent("scenario").path, "--quiet"]).status == 0)
    let after = root.appendingPathComponent("after")
    #expect(try CommandRunner.run(["greenways", sample, "--scenario", scenario, "--out", after.path, "--quiet"]).status == 0)
    let afterSummary = try JSONSerialization.jsonObject(with: Data(contentsOf: after.appendingPathComponent("greenways.json"))) as! [String: Any]
    let remaining = afterSummary["components"] as! Int
    #expect(remaining <= components - rows.count)
    // Park pairs joined along greenway (Σ over components of C(parks, 2)) reach the promised total.
    let parks = try String(contentsOf: after.appendingPathComponent("greenway_components.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        .map { Int($0.split(separator: ",")[3])! }
    #expect(parks.reduce(0) { $0 + $1 * ($1 - 1) / 2 } >= promised)
}

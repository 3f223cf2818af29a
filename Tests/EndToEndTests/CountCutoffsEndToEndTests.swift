import Foundation
import Testing
import WalkshedTestSupport

/// The named columns of a cells.csv, by header name.
private func columns(_ path: URL) throws -> [String: [String]] {
    let rows = try String(contentsOf: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    var byName: [String: [String]] = [:]
    for (k, name) in rows[0].enumerated() { byName[String(name)] = rows.dropFirst().map { String($0[k]) } }
    return byName
}

/// `--count-within 5,10,15` counts within each cutoff in one run: every count column equals
/// the column of a run with that cutoff alone, and counts never fall as the cutoff grows.
@Test func severalCountCutoffsEqualOneRunEach() throws {
    let root = RepositoryPaths.temporaryFolder("count-cutoffs")
    let extract = RepositoryPaths.network("helsinki.osm.pbf")
    func analyze(_ name: String, _ extra: [String]) throws -> [String: [String]] {
        let out = root.appendingPathComponent(name)
        let outcome = try CommandRunner.run(["analyze", extract, "--out", out.path, "--quiet", "--format", "csv,asc"] + extra)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return try columns(out.appendingPathComponent("cells.csv"))
    }
    let together = try analyze("all", ["--count-within", "15,5,10", "--decay", "linear"])
    let kinds = ["park", "food", "healthcare", "education", "transit", "civic", "culture", "work"]
    var sawAGrowingCount = false
    for cutoff in [5, 10, 15] {
        let alone = try analyze("m\(cutoff)", ["--count-within", "\(cutoff)", "--decay", "linear"])
        for kind in kinds {
            #expect(together["\(kind)_count_\(cutoff)min"] == alone["\(kind)_count"], "\(kind) within \(cutoff)")
            #expect(together["\(kind)_weighted_\(cutoff)min"] == alone["\(kind)_weighted"], "\(kind) weighted within \(cutoff)")
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("all/\(kind)_count_\(cutoff)min.asc").path))
        }
    }
    for kind in kinds {
        let counts = [5, 10, 15].map { together["\(kind)_count_\($0)min"]!.map { Double($0) ?? -1 } }
        for cell in counts[0].indices {
            #expect(counts[0][cell] <= counts[1][cell] && counts[1][cell] <= counts[2][cell])
            if counts[0][cell] < counts[2][cell] { sawAGrowingCount = true }
        }
    }
    #expect(sawAGrowingCount)
    #expect(together["food_count"] == nil)
    let twice = try CommandRunner.run(["analyze", extract, "--out", root.appendingPathComponent("bad").path, "--count-within", "5,5"])
    #expect(twice.status == 64 && twice.stderr.contains("option '--count-within' lists a value twice"))
}

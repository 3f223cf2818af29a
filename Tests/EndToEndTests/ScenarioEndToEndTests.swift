import Foundation
import Testing
import WalkshedTestSupport

private let parks = RepositoryPaths.network("scenarios/helsinki-pocket-parks.json")
private let greenway = RepositoryPaths.network("scenarios/helsinki-greenway.json")

/// Two scenarios on the Helsinki sample share one baseline; scenarios.csv is golden, and the
/// output is byte-identical with 1 and 2 threads.
@Test func scenariosWriteDifferenceGridsAndOneTable() throws {
    let root = RepositoryPaths.temporaryFolder("scenario")
    var tables: [String] = []
    for threads in ["1", "2"] {
        let out = root.appendingPathComponent("t\(threads)").path
        let outcome = try CommandRunner.run(["scenario", RepositoryPaths.network("helsinki.osm.pbf"), parks, greenway, "--out", out,
                                             "--population", "buildings", "--threads", threads, "--quiet"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.isEmpty, "--quiet prints nothing, not even the building estimate's rule: \(outcome.stderr)")
        #expect(outcome.stdout.contains("Scenario pocket-parks (walk, 15 min): +2 parks\n"))
        #expect(outcome.stdout.contains("Scenario greenway (walk, 15 min): +449 m of path, +1 services\n"))
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(out)/greenway").sorted()
        #expect(files.count == 22 && files.contains("park_minutes_change.asc") && files.contains("summary.json") && files.contains("map.json.gz"))
        tables.append(try String(contentsOfFile: "\(out)/scenarios.csv", encoding: .utf8)
                      + String(contentsOfFile: "\(out)/greenway/education_minutes_change.asc", encoding: .utf8))
    }
    #expect(tables[0] == tables[1])
    let csv = try String(contentsOfFile: root.appendingPathComponent("t1/scenarios.csv").path, encoding: .utf8)
    if let difference = Golden.mismatch(csv, name: "helsinki-scenarios.csv") { Issue.record("\(difference)") }
    // The new path and its market bring 7 cells within 15 minutes of food shopping, and make 71 faster.
    #expect(csv.contains("greenway,walk,cells,food_minutes,0.955752,0.976401,7,0,71,0,"))
}

@Test func aBrokenScenarioStopsTheRunAndWritesNothing() throws {
    let root = RepositoryPaths.temporaryFolder("scenario-bad")
    let out = root.appendingPathComponent("out").path
    let far = RepositoryPaths.temporaryFile(Array(#"{"version": 1, "name": "far", "edits": [{"type": "add_bridge", "from": [0, 0], "to": [0.001, 0]}]}"#.utf8),
                                            "far.json", label: "scenario-far")
    let outcome = try CommandRunner.run(["scenario", RepositoryPaths.network("helsinki.osm.pbf"), parks, far, "--out", out, "--quiet"])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("\(far): edits[0]: error: its end at ("), "\(outcome.stderr)")
    #expect(!FileManager.default.fileExists(atPath: "\(out)/scenarios.csv") && !FileManager.default.fileExists(atPath: "\(out)/pocket-parks"))
    let typo = RepositoryPaths.temporaryFile(Array(#"{"version": 1, "edits": [{"type": "close_way", "ways": [1]}]}"#.utf8), "typo.json", label: "scenario-typo")
    let unknown = try CommandRunner.run(["scenario", RepositoryPaths.network("helsinki.osm.pbf"), typo, "--out", out, "--quiet"])
    #expect(unknown.status == 1 && unknown.stderr.contains("\(typo): edits[0].type: error: unknown edit type 'close_way'"))
    let twice = try CommandRunner.run(["scenario", RepositoryPaths.network("helsinki.osm.pbf"), parks, parks, "--out", out, "--quiet"])
    #expect(twice.status == 1 && twice.stderr.contains("scenario name 'pocket-parks' is also the name of"))
}

/// `check --scenario`: the greenway (with its new market) lifts the cells within 15 minutes of
/// food shopping from 95.58 % to 97.64 %, so a 97 % target fails before and holds after.
@Test func checkWithAScenarioChecksTheChangedCity() throws {
    let targets = RepositoryPaths.temporaryFile(Array(#"{"version": 1, "targets": [{"measure": "food_minutes", "within": 15, "min_cell_share": 0.97}]}"#.utf8),
                                                "food.json", label: "check-scenario")
    let extract = RepositoryPaths.network("helsinki.osm.pbf")
    let before = try CommandRunner.run(["check", extract, targets, "--quiet"])
    #expect(before.status == 2 && before.stdout.contains("measured 95.58 % of cells"))
    let after = try CommandRunner.run(["check", extract, targets, "--scenario", greenway, "--quiet"])
    #expect(after.status == 0 && after.stdout.contains("measured 97.64 % of cells"), "\(after.stdout)")
}

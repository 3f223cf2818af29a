import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import WalkshedTestSupport

/// The example targets README's CI job uses, shipped with the samples.
let helsinkiTargetsPath = RepositoryPaths.network("targets/helsinki.json")

@Test func checkReportsEachTargetAndFailsWithTwo() throws {
    let root = RepositoryPaths.temporaryFolder("check")
    let helsinkiTargets = try String(contentsOfFile: helsinkiTargetsPath, encoding: .utf8)
    // README shows the shipped file as it is.
    let readme = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("```json\n" + helsinkiTargets + "```"))
    let targets = helsinkiTargetsPath
    let junit = root.appendingPathComponent("junit.xml").path
    let outcome = try CommandRunner.run(["check", RepositoryPaths.network("helsinki.osm.pbf"), targets, "--junit", junit, "--quiet"])
    // Parks within 5 minutes reach 84.07 % of cells, short of 90 %: exit 2, the others pass.
    #expect(outcome.status == 2, "\(outcome.stderr)")
    #expect(outcome.stdout.hasPrefix("population: none given; shares are of grid cells (pass --population FILE, or --population buildings to estimate residents from buildings)\nFAIL  parks within 5 minutes for most cells: measured 84.07 % of cells, required 90.00 %\n"))
    #expect(outcome.stdout.hasSuffix("3 of 4 targets hold.\n"))
    let xml = try String(contentsOf: URL(fileURLWithPath: junit), encoding: .utf8)
    if let difference = Golden.mismatch(xml, name: "check-junit.xml") { Issue.record("\(difference)") }
    // Targets that all hold exit 0; the same shares with 1 and 2 threads.
    let easy = RepositoryPaths.temporaryFile(Array(helsinkiTargets.replacingOccurrences(of: "0.9}", with: "0.8}").utf8), "easy.json", label: "check-easy")
    for threads in ["1", "2"] {
        let pass = try CommandRunner.run(["check", RepositoryPaths.network("helsinki.osm.pbf"), easy, "--quiet", "--threads", threads])
        #expect(pass.status == 0 && pass.stdout.hasPrefix("population: none given; shares are of grid cells (pass --population FILE, or --population buildings to estimate residents from buildings)\nPASS  parks within 5 minutes for most cells: measured 84.07 % of cells"))
    }
}

@Test func checkAgainstABaselineFailsARegression() throws {
    let root = RepositoryPaths.temporaryFolder("check-baseline")
    let extract = RepositoryPaths.network("helsinki.osm.pbf")
    let analysis = try CommandRunner.run(["analyze", extract, "--out", root.appendingPathComponent("before").path, "--quiet"])
    #expect(analysis.status == 0)
    let summary = root.appendingPathComponent("before/summary.json").path
    let targets = RepositoryPaths.temporaryFile(Array("""
        {"version": 1, "targets": [{"name": "food", "measure": "food_minutes", "within": 15, "min_cell_share": 0.5}]}
        """.utf8), "food.json", label: "check-food")
    // Same city, same rule: the share equals the baseline's 95.58 %.
    let same = try CommandRunner.run(["check", extract, targets, "--baseline", summary, "--quiet"])
    #expect(same.status == 0 && same.stdout.contains("measured 95.58 % of cells, required 50.00 %; baseline 95.58 %, tolerance 0.10 %"), "\(same.stdout)")
    // A baseline claiming 99 % makes today's 95.58 % a regression.
    let text = try String(contentsOf: URL(fileURLWithPath: summary), encoding: .utf8)
    let better = RepositoryPaths.temporaryFile(Array(text.replacingOccurrences(of: "\"share_meeting_budget\": 0.9558", with: "\"share_meeting_budget\": 0.9900").utf8),
                                               "better.json", label: "check-better")
    let junit = root.appendingPathComponent("regression.xml").path
    let worse = try CommandRunner.run(["check", extract, targets, "--baseline", better, "--junit", junit, "--quiet"])
    #expect(worse.status == 2 && worse.stdout.contains("baseline 99.00 %, tolerance 0.10 %: worse than the baseline"), "\(worse.stdout)")
    #expect(try String(contentsOf: URL(fileURLWithPath: junit), encoding: .utf8).contains("<failure type=\"regression\""))
}

@Test func checkErrorsExitOneAndWriteNothing() throws {
    let root = RepositoryPaths.temporaryFolder("check-errors")
    let junit = root.appendingPathComponent("junit.xml").path
    let bad = RepositoryPaths.temporaryFile(Array("{\"version\": 1, \"targets\": [{\"measure\": \"park_minutes\", \"min_cell_share\": 2}]}".utf8),
                                            "bad.json", label: "check-bad")
    let outcome = try CommandRunner.run(["check", RepositoryPaths.network("helsinki.osm.pbf"), bad, "--junit", junit])
    #expect(outcome.status == 1 && outcome.stderr.contains("\(bad): targets[0].min_cell_share: error: a share between 0 and 1, got 2.0"))
    // CI still gets a report: one test case in error, naming why.
    let xml = try String(contentsOfFile: junit, encoding: .utf8)
    #expect(xml.contains("errors=\"1\"") && xml.contains("<error type=\"error\" message=\"\(bad): targets[0].min_cell_share: error: a share between 0 and 1, got 2.0\"/>"))
    let people = RepositoryPaths.temporaryFile(Array("{\"version\": 1, \"targets\": [{\"name\": \"p\", \"measure\": \"park_minutes\", \"min_population_share\": 0.5}]}".utf8),
                                               "people.json", label: "check-people")
    let missing = try CommandRunner.run(["check", RepositoryPaths.network("helsinki.osm.pbf"), people])
    #expect(missing.status == 1 && missing.stderr.contains("\(people): error: target 'p' needs residents: pass --population"))
    let usage = try CommandRunner.run(["check", RepositoryPaths.network("helsinki.osm.pbf")])
    #expect(usage.status == 64 && usage.stderr.contains("expected <extract> and <targets.json>, got 1 arguments"))
}

/// A baseline that cannot be compared (another profile) fails the target instead of passing it
/// unchecked; JUnit says the failure is the baseline's.
@Test func aBaselineThatCannotBeComparedFailsTheTarget() throws {
    let root = RepositoryPaths.temporaryFolder("check-incomparable")
    let extract = RepositoryPaths.network("helsinki.osm.pbf")
    #expect(try CommandRunner.run(["analyze", extract, "--out", root.appendingPathComponent("walk").path, "--quiet"]).status == 0)
    let targets = RepositoryPaths.temporaryFile(Array("""
        {"version": 1, "targets": [{"name": "transit", "measure": "transit_minutes", "profile": "wheelchair", "within": 15, "min_cell_share": 0.5}]}
        """.utf8), "wheel.json", label: "check-wheel")
    let junit = root.appendingPathComponent("junit.xml").path
    let outcome = try CommandRunner.run(["check", extract, targets, "--baseline", root.appendingPathComponent("walk/summary.json").path,
                                         "--junit", junit, "--quiet"])
    #expect(outcome.status == 2, "\(outcome.stdout)\(outcome.stderr)")
    #expect(outcome.stdout.hasPrefix("population: none given; shares are of grid cells (pass --population FILE, or --population buildings to estimate residents from buildings)\nFAIL  transit: measured ") && outcome.stdout.contains("; baseline not comparable (it measured walk within 15.0 min): not checked against the baseline"))
    #expect(try String(contentsOfFile: junit, encoding: .utf8).contains("<failure type=\"baseline\""))
}

@Test func populationTargetsAgreeWithAnalyze() throws {
    guard RepositoryPaths.hasSharedData else { return }
    let root = RepositoryPaths.temporaryFolder("check-poa")
    let extract = RepositoryPaths.sharedData("porto-alegre.osm.pbf"), people = RepositoryPaths.sharedData("porto-alegre.hexgrid.csv")
    let analysis = try CommandRunner.run(["analyze", extract, "--population", people, "--out", root.appendingPathComponent("a").path, "--quiet"])
    #expect(analysis.status == 0)
    let targets = RepositoryPaths.temporaryFile(Array("""
        {"version": 1, "targets": [{"name": "transit", "measure": "transit_minutes", "within": 15, "min_population_share": 0.9}]}
        """.utf8), "transit.json", label: "check-transit")
    let outcome = try CommandRunner.run(["check", extract, targets, "--population", people, "--quiet",
                                         "--baseline", root.appendingPathComponent("a/summary.json").path])
    // 95.3 % of Porto Alegre's residents are within 15 minutes of a bus stop, as analyze says.
    #expect(outcome.status == 0 && outcome.stdout.contains("measured 95.26 % of residents, required 90.00 %; baseline 95.26 %"), "\(outcome.stdout)")
}

/// `--json`: each target's shares and verdict as the table prints them, the version and every
/// input's SHA-256 (the sample's as Networks/README.md gives it); a failed run writes its error.
@Test func checkWritesAMachineReadableResult() throws {
    let root = RepositoryPaths.temporaryFolder("check-json")
    let json = root.appendingPathComponent("result.json").path
    let outcome = try CommandRunner.run(["check", RepositoryPaths.network("helsinki.osm.pbf"), helsinkiTargetsPath, "--json", json, "--quiet"])
    #expect(outcome.status == 2)
    let result = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
    #expect(result["walkshed_version"] as? String == "0.1.0" && result["passed"] as? Bool == false)
    let inputs = result["inputs"] as! [[String: String]]
    #expect(inputs.map { $0["role"]! } == ["extract", "targets"])
    #expect(inputs[0]["sha256"] == "b73e9c2c82054d654209b0127f1c3287d5900d6780a6083bf3a45ead8ba3e5ee")
    let targets = result["targets"] as! [[String: Any]]
    let lines = outcome.stdout.split(separator: "\n").dropFirst().dropLast()   // after the population line
    #expect(targets.count == lines.count)
    for (target, line) in zip(targets, lines) {
        let passed = target["passed"] as! Bool
        #expect(line.hasPrefix(passed ? "PASS  " : "FAIL  ") && line.hasSuffix(target["message"] as! String))
        let measured = target["measured_share"] as! Double
        #expect(line.contains("measured \(String(format: "%.2f", measured * 100)) %"))
    }
    #expect(targets[0]["passed"] as? Bool == false && targets[0]["required_share"] as? Double == 0.9)

    let broken = RepositoryPaths.temporaryFile(Array("not a pbf".utf8), "broken.osm.pbf", label: "check-json-broken")
    let failed = try CommandRunner.run(["check", broken, helsinkiTargetsPath, "--json", json, "--quiet"])
    #expect(failed.status == 1)
    let error = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
    #expect(error["passed"] as? Bool == false && (error["error"] as? String)?.hasPrefix("\(broken): ") == true)
}

/// A target name with control characters (ESC, CR, a NUL-like 0x01) is shown escaped on the
/// terminal, where it cannot redraw a FAIL line as PASS, and in well-formed JUnit XML.
@Test func controlCharactersInNamesAreEscaped() throws {
    let root = RepositoryPaths.temporaryFolder("check-escape")
    let targets = RepositoryPaths.temporaryFile(Array(#"""
        {"version": 1, "targets": [{"name": "parks\u001b[2K\rPASS \u0001fake", "measure": "park_minutes", "within": 5, "min_cell_share": 0.99}]}
        """#.utf8), "escape.json", label: "check-escape")
    let junit = root.appendingPathComponent("junit.xml").path
    let outcome = try CommandRunner.run(["check", RepositoryPaths.network("helsinki.osm.pbf"), targets, "--junit", junit, "--quiet"])
    #expect(outcome.status == 2)
    #expect(outcome.stdout.contains("FAIL  parks\\u{1B}[2K\\u{D}PASS \\u{1}fake: measured 84.07 % of cells"), "\(outcome.stdout)")
    #expect(!outcome.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x0D || $0.value == 0x01 })
    let xml = try Data(contentsOf: URL(fileURLWithPath: junit))
    let parser = XMLParser(data: xml)
    #expect(parser.parse(), "JUnit XML not well-formed: \(String(describing: parser.parserError))")
    #expect(String(decoding: xml, as: UTF8.self).contains("name=\"parks\\u{1B}[2K\\u{D}PASS \\u{1}fake\""))
}

import Foundation
import Testing
import WalkshedTestSupport

func badFile(_ bytes: [UInt8], _ name: String) -> String {
    RepositoryPaths.temporaryFile(bytes, name, label: "bad-cli")
}

/// Runs analyze on `input`; checks exit 1, the first stderr line that is not progress, and
/// that no output folder appeared.
func expectDataError(_ input: String, message: (String) -> Bool) throws {
    let out = RepositoryPaths.temporaryFolder("bad-out").appendingPathComponent("result")
    let outcome = try CommandRunner.run(["analyze", input, "--out", out.path, "--quiet"])
    #expect(outcome.status == 1)
    #expect(message(outcome.stderr), "stderr was: \(outcome.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path), "a failed run left \(out.path) behind")
}

@Test func missingFile() throws {
    try expectDataError("/nonexistent/porto.osm.pbf") { $0 == "/nonexistent/porto.osm.pbf: error: no such file or directory\n" }
}

@Test func wrongMagic() throws {
    let path = badFile(Array("PK\u{3}\u{4} a zip, not a map".utf8), "zip.osm.pbf")
    // "PK\x03\x04" as a big-endian length is 0x504b0304 = 1,347,093,252.
    try expectDataError(path) { $0 == "\(path): byte 0: error: not an OSM PBF file: blob header length 1347093252 is outside 1...65536\n" }
}

@Test func truncatedPBF() throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.network("helsinki-test.osm.pbf"))))
    let path = badFile(Array(bytes[..<(bytes.count / 2)]), "half.osm.pbf")
    try expectDataError(path) { $0.hasPrefix("\(path): byte ") && $0.contains(": error: truncated file: blob needs ") }
}

@Test func brokenXML() throws {
    let path = badFile(Array("<osm version=\"0.6\">\n<node id=\"1\" lat=\"1\" lon=\"2\">\n<way id=\"3\">\n</osm>\n".utf8), "broken.osm")
    try expectDataError(path) { $0 == "\(path): line 4, column 7: error: </osm> does not close <way>\n" }
}

@Test func failedRunLeavesEarlierResultsUntouched() throws {
    let out = RepositoryPaths.temporaryFolder("keep")
    let marker = out.appendingPathComponent("park_minutes.asc")
    try "earlier result\n".write(to: marker, atomically: true, encoding: .utf8)
    let outcome = try CommandRunner.run(["analyze", "/nonexistent.osm.pbf", "--out", out.path, "--quiet", "--force"])
    #expect(outcome.status == 1)
    #expect(try String(contentsOf: marker, encoding: .utf8) == "earlier result\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["park_minutes.asc"])
}

@Test func outputFolderWhoseParentIsMissingFailsBeforeWork() throws {
    let outcome = try CommandRunner.run(["analyze", RepositoryPaths.network("helsinki-test.osm.pbf"), "--out", "/nonexistent/dir/out"])
    #expect(outcome.status == 1)
    #expect(outcome.stderr == "/nonexistent/dir/out: error: cannot create output folder: /nonexistent/dir does not exist\n")
}

/// A pipe or FIFO carrying a valid extract is read (it has no size to seek in, so it is read
/// whole), whatever it carries; UTF-16 XML and a folder are named for what they are.
@Test func streamsAreReadAndOddInputsNamed() throws {
    let root = RepositoryPaths.temporaryFolder("streams")
    let expected = try CommandRunner.run(["info", RepositoryPaths.network("helsinki.osm.pbf"), "--quiet"])
    let body = expected.stdout.split(separator: "\n").dropFirst().joined(separator: "\n")   // the first line names the file
    for source in ["helsinki.osm.pbf", "helsinki-test.osm"] {
        let fifo = root.appendingPathComponent("\(source).fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let feeder = Process()
        feeder.executableURL = URL(fileURLWithPath: "/bin/sh")
        feeder.arguments = ["-c", "cat \"$0\" > \"$1\"", RepositoryPaths.network(source), fifo]
        try feeder.run()
        let info = try CommandRunner.run(["info", fifo, "--quiet"])
        feeder.waitUntilExit()
        #expect(info.status == 0, "\(source): \(info.stderr)")
        if source.hasSuffix(".pbf") { #expect(info.stdout.split(separator: "\n").dropFirst().joined(separator: "\n") == body) }
    }
    let xml = try String(contentsOfFile: RepositoryPaths.network("helsinki-test.osm"), encoding: .utf8)
    let utf16 = root.appendingPathComponent("utf16.osm").path
    try xml.data(using: .utf16)!.write(to: URL(fileURLWithPath: utf16))
    let refused = try CommandRunner.run(["info", utf16, "--quiet"])
    #expect(refused.status == 1 && refused.stderr.contains("\(utf16): error: UTF-16 text; OSM XML must be UTF-8"), "\(refused.stderr)")
    let folder = try CommandRunner.run(["info", root.path, "--quiet"])
    #expect(folder.status == 1 && folder.stderr.contains("\(root.path): error: is a directory, expected an extract file"), "\(folder.stderr)")
}

/// Numbers beyond their valid range (README, "Exit codes and errors") are refused naming file
/// and place; within it nothing traps — a 1 m surface model with 40 m walls included.
@Test func numbersOutsideTheirRangeAreRefused() throws {
    let root = RepositoryPaths.temporaryFolder("ranges")
    let extract = RepositoryPaths.network("helsinki.osm.pbf")
    func file(_ name: String, _ text: String) throws -> String {
        let path = root.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
    func analyze(_ extra: [String]) throws -> CommandRunner.Outcome {
        try CommandRunner.run(["analyze", extract, "--out", root.appendingPathComponent("out-\(extra.count)-\(extra.last!.count)").path, "--quiet",
                               "--format", "asc"] + extra)
    }
    let csv = try file("pop.csv", "lon,lat,population\n24.94,60.17,1e308\n")
    #expect(try analyze(["--population", csv]).stderr == "\(csv): line 2: error: population 1e+308 is beyond 0 … 1000000000 at one point\n")
    let grid = try file("pop.asc", "ncols 2\nnrows 1\nxllcorner 24.93\nyllcorner 60.16\ncellsize 0.01\nNODATA_value -9999\n5 1e308\n")
    #expect(try analyze(["--population", grid]).stderr == "\(grid): error: row 1, column 2: population 1e+308 is beyond 0 … 1000000000 in one cell\n")
    let floor = try CommandRunner.run(["indicators", extract, "--out", root.appendingPathComponent("i").path, "--population", "buildings",
                                       "--floor-area", "1e-300"])
    #expect(floor.status == 64 && floor.stderr.hasPrefix("Error: option '--floor-area-m2' takes a value in 1 … 10000, got '1e-300'"))
    let high = try file("high.asc", "ncols 2\nnrows 1\nxllcorner 24.93\nyllcorner 60.16\ncellsize 0.01\nNODATA_value -9999\n5 1e6\n")
    #expect(try analyze(["--dem", high]).stderr == "\(high): error: row 1, column 2: elevation 1000000.0 m is beyond -500 … 9000 m\n")
    // check --baseline with a share of 1e308.
    let base = root.appendingPathComponent("base")
    #expect(try CommandRunner.run(["analyze", extract, "--out", base.path, "--quiet", "--format", "asc"]).status == 0)
    let summary = try String(contentsOf: base.appendingPathComponent("summary.json"), encoding: .utf8)
    let first = summary.range(of: "\"share_meeting_budget\": ")!
    let edited = summary.replacingCharacters(in: first.upperBound..<summary[first.upperBound...].firstIndex(of: ",")!, with: "1e308")
    let baseline = try file("baseline.json", edited)
    let check = try CommandRunner.run(["check", extract, RepositoryPaths.network("targets/helsinki.json"), "--baseline", baseline, "--quiet"])
    #expect(check.status == 1 && check.stderr.contains("\(baseline): measures[0].share_meeting_budget: error: park_minutes: share 1e+308 is beyond 0 … 1"),
            "\(check.stderr)")
    // A 1 m surface model with 40 m walls every 3 m (a DSM over buildings): walked, slowly, without a trap.
    var rows = "ncols 2500\nnrows 2500\nxllcorner 384800\nyllcorner 6670800\ncellsize 1\nNODATA_value -9999\n"
    let row = (0..<2500).map { ($0 / 3) % 2 == 0 ? "0" : "40" }.joined(separator: " ") + "\n"
    for _ in 0..<2500 { rows += row }
    let walls = try file("walls.asc", rows)
    try "PROJCS[\"WGS_1984_UTM_Zone_35N\",GEOGCS[\"GCS_WGS_1984\"]]".write(toFile: root.appendingPathComponent("walls.prj").path, atomically: true, encoding: .utf8)
    let walled = try analyze(["--dem", walls])
    #expect(walled.status == 0, "\(walled.stderr)")
}

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

import Foundation
import Testing
import WalkshedTestSupport

private let helsinki = RepositoryPaths.network("helsinki.osm.pbf")

/// The file type bits of `path` (not following a link).
private func fileType(_ path: String) -> mode_t {
    var status = stat()
    return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
}

/// Single-file outputs write into what the path names: a symbolic link is followed (it stays a
/// link), a device or FIFO is written into (it stays one), never renamed over.
@Test func singleFileOutputsNeverReplaceDevicesOrLinks() throws {
    let root = RepositoryPaths.temporaryFolder("output-targets")
    let iso = ["isochrone", helsinki, "--from", "24.9384,60.1699", "--minutes", "5", "--quiet"]
    // /dev/null stays the device (as root a rename over it would make it a regular file).
    let null = try CommandRunner.run(iso + ["--out", "/dev/null"])
    #expect(null.status == 0, "\(null.stderr)")
    #expect(fileType("/dev/null") == S_IFCHR)
    // /dev/stdout is the pipe the runner reads: the GeoJSON arrives there.
    let stdout = try CommandRunner.run(iso + ["--out", "/dev/stdout"])
    #expect(stdout.status == 0 && stdout.stdout.hasPrefix("{\"type\":\"FeatureCollection\""), "\(stdout.stderr)")
    // A new file in /dev/shm (a tmpfs of regular files) is written like any new file.
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isFolder), isFolder.boolValue {
        let shm = "/dev/shm/walkshed-test-\(getpid()).geojson"
        #expect(try CommandRunner.run(iso + ["--out", shm]).status == 0)
        #expect(fileType(shm) == S_IFREG)
        try? FileManager.default.removeItem(atPath: shm)
    }
    // A link to a regular file: the file gets the output, the link stays a link.
    let real = root.appendingPathComponent("real.geojson").path, link = root.appendingPathComponent("link.geojson").path
    try "old".write(toFile: real, atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
    #expect(try CommandRunner.run(iso + ["--out", link]).status == 0)
    #expect(fileType(link) == S_IFLNK)
    #expect(try String(contentsOfFile: real, encoding: .utf8).hasPrefix("{\"type\":\"FeatureCollection\""))
    // A link to nothing is refused by name.
    let dangling = root.appendingPathComponent("dangling.geojson").path
    try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: root.appendingPathComponent("missing/x.geojson").path)
    let refused = try CommandRunner.run(iso + ["--out", dangling])
    #expect(refused.status == 1 && refused.stderr.contains("\(dangling): error: is a symbolic link to a missing file"))
    // A FIFO gets the JUnit XML through it and stays a FIFO.
    let fifo = root.appendingPathComponent("junit.fifo").path
    #expect(mkfifo(fifo, 0o644) == 0)
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: "/bin/cat")
    reader.arguments = [fifo]
    let pipe = Pipe()
    reader.standardOutput = pipe
    try reader.run()
    let check = try CommandRunner.run(["check", helsinki, RepositoryPaths.network("targets/helsinki.json"), "--junit", fifo, "--quiet"])
    let received = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    reader.waitUntilExit()
    #expect(check.status == 2, "\(check.stderr)")
    #expect(received.hasPrefix("<?xml") && received.contains("<testsuite"))
    #expect(fileType(fifo) == S_IFIFO)
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).allSatisfy { !$0.hasSuffix(".tmp") })
}

/// A run holds its output folder for the whole run: a second run into it (even with --force)
/// fails at once naming the first, and the first completes with its own results alone.
@Test func aSecondRunIntoAFolderInUseFailsClearly() throws {
    let root = RepositoryPaths.temporaryFolder("output-lock")
    let out = root.appendingPathComponent("out").path
    let lockFile = root.appendingPathComponent(".out.walkshed-lock").path
    let first = Process()
    first.executableURL = URL(fileURLWithPath: CommandRunner.binary)
    first.arguments = ["analyze", helsinki, "--out", out, "--cell", "25", "--quiet", "--format", "asc", "--force"]
    first.standardOutput = FileHandle.nullDevice
    first.standardError = FileHandle.nullDevice
    try first.run()
    let deadline = Date().addingTimeInterval(30)
    while !FileManager.default.fileExists(atPath: lockFile) && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    let second = try CommandRunner.run(["analyze", helsinki, "--out", out, "--cell", "101", "--quiet", "--format", "asc", "--force"])
    first.waitUntilExit()
    #expect(first.terminationStatus == 0)
    #expect(second.status == 1 && second.stderr.contains("\(out): error: another walkshed run (pid \(first.processIdentifier)) is writing this folder"),
            "\(second.stderr)")
    #expect(try String(contentsOfFile: "\(out)/park_minutes.asc", encoding: .utf8).contains("cellsize     25.000"))
    #expect(!FileManager.default.fileExists(atPath: lockFile), "the lock file goes with the run")
    // Free again: a later run takes the folder.
    #expect(try CommandRunner.run(["analyze", helsinki, "--out", out, "--quiet", "--format", "asc", "--force"]).status == 0)
}

/// Temporaries that dead runs left (their pid in the name) are removed when a run writes into
/// the folder; those of a live process stay.
@Test func temporariesOfDeadRunsAreRemoved() throws {
    let root = RepositoryPaths.temporaryFolder("stale-temporaries")
    let out = root.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    let dead = Process()
    dead.executableURL = URL(fileURLWithPath: "/bin/true")
    try dead.run()
    dead.waitUntilExit()
    let stale = ".park_minutes.asc.\(dead.processIdentifier).tmp", live = ".park_minutes.asc.\(getpid()).tmp"
    for name in [stale, live] { try Data(count: 1000).write(to: out.appendingPathComponent(name)) }
    #expect(try CommandRunner.run(["analyze", helsinki, "--out", out.path, "--quiet", "--format", "asc"]).status == 0)
    let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
    #expect(!names.contains(stale) && names.contains(live))
}

/// An interrupt before the results are ready leaves no new folder behind (README: the folder
/// is made only when results are ready), nor the lock file.
@Test func anInterruptedRunIntoANewFolderLeavesNothing() throws {
    let root = RepositoryPaths.temporaryFolder("interrupt-new")
    var interrupted = 0
    for delay in stride(from: 0.2, through: 3.0, by: 0.4) {
        let target = root.appendingPathComponent("run-\(delay)")
        let log = root.appendingPathComponent("log-\(delay).txt").path
        #expect(FileManager.default.createFile(atPath: log, contents: nil))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
        process.arguments = ["analyze", helsinki, "--quiet", "--cell", "25", "--threads", "2", "--out", target.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let status = process.terminationStatus, message = try String(contentsOfFile: log, encoding: .utf8)
        try FileManager.default.removeItem(atPath: log)
        #expect(status == 0 || status == 130, "delay \(delay): exit \(status)")
        if status == 130 {
            interrupted += 1
            // Either nothing, or (interrupted after the commit) the complete set, and the message says which.
            if FileManager.default.fileExists(atPath: target.path) {
                #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("summary.json").path), "delay \(delay): a folder without results")
                #expect(message.contains("after the results were written; they are complete"), "delay \(delay): \(message)")
            } else {
                #expect(message.contains("no partial output was left"), "delay \(delay): \(message)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".run-\(delay).walkshed-lock").path))
    }
    #expect(interrupted > 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).allSatisfy { !$0.hasPrefix(".") }, "nothing hidden left")
}

/// Runs walkshed with stdout and stderr on the given files; returns the exit status.
private func run(_ arguments: [String], stdout: String, stderr: String) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
    process.arguments = arguments
    process.standardOutput = FileHandle(forWritingAtPath: stdout)
    process.standardError = FileHandle(forWritingAtPath: stderr)
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

/// Results that cannot reach stdout (a full device) fail the run with a message; progress that
/// cannot reach stderr never stops or crashes it.
@Test func failedWritesToStandardStreams() throws {
    let root = RepositoryPaths.temporaryFolder("full-streams")
    let log = root.appendingPathComponent("stderr.txt").path
    for arguments in [["info", helsinki], ["analyze", helsinki, "--out", root.appendingPathComponent("a").path, "--format", "asc"],
                      ["isochrone", helsinki, "--from", "24.9384,60.1699"]] {
        #expect(FileManager.default.createFile(atPath: log, contents: nil))
        #expect(try run(arguments + ["--quiet"], stdout: "/dev/full", stderr: log) == 1, "\(arguments[0])")
        #expect(try String(contentsOfFile: log, encoding: .utf8)
            .contains("walkshed: error: cannot write the results to standard output: No space left on device"), "\(arguments[0])")
    }
    // Progress into a full device: the analysis runs to the end and writes its results.
    let out = root.appendingPathComponent("b")
    #expect(try run(["analyze", helsinki, "--out", out.path, "--format", "asc"], stdout: "/dev/null", stderr: "/dev/full") == 0)
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("park_minutes.asc").path))
}

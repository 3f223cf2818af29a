import Foundation
import Testing
import WalkshedTestSupport

let sample = RepositoryPaths.network("helsinki.osm.pbf")

@Test func earlierResultsNeedForce() throws {
    let out = RepositoryPaths.temporaryFolder("force").appendingPathComponent("result")
    #expect(try CommandRunner.run(["analyze", sample, "--out", out.path, "--quiet", "--cell", "200"]).status == 0)
    let again = try CommandRunner.run(["analyze", sample, "--out", out.path, "--quiet", "--cell", "200"])
    #expect(again.status == 1)
    #expect(again.stderr == "\(out.path): error: already holds results (categories_within.tif); pass --force to overwrite them\n")
    #expect(try CommandRunner.run(["analyze", sample, "--out", out.path, "--quiet", "--cell", "200", "--force"]).status == 0)
}

@Test func oversizedAnalysisIsRefusedBeforeItStarts() throws {
    let out = RepositoryPaths.temporaryFolder("memory").appendingPathComponent("result")
    let outcome = try CommandRunner.run(["analyze", sample, "--out", out.path, "--cell", "1", "--max-memory", "200"])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("\(sample): error: the analysis would need about "))
    #expect(outcome.stderr.contains(" cells of 1.0 m), over the 200 MiB allowed (--max-memory-mib); use a larger --cell-m or a smaller extract"))
    #expect(!outcome.stderr.contains("snapping"))   // refused before the grid was built
    #expect(!FileManager.default.fileExists(atPath: out.path))
}

func runAndSignal(_ arguments: [String], signal: Int32, after seconds: Double) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: seconds)
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    return process.terminationStatus
}

func contents(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
        files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return files
}

/// Interrupts runs at a spread of moments, from loading to writing. Each interrupted run must
/// exit 130/143 and leave the folder holding exactly the old results or exactly the new ones
/// (old: 10-minute budget, new: 15), never a mix, a half-written file or a temp file.
@Test(arguments: [(SIGINT, 130), (SIGTERM, 143)] as [(Int32, Int32)])
func interruptedRunsLeaveOldOrNewResultsNeverAMix(signal: Int32, code: Int32) throws {
    let root = RepositoryPaths.temporaryFolder("interrupt")
    let old = root.appendingPathComponent("old"), new = root.appendingPathComponent("new")
    let common = [sample, "--quiet", "--cell", "25", "--threads", "2"]
    #expect(try CommandRunner.run(["analyze"] + common + ["--out", old.path, "--minutes", "10"]).status == 0)
    #expect(try CommandRunner.run(["analyze"] + common + ["--out", new.path, "--minutes", "15"]).status == 0)
    var (oldFiles, newFiles) = (try contents(old), try contents(new))
    oldFiles["summary.json"] = nil; newFiles["summary.json"] = nil   // wall times differ run to run
    var interrupted = 0
    for delay in stride(from: 0.1, through: 3.0, by: 0.25) {
        let target = root.appendingPathComponent("run-\(delay)")
        try FileManager.default.copyItem(at: old, to: target)
        let status = try runAndSignal(["analyze"] + common + ["--out", target.path, "--minutes", "15", "--force"], signal: signal, after: delay)
        #expect(status == 0 || status == code, "delay \(delay): exit \(status)")
        if status == code { interrupted += 1 }
        var files = try contents(target)
        #expect(files.keys.allSatisfy { !$0.hasSuffix(".tmp") }, "delay \(delay): temp file left")
        #expect(files["summary.json"] != nil)
        files["summary.json"] = nil
        let differing = Set(files.keys).union(oldFiles.keys).filter { files[$0] != oldFiles[$0] }.sorted()
        #expect(files == oldFiles || files == newFiles, "delay \(delay): neither the old nor the new set; differs from old in \(differing)")
    }
    #expect(interrupted > 0)
}

/// /proc accepts no new files, even from root (for whom permission bits say yes).
@Test func unwritableOutputFolderFailsBeforeWork() throws {
    let outcome = try CommandRunner.run(["analyze", sample, "--out", "/proc/walkshed-out"])
    #expect(outcome.status == 1)
    #expect(outcome.stderr == "/proc/walkshed-out: error: cannot create output folder: /proc is not writable\n")
}

/// The default memory budget is a share of the least of physical memory, `ulimit -v` and the
/// cgroup's limit: under `ulimit -v`, an extract that cannot be read is refused before
/// reading, naming the limit, instead of aborting mid-way ("failed to allocate", exit 134).
@Test func theProcessMemoryLimitIsTheDefaultBudget() throws {
    let root = RepositoryPaths.temporaryFolder("rlimit")
    let big = root.appendingPathComponent("big.osm.pbf").path
    #expect(FileManager.default.createFile(atPath: big, contents: nil))
    #expect(truncate(big, 300 << 20) == 0)   // 300 MB, sparse: its size is what counts
    for command in ["analyze \"$1\" --out \"$2\"", "info \"$1\"", "import \"$1\" --out \"$2.wsn\""] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "ulimit -v 600000 && exec \"$0\" \(command) --quiet", CommandRunner.binary, big, root.appendingPathComponent("out").path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(command): \(stderr)")
        #expect(stderr.hasPrefix("\(big): error: reading it needs about ") && stderr.contains(" MiB allowed (80% of ulimit -v, 586 MiB)"), "\(stderr)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["big.osm.pbf"], "nothing else left")
}

/// Options that would take memory or output in proportion to them are checked against the
/// budget before any work (README, "Exit codes and errors").
@Test func optionsThatWouldExhaustResourcesAreRefusedBeforeWork() throws {
    let root = RepositoryPaths.temporaryFolder("resource-options")
    let iso = try CommandRunner.run(["isochrone", sample, "--from", "24.9384,60.1699", "--buffer-m", "5000", "--raster-m", "0.5"])
    #expect(iso.status == 64 && iso.stderr.hasPrefix("Error: a 0.5 m raster over the reach of 15 min and a 5000 m buffer may need 739840000 cells"),
            "\(iso.stderr)")
    let parks = try CommandRunner.run(["suggest", "parks", sample, "--population", "buildings", "--spacing-m", "0.5", "--max-memory-mib", "2000",
                                       "--out", root.appendingPathComponent("parks").path, "--quiet"])
    #expect(parks.status == 1 && parks.stderr.contains("error: a candidate grid of 0.5 m has ") && parks.stderr.contains("over the 2000 MiB allowed (--max-memory-mib)"),
            "\(parks.stderr)")
    let huge = try CommandRunner.run(["analyze", sample, "--cell-m", "1", "--format", "all", "--out", root.appendingPathComponent("cells").path, "--quiet"])
    #expect(huge.status == 1 && huge.stderr.contains("error: the analysis would write about 2.3 GiB (3759464 cells of 1.0 m); pass --force"), "\(huge.stderr)")
    // A detour factor under 1 made every pair of nodes a candidate link (over 45 s).
    let links = try CommandRunner.run(["suggest", "links", sample, "--population", "buildings", "--detour", "0.5", "--out", root.appendingPathComponent("links").path])
    #expect(links.status == 64 && links.stderr.hasPrefix("Error: option '--detour' takes a value in 1 … 1000, got '0.5'"), "\(links.stderr)")
    // Every command that reads an extract takes the budget.
    for command in [["export", sample, "--out", root.appendingPathComponent("export").path], ["info", sample], ["import", sample, "--out", root.appendingPathComponent("x.wsn").path]] {
        let refused = try CommandRunner.run(command + ["--max-memory-mib", "1", "--quiet"])
        #expect(refused.status == 1 && refused.stderr.contains("error: reading it needs about ") && refused.stderr.contains("over the 1 MiB allowed (--max-memory-mib)"),
                "\(command[0]): \(refused.stderr)")
    }
    for name in ["parks", "cells", "links", "export", "x.wsn"] { #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path)) }
}

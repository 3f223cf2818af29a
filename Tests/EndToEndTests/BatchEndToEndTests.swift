import Foundation
import Testing
import WalkshedTestSupport

/// Helsinki cut in two districts along longitude 24.945 (names with a comma and a dash, to
/// exercise folder slugs and CSV quoting).
let helsinkiDistricts = """
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"district": "Kamppi–Punavuori"},
  "geometry": {"type": "Polygon", "coordinates": [[[24.90, 60.15], [24.945, 60.15], [24.945, 60.19], [24.90, 60.19], [24.90, 60.15]]]}},
 {"type": "Feature", "properties": {"district": "Kruununhaka, Katajanokka"},
  "geometry": {"type": "Polygon", "coordinates": [[[24.945, 60.15], [24.99, 60.15], [24.99, 60.19], [24.945, 60.19], [24.945, 60.15]]]}}]}
"""

/// A manifest of five units in `folder`: Helsinki walk and wheelchair with a scenario and
/// targets, the small test extract, and Helsinki's two districts (one extract, read once).
func batchManifest(in folder: URL, extraStudies: String = "") throws -> String {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try helsinkiDistricts.write(to: folder.appendingPathComponent("districts.geojson"), atomically: true, encoding: .utf8)
    let manifest = """
    {"version": 1, "options": {"cell": 250, "profiles": ["walk"], "budgets": [15, 10]},
     "studies": [
      {"label": "helsinki", "extract": "\(RepositoryPaths.network("helsinki.osm.pbf"))", "population": "buildings",
       "profiles": ["walk", "wheelchair"], "scenarios": ["\(RepositoryPaths.network("scenarios/helsinki-pocket-parks.json"))"],
       "targets": "\(RepositoryPaths.network("targets/helsinki.json"))"},
      {"label": "helsinki-test", "extract": "\(RepositoryPaths.network("helsinki-test.osm.pbf"))", "budgets": [15]},
      {"label": "districts", "extract": "\(RepositoryPaths.network("helsinki.osm.pbf"))", "population": "buildings",
       "boundaries": "districts.geojson", "boundary_name": "district"}\(extraStudies)]}
    """
    let path = folder.appendingPathComponent("manifest.json").path
    try manifest.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

let batchUnits = ["helsinki--walk", "helsinki--wheelchair", "helsinki-test--walk", "districts--kamppi-punavuori--walk",
                  "districts--kruununhaka-katajanokka--walk"]

/// Every file under `folder` (relative path → bytes), without the per-run `complete.json`.
func batchFiles(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder.path)!
    while let relative = enumerator.nextObject() as? String {
        let url = folder.appendingPathComponent(relative)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
              !relative.hasSuffix("complete.json") else { continue }
        files[relative] = try Data(contentsOf: url)
    }
    return files
}

func startBatch(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
    process.arguments = ["batch"] + arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

/// Three shards run as concurrent processes give, after merge, exactly the single-process
/// result: every unit folder and the merged table, byte for byte. A shard killed in the
/// middle of a unit and run again ends with the same files, skipping what it had finished.
@Test func shardsMergeToTheSingleProcessResultAndAKilledShardResumes() throws {
    let root = RepositoryPaths.temporaryFolder("batch")
    let manifest = try batchManifest(in: root)
    let single = root.appendingPathComponent("single"), sharded = root.appendingPathComponent("sharded")
    let one = try CommandRunner.run(["batch", manifest, "--out", single.path, "--quiet", "--threads", "1"])
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("done ") }.count == 5)
    #expect(try CommandRunner.run(["merge", single.path]).status == 0)

    let shards = try (0..<3).map { try startBatch([manifest, "--out", sharded.path, "--shard", "\($0)/3", "--quiet", "--threads", "2"]) }
    for shard in shards { shard.waitUntilExit(); #expect(shard.terminationStatus == 0) }
    let merged = try CommandRunner.run(["merge", sharded.path])
    #expect(merged.status == 0, "\(merged.stderr)")
    let (a, b) = (try batchFiles(single), try batchFiles(sharded))
    #expect(a.keys.sorted() == b.keys.sorted())
    for (name, bytes) in a { #expect(b[name] == bytes, "\(name) differs") }
    #expect(a["merged.csv"] != nil && a["cities.html"] != nil && a["units/districts--kamppi-punavuori--walk/park_minutes.asc"] != nil)

    // Kill a shard as soon as its first unit is complete. A unit is written in a few
    // milliseconds, so the kill may or may not land inside the next one's partial folder; when
    // it does not, one is left as a kill there would leave it (a complete unit's files without
    // complete.json, under the next unit's partial name), so the rerun always meets one.
    let killed = root.appendingPathComponent("killed")
    let process = try startBatch([manifest, "--out", killed.path, "--quiet", "--threads", "1"])
    let units = killed.appendingPathComponent("units")
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: units.path)) ?? []
        if names.contains(where: { !$0.hasPrefix(".") }) { break }
        Thread.sleep(forTimeInterval: 0.002)
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    var left = try FileManager.default.contentsOfDirectory(atPath: units.path)
    #expect(left.filter { !$0.hasPrefix(".") }.count < 5, "the batch ended before the kill: \(left)")
    if !left.contains(where: { $0.hasPrefix(".partial-") }),
       let done = left.first(where: { !$0.hasPrefix(".") }),
       let next = try FileManager.default.contentsOfDirectory(atPath: single.appendingPathComponent("units").path).sorted()
           .first(where: { !left.contains($0) }) {
        let partial = units.appendingPathComponent(".partial-\(next)-\(process.processIdentifier)")
        try FileManager.default.copyItem(at: units.appendingPathComponent(done), to: partial)
        try FileManager.default.removeItem(at: partial.appendingPathComponent("complete.json"))
        left = try FileManager.default.contentsOfDirectory(atPath: units.path)
    }
    #expect(left.contains { $0.hasPrefix(".partial-") }, "no half-written unit: \(left)")
    let rerun = try CommandRunner.run(["batch", manifest, "--out", killed.path, "--quiet", "--threads", "1"])
    #expect(rerun.status == 0)
    #expect(rerun.stdout.contains("skipped  helsinki--walk (already complete)") || rerun.stdout.contains("skipped  "))
    #expect(!(try FileManager.default.contentsOfDirectory(atPath: units.path)).contains { $0.hasPrefix(".") })
    #expect(try CommandRunner.run(["merge", killed.path]).status == 0)
    let c = try batchFiles(killed)
    #expect(a.keys.sorted() == c.keys.sorted())
    for (name, bytes) in a { #expect(c[name] == bytes, "\(name) differs after the rerun") }

    // The merged table: one row per unit, scenario and budget, in plan order.
    let rows = String(decoding: a["merged.csv"]!, as: UTF8.self).split(separator: "\n").map(String.init)
    #expect(rows.count == 1 + 2 * 2 + 2 * 2 + 1 + 2 + 2)
    #expect(rows[1].hasPrefix("helsinki,,walk,baseline,15.00,"))
    #expect(rows.contains { $0.hasPrefix("helsinki,,walk,pocket-parks,10.00,") })
    #expect(rows.contains { $0.hasPrefix("districts,\"Kruununhaka, Katajanokka\",walk,baseline,15.00,") })
}

/// The targets a unit measures are `walkshed check`'s, for its profile, before and after the scenario.
@Test func batchTargetsAgreeWithCheck() throws {
    let root = RepositoryPaths.temporaryFolder("batch-targets")
    let manifest = try batchManifest(in: root)
    let out = root.appendingPathComponent("out")
    #expect(try CommandRunner.run(["batch", manifest, "--out", out.path, "--shard", "0/1", "--quiet"]).status == 0)
    struct Unit: Decodable { struct Row: Decodable { var scenario: String; var targets: [Target] }; struct Target: Decodable { var name: String; var share: Double }; var rows: [Row] }
    for (unit, profile) in [("helsinki--walk", "walk"), ("helsinki--wheelchair", "wheelchair")] {
        let document = try JSONDecoder().decode(Unit.self, from: Data(contentsOf: out.appendingPathComponent("units/\(unit)/figures.json")))
        for (scenario, extra) in [("baseline", [String]()), ("pocket-parks", ["--scenario", RepositoryPaths.network("scenarios/helsinki-pocket-parks.json")])] {
            let check = try CommandRunner.run(["check", RepositoryPaths.network("helsinki.osm.pbf"), RepositoryPaths.network("targets/helsinki.json"),
                                               "--cell", "250", "--quiet"] + extra)
            let row = document.rows.first { $0.scenario == scenario }!
            let lines = check.stdout.split(separator: "\n").filter { $0.contains("measured") }
            let mine = lines.filter { profile == "walk" ? !$0.contains("(wheelchair)") : $0.contains("(wheelchair)") }
            #expect(mine.count == row.targets.count && !mine.isEmpty)
            for (line, target) in zip(mine, row.targets) {
                let percent = String(format: "%.2f", target.share * 100)
                #expect(line.contains("\(target.name): measured \(percent) % of cells"), "\(unit) \(scenario): \(line) vs \(percent)")
            }
        }
    }
}

/// A unit whose extract is broken is reported (exit 2, failed/<id>.json naming the file and
/// place) while the others complete; merge refuses the incomplete batch unless --partial.
@Test func aBrokenExtractFailsItsUnitsOnly() throws {
    let root = RepositoryPaths.temporaryFolder("batch-broken")
    let broken = root.appendingPathComponent("broken.osm.pbf")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try Data([0, 0, 0, 9] + Array("OSMHeader".utf8)).write(to: broken)
    let manifest = """
    {"version": 1, "options": {"cell": 250},
     "studies": [{"label": "broken", "extract": "broken.osm.pbf"},
                 {"label": "small", "extract": "\(RepositoryPaths.network("helsinki-test.osm.pbf"))", "profiles": ["walk", "bike"]}]}
    """
    let path = root.appendingPathComponent("manifest.json").path
    try manifest.write(toFile: path, atomically: true, encoding: .utf8)
    let out = root.appendingPathComponent("out")
    let run = try CommandRunner.run(["batch", path, "--out", out.path, "--quiet"])
    #expect(run.status == 2)
    #expect(run.stdout.contains("FAILED   broken--walk: \(broken.path): byte 0: error: "))
    #expect(run.stdout.contains("done     small--walk") && run.stdout.contains("done     small--bike"))
    #expect(run.stdout.contains("shard 0/1: 2 done, 0 already complete, 1 failed"))
    let failure = try String(contentsOf: out.appendingPathComponent("failed/broken--walk.json"), encoding: .utf8)
    #expect(failure.contains("\"unit\" : \"broken--walk\"") && failure.contains(broken.path))

    let merge = try CommandRunner.run(["merge", out.path])
    #expect(merge.status == 1)
    #expect(merge.stderr.contains("1 of 3 units are not complete:\n  broken--walk: failed: \(broken.path): byte 0: error: "))
    #expect(merge.stderr.contains("Error: \(out.path): the batch is incomplete; run the missing shards, or pass --partial to merge what is there"))
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("merged.csv").path))
    let partial = try CommandRunner.run(["merge", out.path, "--partial"])
    #expect(partial.status == 0)
    let csv = try String(contentsOf: out.appendingPathComponent("merged.csv"), encoding: .utf8)
    #expect(csv.split(separator: "\n").count == 1 + 2 && csv.contains("\nsmall,,bike,baseline,15.00,"))

    // Fixed and run again: only the failed unit runs, and its failure record is gone.
    try FileManager.default.copyItem(atPath: RepositoryPaths.network("helsinki-test.osm.pbf"), toPath: root.appendingPathComponent("fixed.osm.pbf").path)
    try FileManager.default.removeItem(at: broken)
    try FileManager.default.moveItem(at: root.appendingPathComponent("fixed.osm.pbf"), to: broken)
    let again = try CommandRunner.run(["batch", path, "--out", out.path, "--quiet"])
    #expect(again.status == 0)
    #expect(again.stdout.contains("done     broken--walk") && again.stdout.contains("skipped  small--walk (already complete)"))
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("failed/broken--walk.json").path))
}

/// For every shard count from 1 to 5, the shards' unit lists cover every unit exactly once;
/// the scheduler's variables name the same shard as --shard.
@Test func everyUnitRunsOnceForAnyShardCount() throws {
    let root = RepositoryPaths.temporaryFolder("batch-shards")
    let manifest = try batchManifest(in: root)
    let out = root.appendingPathComponent("out").path
    func list(_ extra: [String], environment: [String: String] = [:]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
        process.arguments = ["batch", manifest, "--out", out, "--list"] + extra
        var env = ProcessInfo.processInfo.environment.filter { !["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_COUNT", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"].contains($0.key) }
        env.merge(environment) { $1 }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
    }
    #expect(try list([]) == batchUnits)
    for count in 1...5 {
        var seen: [String] = []
        for index in 0..<count { seen += try list(["--shard", "\(index)/\(count)"]) }
        #expect(seen.sorted() == batchUnits.sorted(), "\(count) shards")
    }
    #expect(try list([], environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3"]) == list(["--shard", "2/3"]))
    #expect(try list([], environment: ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "4", "SLURM_ARRAY_TASK_COUNT": "3"]) == list(["--shard", "1/3"]))
    #expect(try list(["--shards", "4"], environment: ["JOB_COMPLETION_INDEX": "3"]) == list(["--shard", "3/4"]))
    #expect(try list(["--shards", "2"], environment: ["AWS_BATCH_JOB_ARRAY_INDEX": "0"]) == list(["--shard", "0/2"]))
    #expect(!FileManager.default.fileExists(atPath: out))   // --list writes nothing

    let missingCount = try CommandRunner.run(["batch", manifest, "--out", out, "--shards", "3"])
    #expect(missingCount.status == 64)
    #expect(missingCount.stderr.hasPrefix("Error: --shards 3 needs an index: pass --shard <i>/3, or run as an array task\n"))
    let bad = try CommandRunner.run(["batch", manifest, "--out", out, "--shard", "3/3"])
    #expect(bad.status == 64 && bad.stderr.hasPrefix("Error: option '--shard' takes <i>/<n> with 0 ≤ i < n, got '3/3'\n"))
}

/// A folder holds one batch: another manifest's shard is refused, and merge refuses a unit
/// made by another Walkshed version or with other options.
@Test func batchesAndVersionsAreNeverMixed() throws {
    let root = RepositoryPaths.temporaryFolder("batch-mix")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    func manifest(_ name: String, cell: Int) throws -> String {
        let path = root.appendingPathComponent(name).path
        try """
        {"version": 1, "options": {"cell": \(cell)}, "studies": [{"label": "small", "extract": "\(RepositoryPaths.network("helsinki-test.osm.pbf"))", "profiles": ["walk", "senior"]}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
    let out = root.appendingPathComponent("out")
    #expect(try CommandRunner.run(["batch", manifest("a.json", cell: 250), "--out", out.path, "--quiet"]).status == 0)
    let other = try CommandRunner.run(["batch", manifest("b.json", cell: 200), "--out", out.path, "--quiet"])
    #expect(other.status == 1)
    #expect(other.stderr == "\(out.path): error: holds a batch made with other options; pass another --out, or delete the folder to start over\n")

    let figures = out.appendingPathComponent("units/small--senior/figures.json")
    let text = try String(contentsOf: figures, encoding: .utf8)
    try text.replacingOccurrences(of: "\"walkshed_version\" : \"", with: "\"walkshed_version\" : \"9.").write(to: figures, atomically: true, encoding: .utf8)
    let merge = try CommandRunner.run(["merge", out.path])
    #expect(merge.status == 1)
    #expect(merge.stderr.hasPrefix("\(figures.path): error: was made by Walkshed 9.0.1.0, the batch by 0.1.0; refusing to mix versions"))
    try text.replacingOccurrences(of: "\"cell_metres\" : 250", with: "\"cell_metres\" : 100").write(to: figures, atomically: true, encoding: .utf8)
    let options = try CommandRunner.run(["merge", out.path])
    #expect(options.status == 1 && options.stderr.hasPrefix("\(figures.path): error: was made with other options than batch.json's; refusing to mix them"))
}

/// A region cut into municipalities is read once per shard, not once per municipality; the
/// cross-city page ranks every unit and draws each one's map.
@Test func aRegionIsReadOncePerShardAndThePageShowsEveryUnit() throws {
    let root = RepositoryPaths.temporaryFolder("batch-region")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try helsinkiDistricts.write(to: root.appendingPathComponent("districts.geojson"), atomically: true, encoding: .utf8)
    let manifest = root.appendingPathComponent("m.json").path
    try """
    {"version": 1, "options": {"cell": 250, "profiles": ["walk", "wheelchair"]},
     "studies": [{"label": "d", "extract": "\(RepositoryPaths.network("helsinki.osm.pbf"))", "boundaries": "districts.geojson", "boundary_name": "district"}]}
    """.write(toFile: manifest, atomically: true, encoding: .utf8)
    let out = root.appendingPathComponent("out")
    let run = try CommandRunner.run(["batch", manifest, "--out", out.path])
    #expect(run.status == 0)
    #expect(run.stderr.components(separatedBy: "\n").filter { $0.hasSuffix(": reading nodes") }.count == 1)
    #expect(run.stderr.components(separatedBy: "\n").filter { $0.hasSuffix(": baseline: snapping cells and residents") }.count == 4)
    let merge = try CommandRunner.run(["merge", out.path])
    #expect(merge.status == 0)
    #expect(merge.stdout.contains("walk           1 d / ") && merge.stdout.contains("wheelchair     2 d / "))
    let page = try String(contentsOf: out.appendingPathComponent("cities.html"), encoding: .utf8)
    #expect(page.contains("<body data-units=\"4\">"))
    #expect(page.components(separatedBy: "<tr><td>").count - 1 == 4)
    let images = page.components(separatedBy: "src=\"data:image/png;base64,").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    #expect(images.count == 4)
    for image in images { #expect(Data(base64Encoded: image)?.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) }
    #expect(page.contains("Kruununhaka, Katajanokka"))
}

/// Shards actually run, for every count from 1 to 5: each unit is done by exactly one shard,
/// and the folders end complete (small units: the Kouvola sample, four profiles, two halves).
@Test func everyUnitIsDoneByExactlyOneShard() throws {
    let root = RepositoryPaths.temporaryFolder("batch-once")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try """
    {"type": "FeatureCollection", "features": [
     {"type": "Feature", "properties": {"name": "west"}, "geometry": {"type": "Polygon", "coordinates": [[[26.9, 60.5], [26.95, 60.5], [26.95, 60.55], [26.9, 60.55], [26.9, 60.5]]]}},
     {"type": "Feature", "properties": {"name": "east"}, "geometry": {"type": "Polygon", "coordinates": [[[26.95, 60.5], [27.0, 60.5], [27.0, 60.55], [26.95, 60.55], [26.95, 60.5]]]}}]}
    """.write(to: root.appendingPathComponent("halves.geojson"), atomically: true, encoding: .utf8)
    let manifest = root.appendingPathComponent("m.json").path
    let extract = RepositoryPaths.network("helsinki-test.osm.pbf")
    try """
    {"version": 1, "options": {"cell": 200, "profiles": ["walk", "senior", "wheelchair", "bike"]},
     "studies": [{"label": "kouvola", "extract": "\(extract)"}, {"label": "halves", "extract": "\(extract)", "boundaries": "halves.geojson"}]}
    """.write(toFile: manifest, atomically: true, encoding: .utf8)
    let profiles = ["walk", "senior", "wheelchair", "bike"]
    let all = profiles.map { "kouvola--\($0)" } + ["west", "east"].flatMap { half in profiles.map { "halves--\(half)--\($0)" } }
    for count in 1...5 {
        let out = root.appendingPathComponent("out-\(count)")
        let processes = try (0..<count).map { index -> (Process, Pipe) in
            let process = Process(), pipe = Pipe()
            process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
            process.arguments = ["batch", manifest, "--out", out.path, "--shard", "\(index)/\(count)", "--quiet", "--threads", "1"]
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            return (process, pipe)
        }
        var done: [String] = []
        for (process, pipe) in processes {
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            done += text.split(separator: "\n").filter { $0.hasPrefix("done ") }.map { String($0.split(separator: " ")[1]) }
        }
        #expect(done.sorted() == all.sorted(), "\(count) shards: \(done)")
        let folders = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("units").path)
        #expect(folders.sorted() == all.sorted())
        #expect(try CommandRunner.run(["merge", out.path]).status == 0)
    }
}

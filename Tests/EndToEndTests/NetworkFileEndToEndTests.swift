import Foundation
import Testing
import WalkshedTestSupport

/// An analysis of the imported `.wsn` file equals the analysis of the extract it came from,
/// file for file (only summary.json names a different input).
@Test func analysisOfAnImportedNetworkEqualsTheExtracts() throws {
    let root = RepositoryPaths.temporaryFolder("wsn")
    let extract = RepositoryPaths.network("helsinki.osm.pbf"), wsn = root.appendingPathComponent("helsinki.wsn").path
    let imported = try CommandRunner.run(["import", extract, "-o", wsn, "--quiet"])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stdout.hasPrefix("Wrote \(wsn): 3338 nodes, 5303 edges, 22 parks, "), "\(imported.stdout)")
    var folders: [URL] = []
    for input in [extract, wsn] {
        let out = root.appendingPathComponent(input == wsn ? "from-wsn" : "from-pbf")
        let outcome = try CommandRunner.run(["analyze", input, "--out", out.path, "--population", "buildings", "--quiet", "--format", "all"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        folders.append(out)
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: folders[0].path).sorted()
    #expect(names.count == 35)
    for name in names where name != "summary.json" {
        #expect(try Data(contentsOf: folders[0].appendingPathComponent(name)) == Data(contentsOf: folders[1].appendingPathComponent(name)), "\(name)")
    }
    let a = try json(folders[0].appendingPathComponent("summary.json")), b = try json(folders[1].appendingPathComponent("summary.json"))
    for key in ["network", "parks", "destinations", "measures", "population"] {
        #expect(try JSONSerialization.data(withJSONObject: a[key]!, options: .sortedKeys) == JSONSerialization.data(withJSONObject: b[key]!, options: .sortedKeys), "\(key)")
    }
}

@Test func aDamagedNetworkFileIsReportedWithItsByteOffset() throws {
    let root = RepositoryPaths.temporaryFolder("wsn-bad")
    let wsn = root.appendingPathComponent("city.wsn").path
    #expect(try CommandRunner.run(["import", RepositoryPaths.network("helsinki.osm.pbf"), "-o", wsn, "--quiet"]).status == 0)
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: wsn)))
    let truncated = RepositoryPaths.temporaryFile(Array(bytes.prefix(5000)), "truncated.wsn", label: "wsn-truncated")
    let outcome = try CommandRunner.run(["info", truncated])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("\(truncated): byte "), "\(outcome.stderr)")
    #expect(outcome.stderr.contains("runs past the end of the file") || outcome.stderr.contains("file ends before section"), "\(outcome.stderr)")
    var future = bytes
    future[4] = 9
    let newer = RepositoryPaths.temporaryFile(future, "newer.wsn", label: "wsn-version")
    let version = try CommandRunner.run(["analyze", newer, "--out", root.appendingPathComponent("out").path])
    #expect(version.status == 1 && version.stderr.contains("\(newer): byte 4: error: version 9; this Walkshed reads versions 1–4"), "\(version.stderr)")
}

@Test func generatedCitiesAreDeterministicAndAnalysable() throws {
    let root = RepositoryPaths.temporaryFolder("generate")
    var files: [Data] = []
    for (name, seed) in [("a", "7"), ("b", "7"), ("c", "8")] {
        let wsn = root.appendingPathComponent("\(name).wsn").path
        let outcome = try CommandRunner.run(["generate", "--nodes", "2500", "--seed", seed, "-o", wsn,
                                             "--population", root.appendingPathComponent("\(name).csv").path, "--quiet"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        files.append(try Data(contentsOf: URL(fileURLWithPath: wsn)) + Data(contentsOf: root.appendingPathComponent("\(name).csv")))
    }
    #expect(files[0] == files[1], "the same seed gives the same city")
    #expect(files[0] != files[2], "another seed gives another city")
    let out = root.appendingPathComponent("out").path
    let analyze = try CommandRunner.run(["analyze", root.appendingPathComponent("a.wsn").path, "--out", out,
                                         "--population", root.appendingPathComponent("a.csv").path, "--quiet"])
    #expect(analyze.status == 0, "\(analyze.stderr)")
    let summary = try json(URL(fileURLWithPath: "\(out)/summary.json"))
    let network = summary["network"] as! [String: Any]
    // A 50 × 50 grid keeps (nearly) all 2,500 nodes in its largest component; 1 corridor each way is greenway.
    #expect((network["nodes"] as! Int) > 2_400 && (network["greenway_km"] as! Double) > 5)
    let destinations = summary["destinations"] as! [String: Any]
    for category in ["park", "food", "healthcare", "education", "transit", "civic", "culture"] {
        #expect(((destinations[category] as! [String: Any])["count"] as! Int) >= 1, "\(category)")
    }
    let usage = try CommandRunner.run(["generate", "--nodes", "5", "-o", root.appendingPathComponent("x.wsn").path])
    #expect(usage.status == 64 && usage.stderr.hasPrefix("Error: option '--nodes' takes 16 … 16,000,000, got 5"))
}

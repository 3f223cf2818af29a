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
    #expect(imported.stdout.hasPrefix("Wrote \(wsn): 3237 nodes, 4514 edges, 17 parks, "), "\(imported.stdout)")
    var folders: [URL] = []
    for input in [extract, wsn] {
        let out = root.appendingPathComponent(input == wsn ? "from-wsn" : "from-pbf")
        let outcome = try CommandRunner.run(["analyze", input, "--out", out.path, "--population", "buildings", "--quiet"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        folders.append(out)
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: folders[0].path).sorted()
    #expect(names.count == 21)
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
    #expect(version.status == 1 && version.stderr.contains("\(newer): byte 4: error: version 9; this Walkshed reads version 1"), "\(version.stderr)")
}

import Foundation
import Testing
import Walkshed
@testable import WalkshedFormats
import WalkshedTestSupport

private func tiny() -> (City, OSMLoadReport) {
    let generated = SyntheticCity(nodes: 64, seed: 5)
    return (generated.city, generated.report)
}

/// Offset of the first element of section `tag` in `bytes`.
private func payload(_ tag: String, in bytes: [UInt8]) -> Int {
    let t = Array(tag.utf8)
    let at = (0..<(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == t }!
    return at + 16
}

/// Read from disk (section by section), the file gives what its bytes give; cut short on
/// disk, the error names the section and byte where the file ends.
@Test func networkFileReadFromDiskEqualsItsBytes() throws {
    let (city, report) = tiny()
    let bytes = NetworkFile.bytes(city, report: report)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wsn-disk-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let whole = folder.appendingPathComponent("tiny.wsn"), cut = folder.appendingPathComponent("cut.wsn")
    try Data(bytes).write(to: whole)
    try Data(bytes.prefix(bytes.count / 2)).write(to: cut)
    let fromDisk = try NetworkFile.read(whole.path).city, fromBytes = try NetworkFile.read(data: Data(bytes), name: "tiny.wsn").city
    #expect(fromDisk.graph.interiorX == fromBytes.graph.interiorX && fromDisk.graph.firstOut == fromBytes.graph.firstOut)
    #expect(fromDisk.services.map(\.osmReference) == fromBytes.services.map(\.osmReference))
    do { _ = try NetworkFile.read(cut.path); Issue.record("a file cut in half was accepted") } catch let error as NetworkFileError {
        #expect(error.path == cut.path && error.offset > 16 && error.offset < bytes.count / 2)
        #expect(error.message.contains("runs past the end of the file") || error.message.contains("file ends before section"))
    }
}

@Test func networkFileRoundTripsTheCity() throws {
    let (city, report) = tiny()
    let (back, backReport) = try NetworkFile.read(data: Data(NetworkFile.bytes(city, report: report)), name: "tiny.wsn")
    let g = city.graph, h = back.graph
    #expect(h.nodeX == g.nodeX && h.nodeY == g.nodeY && h.edgeTail == g.edgeTail && h.edgeHead == g.edgeHead)
    #expect(h.edgeMetres == g.edgeMetres && h.edgeClass == g.edgeClass && h.edgeFlags == g.edgeFlags && h.edgeWayID == g.edgeWayID)
    #expect(h.interiorFirst == g.interiorFirst && h.interiorX == g.interiorX && h.interiorY == g.interiorY && h.firstOut == g.firstOut)
    #expect(back.parks.map(\.polygon.outerRings) == city.parks.map(\.polygon.outerRings))
    #expect(back.services.map(\.osmReference) == city.services.map(\.osmReference))
    #expect(back.services.map(\.transitCapacity) == city.services.map(\.transitCapacity))
    #expect(back.projection.zone == 32 && back.extent == city.extent)
    #expect(backReport.components == report.components && backReport.format == "Walkshed network (from Walkshed generate generated: 64 nodes, seed 5)")
}

@Test func networkFileRejectsDamageWithTheByteOffset() throws {
    let (city, report) = tiny()
    let bytes = NetworkFile.bytes(city, report: report)
    var nan = bytes
    let x = payload("NODX", in: bytes)
    withUnsafeBytes(of: Double.nan.bitPattern.littleEndian) { for (k, b) in $0.enumerated() { nan[x + k] = b } }
    #expect(throws: NetworkFileError.self) { try NetworkFile.read(data: Data(nan), name: "nan.wsn") }
    do { _ = try NetworkFile.read(data: Data(nan), name: "nan.wsn") } catch {
        #expect("\(error)".hasPrefix("nan.wsn: byte ") && "\(error)".hasSuffix("error: a node or geometry coordinate is not a finite UTM metre value"), "\(error)")
    }
    var loop = bytes
    let tails = payload("ETAI", in: bytes)
    loop[tails] = 0xff; loop[tails + 1] = 0xff; loop[tails + 2] = 0xff; loop[tails + 3] = 0x7f   // edge 0 from node 2³¹ − 1
    do { _ = try NetworkFile.read(data: Data(loop), name: "bad.wsn"); Issue.record("a dangling edge was accepted") } catch {
        #expect("\(error)".hasSuffix("error: an edge joins a node that does not exist"), "\(error)")
    }
    // Found by FuzzNetworkFile: offsets whose difference overflows Int32 trapped the check itself.
    var offsets = bytes
    let first = payload("IFST", in: bytes)
    for (k, value) in [Int32(-2), Int32.max].enumerated() {
        withUnsafeBytes(of: value.littleEndian) { for (i, b) in $0.enumerated() { offsets[first + 4 * (k + 1) + i] = b } }
    }
    do { _ = try NetworkFile.read(data: Data(offsets), name: "o.wsn"); Issue.record("broken offsets were accepted") } catch {
        #expect("\(error)".hasSuffix("error: edge interior-point offsets decrease or do not end at the point count"), "\(error)")
    }
    // Also found by FuzzNetworkFile: an extent of −1e300 m reached an Int conversion in the snapper.
    var extent = bytes
    let box = payload("MEXT", in: bytes) + 8
    withUnsafeBytes(of: (-1e300).bitPattern.littleEndian) { for (i, b) in $0.enumerated() { extent[box + i] = b } }
    do { _ = try NetworkFile.read(data: Data(extent), name: "e.wsn"); Issue.record("an extent of -1e300 m was accepted") } catch {
        #expect("\(error)".hasSuffix("the extent is not a box of finite UTM metres"), "\(error)")
    }
    #expect(throws: NetworkFileError(path: "x.wsn", offset: 0, message: "not a Walkshed network file (no WSN1 magic)")) {
        try NetworkFile.read(data: Data("WSN0 and then some more bytes".utf8), name: "x.wsn")
    }
}

private let versionOneFixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/wsn-v1/helsinki-test-v1.wsn").path

/// A version 1 file (whole polylines, written by Walkshed before interior-only geometry) reads
/// to the graph the extract gives today, and writing it again gives version 2 bytes that read
/// back to the same graph: curved streets keep every bend.
@Test func versionOneFilesStillReadToTheSameGraph() throws {
    let old = try NetworkFile.read(versionOneFixture).city.graph
    let fresh = try CityFile.load(RepositoryPaths.root.appendingPathComponent("Networks/helsinki-test.osm.pbf").path).city.graph
    #expect(old.interiorX.count > 100, "the Kouvola extract has curved streets")
    // The fixture's positions were projected by the earlier form of the UTM series (eleven
    // library calls; today six): the same to within 10 nm, not to the bit.
    func close(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-8 } }
    #expect(close(old.nodeX, fresh.nodeX) && close(old.nodeY, fresh.nodeY) && old.edgeTail == fresh.edgeTail && old.edgeHead == fresh.edgeHead)
    #expect(old.interiorFirst == fresh.interiorFirst && close(old.interiorX, fresh.interiorX) && close(old.interiorY, fresh.interiorY))
    let (city, report) = try NetworkFile.read(versionOneFixture)
    let bytes = NetworkFile.bytes(city, report: report)
    let oldBytes = try Data(contentsOf: URL(fileURLWithPath: versionOneFixture))
    #expect(bytes[4] == 4 && oldBytes[4] == 1)
    let again = try NetworkFile.read(data: Data(bytes), name: "v2.wsn").city.graph
    #expect(again.interiorFirst == old.interiorFirst && again.interiorX == old.interiorX && again.interiorY == old.interiorY)
    #expect((0..<old.edgeCount).allSatisfy { again.points(ofEdge: $0) == old.points(ofEdge: $0) })
}

/// A version 1 polyline that does not start at its edge's tail is refused with the byte offset.
@Test func versionOnePolylineOffItsNodeIsRefused() throws {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: versionOneFixture)))
    let x = payload("GPTX", in: bytes)
    let moved = Double(bitPattern: UInt64(littleEndian: bytes[x..<(x + 8)].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })) + 1
    withUnsafeBytes(of: moved.bitPattern.littleEndian) { for (i, b) in $0.enumerated() { bytes[x + i] = b } }
    do { _ = try NetworkFile.read(data: Data(bytes), name: "v1.wsn"); Issue.record("a polyline off its tail was accepted") } catch {
        #expect("\(error)".hasPrefix("v1.wsn: byte ") && "\(error)".hasSuffix("error: edge 0 geometry does not run from its tail to its head"), "\(error)")
    }
}

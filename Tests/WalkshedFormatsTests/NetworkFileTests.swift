import Foundation
import Testing
import Walkshed
@testable import WalkshedFormats

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
    #expect(fromDisk.graph.pointX == fromBytes.graph.pointX && fromDisk.graph.firstOut == fromBytes.graph.firstOut)
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
    #expect(h.geometryFirst == g.geometryFirst && h.pointX == g.pointX && h.pointY == g.pointY && h.firstOut == g.firstOut)
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
    let first = payload("GFST", in: bytes)
    for (k, value) in [Int32(-2), Int32.max].enumerated() {
        withUnsafeBytes(of: value.littleEndian) { for (i, b) in $0.enumerated() { offsets[first + 4 * (k + 1) + i] = b } }
    }
    do { _ = try NetworkFile.read(data: Data(offsets), name: "o.wsn"); Issue.record("broken offsets were accepted") } catch {
        #expect("\(error)".hasSuffix("error: edge geometry offsets are not increasing by ≥ 2 points up to the point count"), "\(error)")
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

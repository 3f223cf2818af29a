import Foundation
import Testing
import WalkshedFormats
import WalkshedTestSupport

func write(_ bytes: [UInt8], _ name: String) -> String {
    RepositoryPaths.temporaryFile(bytes, name, label: "bad")
}

func loadError(_ path: String) -> String {
    do {
        _ = try OSMCityLoader.load(path)
        return "no error"
    } catch {
        return "\(error)"
    }
}

@Test func missingFileIsNamed() {
    #expect(loadError("/nonexistent/city.osm.pbf") == "/nonexistent/city.osm.pbf: error: no such file or directory")
}

@Test func wrongMagicIsNotAPBF() {
    // "hello…" read as a big-endian blob-header length: 0x68656c6c = 1,751,477,356.
    let path = write(Array("hello, this is not a map\n".utf8), "text.osm.pbf")
    #expect(loadError(path) == "\(path): byte 0: error: not an OSM PBF file: blob header length 1751477356 is outside 1...65536")
}

@Test func emptyFileIsReported() {
    let path = write([], "empty.osm.pbf")
    #expect(loadError(path) == "\(path): byte 0: error: empty file, expected an OSM PBF blob header")
}

@Test func truncatedPBFNamesTheBlobAndTheShortfall() throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.network("helsinki-test.osm.pbf"))))
    // Walk the framing by hand: 4-byte length, header, then the header's datasize (field 3).
    func blobEnd(at start: Int) -> (dataStart: Int, end: Int) {
        let headerLength = bytes[start..<start + 4].reduce(0) { $0 << 8 | Int($1) }
        let header = Array(bytes[start + 4..<start + 4 + headerLength])
        var i = header.firstIndex(of: 0x18)! + 1, size = 0, shift = 0   // 0x18 = field 3, varint
        while true { size |= Int(header[i] & 0x7f) << shift; if header[i] & 0x80 == 0 { break }; i += 1; shift += 7 }
        return (start + 4 + headerLength, start + 4 + headerLength + size)
    }
    let second = blobEnd(at: blobEnd(at: 0).end)
    let cut = second.dataStart + 100
    let path = write(Array(bytes[..<cut]), "cut.osm.pbf")
    let needed = second.end - second.dataStart
    #expect(loadError(path) == "\(path): byte \(second.dataStart): error: truncated file: blob needs \(needed) bytes, 100 left")
}

@Test func corruptZlibIsReported() throws {
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.network("helsinki-test.osm.pbf"))))
    let headerLength = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
    // Overwrite 40 bytes inside the first blob's zlib stream (past its 2-byte zlib header).
    for k in 0..<40 { bytes[4 + headerLength + 20 + k] = 0xAA }
    let path = write(bytes, "corrupt.osm.pbf")
    #expect(loadError(path).hasPrefix("\(path): byte 0: error: "))
    #expect(loadError(path).contains("zlib") || loadError(path).contains("malformed"))
}

@Test func brokenXMLNamesLineAndColumn() {
    let path = write(Array("<?xml version='1.0'?>\n<osm version=\"0.6\">\n  <node id=\"1\" lat=\"60.1\" lon=\"24.9\">\n</osm>\n".utf8), "broken.osm")
    #expect(loadError(path) == "\(path): line 4, column 7: error: </osm> does not close <node>")
}

/// XML and PBF agree: a node out of range is skipped with a warning (README), a node id given
/// twice is warned about (its first location is used), and only a coordinate that is no
/// number fails the file.
@Test func outOfRangeAndDuplicateNodesInXMLAreWarnings() throws {
    let xml = """
        <osm version="0.6">
        <node id="1" lat="60.1700" lon="24.9400"/>
        <node id="2" lat="60.1710" lon="24.9400"/>
        <node id="2" lat="61.0000" lon="25.0000"/>
        <node id="3" lat="60.1720" lon="24.9400"/>
        <node id="5" lat="95.0" lon="24.9400"/>
        <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="5"/><tag k="highway" v="residential"/></way>
        </osm>

        """
    let path = write(Array(xml.utf8), "lat.osm")
    let (city, report) = try OSMCityLoader.load(path)
    #expect(report.diagnostics.count("node with invalid coordinates") == 1)
    #expect(report.diagnostics.count("duplicate node id") == 1)
    #expect(report.diagnostics.examples["duplicate node id"]?.first == "node 2 appears more than once; its first location is used")
    // Nodes 1–3 in a line 222 m long (the first location of node 2; the second is 94 km away).
    #expect(abs(city.graph.edgeMetres.reduce(0) { $0 + Double($1) } - 222.4) < 1)
    let bad = write(Array("<osm version=\"0.6\">\n<node id=\"5\" lat=\"north\" lon=\"0\"/>\n</osm>\n".utf8), "word.osm")
    #expect(loadError(bad).hasSuffix("error: node 5: lat=\"north\" is not a number"))
}

@Test func xmlWithoutOSMRootIsRejected() {
    let path = write(Array("<html><body>not a map</body></html>\n".utf8), "page.osm")
    #expect(loadError(path) == "\(path): line 1, column 7: error: not an OSM XML file: root element is <html>, expected <osm>")
}

@Test func compressedInputsAreNamed() {
    let path = write([0x42, 0x5a, 0x68, 0x39, 0x31], "city.osm.bz2")
    #expect(loadError(path) == "\(path): error: bzip2-compressed file; decompress it first (bunzip2 -k \(path))")
}

/// The walk network sits at 3° E (UTM zone 31, meridian 3°); a park 90° further east has no
/// finite transverse-Mercator position. It must be skipped with a warning, not poison the indexes.
@Test func nodesThatDoNotProjectAreSkipped() throws {
    let text = """
    <osm version="0.6">
    <node id="1" lat="0" lon="3"/><node id="2" lat="0" lon="3.001"/>
    <node id="3" lat="0" lon="93"/><node id="4" lat="0.001" lon="93"/><node id="6" lat="0.001" lon="93.001"/>
    <way id="5"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way>
    <way id="7"><nd ref="3"/><nd ref="4"/><nd ref="6"/><nd ref="3"/><tag k="leisure" v="park"/></way>
    </osm>
    """
    let (city, report) = try OSMCityLoader.load(write(Array(text.utf8), "far.osm"))
    #expect(report.diagnostics.count("node outside the projection") == 1)
    #expect(city.parks.isEmpty && city.graph.edgeCount == 1)
}

/// A walk way is cut where a node is missing, and the warning names that node: one not in the
/// file (way 5, node 12) and two in it that do not project (way 7: nodes 23 and 24 lie on the
/// equator 90° east and west of the zone's meridian, 3° E, the middle of the walk nodes' box).
@Test func missingWalkNodesAreNamedInTheirWarnings() throws {
    let text = """
    <osm version="0.6">
    <node id="10" lat="0.001" lon="3"/><node id="11" lat="0.001" lon="3.001"/><node id="13" lat="0.001" lon="3.002"/>
    <node id="20" lat="0.002" lon="3"/><node id="21" lat="0.002" lon="3.001"/><node id="23" lat="0" lon="93"/>
    <node id="24" lat="0" lon="-87"/>
    <way id="5"><nd ref="10"/><nd ref="11"/><nd ref="12"/><nd ref="13"/><tag k="highway" v="footway"/></way>
    <way id="7"><nd ref="20"/><nd ref="21"/><nd ref="23"/><nd ref="24"/><nd ref="10"/><tag k="highway" v="footway"/></way>
    </osm>
    """
    let (city, report) = try OSMCityLoader.load(write(Array(text.utf8), "gaps.osm"))
    #expect(city.projection.zone == 31)
    #expect(report.diagnostics.count("node outside the projection") == 2)
    #expect(report.diagnostics.count("missing node reference") == 3)
    #expect(report.diagnostics.examples["missing node reference"] == [
        "way 5 references node 12, which is not in the file; the way is cut there",
        "way 7 references node 23, which is not in the file; the way is cut there",
        "way 7 references node 24, which is not in the file; the way is cut there",
    ])
}

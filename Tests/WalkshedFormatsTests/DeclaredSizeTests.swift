import CZlib
import Testing
import Walkshed
import WalkshedFormats
import WalkshedTestSupport

/// Protocol Buffers by hand: varints, keys and length-delimited fields.
enum Proto {
    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value, out: [UInt8] = []
        while v >= 0x80 { out.append(UInt8(v & 0x7f) | 0x80); v >>= 7 }
        return out + [UInt8(v)]
    }
    static func field(_ number: UInt64, varint value: UInt64) -> [UInt8] { varint(number << 3) + varint(value) }
    static func field(_ number: UInt64, bytes: [UInt8]) -> [UInt8] { varint(number << 3 | 2) + varint(UInt64(bytes.count)) + bytes }
    /// One framed blob: big-endian header length, BlobHeader, Blob.
    static func frame(type: String, declaredSize: UInt64? = nil, blob: [UInt8]) -> [UInt8] {
        let header = field(1, bytes: Array(type.utf8)) + field(3, varint: declaredSize ?? UInt64(blob.count))
        let n = UInt32(header.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + header + blob
    }
    /// A valid OSMHeader blob (raw, uncompressed) requiring the two features every file has.
    static let osmHeader = frame(type: "OSMHeader", blob: field(1, bytes: field(4, bytes: Array("OsmSchema-V0.6".utf8))
                                                                    + field(4, bytes: Array("DenseNodes".utf8))))
}

@Test func fourGigabyteBlobSizeIsAnErrorNotAnAllocation() {
    let path = write(Proto.frame(type: "OSMHeader", declaredSize: 4_294_967_296, blob: []), "huge-blob.osm.pbf")
    #expect(loadError(path) == "\(path): byte 0: error: blob size 4294967296 exceeds the 33554432-byte limit")
}

@Test func fourGigabyteRawSizeIsAnErrorNotAnAllocation() {
    let blob = Proto.field(2, varint: 4_294_967_295) + Proto.field(3, bytes: [0x78, 0x9c, 0x03, 0x00])
    let bytes = Proto.osmHeader + Proto.frame(type: "OSMData", blob: blob)
    let path = write(bytes, "huge-raw.osm.pbf")
    #expect(loadError(path) == "\(path): byte \(Proto.osmHeader.count): error: malformed blob: raw_size 4294967295 exceeds the 33554432-byte limit")
}

@Test func fieldLongerThanItsBlockIsAnError() {
    // A PrimitiveBlock whose string table claims 1,000,000 bytes inside a 10-byte block.
    let block = Proto.varint(1 << 3 | 2) + Proto.varint(1_000_000) + [UInt8](repeating: 0, count: 6)
    let path = write(Proto.osmHeader + Proto.frame(type: "OSMData", blob: Proto.field(1, bytes: block)), "long-field.osm.pbf")
    #expect(loadError(path).hasSuffix("error: malformed PrimitiveBlock: field length 1000000 exceeds the 6 bytes left"))
}

@Test func unsupportedRequiredFeatureIsNamed() {
    let header = Proto.frame(type: "OSMHeader", blob: Proto.field(1, bytes: Proto.field(4, bytes: Array("HistoricalTimeTravel".utf8))))
    let path = write(header, "feature.osm.pbf")
    #expect(loadError(path) == "\(path): byte 0: error: unsupported required feature 'HistoricalTimeTravel'")
    // A full-history file is refused too: read as current data it would count deleted ways.
    let history = Proto.frame(type: "OSMHeader", blob: Proto.field(1, bytes: Proto.field(4, bytes: Array("OsmSchema-V0.6".utf8))
                                                                     + Proto.field(4, bytes: Array("HistoricalInformation".utf8))))
    let historyPath = write(history, "history.osm.pbf")
    #expect(loadError(historyPath) == "\(historyPath): byte 0: error: unsupported required feature 'HistoricalInformation' (a full-history file; use a current extract)")
}

@Test func overflowingDeltaIdsAreRejected() {
    // DenseNodes whose second id delta overflows Int64: zigzag(Int64.max) then zigzag(1).
    let ids = Proto.varint(UInt64(Int64.max) << 1) + Proto.varint(2)
    let dense = Proto.field(1, bytes: ids) + Proto.field(8, bytes: Proto.varint(0) + Proto.varint(0))
        + Proto.field(9, bytes: Proto.varint(0) + Proto.varint(0))
    let block = Proto.field(2, bytes: Proto.field(2, bytes: dense))
    let path = write(Proto.osmHeader + Proto.frame(type: "OSMData", blob: Proto.field(1, bytes: block)), "overflow.osm.pbf")
    #expect(loadError(path).hasSuffix("error: malformed PrimitiveBlock: delta-coded value overflows 64 bits after 1 values"))
}

@Test func denseNodesWithUnequalColumnsAreRejected() {
    // Two ids, one latitude, two longitudes (each a zigzag-coded delta).
    let dense = Proto.field(1, bytes: Proto.varint(2) + Proto.varint(2)) + Proto.field(8, bytes: Proto.varint(300))
        + Proto.field(9, bytes: Proto.varint(300) + Proto.varint(4))
    let block = Proto.field(2, bytes: Proto.field(2, bytes: dense))
    let path = write(Proto.osmHeader + Proto.frame(type: "OSMData", blob: Proto.field(1, bytes: block)), "columns.osm.pbf")
    #expect(loadError(path).hasSuffix("error: malformed PrimitiveBlock: DenseNodes has 2 ids, 1 lats, 2 lons"))
    // Equal counts, but the ids end inside a third varint.
    let cut = Proto.field(1, bytes: Proto.varint(2) + Proto.varint(2) + [0x80]) + Proto.field(8, bytes: Proto.varint(300) + Proto.varint(2))
        + Proto.field(9, bytes: Proto.varint(300) + Proto.varint(4))
    let cutPath = write(Proto.osmHeader + Proto.frame(type: "OSMData", blob: Proto.field(1, bytes: Proto.field(2, bytes: Proto.field(2, bytes: cut)))),
                        "cut-ids.osm.pbf")
    #expect(loadError(cutPath).hasSuffix("error: malformed PrimitiveBlock: truncated varint"))
}

@Test func wayTagColumnsAreChecked() {
    // A highway way (string 1 "highway" = string 2 "footway"), its keys and values given as packed
    // string indexes: first as they should be, then with a value too many, then with the keys
    // cut off inside a varint.
    let table = Proto.field(1, bytes: ["", "highway", "footway"].flatMap { Proto.field(1, bytes: Array($0.utf8)) })
    func block(keys: [UInt8], values: [UInt8]) -> [UInt8] {
        let way = Proto.field(1, varint: 7) + Proto.field(2, bytes: keys) + Proto.field(3, bytes: values)
            + Proto.field(8, bytes: Proto.varint(2) + Proto.varint(2))
        return Proto.osmHeader + Proto.frame(type: "OSMData", blob: Proto.field(1, bytes: table + Proto.field(2, bytes: Proto.field(3, bytes: way))))
    }
    let good = write(block(keys: Proto.varint(1), values: Proto.varint(2)), "way-tags.osm.pbf")
    #expect((try? OSMCityLoader.load(good).report.walkableWays) == 1)
    let unequal = write(block(keys: Proto.varint(1), values: Proto.varint(2) + Proto.varint(2)), "way-tags-unequal.osm.pbf")
    #expect(loadError(unequal).hasSuffix("error: malformed PrimitiveBlock: 1 tag keys but 2 values"))
    let cut = write(block(keys: Proto.varint(1) + [0x81], values: Proto.varint(2) + Proto.varint(2)), "way-tags-cut.osm.pbf")
    #expect(loadError(cut).hasSuffix("error: malformed PrimitiveBlock: truncated varint"))
}

/// DenseNodes' keys and values are read where they lie: node 1 has only a key no rule reads,
/// node 2 is a pharmacy with a name and multi-byte coordinate deltas, and node 3's pairs are
/// cut off by the end of `keys_vals` (it gets no tags).
@Test func denseNodeTagsAreReadInPlace() throws {
    func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    let strings = ["", "amenity", "pharmacy", "name", "Apteekki", "note", "x"]
    let table = Proto.field(1, bytes: strings.flatMap { Proto.field(1, bytes: Array($0.utf8)) })
    // Latitudes 60.17°, 60.1701°, 60.1702° and longitudes 24.94° … in units of 100 nanodegrees.
    let lats: [Int64] = [601_700_000, 1_000, 1_000], lons: [Int64] = [249_400_000, -1_000, 1_000]
    let keysVals: [UInt64] = [5, 6, 0, 1, 2, 3, 4, 0]
    let dense = Proto.field(1, bytes: [1, 1, 1].flatMap { Proto.varint(zigzag($0)) })
        + Proto.field(8, bytes: lats.flatMap { Proto.varint(zigzag($0)) })
        + Proto.field(9, bytes: lons.flatMap { Proto.varint(zigzag($0)) })
        + Proto.field(10, bytes: keysVals.flatMap { Proto.varint($0) })
    let block = table + Proto.field(2, bytes: Proto.field(2, bytes: dense))
    let path = write(Proto.osmHeader + Proto.frame(type: "OSMData", blob: Proto.field(1, bytes: block)), "dense-tags.osm.pbf")
    let (city, report) = try OSMCityLoader.load(path)
    #expect(report.fileNodes == 3)
    #expect(city.services.map(\.osmReference) == ["node/2"])
    #expect(city.services.first?.name == "Apteekki" && city.services.first?.category == .healthcare)
    let expected = UTMProjection(containing: GeoCoordinate(longitude: 24.9399, latitude: 60.1701))
        .project(GeoCoordinate(longitude: 24.9399, latitude: 60.1701))
    #expect(city.services.first.map { abs($0.position.x - expected.x) < 1e-6 && abs($0.position.y - expected.y) < 1e-6 } == true)
}

@Test func nodeBeyondTheGlobeIsSkippedWithAWarningNamingIt() throws {
    // DenseNodes: node 7 at lat 95° (950,000,000 × granularity 100 × 1e-9), lon 10°; zigzag-coded.
    func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    let dense = Proto.field(1, bytes: Proto.varint(zigzag(7))) + Proto.field(8, bytes: Proto.varint(zigzag(950_000_000)))
        + Proto.field(9, bytes: Proto.varint(zigzag(100_000_000)))
    let block = Proto.field(2, bytes: Proto.field(2, bytes: dense))
    let path = write(Proto.osmHeader + Proto.frame(type: "OSMData", blob: Proto.field(1, bytes: block)), "pole.osm.pbf")
    let (_, report) = try OSMCityLoader.load(path)
    #expect(report.fileNodes == 1)
    #expect(report.diagnostics.count("node with invalid coordinates") == 1)
    #expect(report.diagnostics.examples["node with invalid coordinates"] == ["node 7: lat 95.0, lon 10.0 skipped"])
}

/// The range check on whole nanodegrees (most nodes never become degrees) keeps the edges of
/// the globe as the check in degrees does: ±90° and ±180° are places, 10⁻⁷° beyond them is not.
@Test func nodesOnTheEdgeOfTheGlobeAreKeptAndJustBeyondAreSkipped() throws {
    func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    // Ids 1…6; (lat, lon) in units of 100 nanodegrees, delta-coded.
    let nodes: [(Int64, Int64)] = [(900_000_000, 0), (-900_000_000, 1_800_000_000), (0, -1_800_000_000),
                                   (900_000_001, 0), (0, 1_800_000_001), (-900_000_001, -1_800_000_001)]
    var previous: (Int64, Int64) = (0, 0)
    var lats: [UInt8] = [], lons: [UInt8] = []
    for node in nodes {
        lats += Proto.varint(zigzag(node.0 - previous.0))
        lons += Proto.varint(zigzag(node.1 - previous.1))
        previous = node
    }
    let dense = Proto.field(1, bytes: (0..<6).flatMap { _ in Proto.varint(zigzag(1)) })   // ids 1…6: each one more
        + Proto.field(8, bytes: lats) + Proto.field(9, bytes: lons)
    let block = Proto.field(2, bytes: Proto.field(2, bytes: dense))
    let path = write(Proto.osmHeader + Proto.frame(type: "OSMData", blob: Proto.field(1, bytes: block)), "edges.osm.pbf")
    let (_, report) = try OSMCityLoader.load(path)
    #expect(report.fileNodes == 6)   // every node of the file is counted, placed or not
    #expect(report.diagnostics.count("node with invalid coordinates") == 3)
    #expect(report.diagnostics.examples["node with invalid coordinates"]?.first == "node 4: lat 90.0000001, lon 0.0 skipped")
}

/// A 3.3 MB file of 100 blobs, each 32 MiB of zeros deflated to 33 KB, would have each pass
/// inflate 3.2 GiB; a blob inflating over 50 times its compressed size is refused at once.
@Test func decompressionBombIsRefused() {
    var zeros = [UInt8](repeating: 0, count: 32 << 20)
    var compressed = [UInt8](repeating: 0, count: 64 << 10)
    var length = UInt(compressed.count)
    #expect(compress2(&compressed, &length, &zeros, UInt(zeros.count), 9) == Z_OK)
    zeros = []
    let blob = Proto.field(2, varint: 32 << 20) + Proto.field(3, bytes: Array(compressed[..<Int(length)]))
    let frame = Proto.frame(type: "OSMData", blob: blob)
    let path = write(Proto.osmHeader + Array((0..<100).map { _ in frame }.joined()), "bomb.osm.pbf")
    // (Whichever blob is inflated first: the reader probes the middle of the file for its layout.)
    let message = loadError(path)
    #expect(message.hasPrefix("\(path): byte ") && message.hasSuffix("error: malformed blob: raw_size 33554432 is over 50 times its "
            + "\(length) compressed bytes (real extracts inflate at most about 8 times); refused as a decompression bomb"), "\(message)")
}

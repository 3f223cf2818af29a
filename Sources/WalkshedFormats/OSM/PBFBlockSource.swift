/// The data blocks of a PBF file, inflated on demand from any thread.
///
/// Opening lists the blobs (headers only) and checks the `OSMHeader`'s required features; each
/// `OSMData` blob can then be read, inflated and decoded independently, which is what lets the
/// loader spread a file over threads.
struct PBFBlockSource: Sendable {
    /// Required features this reader implements. `HistoricalInformation` (a full-history file:
    /// every version of every object, deleted ones too) is not among them: read as current
    /// data it would count old and deleted ways.
    static let supportedFeatures: Set<String> = ["OsmSchema-V0.6", "DenseNodes"]

    /// The most a zlib blob may inflate, in times its compressed size (plus 64 KiB for tiny
    /// blobs). Real extracts reach about 2.5 (Geofabrik and BBBike files) and at most 7.1 (the
    /// repeated Monaco tiles of the real-size benchmark); zeros reach 1,000. With it, a pass
    /// inflates at most 50 times the file, whatever the blobs claim.
    static let maxInflationRatio = 50

    let bytes: PBFBytes
    /// The `OSMData` blobs in file order (other blob types are skipped, as the spec asks).
    let dataBlobs: [PBFBlob]
    /// The bounding box the `OSMHeader` declares (what the extract was cut to), if any.
    private(set) var declaredBounds: GeoBox?

    init(_ bytes: PBFBytes) throws {
        self.bytes = bytes
        let index = try PBFBlobIndex(bytes)
        dataBlobs = index.blobs.filter { $0.type == "OSMData" }
        for blob in index.blobs where blob.type == "OSMHeader" {
            declaredBounds = try readHeaderBlock(try inflate(blob), at: blob.start) ?? declaredBounds
        }
    }

    var path: String { bytes.path }

    /// The inflated `PrimitiveBlock` of data blob `i`.
    func block(_ i: Int) throws -> [UInt8] {
        try inflate(dataBlobs[i])
    }

    /// Decodes data blob `i` from its inflated `block`, delivering objects of `kinds` to
    /// `handler`; returns the kinds the block holds (whether delivered or not).
    func decode<H: OSMEntityHandler>(blob i: Int, block: [UInt8], _ kinds: OSMEntityKinds,
                                     into handler: inout H) throws -> OSMEntityKinds {
        do {
            return try block.withUnsafeBytes { raw in
                var decoder = PrimitiveBlockDecoder(bytes: raw)
                return try decoder.decode(kinds, into: &handler)
            }
        } catch let e as ProtobufReader.Malformed {
            throw error(at: dataBlobs[i].start, "malformed PrimitiveBlock: \(e.message)")
        }
    }

    /// Prefix sizes tried, in bytes, before a peek inflates the whole blob: a block's string
    /// table precedes its groups and rarely exceeds a few tens of KiB.
    static let peekPrefixes = [16_384, 262_144]

    /// The kind of data blob `i`'s first group, inflating only a prefix of the blob when that
    /// suffices, and how many bytes were inflated. A blob whose groups mix kinds reads as its
    /// first kind; the loader's check of every decoded blob catches that (`PBFKindLayout`).
    func firstKind(ofBlob i: Int) throws -> (kinds: OSMEntityKinds, inflatedBytes: Int) {
        let blob = dataBlobs[i]
        let data = try bytes.read(blob.data)
        let payload = try data.withUnsafeBytes { try self.payload(of: blob, in: $0) }
        if case .zlib(let range, let rawSize) = payload {
            for prefix in Self.peekPrefixes where prefix < rawSize {
                let start = data.withUnsafeBytes { Zlib.inflatePrefix(UnsafeRawBufferPointer(rebasing: $0[range]), limit: prefix) }
                guard let start else { break }
                if let kind = start.withUnsafeBytes({ PrimitiveBlockDecoder.firstGroupKind(inPrefix: $0) }) { return (kind, start.count) }
            }
        }
        let whole = try inflate(blob)
        do {
            let kinds = try whole.withUnsafeBytes { raw in
                try PrimitiveBlockDecoder.firstGroupKind(inPrefix: raw) ?? PrimitiveBlockDecoder.kinds(in: raw)
            }
            return (kinds, whole.count)
        } catch let e as ProtobufReader.Malformed {
            throw error(at: blob.start, "malformed PrimitiveBlock: \(e.message)")
        }
    }

    func error(at offset: Int, _ message: String) -> OSMPBFError {
        OSMPBFError(path: bytes.path, byteOffset: offset, message: message)
    }

    /// Where a `Blob` message keeps its data: stored raw, or zlib-compressed with its inflated
    /// size (already checked against the limits).
    private enum Payload {
        case raw(Range<Int>)
        case zlib(Range<Int>, rawSize: Int)
    }

    private func payload(of blob: PBFBlob, in raw: UnsafeRawBufferPointer) throws -> Payload {
        do {
            var reader = ProtobufReader(raw)
            var rawData: Range<Int>?, zlibData: Range<Int>?, rawSize: UInt64?
            while let (number, wire) = try reader.field() {
                switch (number, wire) {
                case (1, 2): rawData = try reader.lengthDelimited()
                case (2, 0): rawSize = try reader.varint()
                case (3, 2): zlibData = try reader.lengthDelimited()
                case (4, 2), (5, 2), (6, 2), (7, 2):
                    let names = [4: "lzma", 5: "bzip2", 6: "lz4", 7: "zstd"]
                    throw ProtobufReader.Malformed(message: "\(names[number]!)-compressed blobs are not supported (only raw and zlib)")
                default: try reader.skip(wireType: wire)
                }
            }
            if let rawData { return .raw(rawData) }
            guard let zlibData else { throw ProtobufReader.Malformed(message: "blob has no data") }
            guard let rawSize else { throw ProtobufReader.Malformed(message: "zlib blob has no raw_size") }
            guard rawSize <= UInt64(PBFBlobIndex.maxBlobBytes) else {
                throw ProtobufReader.Malformed(message: "raw_size \(rawSize) exceeds the \(PBFBlobIndex.maxBlobBytes)-byte limit")
            }
            guard rawSize <= UInt64(Self.maxInflationRatio * zlibData.count + 65_536) else {
                throw ProtobufReader.Malformed(message: "raw_size \(rawSize) is over \(Self.maxInflationRatio) times its \(zlibData.count) compressed bytes "
                                               + "(real extracts inflate at most about 8 times); refused as a decompression bomb")
            }
            return .zlib(zlibData, rawSize: Int(rawSize))
        } catch let e as ProtobufReader.Malformed {
            throw error(at: blob.start, "malformed blob: \(e.message)")
        }
    }

    /// The inflated contents of a blob (raw or zlib; other compressions are refused by name).
    private func inflate(_ blob: PBFBlob) throws -> [UInt8] {
        let data = try bytes.read(blob.data)
        return try data.withUnsafeBytes { raw in
            switch try payload(of: blob, in: raw) {
            case .raw(let range): return Array(raw[range])
            case .zlib(let range, let rawSize):
                do {
                    return try Zlib.inflate(UnsafeRawBufferPointer(rebasing: raw[range]), expectedSize: rawSize)
                } catch let e as Zlib.Failure {
                    throw error(at: blob.start, e.message)
                }
            }
        }
    }

    /// Checks a `HeaderBlock`'s required features and returns its `bbox` (nanodegrees:
    /// left 1, right 2, top 3, bottom 4), when it declares a valid one.
    private func readHeaderBlock(_ bytes: [UInt8], at offset: Int) throws -> GeoBox? {
        do {
            return try bytes.withUnsafeBytes { raw -> GeoBox? in
                var reader = ProtobufReader(raw)
                var box: GeoBox?
                while let (number, wire) = try reader.field() {
                    if number == 1 && wire == 2 {
                        var b = ProtobufReader(raw, range: try reader.lengthDelimited())
                        var sides: [Int: Double] = [:]
                        while let (side, sideWire) = try b.field() {
                            if sideWire == 0 { sides[side] = Double(try b.signedVarint()) * 1e-9 } else { try b.skip(wireType: sideWire) }
                        }
                        if let left = sides[1], let right = sides[2], let top = sides[3], let bottom = sides[4],
                           left < right, bottom < top, left >= -180, right <= 180, bottom >= -90, top <= 90 {
                            box = GeoBox(minLongitude: left, minLatitude: bottom, maxLongitude: right, maxLatitude: top)
                        }
                    } else if number == 4 && wire == 2 {
                        let feature = reader.string(try reader.lengthDelimited())
                        guard Self.supportedFeatures.contains(feature) else {
                            throw error(at: offset, "unsupported required feature '\(feature)'"
                                        + (feature == "HistoricalInformation" ? " (a full-history file; use a current extract)" : ""))
                        }
                    } else {
                        try reader.skip(wireType: wire)
                    }
                }
                return box
            }
        } catch let e as ProtobufReader.Malformed {
            throw error(at: offset, "malformed OSMHeader: \(e.message)")
        }
    }
}

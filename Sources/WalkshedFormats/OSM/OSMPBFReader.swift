#if canImport(Glibc)
import Glibc
#endif

/// Reads OpenStreetMap PBF files blob by blob (the "OSM PBF format" wiki spec): a 4-byte
/// big-endian length, a `BlobHeader`, then a `Blob` holding a zlib-compressed `HeaderBlock` or
/// `PrimitiveBlock`. Memory holds one blob at a time.
public struct OSMPBFReader: OSMReader {
    /// The file, or the name given to in-memory bytes (used in messages).
    public let path: String
    /// In-memory contents, when not reading from `path`.
    let bytes: [UInt8]?
    /// Sizes the spec allows: BlobHeader < 64 KiB, Blob ≤ 32 MiB (raw and inflated).
    static let maxHeaderBytes = 64 * 1024
    static let maxBlobBytes = 32 * 1024 * 1024
    static let supportedFeatures: Set<String> = ["OsmSchema-V0.6", "DenseNodes", "HistoricalInformation"]

    public init(path: String) {
        self.path = path
        bytes = nil
    }

    /// Reads PBF data already in memory; `name` stands for the file in messages.
    public init(bytes: [UInt8], name: String) {
        path = name
        self.bytes = bytes
    }

    public func read<H: OSMEntityHandler>(_ kinds: OSMEntityKinds, into handler: inout H) throws {
        if let bytes {
            var input = MemoryInput(bytes: bytes)
            try read(from: &input, kinds, into: &handler)
            return
        }
        guard let file = fopen(path, "rb") else {
            throw InputFileError(path: path, message: String(cString: strerror(errno)).lowercased())
        }
        defer { fclose(file) }
        var input = FileInput(file: file)
        try read(from: &input, kinds, into: &handler)
    }

    private func read<I: ByteInput, H: OSMEntityHandler>(from file: inout I, _ kinds: OSMEntityKinds, into handler: inout H) throws {
        var offset = 0
        var blobIndex = 0
        while true {
            let blobStart = offset
            let lengthBytes = file.read(4)
            let got = lengthBytes.count
            if got == 0 {
                if blobIndex == 0 { throw error(at: 0, "empty file, expected an OSM PBF blob header") }
                return
            }
            guard got == 4 else { throw error(at: blobStart, "truncated file: \(got) of 4 blob-length bytes") }
            offset += 4
            let headerLength = lengthBytes.reduce(0) { $0 << 8 | Int($1) }
            guard headerLength > 0 && headerLength <= Self.maxHeaderBytes else {
                let what = blobIndex == 0 ? "not an OSM PBF file: " : ""
                throw error(at: blobStart, "\(what)blob header length \(headerLength) is outside 1...\(Self.maxHeaderBytes)")
            }
            let headerBytes = try readExactly(&file, headerLength, at: offset, what: "blob header")
            offset += headerLength
            let (type, dataSize) = try parseBlobHeader(headerBytes, at: blobStart)
            if blobIndex == 0 && type != "OSMHeader" {
                throw error(at: blobStart, "not an OSM PBF file: first blob is '\(type)', expected 'OSMHeader'")
            }
            guard dataSize <= UInt64(Self.maxBlobBytes) else {
                throw error(at: blobStart, "blob size \(dataSize) exceeds the \(Self.maxBlobBytes)-byte limit")
            }
            let blobBytes = try readExactly(&file, Int(dataSize), at: offset, what: "blob")
            offset += Int(dataSize)
            blobIndex += 1
            switch type {
            case "OSMHeader":
                try checkHeaderBlock(try inflateBlob(blobBytes, at: blobStart), at: blobStart)
            case "OSMData":
                let block = try inflateBlob(blobBytes, at: blobStart)
                do {
                    try block.withUnsafeBytes { raw in
                        var decoder = PrimitiveBlockDecoder(bytes: raw)
                        try decoder.decode(kinds, into: &handler)
                    }
                } catch let e as ProtobufReader.Malformed {
                    throw error(at: blobStart, "malformed PrimitiveBlock: \(e.message)")
                }
            default:
                continue
            }
        }
    }

    private func error(at offset: Int, _ message: String) -> OSMPBFError {
        OSMPBFError(path: path, byteOffset: offset, message: message)
    }

    private func readExactly<I: ByteInput>(_ file: inout I, _ count: Int, at offset: Int, what: String) throws -> [UInt8] {
        let bytes = file.read(count)
        guard bytes.count == count else {
            throw error(at: offset, "truncated file: \(what) needs \(count) bytes, \(bytes.count) left")
        }
        return bytes
    }

    /// The blob type and its declared size, unbounded (the caller checks it before reading).
    private func parseBlobHeader(_ bytes: [UInt8], at offset: Int) throws -> (type: String, dataSize: UInt64) {
        do {
            return try bytes.withUnsafeBytes { raw in
                var reader = ProtobufReader(raw)
                var type: String?, size: UInt64?
                while let (number, wire) = try reader.field() {
                    switch (number, wire) {
                    case (1, 2): type = reader.string(try reader.lengthDelimited())
                    case (3, 0): size = try reader.varint()
                    default: try reader.skip(wireType: wire)
                    }
                }
                guard let type, let size else { throw ProtobufReader.Malformed(message: "BlobHeader lacks type or datasize") }
                return (type, size)
            }
        } catch let e as ProtobufReader.Malformed {
            throw error(at: offset, "malformed blob header: \(e.message)")
        }
    }

    private func inflateBlob(_ bytes: [UInt8], at offset: Int) throws -> [UInt8] {
        do {
            return try bytes.withUnsafeBytes { raw in
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
                if let rawData { return Array(raw[rawData]) }
                guard let zlibData else { throw ProtobufReader.Malformed(message: "blob has no data") }
                guard let rawSize else { throw ProtobufReader.Malformed(message: "zlib blob has no raw_size") }
                guard rawSize <= UInt64(Self.maxBlobBytes) else {
                    throw ProtobufReader.Malformed(message: "raw_size \(rawSize) exceeds the \(Self.maxBlobBytes)-byte limit")
                }
                return try Zlib.inflate(UnsafeRawBufferPointer(rebasing: raw[zlibData]), expectedSize: Int(rawSize))
            }
        } catch let e as ProtobufReader.Malformed {
            throw error(at: offset, "malformed blob: \(e.message)")
        } catch let e as Zlib.Failure {
            throw error(at: offset, e.message)
        }
    }

    private func checkHeaderBlock(_ bytes: [UInt8], at offset: Int) throws {
        do {
            try bytes.withUnsafeBytes { raw in
                var reader = ProtobufReader(raw)
                while let (number, wire) = try reader.field() {
                    if number == 4 && wire == 2 {
                        let feature = reader.string(try reader.lengthDelimited())
                        guard Self.supportedFeatures.contains(feature) else {
                            throw OSMPBFError(path: path, byteOffset: offset, message: "unsupported required feature '\(feature)'")
                        }
                    } else {
                        try reader.skip(wireType: wire)
                    }
                }
            }
        } catch let e as ProtobufReader.Malformed {
            throw error(at: offset, "malformed OSMHeader: \(e.message)")
        }
    }
}

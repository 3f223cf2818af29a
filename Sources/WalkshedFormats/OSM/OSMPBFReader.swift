/// Reads OpenStreetMap PBF files (the "OSM PBF format" wiki spec): a 4-byte big-endian length,
/// a `BlobHeader`, then a `Blob` holding a zlib-compressed `HeaderBlock` or `PrimitiveBlock`.
/// This streaming reader decodes blobs one at a time in file order; the loader uses
/// `OSMPassRunner` instead, which decodes blobs on several threads.
public struct OSMPBFReader: OSMReader {
    /// The file, or the name given to in-memory bytes (used in messages).
    public let path: String
    /// In-memory contents, when not reading from `path`.
    let bytes: [UInt8]?

    public init(path: String) {
        self.path = path
        bytes = nil
    }

    /// Reads PBF data already in memory; `name` stands for the file in messages.
    public init(bytes: [UInt8], name: String) {
        path = name
        self.bytes = bytes
    }

    /// Opens the file (or wraps the bytes) and lists its blobs.
    func blockSource() throws -> PBFBlockSource {
        try PBFBlockSource(bytes.map { PBFBytes(bytes: $0, name: path) } ?? PBFBytes(path: path))
    }

    public func read<H: OSMEntityHandler>(_ kinds: OSMEntityKinds, into handler: inout H) throws {
        let source = try blockSource()
        for i in source.dataBlobs.indices { _ = try source.decode(blob: i, block: source.block(i), kinds, into: &handler) }
    }
}

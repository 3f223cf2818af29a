import Foundation

/// An OSM extract on disk, PBF or XML, chosen by sniffing its first bytes.
public enum OSMFile {
    case pbf(OSMPBFReader)
    case xml(OSMXMLReader)

    /// Opens `path`, telling PBF from XML by content (XML starts with `<` after optional
    /// whitespace or a byte-order mark). Throws `InputFileError` for a missing or unreadable file.
    public static func open(_ path: String) throws -> OSMFile {
        guard let file = fopen(path, "rb") else {
            throw InputFileError(path: path, message: String(cString: strerror(errno)).lowercased())
        }
        defer { fclose(file) }
        var head = [UInt8](repeating: 0, count: 64)
        let count = fread(&head, 1, head.count, file)
        return try sniff(head.prefix(count), path: path) ? .xml(OSMXMLReader(path: path)) : .pbf(OSMPBFReader(path: path))
    }

    /// An extract held in memory; `name` stands for the file in messages.
    public static func fromBytes(_ bytes: [UInt8], name: String) throws -> OSMFile {
        try sniff(bytes.prefix(64), path: name)
            ? .xml(OSMXMLReader(data: Data(bytes), name: name)) : .pbf(OSMPBFReader(bytes: bytes, name: name))
    }

    /// True for XML; throws for compressed files we do not read.
    private static func sniff(_ bytes: ArraySlice<UInt8>, path: String) throws -> Bool {
        if bytes.starts(with: [0x42, 0x5a, 0x68]) {
            throw InputFileError(path: path, message: "bzip2-compressed file; decompress it first (bunzip2 -k \(path))")
        }
        if bytes.starts(with: [0x1f, 0x8b]) {
            throw InputFileError(path: path, message: "gzip-compressed file; decompress it first (gunzip -k \(path))")
        }
        let firstVisible = bytes.drop { $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 || $0 == 0xef || $0 == 0xbb || $0 == 0xbf }.first
        return firstVisible == UInt8(ascii: "<")
    }

    public var path: String {
        switch self {
        case .pbf(let r): r.path
        case .xml(let r): r.path
        }
    }

    public var formatName: String {
        switch self {
        case .pbf: "OSM PBF"
        case .xml: "OSM XML"
        }
    }

    public func read<H: OSMEntityHandler>(_ kinds: OSMEntityKinds, into handler: inout H) throws {
        switch self {
        case .pbf(let r): try r.read(kinds, into: &handler)
        case .xml(let r): try r.read(kinds, into: &handler)
        }
    }
}

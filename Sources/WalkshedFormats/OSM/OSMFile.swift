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
        var status = stat()
        if fstat(fileno(file), &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw InputFileError(path: path, message: "is a directory, expected an extract file (.osm.pbf, .osm or .wsn)")
        }
        if fstat(fileno(file), &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            // A pipe, FIFO or device (`/dev/stdin`) has no size to read blobs at: read it whole.
            return try fromBytes(readAll(file, path: path), name: path)
        }
        var head = [UInt8](repeating: 0, count: 64)
        let count = fread(&head, 1, head.count, file)
        return try sniff(head.prefix(count), path: path) ? .xml(OSMXMLReader(path: path)) : .pbf(OSMPBFReader(path: path))
    }

    /// An extract held in memory; `name` stands for the file in messages.
    public static func fromBytes(_ bytes: [UInt8], name: String) throws -> OSMFile {
        try sniff(bytes.prefix(64), path: name)
            ? .xml(OSMXMLReader(data: Data(bytes), name: name)) : .pbf(OSMPBFReader(bytes: bytes, name: name))
    }

    /// Whether `path` names a pipe, FIFO or device (`/dev/stdin`) rather than a regular file:
    /// such a stream can be read once, front to back, so it is read whole into memory.
    public static func isStream(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT != S_IFREG && status.st_mode & S_IFMT != S_IFDIR
    }

    /// Every byte of the stream at `path`.
    public static func readStream(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw InputFileError(path: path, message: String(cString: strerror(errno)).lowercased()) }
        defer { fclose(file) }
        return try readAll(file, path: path)
    }

    /// Every byte of a stream, in memory.
    private static func readAll(_ file: UnsafeMutablePointer<FILE>, path: String) throws -> [UInt8] {
        var bytes: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            bytes += chunk[..<count]
            if count < chunk.count {
                if ferror(file) != 0 { throw InputFileError(path: path, message: "cannot read: \(String(cString: strerror(errno)).lowercased())") }
                return bytes
            }
        }
    }

    /// True for XML; throws for compressed files we do not read, and for UTF-16 text.
    private static func sniff(_ bytes: ArraySlice<UInt8>, path: String) throws -> Bool {
        let b = Array(bytes.prefix(4))
        if b.starts(with: [0xff, 0xfe]) || b.starts(with: [0xfe, 0xff]) || (b.count >= 2 && (b[0] == 0 || b[1] == 0) && b.contains(UInt8(ascii: "<"))) {
            throw InputFileError(path: path, message: "UTF-16 text; OSM XML must be UTF-8 (convert it: iconv -f UTF-16 -t UTF-8)")
        }
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

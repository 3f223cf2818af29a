import CZlib
import Foundation

/// A malformed or unsupported ZIP archive, with the byte offset where it was found.
public struct ZipError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let offset: Int
    public let message: String

    public var description: String { "\(path): byte \(offset): error: \(message)" }
}

/// Reads entries of a ZIP archive (PKWARE APPNOTE 6.3: end-of-central-directory record,
/// central directory, local headers; stored and deflated entries, CRC-32 checked). ZIP64,
/// encryption and multi-disk archives are refused. Every size is checked against the archive
/// before use; an entry inflating beyond `maxEntryBytes` or `maxRatio` times its compressed
/// size is an error, not an allocation.
public struct ZipArchive {
    /// One file in the archive, as the central directory describes it.
    public struct Entry: Sendable {
        public let name: String
        let method: UInt16
        let flags: UInt16
        let crc32: UInt32
        let compressedSize: Int
        public let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    /// Largest entry inflated, in bytes (512 MiB).
    public static let maxEntryBytes = 512 << 20
    /// Largest inflated ÷ compressed size accepted.
    public static let maxRatio = 1_000

    public let path: String
    public let entries: [Entry]
    private let bytes: [UInt8]

    /// Opens the archive at `path`. - Throws: `InputFileError` or `ZipError`.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw InputFileError(path: path, message: exists ? "cannot be read" : "no such file")
        }
        try self.init(bytes: [UInt8](data), name: path)
    }

    /// Reads an archive held in memory; `name` stands for it in messages.
    public init(bytes: [UInt8], name: String) throws {
        path = name
        self.bytes = bytes
        entries = try Self.centralDirectory(bytes, path: name)
    }

    /// The entry called `name` (exact, or as the last path component), or nil.
    public func entry(named name: String) -> Entry? {
        entries.first { $0.name == name } ?? entries.first { $0.name.split(separator: "/").last.map(String.init) == name }
    }

    /// The inflated bytes of `entry`, CRC-checked.
    public func contents(of entry: Entry) throws -> [UInt8] {
        func fail(_ message: String, at offset: Int? = nil) -> ZipError {
            ZipError(path: path, offset: offset ?? entry.localHeaderOffset, message: "\(entry.name): \(message)")
        }
        if entry.flags & 1 != 0 { throw fail("encrypted entries are not supported") }
        guard entry.uncompressedSize <= Self.maxEntryBytes else {
            throw fail("inflates to \(entry.uncompressedSize) bytes, more than the \(Self.maxEntryBytes) accepted")
        }
        guard entry.uncompressedSize <= max(entry.compressedSize, 1) * Self.maxRatio else {
            throw fail("inflates \(entry.uncompressedSize / max(entry.compressedSize, 1))× (more than \(Self.maxRatio)×); refused as a zip bomb")
        }
        let local = entry.localHeaderOffset
        guard local <= bytes.count - 30, Self.u32(bytes, local) == 0x0403_4b50 else {
            throw fail("no local file header where the central directory points")
        }
        let dataStart = local + 30 + Int(Self.u16(bytes, local + 26)) + Int(Self.u16(bytes, local + 28))
        guard dataStart <= bytes.count, entry.compressedSize <= bytes.count - dataStart else {
            throw fail("compressed data (\(entry.compressedSize) bytes) runs past the end of the archive", at: dataStart)
        }
        let data = bytes[dataStart..<(dataStart + entry.compressedSize)]
        let output: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw fail("stored entry sizes differ") }
            output = Array(data)
        case 8:
            guard let inflated = data.withUnsafeBytes({ Self.inflateRaw($0, size: entry.uncompressedSize) }) else {
                throw fail("deflate data is corrupt or does not inflate to \(entry.uncompressedSize) bytes", at: dataStart)
            }
            output = inflated
        default:
            throw fail("compression method \(entry.method) is not supported (only stored and deflate)")
        }
        let crc = output.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        guard crc == entry.crc32 else { throw fail("CRC-32 mismatch (the archive is damaged)", at: dataStart) }
        return output
    }

    /// Inflates raw deflate data into exactly `size` bytes, or nil.
    static func inflateRaw(_ input: UnsafeRawBufferPointer, size: Int) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: size)
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        let status: Int32 = output.withUnsafeMutableBytes { out in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            stream.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(out.count)
            return inflate(&stream, Z_FINISH)
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else {
            // a zero-length entry may be an empty final block that ends the stream at once
            return size == 0 && status == Z_BUF_ERROR ? [] : nil
        }
        return output
    }

    static func centralDirectory(_ bytes: [UInt8], path: String) throws -> [Entry] {
        guard bytes.count >= 22 else {
            throw ZipError(path: path, offset: 0, message: "\(bytes.count) bytes is too short for a ZIP archive")
        }
        var end = -1
        var i = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while i >= lowest {
            if u32(bytes, i) == 0x0605_4b50 { end = i; break }
            i -= 1
        }
        guard end >= 0 else {
            throw ZipError(path: path, offset: bytes.count, message: "no end-of-central-directory record; not a ZIP archive")
        }
        let count = Int(u16(bytes, end + 10)), size = Int(u32(bytes, end + 12)), start = Int(u32(bytes, end + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || start == 0xFFFF_FFFF {
            throw ZipError(path: path, offset: end, message: "ZIP64 archives are not supported")
        }
        guard u16(bytes, end + 4) == 0, u16(bytes, end + 6) == 0 else {
            throw ZipError(path: path, offset: end, message: "multi-disk archives are not supported")
        }
        guard start <= end, size <= end - start else {
            throw ZipError(path: path, offset: end, message: "central directory (\(size) bytes at \(start)) lies outside the archive")
        }
        var entries: [Entry] = []
        var p = start
        for _ in 0..<count {
            guard p <= end - 46, u32(bytes, p) == 0x0201_4b50 else {
                throw ZipError(path: path, offset: p, message: "expected a central-directory file header")
            }
            let nameLength = Int(u16(bytes, p + 28)), extra = Int(u16(bytes, p + 30)), comment = Int(u16(bytes, p + 32))
            guard nameLength + extra + comment <= end - p - 46 else {
                throw ZipError(path: path, offset: p, message: "file header runs past the central directory")
            }
            let compressed = Int(u32(bytes, p + 20)), uncompressed = Int(u32(bytes, p + 24)), local = Int(u32(bytes, p + 42))
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                throw ZipError(path: path, offset: p, message: "ZIP64 entries are not supported")
            }
            entries.append(Entry(name: String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self),
                                 method: u16(bytes, p + 10), flags: u16(bytes, p + 8), crc32: u32(bytes, p + 16),
                                 compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: local))
            p += 46 + nameLength + extra + comment
        }
        return entries
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}

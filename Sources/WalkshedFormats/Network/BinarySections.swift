import Foundation

/// Writes the `.wsn` section stream: each section is a 4-byte ASCII tag, a UInt32 element
/// size, a UInt64 element count, then the elements' raw little-endian bytes, zero-padded to
/// a multiple of 8 so every array starts 8-byte aligned and reads back with one copy.
struct BinarySectionWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append<T: BitwiseCopyable>(_ tag: String, _ values: [T]) {
        precondition(tag.utf8.count == 4, "section tags have four bytes")
        bytes += Array(tag.utf8)
        appendInteger(UInt32(MemoryLayout<T>.stride))
        appendInteger(UInt64(values.count))
        values.withUnsafeBytes { bytes += $0 }
        while bytes.count % 8 != 0 { bytes.append(0) }
    }

    /// Strings as one section of UTF-8 bytes after one of end offsets.
    mutating func append(_ tag: String, strings: [String]) {
        var ends: [UInt32] = []
        var text: [UInt8] = []
        for s in strings { text += Array(s.utf8); ends.append(UInt32(text.count)) }
        append(tag, ends)
        append(tag, text)
    }

    private mutating func appendInteger<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }
}

/// Reads what `BinarySectionWriter` wrote, checking each section's tag, element size and
/// length against the file; a mismatch throws `NetworkFileError` with the byte offset.
struct BinarySectionReader {
    let path: String
    let source: SectionSource
    private(set) var offset: Int

    init(path: String, source: SectionSource, offset: Int) {
        self.path = path
        self.source = source
        self.offset = offset
    }

    mutating func array<T: BitwiseCopyable>(_ tag: String, _ type: T.Type, count expected: Int? = nil) throws -> [T] {
        let start = offset
        guard offset + 16 <= source.count else { throw NetworkFileError(path: path, offset: start, message: "file ends before section '\(tag)'") }
        var header = [UInt8](repeating: 0, count: 16)
        try header.withUnsafeMutableBytes { try source.copy(from: offset, byteCount: 16, into: $0.baseAddress!, path: path) }
        let found = String(decoding: header[0..<4], as: UTF8.self)
        guard found == tag else { throw NetworkFileError(path: path, offset: start, message: "expected section '\(tag)', found '\(found)'") }
        let size = Int(Self.integer(UInt32.self, in: header, at: 4)), count64 = Self.integer(UInt64.self, in: header, at: 8)
        guard size == MemoryLayout<T>.stride else {
            throw NetworkFileError(path: path, offset: start, message: "section '\(tag)' has \(size)-byte elements, expected \(MemoryLayout<T>.stride)")
        }
        guard count64 <= UInt64(source.count) else {
            throw NetworkFileError(path: path, offset: start, message: "section '\(tag)' claims \(count64) elements, more than the file holds")
        }
        let count = Int(count64), length = count * size
        if let expected, expected != count {
            throw NetworkFileError(path: path, offset: start, message: "section '\(tag)' has \(count) elements, expected \(expected)")
        }
        guard offset + 16 + length <= source.count else {
            throw NetworkFileError(path: path, offset: start, message: "section '\(tag)' of \(length) bytes runs past the end of the file")
        }
        // One copy: the file's bytes are the array's (little-endian hosts, which Swift on Linux is).
        let values = try [T](unsafeUninitializedCapacity: count) { buffer, initialised in
            if length > 0 { try source.copy(from: offset + 16, byteCount: length, into: UnsafeMutableRawPointer(buffer.baseAddress!), path: path) }
            initialised = count
        }
        offset += 16 + length
        while offset % 8 != 0 { offset += 1 }
        return values
    }

    mutating func strings(_ tag: String, count expected: Int) throws -> [String] {
        let ends = try array(tag, UInt32.self, count: expected)
        let text = try array(tag, UInt8.self)
        var out: [String] = []
        out.reserveCapacity(ends.count)
        var start = 0
        for end in ends {
            guard Int(end) >= start, Int(end) <= text.count else {
                throw NetworkFileError(path: path, offset: offset, message: "section '\(tag)' has string ends out of order")
            }
            out.append(String(decoding: text[start..<Int(end)], as: UTF8.self))
            start = Int(end)
        }
        return out
    }

    /// The little-endian integer at `position` of the source (which must hold it).
    func integer<T: FixedWidthInteger>(_ type: T.Type, at position: Int) throws -> T {
        var bytes = [UInt8](repeating: 0, count: MemoryLayout<T>.size)
        try bytes.withUnsafeMutableBytes { try source.copy(from: position, byteCount: $0.count, into: $0.baseAddress!, path: path) }
        return Self.integer(type, in: bytes, at: 0)
    }

    static func integer<T: FixedWidthInteger>(_ type: T.Type, in bytes: [UInt8], at position: Int) -> T {
        bytes.withUnsafeBytes { T(littleEndian: ($0.baseAddress! + position).loadUnaligned(as: T.self)) }
    }
}

/// A malformed `.wsn` file, with the byte offset where reading stopped.
public struct NetworkFileError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let offset: Int
    public let message: String
    public var description: String { "\(path): byte \(offset): error: \(message)" }
}

#if canImport(Glibc)
import Glibc
#endif

/// Streams RFC 4180 records from a file or bytes: comma-separated, fields optionally quoted
/// with `""` for a quote, CRLF or LF line ends, quoted fields may span lines. Memory holds one
/// record; a record longer than `maxRecordBytes` is an error, not an allocation.
struct CSVRecordReader {
    /// Longest record accepted, in bytes (default 1 MiB).
    static let maxRecordBytes = 1 << 20

    let path: String
    private var file: UnsafeMutablePointer<FILE>?
    private var memory: [UInt8]?
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var position = 0
    private var filled = 0
    /// Line where the next record starts.
    private(set) var line = 1

    init(path: String) throws {
        guard let handle = fopen(path, "rb") else {
            throw InputFileError(path: path, message: String(cString: strerror(errno)).lowercased())
        }
        self.path = path
        file = handle
    }

    init(bytes: [UInt8], name: String) {
        path = name
        memory = bytes
        buffer = bytes
        filled = bytes.count
    }

    func close() { if let file { fclose(file) } }

    private mutating func nextByte() -> UInt8? {
        if position == filled {
            guard let file, memory == nil else { return nil }
            filled = fread(&buffer, 1, buffer.count, file)
            position = 0
            if filled == 0 { return nil }
        }
        defer { position += 1 }
        return buffer[position]
    }

    /// The next record's fields and the line it starts on, or nil at the end of input.
    /// Blank lines are skipped.
    mutating func next() throws -> (fields: [String], line: Int)? {
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false, quotedField = false, recordBytes = 0
        var startLine = line
        var sawAnything = false
        while let byte = nextByte() {
            recordBytes += 1
            guard recordBytes <= Self.maxRecordBytes else {
                throw CSVError(path: path, line: startLine, message: "record longer than \(Self.maxRecordBytes) bytes")
            }
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if peekByte() == UInt8(ascii: "\"") { _ = nextByte(); field.append(byte) } else { inQuotes = false }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard field.isEmpty && !quotedField else {
                    throw CSVError(path: path, line: line, message: "quote inside an unquoted field")
                }
                inQuotes = true; quotedField = true; sawAnything = true
            case UInt8(ascii: ","):
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true); quotedField = false; sawAnything = true
            case 0x0D:
                continue
            case 0x0A:
                line += 1
                if !sawAnything && field.isEmpty { startLine = line; recordBytes = 0; continue }
                fields.append(String(decoding: field, as: UTF8.self))
                return (fields, startLine)
            default:
                if quotedField { throw CSVError(path: path, line: line, message: "text after a closing quote") }
                field.append(byte); sawAnything = true
            }
        }
        if inQuotes { throw CSVError(path: path, line: startLine, message: "quoted field not closed before the end of the file") }
        guard sawAnything || !field.isEmpty else { return nil }
        fields.append(String(decoding: field, as: UTF8.self))
        return (fields, startLine)
    }

    private mutating func peekByte() -> UInt8? {
        guard let byte = nextByte() else { return nil }
        position -= 1
        return byte
    }
}

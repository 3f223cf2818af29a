import Foundation

/// Header of an ESRI ASCII grid: `ncols`, `nrows`, `xllcorner`|`xllcenter`,
/// `yllcorner`|`yllcenter`, `cellsize`, optional `NODATA_value` (keys in any case).
public struct AsciiGridHeader: Sendable, Equatable {
    public var columns: Int
    public var rows: Int
    /// Lower-left corner of the lower-left cell, in the grid's units.
    public var xLowerLeft: Double
    public var yLowerLeft: Double
    public var cellSize: Double
    public var noData: Double?

    /// Centre of the cell in `row` (0 = top) and `column`.
    public func centre(row: Int, column: Int) -> (x: Double, y: Double) {
        (xLowerLeft + (Double(column) + 0.5) * cellSize, yLowerLeft + (Double(rows - 1 - row) + 0.5) * cellSize)
    }
}

/// A malformed ASCII grid, with the line where it was found.
public struct AsciiGridError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let line: Int
    public let message: String
    public var description: String { "\(path): line \(line): error: \(message)" }
}

/// Streams an ESRI ASCII grid: the header, then every cell value, top row first. Memory holds
/// one token; a grid of more than `maxCells` cells, a token longer than 64 bytes, a missing or
/// extra value, or a value that is not a number is an error naming the line.
public struct AsciiGridReader {
    /// Most cells accepted (2³²).
    public static let maxCells = 1 << 32

    public let path: String
    private var file: UnsafeMutablePointer<FILE>?
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var position = 0
    private var filled = 0
    private var line = 1
    /// Line where the last token returned starts.
    private var tokenLine = 1

    /// Opens `path`. - Throws: `InputFileError`.
    public init(path: String) throws {
        guard let handle = fopen(path, "rb") else {
            throw InputFileError(path: path, message: String(cString: strerror(errno)).lowercased())
        }
        self.path = path
        file = handle
    }

    /// Reads bytes held in memory; `name` stands for the file in messages.
    public init(bytes: [UInt8], name: String) {
        path = name
        buffer = bytes
        filled = bytes.count
    }

    public func close() { if let file { fclose(file) } }

    /// Reads the header, then calls `body(row, column, value)` for every cell with data
    /// (NODATA cells are skipped). Returns the header.
    public mutating func read(_ body: (Int, Int, Double) throws -> Void) throws -> AsciiGridHeader {
        let header = try readHeader()
        try readValues(header, body)
        return header
    }

    /// After `readHeader`, calls `body(row, column, value)` for every cell with data.
    mutating func readValues(_ header: AsciiGridHeader, _ body: (Int, Int, Double) throws -> Void) throws {
        var pending = try nextToken()   // the header reader stops at the first value
        for row in 0..<header.rows {
            for column in 0..<header.columns {
                guard let token = pending else {
                    throw AsciiGridError(path: path, line: tokenLine, message: "the grid ends at row \(row + 1), column \(column + 1) of \(header.rows) × \(header.columns)")
                }
                guard let value = Double(token), value.isFinite else {
                    throw AsciiGridError(path: path, line: tokenLine, message: "value '\(token)' at row \(row + 1), column \(column + 1) is not a number")
                }
                if value != header.noData { try body(row, column, value) }
                pending = try nextToken()
            }
        }
        if let extra = pending {
            throw AsciiGridError(path: path, line: tokenLine, message: "more values than \(header.rows) × \(header.columns) (found '\(extra)')")
        }
    }

    private var lookahead: String?

    mutating func readHeader() throws -> AsciiGridHeader {
        var fields: [String: Double] = [:]
        var corner = (x: true, y: true)
        while let key = try nextToken() {
            let lower = key.lowercased()
            let known = ["ncols", "nrows", "xllcorner", "xllcenter", "yllcorner", "yllcenter", "cellsize", "nodata_value"]
            let complete = fields.count >= 5
            guard known.contains(lower) || (!complete && lower.first?.isLetter == true) else { lookahead = key; break }
            guard known.contains(lower) else {
                throw AsciiGridError(path: path, line: tokenLine, message: "unknown header key '\(key)' (expected \(known.joined(separator: ", ")))")
            }
            guard let text = try nextToken(), let value = Double(text), value.isFinite else {
                throw AsciiGridError(path: path, line: tokenLine, message: "header \(key) needs a number")
            }
            if lower == "xllcenter" { corner.x = false }
            if lower == "yllcenter" { corner.y = false }
            fields[lower.replacingOccurrences(of: "center", with: "corner")] = value
        }
        for key in ["ncols", "nrows", "xllcorner", "yllcorner", "cellsize"] where fields[key] == nil {
            throw AsciiGridError(path: path, line: tokenLine, message: "header has no \(key)")
        }
        let columns = fields["ncols"]!, rows = fields["nrows"]!, size = fields["cellsize"]!
        guard columns >= 1, rows >= 1, columns == columns.rounded(), rows == rows.rounded(), columns * rows <= Double(Self.maxCells) else {
            throw AsciiGridError(path: path, line: tokenLine, message: "ncols \(columns) × nrows \(rows) must be whole, positive and at most \(Self.maxCells) cells")
        }
        guard size > 0 else { throw AsciiGridError(path: path, line: tokenLine, message: "cellsize \(size) must be positive") }
        return AsciiGridHeader(columns: Int(columns), rows: Int(rows),
                               xLowerLeft: fields["xllcorner"]! - (corner.x ? 0 : size / 2),
                               yLowerLeft: fields["yllcorner"]! - (corner.y ? 0 : size / 2),
                               cellSize: size, noData: fields["nodata_value"])
    }

    private mutating func nextByte() -> UInt8? {
        if position == filled {
            guard let file else { return nil }
            filled = fread(&buffer, 1, buffer.count, file)
            position = 0
            if filled == 0 { return nil }
        }
        defer { position += 1 }
        return buffer[position]
    }

    /// The next whitespace-separated token, or nil at the end.
    mutating func nextToken() throws -> String? {
        if let token = lookahead { lookahead = nil; return token }
        var token: [UInt8] = []
        tokenLine = line
        while let byte = nextByte() {
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A:
                if byte == 0x0A { line += 1 }
                if !token.isEmpty { return String(decoding: token, as: UTF8.self) }
            default:
                if token.isEmpty { tokenLine = line }
                token.append(byte)
                guard token.count <= 64 else {
                    throw AsciiGridError(path: path, line: tokenLine, message: "token longer than 64 bytes")
                }
            }
        }
        return token.isEmpty ? nil : String(decoding: token, as: UTF8.self)
    }
}

/// A malformed or unsupported OSM PBF file, with the byte offset of the blob where it was found.
public struct OSMPBFError: Error, CustomStringConvertible, Equatable {
    public let path: String
    /// Offset of the blob (or header) being read when the problem was found.
    public let byteOffset: Int
    public let message: String

    public init(path: String, byteOffset: Int, message: String) {
        self.path = path
        self.byteOffset = byteOffset
        self.message = message
    }

    public var description: String { "\(path): byte \(byteOffset): error: \(message)" }
}

/// A malformed OSM XML file, with line and column.
public struct OSMXMLError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(path): line \(line), column \(column): error: \(message)" }
}

/// A file that cannot be opened or read at all.
public struct InputFileError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): error: \(message)" }
}

/// A malformed CSV file, with the line (1-based, counting the header) where it was found.
public struct CSVError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let line: Int
    public let message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path): line \(line): error: \(message)" }
}

import Foundation

/// A malformed JSON input file, naming the JSON path of the fault (`targets[2].within`,
/// `edits[0].geometry.coordinates[0][3]`).
public struct JSONInputError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let place: String
    public let message: String

    public init(path: String, place: String, message: String) {
        self.path = path
        self.place = place
        self.message = message
    }

    public var description: String { "\(path): \(place): error: \(message)" }
}

/// Errors of the targets file.
public typealias TargetsError = JSONInputError

/// Parsing shared by the JSON inputs: size and nesting are checked on the raw bytes before
/// `JSONSerialization` sees them, so a hostile file costs at most `maxBytes` of work.
enum JSONInput {
    /// The file's bytes, or an `InputFileError` naming why they cannot be read.
    static func contents(of path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFileError(path: path, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        return [UInt8](data)
    }

    /// The top-level object of `bytes`.
    static func object(_ bytes: [UInt8], name: String, maxBytes: Int, maxDepth: Int) throws -> [String: Any] {
        func fail(_ place: String, _ message: String) -> JSONInputError { JSONInputError(path: name, place: place, message: message) }
        guard bytes.count <= maxBytes else { throw fail("file", "\(bytes.count) bytes; this file may hold at most \(maxBytes)") }
        var depth = 0, inString = false, escaped = false
        for (offset, b) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                guard depth <= maxDepth else { throw fail("byte \(offset)", "nested deeper than \(maxDepth) levels") }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw fail("file", "not valid JSON (\((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"))")
        }
        guard let object = root as? [String: Any] else { throw fail("$", "expected a JSON object") }
        return object
    }

    /// A finite number (not a Boolean): `.some(nil)` when absent, nil when not a number.
    /// Foundation keeps a number of more than about 15 digits as an `NSDecimalNumber`, whose
    /// `doubleValue` can be an ulp off; its decimal text is converted instead (correctly
    /// rounded), so a coordinate written in shortest round-trip form reads back exactly.
    static func number(_ value: Any?) -> Double?? {
        guard let value else { return .some(nil) }
        guard let n = value as? NSNumber, !isBoolean(value) else { return nil }
        let double = n is NSDecimalNumber ? Double(n.stringValue) ?? n.doubleValue : n.doubleValue
        guard double.isFinite else { return nil }
        return .some(double)
    }

    /// A parsed value as a message names it: `the string "1"`, `1`, `true`, `null`, `an array`,
    /// `an object`, or `nothing` when absent.
    static func described(_ value: Any?) -> String {
        guard let value else { return "nothing" }
        if let text = value as? String { return "the string \"\(VisibleText.escaped(text))\"" }
        if value is NSNull { return "null" }
        if isBoolean(value) { return (value as! NSNumber).boolValue ? "true" : "false" }
        if let n = value as? NSNumber { return n.stringValue }
        if value is [Any] { return "an array" }
        return "an object"
    }

    /// Whether a parsed value is JSON `true` or `false`. (`value is Bool` also holds for the
    /// numbers 0 and 1, which Foundation bridges to Bool.)
    static func isBoolean(_ value: Any) -> Bool {
        guard let n = value as? NSNumber else { return false }
        return String(cString: n.objCType) == "c"
    }
}

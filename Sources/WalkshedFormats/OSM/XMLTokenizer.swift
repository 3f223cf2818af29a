/// A streaming, strict tokenizer for the XML that OSM files are written in: start tags with
/// attributes (entity references decoded), end tags, and the prolog pieces it skips
/// (declaration, processing instructions, comments, CDATA, DOCTYPE, character data).
///
/// Written here because the toolchain's XMLParser (swift-corelibs-foundation, Swift 6.3.1)
/// crashed under fuzzing on two valid-or-nearly-valid inputs (see Tests/Fuzz/README.md).
/// Memory holds one tag; names, attribute values, attribute counts and nesting depth are
/// bounded, so hostile input gets an error with line and column, never an allocation.
struct XMLTokenizer {
    enum Event: Equatable {
        case start(name: String, attributes: [XMLAttribute], selfClosing: Bool)
        case end(name: String)
    }

    struct Failure: Error { let line: Int; let column: Int; let message: String }

    static let maxNameBytes = 1_024
    static let maxValueBytes = 1 << 20
    static let maxAttributes = 1_024
    static let maxDepth = 256

    private var input: BufferedBytes
    private var stack: [String] = []
    private var sawRoot = false
    private var pendingEnd: String?
    private var started = false

    init<I: ByteInput>(_ source: I) { input = BufferedBytes(source) }

    var line: Int { input.line }
    var column: Int { input.column }

    private func fail(_ message: String) -> Failure { Failure(line: input.line, column: input.column, message: message) }

    /// The next element event, or nil at a well-formed end of input.
    mutating func next() throws -> Event? {
        if !started {
            started = true
            try skipByteOrderMark()
        }
        if let name = pendingEnd {   // the end of a self-closing tag, reported after its start
            pendingEnd = nil
            return .end(name: name)
        }
        while let byte = input.peek() {
            if byte != UInt8(ascii: "<") {
                try skipText()
                continue
            }
            input.advance()
            switch input.peek() {
            case UInt8(ascii: "?"): try skip(until: "?>", what: "processing instruction")
            case UInt8(ascii: "!"): try skipDeclaration()
            case UInt8(ascii: "/"): return try endTag()
            default: return try startTag()
            }
        }
        if let open = stack.last { throw fail("unexpected end of file inside <\(open)>") }
        guard sawRoot else { throw fail("no root element") }
        return nil
    }

    /// A UTF-8 byte-order mark (EF BB BF) may open the document (XML 1.0 §4.3.3, F.1); it is
    /// not text, so it is skipped. Any other use of those bytes at the start is an error.
    private mutating func skipByteOrderMark() throws {
        guard input.peek() == 0xEF else { return }
        for expected: UInt8 in [0xEF, 0xBB, 0xBF] {
            guard input.peek() == expected else { throw fail("a file starting with byte 0xEF must start with the UTF-8 byte-order mark EF BB BF") }
            input.advance()
        }
    }

    private mutating func skipText() throws {
        while let byte = input.peek(), byte != UInt8(ascii: "<") {
            if stack.isEmpty && !Self.isSpace(byte) { throw fail("text outside the root element") }
            input.advance()
        }
    }

    private mutating func skip(until terminator: String, what: String) throws {
        let bytes = Array(terminator.utf8)
        var matched = 0
        while let byte = input.next() {
            matched = byte == bytes[matched] ? matched + 1 : (byte == bytes[0] ? 1 : 0)
            if matched == bytes.count { return }
        }
        throw fail("unexpected end of file inside a \(what)")
    }

    private mutating func skipDeclaration() throws {
        input.advance()   // "!"
        if input.consume("--") { return try skip(until: "-->", what: "comment") }
        if input.consume("[CDATA[") {
            guard !stack.isEmpty else { throw fail("CDATA outside the root element") }
            return try skip(until: "]]>", what: "CDATA section")
        }
        guard input.consume("DOCTYPE") else { throw fail("unknown markup declaration after '<!'") }
        var depth = 0   // an internal subset in [ … ] may hold '>'
        while let byte = input.next() {
            if byte == UInt8(ascii: "[") { depth += 1 }
            if byte == UInt8(ascii: "]") { depth -= 1 }
            if byte == UInt8(ascii: ">") && depth <= 0 { return }
        }
        throw fail("unexpected end of file inside DOCTYPE")
    }

    private mutating func endTag() throws -> Event {
        input.advance()   // "/"
        let name = try self.name()
        skipSpaces()
        guard input.next() == UInt8(ascii: ">") else { throw fail("expected '>' to end </\(name)>") }
        guard let open = stack.popLast() else { throw fail("</\(name)> closes nothing") }
        guard open == name else { throw fail("</\(name)> does not close <\(open)>") }
        return .end(name: name)
    }

    private mutating func startTag() throws -> Event {
        if stack.isEmpty && sawRoot { throw fail("a second root element") }
        let name = try self.name()
        var attributes: [XMLAttribute] = []
        while true {
            let hadSpace = skipSpaces()
            guard let byte = input.peek() else { throw fail("unexpected end of file inside <\(name)>") }
            if byte == UInt8(ascii: "/") {
                input.advance()
                guard input.next() == UInt8(ascii: ">") else { throw fail("expected '>' after '/' in <\(name)>") }
                try open(name)
                _ = stack.popLast()
                pendingEnd = name
                return .start(name: name, attributes: attributes, selfClosing: true)
            }
            if byte == UInt8(ascii: ">") {
                input.advance()
                try open(name)
                return .start(name: name, attributes: attributes, selfClosing: false)
            }
            guard hadSpace else { throw fail("expected a space before an attribute in <\(name)>") }
            guard attributes.count < Self.maxAttributes else { throw fail("more than \(Self.maxAttributes) attributes in <\(name)>") }
            let key = try self.name()
            skipSpaces()
            guard input.next() == UInt8(ascii: "=") else { throw fail("expected '=' after attribute \(key)") }
            skipSpaces()
            let value = try quotedValue(of: key)
            if attributes.contains(where: { $0.name == key }) { throw fail("attribute \(key) repeated in <\(name)>") }
            attributes.append(XMLAttribute(name: key, value: value))
        }
    }

    private mutating func open(_ name: String) throws {
        guard stack.count < Self.maxDepth else { throw fail("elements nested deeper than \(Self.maxDepth)") }
        stack.append(name)
        sawRoot = true
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        var any = false
        while let byte = input.peek(), Self.isSpace(byte) { input.advance(); any = true }
        return any
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
            || b == UInt8(ascii: ".") || b == UInt8(ascii: ":") || b >= 0x80
    }

    private mutating func name() throws -> String {
        guard let first = input.peek(), Self.isNameByte(first), !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")),
              first != UInt8(ascii: "-"), first != UInt8(ascii: "."), first != UInt8(ascii: ":") else {
            throw fail("expected a name")
        }
        var bytes: [UInt8] = []
        while let byte = input.peek(), Self.isNameByte(byte) {
            guard bytes.count < Self.maxNameBytes else { throw fail("name longer than \(Self.maxNameBytes) bytes") }
            bytes.append(byte)
            input.advance()
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func quotedValue(of key: String) throws -> String {
        guard let quote = input.peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw fail("attribute \(key) needs a quoted value")
        }
        input.advance()
        var bytes: [UInt8] = []
        while true {
            guard let byte = input.next() else { throw fail("unexpected end of file in the value of \(key)") }
            if byte == quote { break }
            guard byte != UInt8(ascii: "<") else { throw fail("'<' in the value of \(key)") }
            guard bytes.count < Self.maxValueBytes else { throw fail("value of \(key) longer than \(Self.maxValueBytes) bytes") }
            if byte == UInt8(ascii: "&") { bytes += try entity() } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes `&…;` after the `&`: the five predefined entities and character references.
    private mutating func entity() throws -> [UInt8] {
        var body: [UInt8] = []
        while let byte = input.next(), byte != UInt8(ascii: ";") {
            guard body.count < 12 else { throw fail("entity reference not closed by ';'") }
            body.append(byte)
        }
        let text = String(decoding: body, as: UTF8.self)
        switch text {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default:
            var digits = Substring(text)
            guard digits.first == "#" else { throw fail("unknown entity &\(text);") }
            digits.removeFirst()
            let hex = digits.first == "x"
            if hex { digits.removeFirst() }
            guard let code = UInt32(digits, radix: hex ? 16 : 10), code != 0, let scalar = Unicode.Scalar(code) else {
                throw fail("invalid character reference &\(text);")
            }
            return Array(String(Character(scalar)).utf8)
        }
    }
}

/// One attribute of a start tag, its value with entity references decoded.
struct XMLAttribute: Equatable {
    var name: String
    var value: String
}

/// Bytes from a `ByteInput` through a 64 KiB buffer, with line and column of the next byte.
struct BufferedBytes {
    private var source: any ByteInput
    private var buffer: [UInt8] = []
    private var position = 0
    private(set) var line = 1
    private(set) var column = 1

    init<I: ByteInput>(_ source: I) { self.source = source }

    mutating func peek() -> UInt8? {
        if position == buffer.count {
            buffer = source.read(1 << 16)
            position = 0
            if buffer.isEmpty { return nil }
        }
        return buffer[position]
    }

    mutating func advance() {
        guard let byte = peek() else { return }
        position += 1
        if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
    }

    mutating func next() -> UInt8? {
        guard let byte = peek() else { return nil }
        advance()
        return byte
    }

    /// Consumes `text` if the input continues with it; else consumes nothing that matters to
    /// the caller (who fails on a mismatch).
    mutating func consume(_ text: String) -> Bool {
        for expected in text.utf8 {
            guard peek() == expected else { return false }
            advance()
        }
        return true
    }
}

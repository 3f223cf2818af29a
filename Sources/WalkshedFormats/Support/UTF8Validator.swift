/// Streaming UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF),
/// fed in chunks, tracking line and column of the first bad byte.
///
/// OSM XML is UTF-8, so invalid bytes are rejected, with their place, before parsing (this
/// also stopped the first fuzz-found crash, in the toolchain's XMLParser; Tests/Fuzz/README.md).
struct UTF8Validator {
    /// 1-based line and byte column of the next byte.
    private(set) var line = 1
    private(set) var column = 1
    private(set) var offset = 0
    /// Continuation bytes still expected, and the allowed range of the next one.
    private var pending = 0
    private var low: UInt8 = 0x80
    private var high: UInt8 = 0xBF
    /// Where the sequence in progress started.
    private var sequenceStart = (line: 1, column: 1, offset: 0)

    /// The first invalid byte's place, or nil when all bytes so far are valid.
    mutating func feed<C: Collection>(_ bytes: C) -> (line: Int, column: Int, offset: Int)? where C.Element == UInt8 {
        for byte in bytes {
            if pending > 0 {
                guard byte >= low && byte <= high else { return sequenceStart }
                pending -= 1
                low = 0x80; high = 0xBF
            } else {
                sequenceStart = (line, column, offset)
                switch byte {
                case 0x00...0x7F: break
                case 0xC2...0xDF: pending = 1
                case 0xE0: pending = 2; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: pending = 2
                case 0xED: pending = 2; high = 0x9F
                case 0xF0: pending = 3; low = 0x90
                case 0xF1...0xF3: pending = 3
                case 0xF4: pending = 3; high = 0x8F
                default: return sequenceStart
                }
            }
            offset += 1
            if byte == 0x0A { line += 1; column = 1 } else if pending == 0 { column += 1 }
        }
        return nil
    }

    /// The place of a sequence cut off by the end of input, or nil.
    func finish() -> (line: Int, column: Int, offset: Int)? { pending > 0 ? sequenceStart : nil }
}

import Testing
@testable import WalkshedFormats

/// Encodes `value` as a protobuf varint: 7 bits per byte, least significant first, the top bit
/// set on every byte but the last.
private func varintBytes(_ value: UInt64) -> [UInt8] {
    var v = value, out: [UInt8] = []
    repeat {
        out.append(UInt8(v & 0x7f) | (v >= 0x80 ? 0x80 : 0))
        v >>= 7
    } while v != 0
    return out
}

/// The varints in `bytes[range]` (all of `bytes` by default), read one after another.
private func readVarints(_ bytes: [UInt8], range: Range<Int>? = nil) throws -> [UInt64] {
    try bytes.withUnsafeBytes { raw -> [UInt64] in
        var reader = ProtobufReader(raw, range: range)
        var read: [UInt64] = []
        while !reader.isAtEnd { read.append(try reader.varint()) }
        return read
    }
}

/// Varints of every length (1 to 10 bytes) read back as written, wherever they sit in the
/// buffer: far from its end (ten bytes at hand) and in its last bytes (checked byte by byte).
@Test func varintsOfEveryLengthReadBackAsWritten() throws {
    var generator = SystemRandomNumberGenerator()
    var values: [UInt64] = [0, 1, 127, 128, 16_383, 16_384, (1 << 56) - 1, 1 << 56, (1 << 63) - 1, .max]
    for bits in 1...64 {
        for _ in 0..<40 { values.append(UInt64.random(in: 0...(bits == 64 ? .max : (1 << bits) - 1), using: &generator)) }
    }
    values.shuffle(using: &generator)
    #expect(Set(values.map { varintBytes($0).count }) == Set(1...10))
    #expect(try readVarints(values.flatMap(varintBytes)) == values)
    // Each value last in its buffer, after 0 to 9 one-byte varints.
    for value in values.prefix(200) {
        for lead in 0..<10 {
            #expect(try readVarints([UInt8](repeating: 5, count: lead) + varintBytes(value)) == [UInt64](repeating: 5, count: lead) + [value])
        }
    }
}

/// A varint cut off by the end of its range is an error, whether bytes remain in the buffer
/// past the range or not; so is one longer than ten bytes.
@Test func truncatedAndOverlongVarintsAreRefused() throws {
    let cut: [UInt8] = [0x81, 0x82, 0x83] + [UInt8](repeating: 0x01, count: 12)
    #expect(throws: ProtobufReader.Malformed.self) { try readVarints(cut, range: 0..<3) }
    #expect(try readVarints(cut, range: 0..<4) == [1 | 2 << 7 | 3 << 14 | 1 << 21])
    #expect(throws: ProtobufReader.Malformed.self) { try readVarints([UInt8](repeating: 0x80, count: 11) + [0x01]) }
}

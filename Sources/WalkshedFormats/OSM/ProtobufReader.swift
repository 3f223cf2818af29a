/// A bounds-checked reader of Protocol Buffers wire format over a byte buffer.
/// Every read checks the remaining bytes first; a malformed buffer throws, never traps.
struct ProtobufReader {
    struct Malformed: Error { let message: String }

    let bytes: UnsafeRawBufferPointer
    /// `bytes`' start, unwrapped once for the hot reads (for an empty buffer a stand-in that is
    /// never read: every read is within `offset ..< end`, inside `bytes`).
    private let base: UnsafeRawPointer
    private(set) var offset: Int
    let end: Int

    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>? = nil) {
        let range = range ?? 0 ..< bytes.count
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "reader range outside its buffer")
        self.bytes = bytes
        base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: MemoryLayout<UInt64>.alignment)!
        offset = range.lowerBound
        end = range.upperBound
    }

    var isAtEnd: Bool { offset >= end }

    /// A one-byte varint (most DenseNodes id deltas and string indexes) is read inline; one of
    /// two to eight bytes with eight bytes at hand (coordinate deltas) from one word; longer
    /// ones, and those near the end, by `longVarint()`.
    @inline(__always)
    mutating func varint() throws -> UInt64 {
        // `offset ≤ end` always, so the wrapping arithmetic below never wraps.
        if end &- offset >= 8 {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            if word & 0x80 == 0 {
                offset &+= 1
                return word & 0x7f
            }
            // Bytes whose top bit is clear end a varint: the lowest one ends this.
            let ends = ~word & 0x8080_8080_8080_8080
            if ends != 0 {
                let bits = ends.trailingZeroBitCount &+ 1   // 8 × the varint's length in bytes
                offset &+= bits >> 3
                return Self.packedGroups(bits == 64 ? word : word & ((1 << UInt64(bits)) &- 1))
            }
        } else if offset < end {
            // Near a range's end (a way's short tag and node columns): one or two bytes read here.
            let byte = base.load(fromByteOffset: offset, as: UInt8.self)
            if byte < 0x80 {
                offset &+= 1
                return UInt64(byte)
            }
            if end &- offset >= 2 {
                let next = base.load(fromByteOffset: offset &+ 1, as: UInt8.self)
                if next < 0x80 {
                    offset &+= 2
                    return UInt64(byte & 0x7f) | UInt64(next) << 7
                }
            }
        }
        return try longVarint()
    }

    /// The 7-bit groups of up to eight varint bytes (least significant first, continuation
    /// bits set or not) joined into one number of up to 56 bits.
    @inline(__always)
    static func packedGroups(_ word: UInt64) -> UInt64 {
        var x = word & 0x7f7f_7f7f_7f7f_7f7f
        x = ((x & 0x7f00_7f00_7f00_7f00) >> 1) | (x & 0x007f_007f_007f_007f)   // 14 bits per 16
        x = ((x & 0x3fff_0000_3fff_0000) >> 2) | (x & 0x0000_3fff_0000_3fff)   // 28 bits per 32
        return ((x & 0x0fff_ffff_0000_0000) >> 4) | (x & 0x0000_0000_0fff_ffff)
    }

    @inline(never)
    private mutating func longVarint() throws -> UInt64 {
        if end - offset >= 10 {
            // Ten bytes are there, the most a varint takes: no end check per byte.
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while shift < 64 {
                let byte = bytes[offset]
                offset += 1
                result |= UInt64(byte & 0x7f) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
            throw Malformed(message: "varint longer than 10 bytes")
        }
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else { throw Malformed(message: "truncated varint") }
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            guard shift < 64 else { throw Malformed(message: "varint longer than 10 bytes") }
        }
    }

    /// At the end, true; at a zero byte, steps over it and gives true; else false, reading nothing.
    @inline(__always)
    mutating func takeZeroByteOrEnd() -> Bool {
        guard offset < end else { return true }
        guard base.load(fromByteOffset: offset, as: UInt8.self) == 0 else { return false }
        offset &+= 1
        return true
    }

    @inline(__always)
    mutating func signedVarint() throws -> Int64 {
        let n = try varint()
        return Int64(bitPattern: (n >> 1) ^ (0 &- (n & 1)))
    }

    /// Next field key as (field number, wire type), or nil at the end.
    mutating func field() throws -> (number: Int, wireType: Int)? {
        guard !isAtEnd else { return nil }
        let key = try varint()
        return (Int(key >> 3), Int(key & 7))
    }

    /// The byte range of a length-delimited field.
    mutating func lengthDelimited() throws -> Range<Int> {
        let length = try varint()
        guard length <= UInt64(end - offset) else {
            throw Malformed(message: "field length \(length) exceeds the \(end - offset) bytes left")
        }
        let start = offset
        offset += Int(length)
        return start..<offset
    }

    mutating func skip(wireType: Int) throws {
        switch wireType {
        case 0: _ = try varint()
        case 1: try advance(8)
        case 2: _ = try lengthDelimited()
        case 5: try advance(4)
        default: throw Malformed(message: "unsupported wire type \(wireType)")
        }
    }

    private mutating func advance(_ n: Int) throws {
        guard n <= end - offset else { throw Malformed(message: "truncated fixed-width field") }
        offset += n
    }

    /// A packed repeated varint field, each value passed through `transform`.
    static func packedVarints(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) throws -> [UInt64] {
        var reader = ProtobufReader(bytes, range: range)
        var values: [UInt64] = []
        values.reserveCapacity(range.count)
        while !reader.isAtEnd { values.append(try reader.varint()) }
        return values
    }

    /// How many varints a packed field holds: its bytes without the continuation bit, each of
    /// which ends one (a varint cut off at the range's end is not counted).
    static func packedCount(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
        var count = 0, i = range.lowerBound
        // Eight bytes at a time: those whose top bit is clear.
        while i + 8 <= range.upperBound {
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            count += 8 - (word & 0x8080_8080_8080_8080).nonzeroBitCount
            i += 8
        }
        while i < range.upperBound {
            if bytes[i] < 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// A packed `sint64` field stored as deltas, decoded to absolute values.
    static func packedDeltaSigned(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) throws -> [Int64] {
        var values: [Int64] = []
        try appendPackedDeltaSigned(bytes, range, to: &values)
        return values
    }

    /// `packedDeltaSigned`, appended to `values` (a list reused object after object).
    static func appendPackedDeltaSigned(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, to values: inout [Int64]) throws {
        var reader = ProtobufReader(bytes, range: range)
        values.reserveCapacity(values.count + range.count / 2)
        var running: Int64 = 0, count = 0
        while !reader.isAtEnd {
            let (sum, overflow) = running.addingReportingOverflow(try reader.signedVarint())
            guard !overflow else { throw Malformed(message: "delta-coded value overflows 64 bits after \(count) values") }
            running = sum
            values.append(running)
            count += 1
        }
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

/// An append-only UTF-8 byte buffer for large text outputs, with fixed-point number
/// formatting that writes digits directly (the same bytes as `FixedPoint.format`).
public struct TextBuffer: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    public mutating func append(byte: UInt8) { bytes.append(byte) }

    /// Appends bytes as they are (already encoded text, or compressed bytes of a file).
    public mutating func append(bytes more: [UInt8]) { bytes.append(contentsOf: more) }

    public mutating func append(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude)
    }

    /// `value` with exactly `decimals` (0...8) digits after the point, rounding half away from
    /// zero; beyond 63 bits of units, Swift's shortest round-trip form, as `FixedPoint.format`.
    public mutating func append(_ value: Double, decimals: Int) {
        precondition(value.isFinite && (0...8).contains(decimals))
        let scaled = (abs(value) * FixedPoint.powers[decimals]).rounded(.toNearestOrAwayFromZero)
        guard scaled < 0x1p63 else { append(value.description); return }
        let units = UInt64(scaled)
        if value < 0 && units != 0 { bytes.append(UInt8(ascii: "-")) }
        let divisor = UInt64(FixedPoint.powers[decimals])
        appendDigits(UInt(units / divisor))
        if decimals > 0 {
            bytes.append(UInt8(ascii: "."))
            let fraction = units % divisor
            var scale = divisor / 10
            while scale > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8((fraction / scale) % 10))
                scale /= 10
            }
        }
    }

    public mutating func append(_ value: Float, decimals: Int) { append(Double(value), decimals: decimals) }

    /// The decimal digits of `value`, most significant first: made last digit first in a
    /// 20-byte scratch (a division by the constant 10 per digit), then appended at once.
    private mutating func appendDigits(_ value: UInt) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { digits in
            var rest = value, start = digits.count
            while rest > 0 {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Bytes held.
    public var count: Int { bytes.count }

    /// Empties the buffer, keeping its capacity (after its bytes were written out).
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// The text as a String (for tests and small outputs).
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

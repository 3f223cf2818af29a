/// Locale-free fixed-point formatting, rounding half away from zero; the same value always
/// gives the same bytes, which keeps outputs byte-identical across runs and machines.
public enum FixedPoint {
    static let powers: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    /// `value` with exactly `decimals` (0...8) digits after the point; a value whose scaled
    /// units do not fit 63 bits (beyond 9.2e18 / 10^decimals) is written in Swift's shortest
    /// round-trip form (`6.666666666666667e+47`), which is just as deterministic.
    public static func format(_ value: Double, decimals: Int) -> String {
        precondition(value.isFinite && (0...8).contains(decimals))
        let scaled = (abs(value) * powers[decimals]).rounded(.toNearestOrAwayFromZero)
        guard scaled < 0x1p63 else { return value.description }
        let units = UInt64(scaled)
        let negative = value < 0 && units != 0
        let divisor = UInt64(powers[decimals])
        let whole = units / divisor
        var text = negative ? "-" : ""
        text += String(whole)
        if decimals > 0 {
            let fraction = String(units % divisor)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }

    public static func format(_ value: Float, decimals: Int) -> String { format(Double(value), decimals: decimals) }

    /// The number a reader parses back from `format(value, decimals:)`: the written digits'
    /// value, correctly rounded (as `Double(text)` is), without making the text.
    public static func asWritten(_ value: Double, decimals: Int) -> Double {
        let scaled = (abs(value) * powers[decimals]).rounded(.toNearestOrAwayFromZero)
        guard scaled < 0x1p63 else { return value }
        let written = scaled / powers[decimals]
        return value < 0 && scaled != 0 ? -written : written
    }
}

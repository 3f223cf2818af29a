import Testing
import Walkshed
import WalkshedFormats
import WalkshedTestSupport

/// Every finite value formats and writes without a trap, in the same bytes by either writer:
/// fixed point while the units fit 63 bits, Swift's shortest round-trip form beyond.
@Test func anyFiniteValueFormatsAndWrites() {
    var rng = SeededRandom(seed: 11)
    var values: [Double] = [0, -0.0, 1e308, -1e308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
                            0x1p63, 0x1p63 - 1024, 0x1p64, 9.2e18, 9.3e18, 1e-300, 5.0046, 0.5, -0.5, 2.675]
    for _ in 0..<20_000 {
        let exponent = Double(rng.next() % 620) - 310
        values.append((rng.next() % 2 == 0 ? 1 : -1) * Double(rng.next() % 1_000_000) / 1e3 * pow10(exponent))
    }
    for value in values where value.isFinite {
        for decimals in 0...8 {
            let text = FixedPoint.format(value, decimals: decimals)
            var buffer = TextBuffer()
            buffer.append(value, decimals: decimals)
            #expect(buffer.string == text, "\(value) at \(decimals)")
            #expect(Double(text) != nil, "\(text) does not read back as a number")
        }
    }
    // Grids of extreme floats write every cell.
    let grid = GridGeometry(originX: 0, originY: 0, cellMetres: 1, columns: 4, rows: 1)
    let layer = CoverageLayer(.minutes(.park), values: [.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, .nan])
    let text = AsciiGridWriter.text(layer, grid: grid).string
    #expect(text.hasSuffix("3.4028234663852886e+38 -3.4028234663852886e+38 0.00 -9999\n"), "\(text)")
}

private func pow10(_ e: Double) -> Double {
    var result = 1.0
    for _ in 0..<Int(abs(e)) { result = e < 0 ? result / 10 : result * 10 }
    return result
}

/// Whole numbers write as Swift's `description` does, at every digit count and at both ends
/// of `Int` (whose most negative value has no positive counterpart).
@Test func wholeNumbersWriteTheirDecimalDigits() {
    var rng = SeededRandom(seed: 5)
    var values: [Int] = [0, 9, 10, 99, 100, -1, -10, .max, .min, .min + 1, 1_000_000_000_000_000_000]
    for digits in 1...18 { values += [Int(rng.next() % UInt64(pow10(Double(digits)))), -Int(rng.next() % UInt64(pow10(Double(digits))))] }
    for value in values {
        var buffer = TextBuffer()
        buffer.append(value)
        #expect(buffer.string == String(value), "\(value)")
    }
}

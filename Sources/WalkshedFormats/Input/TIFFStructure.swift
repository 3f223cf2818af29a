/// The bytes of a TIFF file with its byte order: bounds-checked reads of integers, directories
/// and samples. Every read past the end throws `GeoTIFFError` naming the offset.
struct TIFFBytes {
    let bytes: [UInt8]
    let name: String
    var bigEndian = false

    init(bytes: [UInt8], name: String) {
        self.bytes = bytes
        self.name = name
    }

    /// A directory entry's values: numbers for numeric types, text for ASCII.
    struct TagValue {
        var numbers: [Double] = []
        var text: String?
    }

    func error(at offset: Int, _ message: String) -> GeoTIFFError {
        GeoTIFFError(path: name, byteOffset: offset, message: message)
    }

    func uint(at offset: Int, size: Int) throws -> UInt64 {
        guard offset >= 0, size <= 8, offset <= bytes.count - size else {
            throw error(at: offset, "a \(size)-byte value runs past the end of the file (\(bytes.count) bytes)")
        }
        return uint(bytes, at: offset, size: size, bigEndian: bigEndian)
    }

    func uint(_ buffer: [UInt8], at offset: Int, size: Int, bigEndian: Bool) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<size {
            let byte = UInt64(buffer[offset + (bigEndian ? k : size - 1 - k)])
            v = v << 8 | byte
        }
        return v
    }

    /// The entries of the directory at `offset`, by tag.
    func directory(at offset: Int) throws -> [Int: TagValue] {
        let count = Int(try uint(at: offset, size: 2))
        var tags: [Int: TagValue] = [:]
        for e in 0..<count {
            let entry = offset + 2 + 12 * e
            let tag = Int(try uint(at: entry, size: 2)), type = Int(try uint(at: entry + 2, size: 2))
            let n = Int(try uint(at: entry + 4, size: 4))
            let sizes = [1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8]
            guard let size = sizes[type] else { continue }   // unknown types are skipped, as TIFF 6.0 asks
            guard n <= bytes.count / size else { throw error(at: entry, "tag \(tag) claims \(n) values, more than the file holds") }
            let total = n * size
            let start = total <= 4 ? entry + 8 : Int(try uint(at: entry + 8, size: 4))
            guard start >= 0, start <= bytes.count - total else {
                throw error(at: entry, "tag \(tag): \(total) bytes at \(start) run past the end of the file (\(bytes.count) bytes)")
            }
            var value = TagValue()
            if type == 2 {
                value.text = String(decoding: bytes[start..<start + total].prefix { $0 != 0 }, as: UTF8.self)
            } else {
                value.numbers.reserveCapacity(n)
                for i in 0..<n {
                    let at = start + i * size
                    switch type {
                    case 1, 3, 4, 7: value.numbers.append(Double(uint(bytes, at: at, size: size, bigEndian: bigEndian)))
                    case 6, 8, 9:
                        let raw = uint(bytes, at: at, size: size, bigEndian: bigEndian)
                        let shift = UInt64(64 - 8 * size)
                        value.numbers.append(Double(Int64(bitPattern: raw << shift) >> Int64(shift)))
                    case 5, 10:
                        let a = uint(bytes, at: at, size: 4, bigEndian: bigEndian), b = uint(bytes, at: at + 4, size: 4, bigEndian: bigEndian)
                        value.numbers.append(b == 0 ? .nan : Double(a) / Double(b))
                    case 11: value.numbers.append(Double(Float(bitPattern: UInt32(uint(bytes, at: at, size: 4, bigEndian: bigEndian)))))
                    default: value.numbers.append(Double(bitPattern: uint(bytes, at: at, size: 8, bigEndian: bigEndian)))
                    }
                }
            }
            tags[tag] = value
        }
        return tags
    }

    /// The sample at `at` in a decoded piece: unsigned (format 1), signed (2) or float (3).
    /// After the floating-point predictor, samples are big-endian whatever the file's order.
    func sample(_ raw: [UInt8], at: Int, bits: Int, format: Int, predictorBigEndian: Bool) -> Double {
        let size = bits / 8
        let v = uint(raw, at: at, size: size, bigEndian: predictorBigEndian || bigEndian)
        switch format {
        case 2:
            let shift = UInt64(64 - bits)
            return Double(Int64(bitPattern: v << shift) >> Int64(shift))
        case 3: return size == 4 ? Double(Float(bitPattern: UInt32(v))) : Double(bitPattern: v)
        default: return Double(v)
        }
    }
}

/// Undoing TIFF predictors on a decoded piece, row by row.
enum Predictor {
    static func undo(_ predictor: Int, _ raw: inout [UInt8], rows: Int, rowBytes: Int, bytesPerSample: Int, samples: Int,
                     bigEndian: Bool, error: (String) -> GeoTIFFError) throws {
        guard predictor != 1 else { return }
        guard raw.count >= rows * rowBytes else { throw error("piece holds \(raw.count) bytes, fewer than \(rows * rowBytes)") }
        for r in 0..<rows {
            let start = r * rowBytes
            if predictor == 3 {
                // Floating point (TIFF Technical Note 3): bytes were differenced across the row,
                // then each sample's bytes sit in planes, most significant first.
                for j in 1..<rowBytes { raw[start + j] = raw[start + j] &+ raw[start + j - 1] }
                let plane = Array(raw[start..<start + rowBytes])
                let count = rowBytes / bytesPerSample
                for i in 0..<count {
                    for k in 0..<bytesPerSample { raw[start + i * bytesPerSample + k] = plane[k * count + i] }
                }
            } else {
                // Horizontal differencing of integer samples, in the file's byte order.
                let stride = bytesPerSample * samples
                var j = stride
                while j + bytesPerSample <= rowBytes {
                    var sum: UInt64 = 0, previous: UInt64 = 0
                    for k in 0..<bytesPerSample {
                        let shift = UInt64(8 * (bigEndian ? bytesPerSample - 1 - k : k))
                        sum |= UInt64(raw[start + j + k]) << shift
                        previous |= UInt64(raw[start + j - stride + k]) << shift
                    }
                    let total = sum &+ previous
                    for k in 0..<bytesPerSample {
                        let shift = UInt64(8 * (bigEndian ? bytesPerSample - 1 - k : k))
                        raw[start + j + k] = UInt8(truncatingIfNeeded: total >> shift)
                    }
                    j += bytesPerSample
                }
            }
        }
    }
}

/// TIFF's LZW (TIFF 6.0 section 13): codes of 9 to 12 bits, most significant bit first,
/// 256 clears the table, 257 ends; the code width grows one code early.
enum LZWDecoder {
    static func decode(_ input: ArraySlice<UInt8>, expected: Int, error: (String) -> GeoTIFFError) throws -> [UInt8] {
        let data = Array(input)
        var out: [UInt8] = []
        out.reserveCapacity(expected)
        var table: [[UInt8]] = (0..<256).map { [UInt8($0)] } + [[], []]
        var width = 9, bitPosition = 0
        var previous: [UInt8]?
        func next() -> Int? {
            guard bitPosition + width <= data.count * 8 else { return nil }
            var code = 0
            for b in 0..<width {
                let bit = bitPosition + b
                code = code << 1 | Int((data[bit >> 3] >> (7 - UInt8(bit & 7))) & 1)
            }
            bitPosition += width
            return code
        }
        while out.count < expected, let code = next() {
            if code == 257 { break }
            if code == 256 {
                table.removeLast(table.count - 258)
                width = 9
                previous = nil
                continue
            }
            let entry: [UInt8]
            if code < table.count {
                entry = table[code]
            } else if code == table.count, let previous {
                entry = previous + [previous[0]]
            } else {
                throw error("LZW code \(code) is beyond the table of \(table.count)")
            }
            out += entry
            if let previous, table.count < 4096 { table.append(previous + [entry[0]]) }
            previous = entry
            if table.count + 1 >= (1 << width) && width < 12 { width += 1 }
        }
        return out
    }
}

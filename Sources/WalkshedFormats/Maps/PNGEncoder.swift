import CZlib

/// Writes a `RasterImage` as a PNG (ISO/IEC 15948): 8-bit truecolour, no interlace, every
/// row with filter type 0, one zlib-compressed IDAT chunk; chunk CRCs from zlib's `crc32`.
public enum PNGEncoder {
    /// The eight bytes every PNG starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The PNG file's bytes.
    public static func encode(_ image: RasterImage) -> [UInt8] {
        var header: [UInt8] = []
        appendBigEndian(UInt32(image.width), to: &header)
        appendBigEndian(UInt32(image.height), to: &header)
        header += [8, 2, 0, 0, 0]   // bit depth 8, colour type 2 (RGB), deflate, filter method 0, no interlace
        let rowBytes = image.width * 3
        var raw = [UInt8]()
        raw.reserveCapacity((rowBytes + 1) * image.height)
        image.pixels.withUnsafeBufferPointer { pixels in
            for row in 0..<image.height {
                raw.append(0)
                raw.append(contentsOf: pixels[(row * rowBytes)..<((row + 1) * rowBytes)])
            }
        }
        var out = signature
        appendChunk("IHDR", header, to: &out)
        appendChunk("IDAT", Zlib.deflate(raw), to: &out)
        appendChunk("IEND", [], to: &out)
        return out
    }

    static func appendChunk(_ type: String, _ data: [UInt8], to out: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &out)
        let typed = Array(type.utf8) + data
        out += typed
        let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        appendBigEndian(UInt32(crc), to: &out)
    }

    static func appendBigEndian(_ value: UInt32, to out: inout [UInt8]) {
        out += [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }
}

import CZlib

/// A PNG reader for tests: 8-bit RGB or RGBA, not interlaced, all five row filters; checks
/// the signature and every chunk's CRC. Pixels come back as RGB, top row first.
public struct DecodedPNG {
    public let width: Int
    public let height: Int
    public let rgb: [UInt8]

    public func pixel(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
        let i = (y * width + x) * 3
        return (rgb[i], rgb[i + 1], rgb[i + 2])
    }

    public struct Failure: Error, CustomStringConvertible { public let description: String }

    public init(_ bytes: [UInt8]) throws {
        func fail(_ m: String) -> Failure { Failure(description: m) }
        guard bytes.count > 8, Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { throw fail("no PNG signature") }
        func u32(_ at: Int) -> Int { Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]) }
        var at = 8, width = 0, height = 0, channels = 0
        var compressed: [UInt8] = []
        var ended = false
        while at + 12 <= bytes.count, !ended {
            let length = u32(at)
            guard at + 12 + length <= bytes.count else { throw fail("chunk at \(at) runs past the end") }
            let type = String(decoding: bytes[(at + 4)..<(at + 8)], as: UTF8.self)
            let body = Array(bytes[(at + 8)..<(at + 8 + length)])
            let crc = bytes[(at + 4)..<(at + 8 + length)].withContiguousStorageIfAvailable { crc32(0, $0.baseAddress, uInt($0.count)) }
                ?? Array(bytes[(at + 4)..<(at + 8 + length)]).withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
            guard Int(crc) == u32(at + 8 + length) else { throw fail("bad CRC in \(type) chunk") }
            switch type {
            case "IHDR":
                width = Int(body[0]) << 24 | Int(body[1]) << 16 | Int(body[2]) << 8 | Int(body[3])
                height = Int(body[4]) << 24 | Int(body[5]) << 16 | Int(body[6]) << 8 | Int(body[7])
                guard body[8] == 8, body[12] == 0 else { throw fail("only 8-bit, non-interlaced PNGs are read") }
                switch body[9] { case 2: channels = 3; case 6: channels = 4; default: throw fail("colour type \(body[9]) not read") }
            case "IDAT": compressed += body
            case "IEND": ended = true
            default: break
            }
            at += 12 + length
        }
        guard ended, width > 0, height > 0 else { throw fail("missing IHDR or IEND") }
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: (stride + 1) * height)
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { uncompress(out.baseAddress, &rawLength, $0.baseAddress, uLong($0.count)) }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else { throw fail("zlib data does not inflate to the image size (status \(status))") }
        var image = [UInt8](repeating: 0, count: stride * height)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let v = Int(raw[y * (stride + 1) + 1 + x])
                let a = x >= channels ? Int(image[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(image[(y - 1) * stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(image[(y - 1) * stride + x - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw fail("row \(y) has filter \(filter)")
                }
                image[y * stride + x] = UInt8((v + predicted) & 0xff)
            }
        }
        var rgb = [UInt8]()
        rgb.reserveCapacity(width * height * 3)
        for i in 0..<(width * height) { rgb += image[(i * channels)..<(i * channels + 3)] }
        self.width = width
        self.height = height
        self.rgb = rgb
    }
}

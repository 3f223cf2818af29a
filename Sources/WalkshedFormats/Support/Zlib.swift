import CZlib

/// zlib streams: inflation of a buffer whose inflated size is known in advance (PBF
/// `raw_size`), and deflation at level 6 (PNG, GeoTIFF).
enum Zlib {
    struct Failure: Error { let message: String }

    /// Inflates `compressed` into exactly `expectedSize` bytes, or throws.
    static func inflate(_ compressed: UnsafeRawBufferPointer, expectedSize: Int) throws -> [UInt8] {
        guard expectedSize > 0 else { return [] }
        var outLength = uLongf(expectedSize)
        var status: Int32 = Z_OK
        let output = [UInt8](unsafeUninitializedCapacity: expectedSize) { buffer, initialized in
            status = uncompress(buffer.baseAddress!, &outLength,
                                compressed.baseAddress?.assumingMemoryBound(to: Bytef.self), uLong(compressed.count))
            initialized = status == Z_OK ? Int(outLength) : 0
        }
        switch status {
        case Z_OK:
            guard Int(outLength) == expectedSize else {
                throw Failure(message: "zlib data inflated to \(outLength) bytes, raw_size says \(expectedSize)")
            }
            return output
        case Z_BUF_ERROR: throw Failure(message: "zlib data inflates to more than raw_size \(expectedSize) bytes, or is truncated")
        case Z_DATA_ERROR: throw Failure(message: "corrupt zlib data")
        case Z_MEM_ERROR: throw Failure(message: "out of memory inflating \(expectedSize) bytes")
        default: throw Failure(message: "zlib error \(status)")
        }
    }

    /// A zlib stream of `bytes`, compressed at level 6.
    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { i in
                compress2(o.baseAddress, &length, i.baseAddress, uLong(bytes.count), 6)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed with \(status) on a buffer compressBound sized")
        return Array(out.prefix(Int(length)))
    }

    /// Inflates a zlib stream of unknown inflated size, up to `limit` bytes (more is cut off:
    /// a bound, not an error); nil when the data is corrupt.
    static func inflateStream(_ compressed: [UInt8], limit: Int) -> [UInt8]? {
        compressed.withUnsafeBytes { inflatePrefix($0, limit: limit) }
    }

    /// The first `limit` inflated bytes of a zlib stream (fewer if it is shorter), inflating no
    /// more than that; nil when the data read so far is corrupt.
    static func inflatePrefix(_ compressed: UnsafeRawBufferPointer, limit: Int) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: max(1, limit))
        let status = output.withUnsafeMutableBufferPointer { o in
            stream.next_in = UnsafeMutablePointer(mutating: compressed.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(compressed.count)
            stream.next_out = o.baseAddress
            stream.avail_out = uInt(o.count)
            return CZlib.inflate(&stream, Z_FINISH)
        }
        guard status == Z_STREAM_END || status == Z_OK || status == Z_BUF_ERROR else { return nil }
        return Array(output.prefix(Int(stream.total_out)))
    }
}

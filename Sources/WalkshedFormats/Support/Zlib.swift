import CZlib

/// zlib inflation of a buffer whose inflated size is known in advance (PBF `raw_size`).
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
}

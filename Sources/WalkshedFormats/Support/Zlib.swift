import CDeflate
import CZlib

/// zlib streams (RFC 1950): inflation of a buffer whose inflated size is known in advance
/// (PBF `raw_size`) and deflation (PNG, GeoTIFF) through libdeflate, which reads
/// and writes the same format about twice as fast as zlib on whole buffers; inflation of a
/// stream's prefix or of unknown size through zlib's streaming interface.
enum Zlib {
    struct Failure: Error { let message: String }

    /// Inflates `compressed` into exactly `expectedSize` bytes, or throws.
    static func inflate(_ compressed: UnsafeRawBufferPointer, expectedSize: Int) throws -> [UInt8] {
        guard expectedSize > 0 else { return [] }
        guard let decompressor = libdeflate_alloc_decompressor() else {
            throw Failure(message: "out of memory inflating \(expectedSize) bytes")
        }
        defer { libdeflate_free_decompressor(decompressor) }
        var produced = 0
        var status = LIBDEFLATE_SUCCESS
        let output = [UInt8](unsafeUninitializedCapacity: expectedSize) { buffer, initialized in
            status = libdeflate_zlib_decompress(decompressor, compressed.baseAddress, compressed.count,
                                                buffer.baseAddress, expectedSize, &produced)
            initialized = status == LIBDEFLATE_SUCCESS ? produced : 0
        }
        switch status {
        case LIBDEFLATE_SUCCESS:
            guard produced == expectedSize else {
                throw Failure(message: "zlib data inflated to \(produced) bytes, raw_size says \(expectedSize)")
            }
            return output
        case LIBDEFLATE_INSUFFICIENT_SPACE: throw Failure(message: "zlib data inflates to more than raw_size \(expectedSize) bytes, or is truncated")
        default: throw Failure(message: "corrupt zlib data")
        }
    }

    /// A zlib stream of `bytes`, compressed at `level` (libdeflate's 1–12; 6 is zlib's default).
    static func deflate(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] { Deflate.compress(bytes, level: level, as: .zlib) }

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

/// Whole buffers compressed through libdeflate, as zlib streams (RFC 1950) or gzip members
/// (RFC 1952).
enum Deflate {
    enum Container { case zlib, gzip }

    /// `bytes` compressed at `level` (libdeflate's 1–12) in `container`.
    static func compress(_ bytes: [UInt8], level: Int32, as container: Container) -> [UInt8] {
        bytes.withUnsafeBufferPointer { Compressor(level: level).compress($0, as: container) }
    }

    /// `bytes` as one gzip member, compressed at `level`.
    static func gzip(_ bytes: [UInt8], level: Int32) -> [UInt8] { compress(bytes, level: level, as: .gzip) }

    /// One libdeflate compressor and an output buffer, kept for many buffers in turn (the tiles
    /// of a GeoTIFF): no tables or bound-sized buffers allocated, and their pages faulted in,
    /// per buffer (`Deflate.compress` makes one per buffer). Each result is exactly its
    /// compressed size. Used by one thread at a time.
    final class Compressor {
        private let compressor: OpaquePointer
        private var output: [UInt8] = []

        init(level: Int32) {
            guard let compressor = libdeflate_alloc_compressor(level) else { preconditionFailure("libdeflate cannot allocate a compressor") }
            self.compressor = compressor
        }

        deinit { libdeflate_free_compressor(compressor) }

        /// `bytes` compressed in `container`, exactly its compressed size.
        func compress(_ bytes: UnsafeBufferPointer<UInt8>, as container: Container) -> [UInt8] {
            let bound = container == .zlib ? libdeflate_zlib_compress_bound(compressor, bytes.count)
                : libdeflate_gzip_compress_bound(compressor, bytes.count)
            // Left unwritten: libdeflate writes what is read back.
            if output.count < bound { output = [UInt8](unsafeUninitializedCapacity: bound) { _, count in count = bound } }
            let written = output.withUnsafeMutableBytes { out in
                container == .zlib ? libdeflate_zlib_compress(compressor, bytes.baseAddress, bytes.count, out.baseAddress, bound)
                    : libdeflate_gzip_compress(compressor, bytes.baseAddress, bytes.count, out.baseAddress, bound)
            }
            precondition(written > 0, "libdeflate found no room in a buffer its bound sized")
            return Array(output[..<written])
        }
    }
}

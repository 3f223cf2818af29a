import CZlib

/// Reading gzip files (RFC 1952) through the system zlib's streaming interface, bounded
/// (`Deflate.gzip` writes them).
enum Gzip {
    /// Whether `bytes` start like a gzip member.
    static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b }

    /// The bytes inside a gzip file (every member, one after another), or a message saying why
    /// not. More than `limit` bytes is refused, so a small file cannot expand without bound.
    static func decompress(_ bytes: [UInt8], limit: Int) -> Result<[UInt8], Zlib.Failure> {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var consumed = 0
        while consumed < bytes.count {
            var stream = z_stream()
            guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                return .failure(Zlib.Failure(message: "zlib could not start"))
            }
            defer { inflateEnd(&stream) }
            // One member: inflate until its end, an error, the bound, or input that runs out.
            var status = Z_OK, produced = 0
            bytes.withUnsafeBufferPointer { i in
                stream.next_in = UnsafeMutablePointer(mutating: i.baseAddress! + consumed)
                stream.avail_in = uInt(i.count - consumed)
                repeat {
                    produced = chunk.withUnsafeMutableBufferPointer { o in
                        stream.next_out = o.baseAddress
                        stream.avail_out = uInt(o.count)
                        status = inflate(&stream, Z_NO_FLUSH)
                        return o.count - Int(stream.avail_out)
                    }
                    out.append(contentsOf: chunk.prefix(produced))
                } while status == Z_OK && out.count <= limit && (produced > 0 || stream.avail_in > 0)
            }
            if out.count > limit { return .failure(Zlib.Failure(message: "inflates to more than \(limit) bytes")) }
            switch status {
            case Z_STREAM_END: consumed += Int(stream.total_in)
            case Z_OK, Z_BUF_ERROR: return .failure(Zlib.Failure(message: "gzip data is truncated"))
            default: return .failure(Zlib.Failure(message: "corrupt gzip data (at compressed byte \(consumed + Int(stream.total_in)))"))
            }
        }
        return .success(out)
    }
}

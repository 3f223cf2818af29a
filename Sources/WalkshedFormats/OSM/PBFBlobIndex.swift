#if canImport(Glibc)
import Glibc
#endif

/// One blob of a PBF file, found by walking the framing without reading its data.
struct PBFBlob: Sendable {
    /// Offset of the blob's 4-byte length prefix (the place named in messages).
    var start: Int
    /// `OSMHeader`, `OSMData`, or a type readers skip.
    var type: String
    /// Where the `Blob` message lies in the file, in bytes.
    var data: Range<Int>
}

/// The bytes of a PBF file, read by offset from any thread: a file descriptor read with
/// `pread` (thread-safe, no shared position), or bytes already in memory.
final class PBFBytes: Sendable {
    let path: String
    private let descriptor: Int32
    private let memory: [UInt8]?
    /// Size of the file in bytes.
    let count: Int

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputFileError(path: path, message: String(cString: strerror(errno)).lowercased()) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let message = String(cString: strerror(errno)).lowercased()
            close(descriptor)
            throw InputFileError(path: path, message: message)
        }
        memory = nil
        count = Int(status.st_size)
    }

    init(bytes: [UInt8], name: String) {
        path = name
        descriptor = -1
        memory = bytes
        count = bytes.count
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The bytes in `range`, clamped to the end of the file; throws if the file cannot be read.
    func read(_ range: Range<Int>) throws -> [UInt8] {
        let range = range.clamped(to: 0..<count)
        if let memory { return Array(memory[range]) }
        return try [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            var done = 0
            while done < range.count {
                let got = pread(descriptor, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else {
                    initialized = done
                    throw InputFileError(path: path, message: got < 0 ? String(cString: strerror(errno)).lowercased()
                                         : "file shrank while being read (byte \(range.lowerBound + done))")
                }
                done += got
            }
            initialized = done
        }
    }
}

/// Every blob of a PBF file, listed by walking the framing (a 4-byte big-endian length, a
/// `BlobHeader`, the `Blob`) and reading only the headers: a few kilobytes for a whole file.
struct PBFBlobIndex: Sendable {
    /// Sizes the spec allows: BlobHeader < 64 KiB, Blob ≤ 32 MiB (raw and inflated).
    static let maxHeaderBytes = 64 * 1024
    static let maxBlobBytes = 32 * 1024 * 1024

    let blobs: [PBFBlob]

    /// Lists the blobs of `bytes`; throws `OSMPBFError` at the first broken frame.
    init(_ bytes: PBFBytes) throws {
        var blobs: [PBFBlob] = []
        var offset = 0
        while offset < bytes.count || blobs.isEmpty {
            let blobStart = offset
            func error(_ message: String, at place: Int? = nil) -> OSMPBFError {
                OSMPBFError(path: bytes.path, byteOffset: place ?? blobStart, message: message)
            }
            let lengthBytes = try bytes.read(offset..<offset + 4)
            if lengthBytes.isEmpty { throw error("empty file, expected an OSM PBF blob header") }
            guard lengthBytes.count == 4 else { throw error("truncated file: \(lengthBytes.count) of 4 blob-length bytes") }
            offset += 4
            let headerLength = lengthBytes.reduce(0) { $0 << 8 | Int($1) }
            guard headerLength > 0 && headerLength <= Self.maxHeaderBytes else {
                let what = blobs.isEmpty ? "not an OSM PBF file: " : ""
                throw error("\(what)blob header length \(headerLength) is outside 1...\(Self.maxHeaderBytes)")
            }
            let header = try bytes.read(offset..<offset + headerLength)
            guard header.count == headerLength else {
                throw error("truncated file: blob header needs \(headerLength) bytes, \(header.count) left", at: offset)
            }
            offset += headerLength
            let (type, dataSize) = try Self.parseBlobHeader(header, error: { error($0) })
            if blobs.isEmpty && type != "OSMHeader" {
                throw error("not an OSM PBF file: first blob is '\(type)', expected 'OSMHeader'")
            }
            guard dataSize <= UInt64(Self.maxBlobBytes) else {
                throw error("blob size \(dataSize) exceeds the \(Self.maxBlobBytes)-byte limit")
            }
            let left = bytes.count - offset
            guard Int(dataSize) <= left else {
                throw error("truncated file: blob needs \(dataSize) bytes, \(left) left", at: offset)
            }
            blobs.append(PBFBlob(start: blobStart, type: type, data: offset..<offset + Int(dataSize)))
            offset += Int(dataSize)
        }
        self.blobs = blobs
    }

    /// The blob type and its declared size, unbounded (the caller checks it).
    private static func parseBlobHeader(_ bytes: [UInt8], error: (String) -> OSMPBFError) throws -> (type: String, dataSize: UInt64) {
        do {
            return try bytes.withUnsafeBytes { raw in
                var reader = ProtobufReader(raw)
                var type: String?, size: UInt64?
                while let (number, wire) = try reader.field() {
                    switch (number, wire) {
                    case (1, 2): type = reader.string(try reader.lengthDelimited())
                    case (3, 0): size = try reader.varint()
                    default: try reader.skip(wireType: wire)
                    }
                }
                guard let type, let size else { throw ProtobufReader.Malformed(message: "BlobHeader lacks type or datasize") }
                return (type, size)
            }
        } catch let e as ProtobufReader.Malformed {
            throw error("malformed blob header: \(e.message)")
        }
    }
}

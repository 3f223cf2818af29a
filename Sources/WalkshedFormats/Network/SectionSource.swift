import Foundation

/// Where a `BinarySectionReader` takes its bytes from: bytes already in memory (tests, fuzzing)
/// or an open file read with `pread` straight into each array, so reading a network never
/// holds the whole file beside the arrays it becomes (a 1M-node file is 120 MB).
enum SectionSource {
    case bytes(Data)
    /// An open descriptor and the file's size in bytes.
    case file(descriptor: Int32, size: Int)

    /// Bytes available.
    var count: Int {
        switch self {
        case .bytes(let data): return data.count
        case .file(_, let size): return size
        }
    }

    /// Copies `byteCount` bytes from `offset` (which the caller checked lie within `count`) to `target`.
    /// - Throws: `InputFileError` when the file cannot be read (it shrank, or the disk failed).
    func copy(from offset: Int, byteCount: Int, into target: UnsafeMutableRawPointer, path: String) throws {
        guard byteCount > 0 else { return }
        switch self {
        case .bytes(let data):
            data.withUnsafeBytes { target.copyMemory(from: $0.baseAddress! + offset, byteCount: byteCount) }
        case .file(let descriptor, _):
            var done = 0
            while done < byteCount {
                let n = pread(descriptor, target + done, byteCount - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    throw InputFileError(path: path, message: "cannot read bytes \(offset + done)…: \(n < 0 ? String(cString: strerror(errno)) : "file ended early")")
                }
                done += n
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Sequential bytes for the XML tokenizer: a file, or a buffer in memory (fuzzing, tests).
protocol ByteInput {
    /// Up to `count` next bytes; fewer only at the end of input. `count` is already bounded
    /// by the caller (≤ 32 MiB), so this never allocates from an unchecked size.
    mutating func read(_ count: Int) -> [UInt8]
}

struct FileInput: ByteInput {
    let file: UnsafeMutablePointer<FILE>

    mutating func read(_ count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        let got = fread(&bytes, 1, count, file)
        if got < count { bytes.removeLast(count - got) }
        return bytes
    }
}

struct MemoryInput: ByteInput {
    let bytes: [UInt8]
    var offset = 0

    mutating func read(_ count: Int) -> [UInt8] {
        let end = min(bytes.count, offset + max(0, count))
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
}

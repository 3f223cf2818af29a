import Foundation

/// Writes files so a reader never sees a half-written one: data goes to a hidden temp file in
/// the target folder, which is then renamed over the target (atomic on POSIX file systems).
public enum AtomicFile {
    /// Writes `data` to `path` via a temp file in the same folder.
    /// - Throws: `InputFileError` naming `path` when the folder is missing or not writable.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temp.path, contents: data) else {
            throw InputFileError(path: path, message: "cannot write (is the folder missing or read-only?)")
        }
        guard rename(temp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw InputFileError(path: path, message: "cannot rename into place: \(reason)")
        }
    }

    /// Writes the bytes of `text` atomically.
    public static func write(_ text: TextBuffer, to path: String) throws {
        try write(Data(text.bytes), to: path)
    }

    /// Writes UTF-8 `text` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}

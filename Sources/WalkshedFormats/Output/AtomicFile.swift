import Foundation

/// Writes one file so a reader never sees it half-written: a one-file `OutputTransaction`.
public enum AtomicFile {
    /// Writes `data` to `path` via a temp file in the same folder, renamed into place.
    /// - Throws: `InputFileError` naming `path` when the folder is missing or not writable.
    public static func write(_ data: Data, to path: String) throws {
        let transaction = OutputTransaction()
        do {
            try transaction.stage(data, at: path)
            try transaction.commit()
        } catch {
            transaction.rollback()
            throw error
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

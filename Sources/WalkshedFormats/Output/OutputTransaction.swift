import Foundation
import Synchronization

/// A set of output files that appears all at once or not at all.
///
/// `stage` writes each file to a hidden temporary name in its target folder; `commit` renames
/// them all into place; `rollback` deletes whatever is staged. Commit and rollback hold one
/// lock, so an interrupt handler that calls `rollback` either removes every staged file
/// (previous results stay) or waits for the commit to finish (new results complete) — never a
/// mix of half-written files.
public final class OutputTransaction: Sendable {
    private struct State {
        var staged: [(temporary: String, final: String)] = []
        /// Set by `rollback`: nothing more may be staged or committed.
        var closed = false
    }
    private let state = Mutex(State())

    public init() {}

    /// Writes `data` to a temporary file beside `path`; nothing is visible at `path` yet.
    /// Holds the lock while writing, so a concurrent `rollback` cannot miss the file.
    public func stage(_ data: Data, at path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        try state.withLock { state in
            guard !state.closed else { throw InputFileError(path: path, message: "output was rolled back") }
            state.staged.append((temporary, path))
            guard FileManager.default.createFile(atPath: temporary, contents: data) else {
                throw InputFileError(path: path, message: "cannot write (is the disk full, or the folder read-only?)")
            }
        }
    }

    /// Stages a file written in pieces, for outputs too large to hold in memory: `body` gets a
    /// function that appends bytes to the temporary file beside `path`. The file is registered
    /// (so a `rollback` removes it) before the first byte is written.
    public func stageStreaming(at path: String, _ body: (_ write: (borrowing TextBuffer) throws -> Void) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let handle: FileHandle = try state.withLock { state in
            guard !state.closed else { throw InputFileError(path: path, message: "output was rolled back") }
            state.staged.append((temporary, path))
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                  let handle = FileHandle(forWritingAtPath: temporary) else {
                throw InputFileError(path: path, message: "cannot write (is the disk full, or the folder read-only?)")
            }
            return handle
        }
        defer { try? handle.close() }
        try body { text in
            do { try handle.write(contentsOf: text.bytes) } catch {
                throw InputFileError(path: path, message: "cannot write (is the disk full?): \(error.localizedDescription)")
            }
        }
    }

    /// Runs `body` under the transaction's lock, so an interrupt's `rollback` waits for it
    /// (used for the output folder's write probe, which must not be left behind).
    public func exclusively<T>(_ body: () throws -> T) rethrows -> T {
        try state.withLock { _ in try body() }
    }

    public func stage(_ text: TextBuffer, at path: String) throws { try stage(Data(text.bytes), at: path) }

    public func stage(_ text: String, at path: String) throws { try stage(Data(text.utf8), at: path) }

    /// Renames every staged file into place (each rename is atomic).
    public func commit() throws {
        try state.withLock { state in
            guard !state.closed else { throw InputFileError(path: state.staged.first?.final ?? "", message: "output was rolled back") }
            for file in state.staged where rename(file.temporary, file.final) != 0 {
                throw InputFileError(path: file.final, message: "cannot rename into place: \(String(cString: strerror(errno)))")
            }
            state.staged.removeAll()
        }
    }

    /// Deletes every staged file that was not committed and closes the transaction; safe to
    /// call more than once, and after a commit (then it deletes nothing).
    public func rollback() {
        state.withLock { state in
            for file in state.staged { unlink(file.temporary) }
            state.staged.removeAll()
            state.closed = true
        }
    }

    /// Runs `body` to stage files, then commits them; rolls everything back and rethrows when
    /// `body` or the commit fails.
    public func stagingAll(_ body: () throws -> Void) throws {
        do {
            try body()
            try commit()
        } catch {
            rollback()
            throw error
        }
    }
}

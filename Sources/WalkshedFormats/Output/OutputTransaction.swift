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
        var committed = false
    }
    private let state = Mutex(State())

    public init() {}

    /// Writes `data` to a temporary file beside `path`; nothing is visible at `path` yet.
    public func stage(_ data: Data, at path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        state.withLock { $0.staged.append((temporary, path)) }
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw InputFileError(path: path, message: "cannot write (is the disk full, or the folder read-only?)")
        }
    }

    public func stage(_ text: TextBuffer, at path: String) throws { try stage(Data(text.bytes), at: path) }

    public func stage(_ text: String, at path: String) throws { try stage(Data(text.utf8), at: path) }

    /// Renames every staged file into place (each rename is atomic).
    public func commit() throws {
        try state.withLock { state in
            for file in state.staged where rename(file.temporary, file.final) != 0 {
                throw InputFileError(path: file.final, message: "cannot rename into place: \(String(cString: strerror(errno)))")
            }
            state.committed = true
            state.staged.removeAll()
        }
    }

    /// Deletes every staged file that was not committed; safe to call more than once.
    public func rollback() {
        state.withLock { state in
            for file in state.staged { unlink(file.temporary) }
            state.staged.removeAll()
        }
    }
}

import Foundation
import Synchronization

/// Thrown by `stage` and `commit` once a `rollback` has closed the transaction while the run
/// went on: an interrupt is stopping the run, and its handler ends the process.
public struct OutputRolledBack: Error, CustomStringConvertible {
    public let path: String
    public var description: String { "\(path): output was rolled back" }
}

/// A set of output files that appears all at once or not at all.
///
/// `stage` writes each file to a hidden temporary name in its target folder; `commit` renames
/// them all into place; `rollback` deletes whatever is staged. Commit and rollback hold one
/// lock, so an interrupt handler that calls `rollback` either removes every staged file
/// (previous results stay) or waits for the commit to finish (new results complete) — never a
/// mix of half-written files. Where each file lands is its `OutputTarget` (a symbolic link is
/// followed, a device written into, never renamed over). Folders the run created are removed
/// again by a rollback, and the temporaries that dead runs left in a folder are removed when
/// this one first writes there.
public final class OutputTransaction: Sendable {
    private struct Staged {
        var temporary: String
        var target: OutputTarget
    }
    private struct State {
        var staged: [Staged] = []
        /// Folders this run created, in creation order.
        var createdFolders: [String] = []
        /// Folders whose stale temporaries were already removed.
        var cleanedFolders: Set<String> = []
        /// Set by `rollback`: nothing more may be staged or committed.
        var closed = false
        /// Set by `commit`.
        var committed = false
    }
    private let state = Mutex(State())

    /// What a `rollback` found.
    public enum RollbackOutcome: Sendable, Equatable {
        /// Staged files (and folders this run made) were removed: earlier results are as they were.
        case rolledBack
        /// The commit had already renamed every file into place: the new results are complete.
        case alreadyCommitted
    }

    public init() {}

    /// The temporary file for `path` and where it goes: beside the file it replaces, or, for a
    /// target written directly, in the system's temporary folder. Removes the stale temporaries
    /// of dead runs in that folder the first time.
    private func temporary(for path: String, state: inout State) throws -> Staged {
        let target = try OutputTarget.resolve(path)
        switch target {
        case .replace(let final):
            let url = URL(fileURLWithPath: final)
            let folder = url.deletingLastPathComponent().path
            if state.cleanedFolders.insert(folder).inserted { OutputFolder.removeStaleTemporaries(in: folder) }
            return Staged(temporary: url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path,
                          target: target)
        case .direct:
            let name = "walkshed-\(getpid())-\(state.staged.count).tmp"
            return Staged(temporary: (NSTemporaryDirectory() as NSString).appendingPathComponent(name), target: target)
        }
    }

    /// Creates `folder` if it is missing, under the lock, and records it so a rollback removes
    /// it again when empty. After a rollback it throws `OutputRolledBack` and makes nothing: an
    /// interrupted run cannot make its folder again once the handler has removed it.
    public func createFolder(_ folder: String) throws {
        try state.withLock { state in
            guard !state.closed else { throw OutputRolledBack(path: folder) }
            guard !FileManager.default.fileExists(atPath: folder) else { return }
            try OutputFolder.create(folder)
            state.createdFolders.append(folder)
        }
    }

    /// Writes `data` to a temporary file for `path`; nothing is visible at `path` yet.
    /// Holds the lock while writing, so a concurrent `rollback` cannot miss the file.
    /// The temporary is a `PlainFile`: the rename in `commit` is what makes the file appear
    /// whole to readers, and the system writes it to the disk in its own time.
    public func stage(_ data: Data, at path: String) throws {
        try state.withLock { state in
            guard !state.closed else { throw OutputRolledBack(path: path) }
            let staged = try temporary(for: path, state: &state)
            let temporary = staged.temporary
            state.staged.append(staged)
            do {
                try data.withUnsafeBytes { try PlainFile.create(temporary, contents: $0) }
            } catch let failure as PlainFile.Failure {
                throw Self.writeFailure(path, failure)
            }
        }
    }

    /// Stages a file written in pieces, for outputs too large to hold in memory: `body` gets a
    /// function that appends bytes to the temporary file beside `path`. The file is registered
    /// (so a `rollback` removes it) before the first byte is written.
    public func stageStreaming(at path: String, _ body: (_ write: (borrowing TextBuffer) throws -> Void) throws -> Void) throws {
        let handle: FileHandle = try state.withLock { state in
            guard !state.closed else { throw OutputRolledBack(path: path) }
            let staged = try temporary(for: path, state: &state)
            let temporary = staged.temporary
            state.staged.append(staged)
            do {
                return FileHandle(fileDescriptor: try PlainFile.openForWriting(temporary), closeOnDealloc: true)
            } catch let failure as PlainFile.Failure {
                throw Self.writeFailure(path, failure)
            }
        }
        defer { try? handle.close() }
        try body { text in
            do { try handle.write(contentsOf: text.bytes) } catch {
                throw InputFileError(path: path, message: "cannot write (is the disk full?): \(error.localizedDescription)")
            }
        }
    }

    /// The error for a temporary of `path` that could not be written.
    private static func writeFailure(_ path: String, _ failure: PlainFile.Failure) -> InputFileError {
        InputFileError(path: path, message: "cannot write (is the disk full, or the folder read-only?): \(failure.reason)")
    }

    /// Runs `body` under the transaction's lock, so an interrupt's `rollback` waits for it
    /// (used for the output folder's write probe, which must not be left behind).
    public func exclusively<T>(_ body: () throws -> T) rethrows -> T {
        try state.withLock { _ in try body() }
    }

    public func stage(_ text: TextBuffer, at path: String) throws { try stage(Data(text.bytes), at: path) }

    public func stage(_ text: String, at path: String) throws { try stage(Data(text.utf8), at: path) }

    /// Renames every staged file into place (each rename is atomic), or writes it into its
    /// device. `check`, run first under the lock, may refuse the commit (results that appeared
    /// meanwhile).
    public func commit(check: () throws -> Void = {}) throws {
        try state.withLock { state in
            guard !state.closed else { throw OutputRolledBack(path: "") }
            try check()
            while let file = state.staged.first {
                switch file.target {
                case .replace(let final):
                    guard rename(file.temporary, final) == 0 else {
                        throw InputFileError(path: final, message: "cannot rename into place: \(String(cString: strerror(errno)))")
                    }
                case .direct(let path):
                    try OutputTarget.copy(file.temporary, into: path)
                    unlink(file.temporary)
                }
                state.staged.removeFirst()
            }
            state.committed = true
        }
    }

    /// Deletes every staged file that was not committed, and the folders this run created if
    /// they are empty, and closes the transaction; safe to call more than once, and after a
    /// commit (then it deletes nothing and says so).
    @discardableResult
    public func rollback() -> RollbackOutcome {
        state.withLock { state in
            for file in state.staged { unlink(file.temporary) }
            state.staged.removeAll()
            state.closed = true
            if state.committed { return .alreadyCommitted }
            for folder in state.createdFolders.reversed() { rmdir(folder) }
            state.createdFolders.removeAll()
            return .rolledBack
        }
    }

    /// Runs `body` to stage files, then commits them; rolls everything back and rethrows when
    /// `body` or the commit fails.
    public func stagingAll(check: () throws -> Void = {}, _ body: () throws -> Void) throws {
        do {
            try body()
            try commit(check: check)
        } catch {
            rollback()
            throw error
        }
    }
}

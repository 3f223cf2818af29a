import Foundation
import WalkshedFormats

/// One command's output files: checked before any work (a bad folder fails fast), the folder
/// locked against other runs for the whole run (`OutputFolderLock`), staged in one
/// transaction, and committed together at the end; an error or an interrupt (SIGINT, SIGTERM)
/// leaves no file of this run behind, nor a folder it made.
final class OutputRun {
    let folder: String
    let transaction = OutputTransaction()
    private let interrupts: InterruptHandler
    private let lock: OutputFolderLock
    /// Run again at commit: refuses results that appeared meanwhile (unless `--force`).
    private let guardEarlierResults: () throws -> Void
    private(set) var fileCount = 0

    /// Checks that `folder` can be written, locks it, and, unless `force`, checks that none of
    /// `guarded` (the folder itself by default) holds results of an earlier run.
    init(folder: String, force: Bool, guarded: [String]? = nil,
         earlierResult: @escaping (String) -> String? = OutputFolder.earlierResult(in:)) throws {
        self.folder = folder
        interrupts = InterruptHandler(transaction: transaction)
        try transaction.exclusively { try OutputFolder.check(folder) }
        lock = try OutputFolderLock(folder: folder)
        interrupts.alsoRemove(lock.path)
        let folders = guarded ?? [folder]
        guardEarlierResults = {
            guard !force else { return }
            for f in folders {
                if let earlier = earlierResult(f) {
                    throw InputFileError(path: f, message: "already holds results (\(earlier)); pass --force to overwrite them")
                }
            }
        }
        try guardEarlierResults()
    }

    /// `folder` joined with `parts`.
    func path(_ parts: String...) -> String { parts.reduce(folder) { ($0 as NSString).appendingPathComponent($1) } }

    /// Creates `folder` (and `subfolder` in it), runs `body` to stage the files, and commits;
    /// on any error rolls everything back and rethrows.
    func write(_ body: (OutputRun) throws -> Void) throws {
        try transaction.stagingAll(check: guardEarlierResults) { try body(self) }
        withExtendedLifetime((interrupts, lock)) {}
    }

    /// Creates `folder`, or a subfolder of it, if missing; a rollback removes what it made.
    func create(_ subfolder: String? = nil) throws {
        for f in [folder] + (subfolder.map { [path($0)] } ?? []) { try transaction.createFolder(f) }
    }

    func stage(_ text: TextBuffer, at path: String) throws { try transaction.stage(text, at: path); fileCount += 1 }
    func stage(_ text: String, at path: String) throws { try transaction.stage(text, at: path); fileCount += 1 }
    func stage(_ data: Data, at path: String) throws { try transaction.stage(data, at: path); fileCount += 1 }
    func stageStreaming(at path: String, _ body: (_ write: (borrowing TextBuffer) throws -> Void) throws -> Void) throws {
        try transaction.stageStreaming(at: path, body)
        fileCount += 1
    }

    /// Adds files staged through `transaction` directly (by a writer that stages several).
    func count(_ files: Int) { fileCount += files }
}

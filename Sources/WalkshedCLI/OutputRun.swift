import Foundation
import WalkshedFormats

/// One command's output files: checked before any work (a bad folder fails fast), staged in
/// one transaction, and committed together at the end; an error or an interrupt (SIGINT,
/// SIGTERM) leaves no file of this run behind.
final class OutputRun {
    let folder: String
    let transaction = OutputTransaction()
    private let interrupts: InterruptHandler
    private(set) var fileCount = 0

    /// Checks that `folder` can be written and, unless `force`, that none of `guarded` (the
    /// folder itself by default) holds results of an earlier run.
    init(folder: String, force: Bool, guarded: [String]? = nil,
         earlierResult: (String) -> String? = OutputFolder.earlierResult(in:)) throws {
        self.folder = folder
        interrupts = InterruptHandler(transaction: transaction)
        try transaction.exclusively { try OutputFolder.check(folder) }
        if !force {
            for f in guarded ?? [folder] {
                if let earlier = earlierResult(f) {
                    throw InputFileError(path: f, message: "already holds results (\(earlier)); pass --force to overwrite them")
                }
            }
        }
    }

    /// `folder` joined with `parts`.
    func path(_ parts: String...) -> String { parts.reduce(folder) { ($0 as NSString).appendingPathComponent($1) } }

    /// Creates `folder` (and `subfolder` in it), runs `body` to stage the files, and commits;
    /// on any error rolls everything back and rethrows.
    func write(_ body: (OutputRun) throws -> Void) throws {
        try transaction.stagingAll { try body(self) }
        withExtendedLifetime(interrupts) {}
    }

    /// Creates `folder`, or a subfolder of it, if missing.
    func create(_ subfolder: String? = nil) throws {
        try OutputFolder.create(folder)
        if let subfolder { try OutputFolder.create(path(subfolder)) }
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

import Dispatch
import Foundation
import Synchronization
import WalkshedFormats

/// Turns SIGINT and SIGTERM into a clean stop: staged output files are rolled back (or, if
/// the commit has begun, it is allowed to finish), a line goes to stderr, and the process
/// exits 130 (SIGINT) or 143 (SIGTERM), the shell's 128 + signal convention.
///
/// `@unchecked Sendable`: every stored property is set in `init` and never changed; the signal
/// sources are only kept alive here.
final class InterruptHandler: @unchecked Sendable {
    private let transaction: OutputTransaction
    private let sources: [DispatchSourceSignal]
    private let queue = DispatchQueue(label: "walkshed.signals")
    /// Files removed on an interrupt besides the staged ones (the output folder's lock file).
    private let leftovers = Leftovers()

    /// Paths to remove on an interrupt; filled before the work starts.
    private final class Leftovers: Sendable {
        let paths = Mutex<[String]>([])
    }

    /// Also removes `path` when interrupted.
    func alsoRemove(_ path: String) { leftovers.paths.withLock { $0.append(path) } }

    init(transaction: OutputTransaction) {
        self.transaction = transaction
        var installed: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)   // delivered through the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [transaction, leftovers] in
                leftovers.paths.withLock { for path in $0 { unlink(path) } }
                let name = sig == SIGINT ? "SIGINT" : "SIGTERM"
                switch transaction.rollback() {
                case .rolledBack: Terminal.status("walkshed: interrupted by \(name); no partial output was left")
                case .alreadyCommitted: Terminal.status("walkshed: interrupted by \(name) after the results were written; they are complete")
                }
                exit(128 + sig)
            }
            source.resume()
            installed.append(source)
        }
        sources = installed
    }
}

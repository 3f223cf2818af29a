import Dispatch
import Foundation
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

    init(transaction: OutputTransaction) {
        self.transaction = transaction
        var installed: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)   // delivered through the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [transaction] in
                transaction.rollback()
                Terminal.status("walkshed: interrupted by \(sig == SIGINT ? "SIGINT" : "SIGTERM"); no partial output was left")
                exit(128 + sig)
            }
            source.resume()
            installed.append(source)
        }
        sources = installed
    }
}

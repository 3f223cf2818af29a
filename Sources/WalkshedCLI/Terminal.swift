import Foundation
import Synchronization
import WalkshedFormats

/// Results on stdout are written at once with `write(2)`, so a failed write (a full disk) is
/// seen and the run exits 1 instead of 0 with its table lost. Within this module this
/// shadows the standard library's `print`.
/// Control characters from input files (names) are shown escaped (`VisibleText`).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Terminal.output(Array(VisibleText.escaped(items.map { "\($0)" }.joined(separator: separator) + terminator).utf8))
}

/// stderr output for progress and errors; results go to stdout.
enum Terminal {
    /// Set when a write of results to stdout failed.
    private static let outputFailure = Atomic<Int32>(0)

    /// Writes `line` to stderr; a failed write (a full disk, a closed pipe) is ignored, since
    /// progress and messages must never stop or crash a run.
    /// Control characters from input files are shown escaped (`VisibleText`).
    static func status(_ line: String) {
        _ = writeAll(Array((VisibleText.escaped(line) + "\n").utf8), to: STDERR_FILENO)
    }

    /// Writes result bytes to stdout, remembering a failure for `resultsWritten`.
    static func output(_ bytes: [UInt8]) {
        if let error = writeAll(bytes, to: STDOUT_FILENO) { outputFailure.store(error, ordering: .relaxed) }
    }

    /// True when every result reached stdout; else says why on stderr.
    static func resultsWritten() -> Bool {
        let error = outputFailure.load(ordering: .relaxed)
        guard error != 0 else { return true }
        status("walkshed: error: cannot write the results to standard output: \(String(cString: strerror(error)))")
        return false
    }

    /// Writes every byte to `descriptor`; the errno of a failed write, or nil.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if n > 0 { written += n } else if n < 0 && errno == EINTR { continue } else { return n < 0 ? errno : EIO }
        }
        return nil
    }
}

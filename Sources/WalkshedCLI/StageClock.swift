import Foundation
import Walkshed

/// Times the stages of a run and reports each one on stderr as it starts, with the time
/// elapsed so far, so a user watching a long run sees where it is.
final class StageClock: StudyProgress {
    private let start = Date()
    private var current: (name: String, started: Date)?
    private(set) var durations: [(String, Double)] = []
    let quiet: Bool

    init(quiet: Bool) { self.quiet = quiet }

    /// Ends the current stage (if any) and starts `name`.
    func begin(_ name: String) {
        finish()
        current = (name, Date())
        if !quiet { Terminal.status(String(format: "walkshed: [%6.2f s] %@", Date().timeIntervalSince(start), name)) }
    }

    /// Ends the current stage.
    func finish() {
        if let current { durations.append((current.name, Date().timeIntervalSince(current.started))) }
        current = nil
    }

    /// Facts about the inputs (a rule and its defaults), printed unless `quiet`.
    func note(_ message: String) {
        if !quiet { Terminal.status(message) }
    }

    var totalSeconds: Double { Date().timeIntervalSince(start) }
}

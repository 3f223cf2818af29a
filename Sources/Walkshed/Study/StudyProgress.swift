/// Where a study run reports its stages, and how its caller stops it.
///
/// The engine calls `begin` before each long step and `note` for facts the user should read
/// whatever the verbosity (a rule and its defaults); it checks `isCancelled` between steps.
/// The CLI prints the stages on stderr; a server or batch runner logs them.
public protocol StudyProgress: AnyObject {
    /// A long step starts (`"snapping 408 cells"`); the previous one, if any, ends.
    func begin(_ stage: String)
    /// A fact worth telling the user (printed even when stages are not).
    func note(_ message: String)
    /// True once the caller wants the run stopped; checked between steps.
    var isCancelled: Bool { get }
}

extension StudyProgress {
    public func note(_ message: String) {}
    public var isCancelled: Bool { false }

    /// Throws `StudyCancelled` when the caller asked to stop.
    func checkCancelled() throws {
        if isCancelled { throw StudyCancelled() }
    }
}

/// A progress sink that ignores everything: for library callers that want none.
public final class SilentProgress: StudyProgress {
    public init() {}
    public func begin(_ stage: String) {}
}

/// A run stopped because its caller cancelled it; nothing it would have returned exists.
public struct StudyCancelled: Error, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "cancelled" }
}

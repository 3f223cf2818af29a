/// Counted warnings about recoverable oddities in the input, grouped by kind, with the first
/// few messages of each kind kept as examples. Library code reports here and never prints.
public struct Diagnostics: Sendable, Equatable {
    /// Warning kinds in the order first seen.
    public private(set) var kinds: [String] = []
    public private(set) var counts: [String: Int] = [:]
    public private(set) var examples: [String: [String]] = [:]
    /// How many example messages to keep per kind.
    public var examplesPerKind = 3

    public init() {}

    /// Records one warning of `kind` (a short stable phrase) with a message naming the object.
    public mutating func warn(_ kind: String, _ message: @autoclosure () -> String) {
        if counts[kind] == nil { kinds.append(kind) }
        counts[kind, default: 0] += 1
        if examples[kind, default: []].count < examplesPerKind { examples[kind, default: []].append(message()) }
    }

    /// Adds the warnings of `later` (found after these): counts add up, examples keep the
    /// earliest, so merging in file order equals warning in file order.
    public mutating func append(_ later: Diagnostics) {
        for kind in later.kinds {
            if counts[kind] == nil { kinds.append(kind) }
            counts[kind, default: 0] += later.counts[kind] ?? 0
            let room = examplesPerKind - examples[kind, default: []].count
            if room > 0 { examples[kind, default: []] += (later.examples[kind] ?? []).prefix(room) }
        }
    }

    /// Total warnings of all kinds.
    public var total: Int { counts.values.reduce(0, +) }

    /// Count for one kind (0 if never seen).
    public func count(_ kind: String) -> Int { counts[kind] ?? 0 }
}

/// A search seed: a node and the seconds already spent reaching it (a snap offset).
public struct SearchSource: Sendable, Hashable {
    public var node: Int32
    /// Seconds already on the clock at `node`; finite and ≥ 0.
    public var seconds: Float

    public init(node: Int32, seconds: Float) {
        self.node = node
        self.seconds = seconds
    }
}

/// Which arc times a search relaxes.
public enum SearchDirection: Sendable {
    /// Times *from* the sources outwards (`arcSeconds`).
    case outward
    /// Times *towards* the sources (`arcReverseSeconds`): the time from each node to its
    /// nearest source, which is what "minutes to the nearest park" means.
    case towardSources
}

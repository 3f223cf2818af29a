/// Travel times of one profile over one graph, in seconds; `Float.infinity` marks an edge the
/// profile may not use.
///
/// `forwardSeconds[e]` is the time to walk edge `e` from tail to head, `backwardSeconds[e]`
/// from head to tail; they differ once slope enters. `arcSeconds[a]` is the time of arc `a` in
/// its own direction and `arcReverseSeconds[a]` the time of walking it the other way, which is
/// what a search *towards* destinations relaxes.
public struct ProfileCosts: Sendable {
    public let profile: TravelProfile
    public let forwardSeconds: [Float]
    public let backwardSeconds: [Float]
    public let arcSeconds: [Float]
    public let arcReverseSeconds: [Float]
    /// Edges usable in at least one direction: the only ones places may snap to.
    public let usableEdges: [Bool]

    /// Costs for a flat network: both directions take `metres / speed`.
    public init(graph: StreetGraph, profile: TravelProfile) {
        let speed = Float(profile.metresPerSecond)
        var seconds = [Float](repeating: .infinity, count: graph.edgeCount)
        for e in 0..<graph.edgeCount where profile.allows(graph, edge: e) {
            seconds[e] = graph.edgeMetres[e] / speed
        }
        self.init(graph: graph, profile: profile, forwardSeconds: seconds, backwardSeconds: seconds)
    }

    /// Costs from explicit per-direction edge times.
    public init(graph: StreetGraph, profile: TravelProfile, forwardSeconds: [Float], backwardSeconds: [Float]) {
        precondition(forwardSeconds.count == graph.edgeCount && backwardSeconds.count == graph.edgeCount)
        self.profile = profile
        self.forwardSeconds = forwardSeconds
        self.backwardSeconds = backwardSeconds
        if forwardSeconds == backwardSeconds {
            // Both ways take the same time (a flat network): one array serves both directions.
            arcSeconds = graph.arcEdge.map { forwardSeconds[Int($0)] }
            arcReverseSeconds = arcSeconds
        } else {
            var arc = [Float](repeating: 0, count: graph.arcCount)
            var reverse = [Float](repeating: 0, count: graph.arcCount)
            for a in 0..<graph.arcCount {
                let e = Int(graph.arcEdge[a])
                if graph.isBackward(arc: a) {
                    arc[a] = backwardSeconds[e]; reverse[a] = forwardSeconds[e]
                } else {
                    arc[a] = forwardSeconds[e]; reverse[a] = backwardSeconds[e]
                }
            }
            arcSeconds = arc
            arcReverseSeconds = reverse
        }
        usableEdges = zip(forwardSeconds, backwardSeconds).map { $0.isFinite || $1.isFinite }
    }

    /// Seconds to walk edge `e` from fraction `f` (0 at its tail, 1 at its head) to its tail;
    /// `.infinity` when the profile may not walk it that way. A point exactly at the tail walks
    /// none of the edge: 0, not 0 × infinity (NaN).
    @inline(__always)
    public func secondsToTail(ofEdge e: Int, from f: Float) -> Float { f == 0 ? 0 : f * backwardSeconds[e] }

    /// Seconds to walk edge `e` from fraction `f` to its head (0 exactly at the head).
    @inline(__always)
    public func secondsToHead(ofEdge e: Int, from f: Float) -> Float { f == 1 ? 0 : (1 - f) * forwardSeconds[e] }

    /// Seconds to walk edge `e` from its tail to fraction `f` (0 exactly at the tail).
    @inline(__always)
    public func secondsFromTail(ofEdge e: Int, to f: Float) -> Float { f == 0 ? 0 : f * forwardSeconds[e] }

    /// Seconds to walk edge `e` from its head to fraction `f` (0 exactly at the head).
    @inline(__always)
    public func secondsFromHead(ofEdge e: Int, to f: Float) -> Float { f == 1 ? 0 : (1 - f) * backwardSeconds[e] }

    /// Seconds to walk along edge `e` from fraction `f` to fraction `g` (forward when `g ≥ f`),
    /// 0 when they coincide.
    @inline(__always)
    public func secondsAlong(edge e: Int, from f: Float, to g: Float) -> Float {
        g == f ? 0 : g > f ? (g - f) * forwardSeconds[e] : (f - g) * backwardSeconds[e]
    }

    /// Seconds to walk `metres` off the network (from a place to its snapped point).
    @inlinable
    public func offNetworkSeconds(_ metres: Float) -> Float { metres / Float(profile.metresPerSecond) }
}

extension ProfileCosts {
    /// Costs of one second per metre on the edges `costs` may use in each direction: searches
    /// over them give distances on the network.
    static func metres(like costs: ProfileCosts, graph: StreetGraph) -> ProfileCosts {
        var profile = costs.profile
        profile.metresPerSecond = 1
        return ProfileCosts(graph: graph, profile: profile,
                            forwardSeconds: graph.edgeMetres.indices.map { costs.forwardSeconds[$0].isFinite ? graph.edgeMetres[$0] : .infinity },
                            backwardSeconds: graph.edgeMetres.indices.map { costs.backwardSeconds[$0].isFinite ? graph.edgeMetres[$0] : .infinity })
    }
}

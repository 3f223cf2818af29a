/// The part of one edge reached within a time budget: fractions of the edge's length from
/// its tail, `from < to` (a whole edge is 0…1).
public struct ReachedPiece: Sendable, Hashable {
    public var edge: Int32
    public var from: Float
    public var to: Float

    public init(edge: Int32, from: Float, to: Float) {
        self.edge = edge
        self.from = from
        self.to = to
    }
}

/// What a traveller starting at one point reaches on the network within each of several
/// budgets: every edge piece walked, partial edges cut where the time runs out.
///
/// Times come from one outward Dijkstra from the start's attachment point (the straight walk
/// to the network at profile speed, then along the attached edge to both ends). An edge is
/// reached from its tail up to fraction (budget − t(tail)) / forward seconds and from its head
/// back to 1 − (budget − t(head)) / backward seconds; the attached edge also from the start
/// point itself. Pieces of one edge that overlap are merged.
public struct Isochrone: Sendable {
    /// Budgets in seconds, increasing.
    public let budgetsSeconds: [Double]
    /// Per budget, the reached pieces in edge order.
    public let pieces: [[ReachedPiece]]

    /// - Parameters:
    ///   - start: where the traveller joins the network (from `Snapper.snap`).
    ///   - budgetsSeconds: positive, finite; sorted here.
    public init(graph: StreetGraph, costs: ProfileCosts, start: PlaceSnap, budgetsSeconds: [Double]) {
        let budgets = budgetsSeconds.sorted()
        precondition(budgets.allSatisfy { $0 > 0 && $0.isFinite }, "budgets must be positive and finite")
        let e = Int(start.edge), f = Double(start.fraction)
        let walkOn = Double(costs.offNetworkSeconds(start.offsetMetres))
        let forward = Double(costs.forwardSeconds[e]), backward = Double(costs.backwardSeconds[e])
        var sources: [SearchSource] = []
        if backward.isFinite { sources.append(SearchSource(node: graph.edgeTail[e], seconds: Float(walkOn + f * backward))) }
        if forward.isFinite { sources.append(SearchSource(node: graph.edgeHead[e], seconds: Float(walkOn + (1 - f) * forward))) }
        var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
        workspace.search(graph, costs: costs, from: sources, direction: .outward, limitSeconds: Float(budgets.last ?? 0))
        let seconds = workspace.seconds
        self.budgetsSeconds = budgets
        pieces = budgets.map { budget in
            var out: [ReachedPiece] = []
            for edge in 0..<graph.edgeCount {
                var spans: [(Double, Double)] = []
                let forward = Double(costs.forwardSeconds[edge]), backward = Double(costs.backwardSeconds[edge])
                let atTail = seconds[Int(graph.edgeTail[edge])], atHead = seconds[Int(graph.edgeHead[edge])]
                if atTail <= budget, forward.isFinite { spans.append((0, Isochrone.share(budget - atTail, of: forward))) }
                if atHead <= budget, backward.isFinite { spans.append((1 - Isochrone.share(budget - atHead, of: backward), 1)) }
                if edge == e, walkOn <= budget {
                    let left = budget - walkOn
                    spans.append((backward.isFinite ? f - Isochrone.share(left, of: backward) : f,
                                  forward.isFinite ? f + Isochrone.share(left, of: forward) : f))
                }
                for (a, b) in Isochrone.merged(spans) where b > a {
                    out.append(ReachedPiece(edge: Int32(edge), from: Float(max(0, a)), to: Float(min(1, b))))
                }
            }
            return out
        }
    }

    /// Share of an edge walked in `seconds` when the whole edge takes `edgeSeconds` (1 for an
    /// edge that takes no time).
    static func share(_ seconds: Double, of edgeSeconds: Double) -> Double {
        edgeSeconds > 0 ? min(1, seconds / edgeSeconds) : 1
    }

    /// Overlapping or touching intervals joined, clamped to 0…1, in increasing order.
    static func merged(_ spans: [(Double, Double)]) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        for (a, b) in spans.map({ (max(0, $0.0), min(1, $0.1)) }).sorted(by: { $0.0 < $1.0 }) where b >= a {
            if let last = out.last, a <= last.1 { out[out.count - 1].1 = max(last.1, b) } else { out.append((a, b)) }
        }
        return out
    }

    /// Metres of network in the pieces of budget `k` (great-circle edge lengths × share).
    public func reachedMetres(_ k: Int, graph: StreetGraph) -> Double {
        pieces[k].reduce(0) { $0 + Double($1.to - $1.from) * Double(graph.edgeMetres[Int($1.edge)]) }
    }
}

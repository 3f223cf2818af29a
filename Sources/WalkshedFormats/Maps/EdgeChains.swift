import Walkshed

/// Edges of a graph joined end to end into longer lines for drawing: a map of a city draws
/// the same strokes from about a third as many lines, each line's first point written in full
/// and the rest as small differences.
enum EdgeChains {
    /// `edges` (ids in increasing order) as chains: each chain starts at the lowest unused edge
    /// and continues from its far end along the lowest unused edge of `edges` meeting it, each
    /// edge used once (`reversed` when walked head to tail). Deterministic: depends on the
    /// edge ids only.
    static func of(_ edges: [Int], in graph: StreetGraph) -> [[(edge: Int, reversed: Bool)]] {
        // Per node, the chained edges meeting it, in increasing edge id (CSR).
        var first = [Int32](repeating: 0, count: graph.nodeCount + 1)
        for e in edges {
            first[Int(graph.edgeTail[e]) + 1] += 1
            if graph.edgeHead[e] != graph.edgeTail[e] { first[Int(graph.edgeHead[e]) + 1] += 1 }
        }
        for u in 0..<graph.nodeCount { first[u + 1] += first[u] }
        var fill = first
        var meeting = [Int32](repeating: 0, count: Int(first[graph.nodeCount]))
        for e in edges {
            for end in graph.edgeTail[e] == graph.edgeHead[e] ? [graph.edgeTail[e]] : [graph.edgeTail[e], graph.edgeHead[e]] {
                meeting[Int(fill[Int(end)])] = Int32(e)
                fill[Int(end)] += 1
            }
        }
        // Used edges only ever grow, so each node's cursor skips them once.
        var cursor = Array(first.dropLast())
        var used = [Bool](repeating: false, count: graph.edgeCount)
        var chains: [[(edge: Int, reversed: Bool)]] = []
        for start in edges where !used[start] {
            used[start] = true
            var chain = [(edge: start, reversed: false)]
            var at = Int(graph.edgeHead[start])
            while true {
                while cursor[at] < first[at + 1] && used[Int(meeting[Int(cursor[at])])] { cursor[at] += 1 }
                guard cursor[at] < first[at + 1] else { break }
                let next = Int(meeting[Int(cursor[at])])
                used[next] = true
                let reversed = Int(graph.edgeTail[next]) != at
                chain.append((next, reversed))
                at = Int(reversed ? graph.edgeTail[next] : graph.edgeHead[next])
            }
            chains.append(chain)
        }
        return chains
    }

    /// The points of `chain`, each shared end once.
    static func points(of chain: [(edge: Int, reversed: Bool)], in graph: StreetGraph) -> [PlanarPoint] {
        var out: [PlanarPoint] = []
        for (k, link) in chain.enumerated() {
            let n = graph.pointCount(ofEdge: link.edge)
            for i in (k == 0 ? 0 : 1)..<n { out.append(graph.point(link.reversed ? n - 1 - i : i, ofEdge: link.edge)) }
        }
        return out
    }
}

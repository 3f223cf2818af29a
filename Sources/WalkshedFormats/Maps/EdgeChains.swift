import Walkshed

/// Edges of a graph joined end to end into longer lines for drawing: a map of a city draws
/// the same strokes from about a third as many lines, each line's first point written in full
/// and the rest as small differences.
enum EdgeChains {
    /// `edges` (ids in increasing order) drawn as chains appended to `lines`: each chain starts
    /// at the lowest unused edge and continues from its far end along the lowest unused edge of
    /// `edges` meeting it, each edge used once (walked head to tail where it is met at its
    /// head), each shared end written once. Deterministic: depends on the edge ids only.
    static func append(_ edges: [Int], of graph: StreetGraph, to lines: inout PolylineSet) {
        // Per node, the chained edges meeting it, in increasing edge id (CSR).
        var first = [Int32](repeating: 0, count: graph.nodeCount + 1)
        for e in edges {
            first[Int(graph.edgeTail[e]) + 1] += 1
            if graph.edgeHead[e] != graph.edgeTail[e] { first[Int(graph.edgeHead[e]) + 1] += 1 }
        }
        for u in 0..<graph.nodeCount { first[u + 1] += first[u] }
        var fill = first
        var meeting = [Int32](repeating: 0, count: Int(first[graph.nodeCount]))
        func add(_ e: Int, at end: Int32) {
            meeting[Int(fill[Int(end)])] = Int32(e)
            fill[Int(end)] += 1
        }
        for e in edges {
            add(e, at: graph.edgeTail[e])
            if graph.edgeHead[e] != graph.edgeTail[e] { add(e, at: graph.edgeHead[e]) }
        }
        // Used edges only ever grow, so each node's cursor skips them once.
        var cursor = Array(first.dropLast())
        var used = [Bool](repeating: false, count: graph.edgeCount)
        var points: [PlanarPoint] = []
        func walk(_ e: Int, reversed: Bool, skippingFirst: Bool) {
            let n = graph.pointCount(ofEdge: e)
            for i in (skippingFirst ? 1 : 0)..<n { points.append(graph.point(reversed ? n - 1 - i : i, ofEdge: e)) }
        }
        for start in edges where !used[start] {
            used[start] = true
            points.removeAll(keepingCapacity: true)
            walk(start, reversed: false, skippingFirst: false)
            var at = Int(graph.edgeHead[start])
            while true {
                while cursor[at] < first[at + 1] && used[Int(meeting[Int(cursor[at])])] { cursor[at] += 1 }
                guard cursor[at] < first[at + 1] else { break }
                let next = Int(meeting[Int(cursor[at])])
                used[next] = true
                let reversed = Int(graph.edgeTail[next]) != at
                walk(next, reversed: reversed, skippingFirst: true)
                at = Int(reversed ? graph.edgeTail[next] : graph.edgeHead[next])
            }
            lines.append(points)
        }
    }
}

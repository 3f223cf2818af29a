import Walkshed

/// Edges of a graph joined end to end into longer lines for drawing: a map of a city draws
/// the same strokes from about a third as many lines, each line's first point written in full
/// and the rest as small differences.
enum EdgeChains {
    /// `edges` (ids in increasing order) drawn as chains appended to `lines`: each chain starts
    /// at the lowest unused edge and continues from its far end along the lowest unused edge of
    /// `edges` meeting it, each edge used once (walked head to tail where it is met at its
    /// head), each shared end written once. Deterministic: depends on the edge ids only, not on
    /// `threads` (the chains are found on one thread, their points copied on `threads`).
    static func append(_ edges: [Int], of graph: StreetGraph, to lines: inout PolylineSet, threads: Int = 1) {
        let chains = walks(edges, of: graph)
        // Where each chain's points start: its first edge gives all its points, the others all
        // but the end they share with the edge before.
        var pointStarts = [Int](repeating: 0, count: chains.starts.count)
        for c in 0..<chains.starts.count - 1 {
            var count = 1
            for step in chains.steps[chains.starts[c]..<chains.starts[c + 1]] { count += graph.pointCount(ofEdge: step >> 1) - 1 }
            pointStarts[c + 1] = pointStarts[c] + count
        }
        let steps = chains.steps, starts = chains.starts, firstPoints = pointStarts
        let points = ParallelSearch.filling(count: pointStarts.last!, initial: PlanarPoint(x: 0, y: 0),
                                            itemCount: starts.count - 1, threads: threads) { range, slots in
            for c in range {
                var at = firstPoints[c]
                for (k, step) in steps[starts[c]..<starts[c + 1]].enumerated() {
                    let e = step >> 1, reversed = step & 1 == 1, n = graph.pointCount(ofEdge: e)
                    for i in (k == 0 ? 0 : 1)..<n {
                        slots.write(at, graph.point(reversed ? n - 1 - i : i, ofEdge: e))
                        at += 1
                    }
                }
            }
        }
        lines.append(lines: points, starts: pointStarts)
    }

    /// The chains of `edges` as steps `edge << 1 | reversed` (walked head to tail), chain `c`
    /// being `steps[starts[c] ..< starts[c + 1]]`.
    static func walks(_ edges: [Int], of graph: StreetGraph) -> (steps: [Int], starts: [Int]) {
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
        var steps: [Int] = [], starts = [0]
        steps.reserveCapacity(edges.count)
        for start in edges where !used[start] {
            used[start] = true
            steps.append(start << 1)
            var at = Int(graph.edgeHead[start])
            while true {
                while cursor[at] < first[at + 1] && used[Int(meeting[Int(cursor[at])])] { cursor[at] += 1 }
                guard cursor[at] < first[at + 1] else { break }
                let next = Int(meeting[Int(cursor[at])])
                used[next] = true
                let reversed = Int(graph.edgeTail[next]) != at
                steps.append(next << 1 | (reversed ? 1 : 0))
                at = Int(reversed ? graph.edgeTail[next] : graph.edgeHead[next])
            }
            starts.append(steps.count)
        }
        return (steps, starts)
    }
}

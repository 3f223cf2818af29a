/// One side of an incremental update: a network, its costs, a destination set's search seeds
/// and, for the side before the edit, the times a full unlimited search gave.
public struct SearchState: Sendable {
    public var graph: StreetGraph
    public var costs: ProfileCosts
    public var sources: [SearchSource]

    public init(graph: StreetGraph, costs: ProfileCosts, sources: [SearchSource]) {
        self.graph = graph
        self.costs = costs
        self.sources = sources
    }

    /// Best seed seconds per node (`.infinity` where none).
    func seedSeconds() -> [Double] {
        var seeds = [Double](repeating: .infinity, count: graph.nodeCount)
        for s in sources { seeds[Int(s.node)] = min(seeds[Int(s.node)], Double(s.seconds)) }
        return seeds
    }
}

/// Times towards a destination set after an edit, recomputing only the nodes the edit can
/// change; the result equals, bit for bit, a full search on the edited network.
///
/// 1. *Worse* (closed or cut edges, changed costs, lost or later seeds): on the old network, a
///    node whose time no longer has a surviving shortest path (checked in time order through
///    tight arcs) is marked affected; nothing else can get worse.
/// 2. *Better*: affected and new nodes restart from their seeds and from unaffected
///    neighbours; one Dijkstra then spreads every improvement (new edges, new seeds) as far as
///    it reaches and no farther.
/// Every final time is the time of some path, and no arc can improve any of them, which is
/// exactly what a full search computes.
public enum IncrementalSearch {
    /// The new per-node seconds and how many nodes were touched.
    /// - Parameters:
    ///   - before: the network before the edit; `beforeSeconds` must come from an unlimited
    ///     search of it (`SearchWorkspace.search` with no limit) towards `before.sources`.
    ///   - after: the edited network; its nodes `0 ..< before.graph.nodeCount` are the same
    ///     nodes, and its edges `0 ..< before.graph.edgeCount` the same edges unless
    ///     `cutEdges` says they were cut (new edges follow).
    public static func update(before: SearchState, beforeSeconds: [Double], after: SearchState,
                              cutEdges: [Bool]) -> (seconds: [Double], recomputedNodes: Int) {
        let old = before.graph, new = after.graph
        precondition(beforeSeconds.count == old.nodeCount && new.nodeCount >= old.nodeCount)
        precondition(cutEdges.count == old.edgeCount && new.edgeCount >= old.edgeCount)
        var changed = [Bool](repeating: false, count: old.edgeCount)
        for e in 0..<old.edgeCount {
            changed[e] = cutEdges[e] || before.costs.forwardSeconds[e] != after.costs.forwardSeconds[e]
                || before.costs.backwardSeconds[e] != after.costs.backwardSeconds[e]
        }
        let oldSeeds = before.seedSeconds(), newSeeds = after.seedSeconds()
        let affected = affectedNodes(before: before, seconds: beforeSeconds, changedEdges: changed,
                                     oldSeeds: oldSeeds, newSeeds: newSeeds)

        var seconds = [Double](repeating: .infinity, count: new.nodeCount)
        var inRegion = [Bool](repeating: true, count: new.nodeCount)
        var affectedCount = 0
        for v in 0..<old.nodeCount {
            if affected[v] { affectedCount += 1 } else { seconds[v] = beforeSeconds[v]; inRegion[v] = false }
        }
        // The same radix heap as every one-label search: a better label is pushed again, and
        // an entry whose key is no longer its node's time (or whose node is done) is skipped.
        var heap = RadixHeap()
        for v in 0..<new.nodeCount where newSeeds[v] < seconds[v] {
            seconds[v] = newSeeds[v]
            heap.push(Int32(v), seconds: seconds[v])
        }
        let arcSeconds = after.costs.arcSeconds, reverse = after.costs.arcReverseSeconds
        for v in 0..<new.nodeCount where inRegion[v] {
            for b in Int(new.firstOut[v])..<Int(new.firstOut[v + 1]) {
                let u = Int(new.head[b])
                guard !inRegion[u], seconds[u].isFinite else { continue }
                let candidate = seconds[u] + Double(arcSeconds[b])
                if candidate < seconds[v] { seconds[v] = candidate; heap.push(Int32(v), seconds: candidate) }
            }
        }
        for e in 0..<new.edgeCount where e >= old.edgeCount || changed[e] {
            for x in [Int(new.edgeTail[e]), Int(new.edgeHead[e])] where seconds[x].isFinite {
                heap.push(Int32(x), seconds: seconds[x])
            }
        }
        var settled = [Bool](repeating: false, count: new.nodeCount)
        var popped = 0
        while !heap.isEmpty {
            let (u, key) = heap.popMin()
            guard key == seconds[Int(u)], !settled[Int(u)] else { continue }
            settled[Int(u)] = true
            popped += 1
            for a in Int(new.firstOut[Int(u)])..<Int(new.firstOut[Int(u) + 1]) {
                let w = Int(new.head[a])
                let candidate = key + Double(reverse[a])
                if candidate < seconds[w] { seconds[w] = candidate; heap.push(Int32(w), seconds: candidate) }
            }
        }
        return (seconds, affectedCount + popped)
    }

    /// Old nodes whose time may get worse: visited from the changes through tight arcs in
    /// increasing time; a node stays unaffected only with a surviving seed equal to its time,
    /// or a tight arc from an unaffected node strictly nearer its destination over an
    /// unchanged edge.
    static func affectedNodes(before: SearchState, seconds: [Double], changedEdges: [Bool],
                              oldSeeds: [Double], newSeeds: [Double]) -> [Bool] {
        let graph = before.graph
        let arcSeconds = before.costs.arcSeconds, reverse = before.costs.arcReverseSeconds
        var affected = [Bool](repeating: false, count: graph.nodeCount)
        var decided = [Bool](repeating: false, count: graph.nodeCount)
        // A node's key is always its time, so a node queued twice is decided at its first pop.
        var heap = RadixHeap()
        for u in 0..<graph.nodeCount where seconds[u].isFinite {
            if oldSeeds[u] == seconds[u] && newSeeds[u] > oldSeeds[u] { heap.push(Int32(u), seconds: seconds[u]) }
            for a in Int(graph.firstOut[u])..<Int(graph.firstOut[u + 1]) where changedEdges[Int(graph.arcEdge[a])] {
                let w = Int(graph.head[a])
                if seconds[u] + Double(reverse[a]) == seconds[w] { heap.push(Int32(w), seconds: seconds[w]) }
            }
        }
        while !heap.isEmpty {
            let (v32, key) = heap.popMin()
            let v = Int(v32)
            guard !decided[v] else { continue }
            decided[v] = true
            var supported = oldSeeds[v] == key && newSeeds[v] <= oldSeeds[v]
            if !supported {
                for b in Int(graph.firstOut[v])..<Int(graph.firstOut[v + 1]) where !changedEdges[Int(graph.arcEdge[b])] {
                    let u = Int(graph.head[b])
                    if !affected[u] && seconds[u] < key && seconds[u] + Double(arcSeconds[b]) == key { supported = true; break }
                }
            }
            guard !supported else { continue }
            affected[v] = true
            for a in Int(graph.firstOut[v])..<Int(graph.firstOut[v + 1]) {
                let w = Int(graph.head[a])
                if !decided[w] && key + Double(reverse[a]) == seconds[w] { heap.push(Int32(w), seconds: seconds[w]) }
            }
        }
        return affected
    }
}

/// The k-label multi-source Dijkstra: for every node, its `k` nearest *distinct* sources'
/// destinations, in increasing time. Queue entries are (seconds, node, destination); a node
/// settles at most `k` labels, each for a different destination.
///
/// Labels are `Float`, unlike the one-label searches' `Double`: a node keeps k of them (up to
/// 32), so `Float` halves the largest array of the search, and its answers are means and k-th
/// times printed to 0.01 minute, where `Float`'s centimetres do not show.
/// - Complexity: O(k · (n + m) · log(k · m)) time, n · k · 8 bytes of labels.
struct KLabelSearch {
    /// A seed: reaching `node` costs `seconds` on the way to `destination`.
    struct Seed {
        var seconds: Float
        var node: Int32
        var destination: Int32
    }

    /// Labels of node `u`: `seconds[u*k ..< u*k + labelCount[u]]`, ascending, with their
    /// destinations at the same indices of `destination`.
    let seconds: [Float]
    let destination: [Int32]
    let labelCount: [UInt8]

    /// Searches towards the seeds (over reverse arcs) up to `limitSeconds`.
    init(graph: StreetGraph, costs: ProfileCosts, seeds: [Seed], k: Int, limitSeconds: Float) {
        var seconds = [Float](repeating: .infinity, count: graph.nodeCount * k)
        var owner = [Int32](repeating: -1, count: graph.nodeCount * k)
        var count = [UInt8](repeating: 0, count: graph.nodeCount)
        var queue = BinaryHeap<Seed>()
        for seed in seeds where seed.seconds <= limitSeconds { queue.push(seed) }
        func settled(_ u: Int, _ d: Int32) -> Bool {
            for i in (u * k)..<(u * k + Int(count[u])) where owner[i] == d { return true }
            return false
        }
        while let label = queue.pop() {
            let u = Int(label.node)
            guard Int(count[u]) < k, !settled(u, label.destination) else { continue }
            seconds[u * k + Int(count[u])] = label.seconds
            owner[u * k + Int(count[u])] = label.destination
            count[u] += 1
            for a in Int(graph.firstOut[u])..<Int(graph.firstOut[u + 1]) {
                let t = label.seconds + costs.arcReverseSeconds[a]
                let v = Int(graph.head[a])
                guard t <= limitSeconds, Int(count[v]) < k, !settled(v, label.destination) else { continue }
                queue.push(Seed(seconds: t, node: Int32(v), destination: label.destination))
            }
        }
        self.seconds = seconds
        destination = owner
        labelCount = count
    }
}

extension KLabelSearch.Seed: HeapOrdered {
    /// Total order (seconds, node, destination), so the pop order is deterministic.
    @inline(__always)
    func precedes(_ other: Self) -> Bool {
        (seconds, node, destination) < (other.seconds, other.node, other.destination)
    }
}

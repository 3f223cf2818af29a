/// Connected components of a graph given as an edge list, by union–find: no adjacency lists
/// are needed, so a graph still being built (a skeleton) is split as cheaply as a finished one.
enum ConnectedComponents {
    /// The component number of each of `nodeCount` nodes joined by edges `tails[e]`–`heads[e]`,
    /// components numbered in the order of their lowest node id, and how many there are.
    /// - Complexity: O((nodes + edges) · α(nodes)).
    static func labels(nodeCount: Int, tails: [Int32], heads: [Int32]) -> (labels: [Int32], count: Int) {
        // parent[u] ≤ u: a union hangs the higher root under the lower, so every root is its
        // component's lowest node.
        var parent = [Int32](unsafeUninitializedCapacity: nodeCount) { buffer, initialized in
            for u in 0..<nodeCount { buffer[u] = Int32(u) }
            initialized = nodeCount
        }
        parent.withUnsafeMutableBufferPointer { parent in
            func root(_ u: Int32) -> Int32 {
                var u = u
                while parent[Int(u)] != u {
                    parent[Int(u)] = parent[Int(parent[Int(u)])]   // path halving
                    u = parent[Int(u)]
                }
                return u
            }
            for e in tails.indices {
                let a = root(tails[e]), b = root(heads[e])
                if a < b { parent[Int(b)] = a } else if b < a { parent[Int(a)] = b }
            }
        }
        // A root is its own parent and precedes its members, so one pass in node order numbers
        // the components by lowest node and labels every member after its root.
        var labels = [Int32](repeating: -1, count: nodeCount)
        var count: Int32 = 0
        for u in 0..<nodeCount {
            var r = Int(parent[u])
            while Int(parent[r]) != r { r = Int(parent[r]) }
            if r == u {
                labels[u] = count
                count += 1
            } else {
                labels[u] = labels[r]
            }
        }
        return (labels, Int(count))
    }

    /// Which nodes the largest component holds: most nodes, ties to the lowest number.
    static func largest(labels: [Int32], count: Int) -> [Bool] {
        var sizes = [Int](repeating: 0, count: count)
        for l in labels { sizes[Int(l)] += 1 }
        var keep: Int32 = 0
        for c in 0..<count where sizes[c] > sizes[Int(keep)] { keep = Int32(c) }
        return labels.map { $0 == keep }
    }
}

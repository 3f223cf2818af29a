import Walkshed

/// Slow, obviously-correct references for property tests.
public enum BruteForce {
    /// All-pairs seconds by Floyd–Warshall over the profile's directed arc costs
    /// (`result[u][v]` = time from u to v).
    public static func allPairsSeconds(_ graph: StreetGraph, costs: ProfileCosts) -> [[Double]] {
        let n = graph.nodeCount
        var d = [[Double]](repeating: [Double](repeating: .infinity, count: n), count: n)
        for u in 0..<n { d[u][u] = 0 }
        for u in 0..<n {
            for a in Int(graph.firstOut[u])..<Int(graph.firstOut[u + 1]) {
                let v = Int(graph.head[a])
                d[u][v] = min(d[u][v], Double(costs.arcSeconds[a]))
            }
        }
        for k in 0..<n { for i in 0..<n where d[i][k] < .infinity { for j in 0..<n {
            let via = d[i][k] + d[k][j]
            if via < d[i][j] { d[i][j] = via }
        } } }
        return d
    }

    /// Seconds from each node to the nearest source, sources carrying start seconds,
    /// by Bellman–Ford relaxation of every arc until nothing changes.
    public static func secondsToNearest(_ graph: StreetGraph, costs: ProfileCosts, sources: [SearchSource]) -> [Double] {
        var d = [Double](repeating: .infinity, count: graph.nodeCount)
        for s in sources { d[Int(s.node)] = min(d[Int(s.node)], Double(s.seconds)) }
        var changed = true
        while changed {
            changed = false
            for u in 0..<graph.nodeCount {
                for a in Int(graph.firstOut[u])..<Int(graph.firstOut[u + 1]) {
                    // Walking u → head costs arcSeconds; the time to a source from u goes via head.
                    let via = Double(costs.arcSeconds[a]) + d[Int(graph.head[a])]
                    if via < d[u] { d[u] = via; changed = true }
                }
            }
        }
        return d
    }
}

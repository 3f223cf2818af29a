import Walkshed

/// Experiment (issue 5): Dijkstra with a radix heap (Ahuja, Mehlhorn, Orlin and Tarjan 1990)
/// instead of the engine's indexed 4-ary heap. Keys are the bit patterns of the `Double`
/// labels, which for non-negative values order exactly as the numbers do, so the answers are
/// bit-for-bit the engine's; stale entries are skipped instead of decreased. Lives here, not
/// in the engine, until it wins.
struct RadixHeapSearch {
    private var buckets: [[(key: UInt64, id: Int32)]] = Array(repeating: [], count: 65)
    private var scratch: [(key: UInt64, id: Int32)] = []
    private var last: UInt64 = 0
    private var count = 0
    var seconds: [Double]

    init(nodeCount: Int) { seconds = [Double](repeating: .infinity, count: nodeCount) }

    @inline(__always) private func bucket(_ key: UInt64) -> Int { key == last ? 0 : 64 - (key ^ last).leadingZeroBitCount }

    private mutating func push(_ key: UInt64, _ id: Int32) {
        buckets[bucket(key)].append((key, id))
        count += 1
    }

    private mutating func pop() -> (key: UInt64, id: Int32) {
        if buckets[0].isEmpty {
            var i = 1
            while buckets[i].isEmpty { i += 1 }
            swap(&scratch, &buckets[i])
            var smallest = scratch[0].key
            for entry in scratch where entry.key < smallest { smallest = entry.key }
            last = smallest
            for entry in scratch { buckets[bucket(entry.key)].append(entry) }
            scratch.removeAll(keepingCapacity: true)
        }
        count -= 1
        return buckets[0].removeLast()
    }

    /// Multi-source search towards `sources` over the whole graph (W1 without a cutoff).
    mutating func search(_ graph: StreetGraph, costs: ProfileCosts, from sources: [SearchSource]) {
        var labels = [Double](repeating: .infinity, count: graph.nodeCount)
        for s in sources where Double(s.seconds) < labels[Int(s.node)] {
            labels[Int(s.node)] = Double(s.seconds)
            push(Double(s.seconds).bitPattern, s.node)
        }
        graph.firstOut.withUnsafeBufferPointer { firstOut in
            graph.head.withUnsafeBufferPointer { head in
                costs.arcReverseSeconds.withUnsafeBufferPointer { cost in
                    labels.withUnsafeMutableBufferPointer { labels in
                        while count > 0 {
                            let (key, u) = pop()
                            let label = Double(bitPattern: key)
                            if label > labels[Int(u)] { continue }   // stale
                            for a in Int(firstOut[Int(u)])..<Int(firstOut[Int(u) + 1]) {
                                let candidate = label + Double(cost[a])
                                let v = Int(head[a])
                                if candidate < labels[v] {
                                    labels[v] = candidate
                                    push(candidate.bitPattern, Int32(v))
                                }
                            }
                        }
                    }
                }
            }
        }
        seconds = labels
    }
}

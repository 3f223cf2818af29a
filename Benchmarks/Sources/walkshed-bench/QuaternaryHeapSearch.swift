import Walkshed

/// Experiment record (issue 5): the search the engine ran before the radix heap, with the
/// indexed 4-ary heap and decrease-key (as RoutingKit's `MinIDQueue`), kept so the two can be
/// timed side by side on the same inputs. Same labels bit for bit (checked before timing).
struct QuaternaryHeapSearch {
    var seconds: [Double]
    private var heap: QuaternaryHeap

    init(nodeCount: Int) {
        seconds = [Double](repeating: .infinity, count: nodeCount)
        heap = QuaternaryHeap(capacity: nodeCount)
    }

    /// Multi-source search towards `sources` over the whole graph (W1 without a cutoff).
    mutating func search(_ graph: StreetGraph, costs: ProfileCosts, from sources: [SearchSource]) {
        var labels = [Double](repeating: .infinity, count: graph.nodeCount)
        heap.removeAll()
        for s in sources where Double(s.seconds) < labels[Int(s.node)] {
            labels[Int(s.node)] = Double(s.seconds)
            heap.pushOrDecrease(s.node, key: Double(s.seconds))
        }
        graph.firstOut.withUnsafeBufferPointer { firstOut in
            graph.head.withUnsafeBufferPointer { head in
                costs.arcReverseSeconds.withUnsafeBufferPointer { cost in
                    labels.withUnsafeMutableBufferPointer { labels in
                        while !heap.isEmpty {
                            let (u, key) = heap.popMin()
                            for a in Int(firstOut[Int(u)])..<Int(firstOut[Int(u) + 1]) {
                                let candidate = key + Double(cost[a])
                                let v = Int(head[a])
                                if candidate < labels[v] {
                                    labels[v] = candidate
                                    heap.pushOrDecrease(Int32(v), key: candidate)
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

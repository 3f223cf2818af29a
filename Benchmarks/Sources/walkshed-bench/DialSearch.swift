import Walkshed

/// Experiment record (issue 5): Dial's bucket queue over integer travel times, the technique
/// the issue asks to measure against the radix heap. Arc times are rounded to whole tenths of
/// a second (decimetres at the benchmarks' 1 m/s), so its answers are not the engine's: each
/// arc moves by up to 0.05 s and a path by up to that per edge. The largest difference from the
/// engine's labels is reported beside its time.
///
/// Buckets are `maxArc + 1` doubly linked lists threaded through per-node `next` / `previous`
/// arrays (decrease-key unlinks and relinks), scanned cyclically from the current time.
struct DialSearch {
    /// Arc times in tenths of a second, towards the sources (as `arcReverseSeconds`).
    let arcTenths: [Int32]
    let bucketCount: Int
    /// Tenths of a second to the nearest source; `Int.max` where unreached.
    var tenths: [Int]
    private var next: [Int32], previous: [Int32], heads: [Int32]

    init(graph: StreetGraph, costs: ProfileCosts) {
        arcTenths = costs.arcReverseSeconds.map { $0.isFinite ? Int32(($0 * 10).rounded()) : -1 }
        bucketCount = Int(arcTenths.max() ?? 0) + 1
        tenths = [Int](repeating: .max, count: graph.nodeCount)
        next = [Int32](repeating: -1, count: graph.nodeCount)
        previous = [Int32](repeating: -1, count: graph.nodeCount)
        heads = [Int32](repeating: -1, count: bucketCount)
    }

    /// Seconds per node (`.infinity` where unreached), from the integer labels.
    var seconds: [Double] { tenths.map { $0 == .max ? .infinity : Double($0) / 10 } }

    /// Multi-source search over the whole graph; source offsets are rounded like arcs.
    mutating func search(_ graph: StreetGraph, from sources: [SearchSource]) {
        let bucketCount = self.bucketCount
        let nodeCount = graph.nodeCount
        tenths.withUnsafeMutableBufferPointer { tenths in
            next.withUnsafeMutableBufferPointer { next in
                previous.withUnsafeMutableBufferPointer { previous in
                    heads.withUnsafeMutableBufferPointer { heads in
                        for u in 0..<nodeCount { tenths[u] = .max }
                        for b in 0..<bucketCount { heads[b] = -1 }
                        func link(_ v: Int, at time: Int) {
                            let b = time % bucketCount
                            next[v] = heads[b]; previous[v] = -1
                            if heads[b] >= 0 { previous[Int(heads[b])] = Int32(v) }
                            heads[b] = Int32(v)
                        }
                        func unlink(_ v: Int, at time: Int) {
                            let b = time % bucketCount
                            if previous[v] >= 0 { next[Int(previous[v])] = next[v] } else { heads[b] = next[v] }
                            if next[v] >= 0 { previous[Int(next[v])] = previous[v] }
                        }
                        var queued = 0, minimum = Int.max
                        for s in sources {
                            let time = Int((s.seconds * 10).rounded()), u = Int(s.node)
                            guard time < tenths[u] else { continue }
                            if tenths[u] == .max { queued += 1 } else { unlink(u, at: tenths[u]) }
                            tenths[u] = time
                            link(u, at: time)
                            minimum = min(minimum, time)
                        }
                        // Source offsets may span more than one cycle of buckets: settle from the smallest.
                        var current = minimum
                        graph.firstOut.withUnsafeBufferPointer { firstOut in
                            graph.head.withUnsafeBufferPointer { head in
                                arcTenths.withUnsafeBufferPointer { cost in
                                    while queued > 0 {
                                        var u = Int(heads[current % bucketCount])
                                        while u < 0 || tenths[u] != current {
                                            if u >= 0 { u = Int(next[u]); continue }   // a later cycle's node
                                            current += 1
                                            u = Int(heads[current % bucketCount])
                                        }
                                        unlink(u, at: current)
                                        queued -= 1
                                        for a in Int(firstOut[u])..<Int(firstOut[u + 1]) where cost[a] >= 0 {
                                            let candidate = current + Int(cost[a]), v = Int(head[a])
                                            if candidate < tenths[v] {
                                                if tenths[v] == .max { queued += 1 } else { unlink(v, at: tenths[v]) }
                                                tenths[v] = candidate
                                                link(v, at: candidate)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

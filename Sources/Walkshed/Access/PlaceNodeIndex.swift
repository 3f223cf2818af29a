/// Places grouped by the nodes at the ends of their edges (CSR), with the time from each
/// place along its edge to that node, for one profile: the entries of node `u` are
/// `place[first[u] ..< first[u+1]]` and `secondsToNode` at the same positions.
///
/// A place on edge `e` at fraction `f` is listed at `e`'s tail with `f × backwardSeconds[e]`
/// and at its head with `(1 − f) × forwardSeconds[e]` (the same `Float` products the scans
/// computed edge by edge), so a search that settles `u` reaches every place next to it
/// through one contiguous run. A place exactly at an end (`f` 0 or 1) is listed only there,
/// with 0 seconds: going through the other end is never quicker, because the search gives
/// the node it stands on at most the other end's time plus the edge (the same `Float` cost),
/// and a destination on its own edge seeds that node with the walk along the edge. So places
/// at nodes, as in the per-node benchmarks, cost one entry each. Memory: 4 bytes per node
/// plus 8 per entry.
struct PlaceNodeIndex: Sendable {
    let first: [Int32]
    let place: [Int32]
    /// Seconds from the place along its edge to the node; `.infinity` when the profile may
    /// not walk the edge that way.
    let secondsToNode: [Float]

    init(places: [PlaceSnap?], graph: StreetGraph, costs: ProfileCosts) {
        let n = graph.nodeCount
        var first = [Int32](repeating: 0, count: n + 1)
        let tails = graph.edgeTail, heads = graph.edgeHead
        first.withUnsafeMutableBufferPointer { first in
            for snap in places {
                guard let snap else { continue }
                if snap.fraction != 1 { first[Int(tails[Int(snap.edge)]) + 1] += 1 }
                if snap.fraction != 0 { first[Int(heads[Int(snap.edge)]) + 1] += 1 }
            }
            for u in 0..<n { first[u + 1] += first[u] }
        }
        let total = Int(first[n])
        var fill = first
        var place = [Int32](repeating: 0, count: total)
        var seconds = [Float](repeating: 0, count: total)
        fill.withUnsafeMutableBufferPointer { fill in
            place.withUnsafeMutableBufferPointer { place in
                seconds.withUnsafeMutableBufferPointer { seconds in
                    for (p, snap) in places.enumerated() {
                        guard let snap else { continue }
                        let e = Int(snap.edge), f = snap.fraction
                        let tail = Int(tails[e]), head = Int(heads[e])
                        if f != 1 {
                            place[Int(fill[tail])] = Int32(p)
                            seconds[Int(fill[tail])] = costs.secondsToTail(ofEdge: e, from: f)
                            fill[tail] += 1
                        }
                        if f != 0 {
                            place[Int(fill[head])] = Int32(p)
                            seconds[Int(fill[head])] = costs.secondsToHead(ofEdge: e, from: f)
                            fill[head] += 1
                        }
                    }
                }
            }
        }
        self.first = first
        self.place = place
        self.secondsToNode = seconds
    }
}

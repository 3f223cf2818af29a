/// Places listed by the two end nodes of the edge each is snapped to (a CSR), so a bounded
/// search reads only the places next to the nodes it reached.
struct PlacesByNode: Sendable {
    let first: [Int32]
    let places: [Int32]

    /// Places `i` with `include[i]` and a snap.
    init(graph: StreetGraph, snaps: [PlaceSnap?], include: [Bool]) {
        var first = [Int32](repeating: 0, count: graph.nodeCount + 1)
        for (i, s) in snaps.enumerated() where include[i] {
            guard let s else { continue }
            first[Int(graph.edgeTail[Int(s.edge)]) + 1] += 1
            first[Int(graph.edgeHead[Int(s.edge)]) + 1] += 1
        }
        for u in 0..<graph.nodeCount { first[u + 1] += first[u] }
        var fill = first
        var places = [Int32](repeating: 0, count: Int(first[graph.nodeCount]))
        for (i, s) in snaps.enumerated() where include[i] {
            guard let s else { continue }
            for u in [Int(graph.edgeTail[Int(s.edge)]), Int(graph.edgeHead[Int(s.edge)])] { places[Int(fill[u])] = Int32(i); fill[u] += 1 }
        }
        self.first = first
        self.places = places
    }

    /// Places next to node `u`.
    func at(_ u: Int32) -> ArraySlice<Int32> { places[Int(first[Int(u)])..<Int(first[Int(u) + 1])] }
}

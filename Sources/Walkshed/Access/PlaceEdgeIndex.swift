/// Places grouped by the edge they attach to (CSR): places of edge `e` are
/// `place[first[e] ..< first[e+1]]`, with their fractions along `e` in `fraction` at the same
/// positions (so scans need not reach back into the places).
struct PlaceEdgeIndex: Sendable {
    let first: [Int32]
    let place: [Int32]
    let fraction: [Float]

    init(places: [PlaceSnap?], edgeCount: Int) {
        var first = [Int32](repeating: 0, count: edgeCount + 1)
        for snap in places { if let snap { first[Int(snap.edge) + 1] += 1 } }
        for e in 0..<edgeCount { first[e + 1] += first[e] }
        var fill = first
        var place = [Int32](repeating: 0, count: Int(first[edgeCount]))
        var fraction = [Float](repeating: 0, count: Int(first[edgeCount]))
        for (p, snap) in places.enumerated() {
            guard let snap else { continue }
            place[Int(fill[Int(snap.edge)])] = Int32(p)
            fraction[Int(fill[Int(snap.edge)])] = snap.fraction
            fill[Int(snap.edge)] += 1
        }
        self.first = first
        self.place = place
        self.fraction = fraction
    }
}

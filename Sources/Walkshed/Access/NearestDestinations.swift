/// Times from every node to its `k` nearest *distinct* destinations of one set: a destination
/// reached through several access points counts once, at its nearest one.
///
/// Computed by the k-label search (`KLabelSearch`). Labels of node `u` are `seconds[u*k ..< u*k + labelCount[u]]` (ascending) with their
/// destinations in `destination` at the same indices.
/// - Complexity: O(k · (n + m) · log(k · m)) time, n · k · 8 bytes of labels.
public struct NearestDestinations: Sendable {
    /// Labels kept per node, 1...32.
    public let k: Int
    public let seconds: [Float]
    public let destination: [Int32]
    public let labelCount: [UInt8]
    public let destinations: DestinationSet
    /// Search limit in seconds (`.infinity` for none).
    public let limitSeconds: Float

    public init(graph: StreetGraph, costs: ProfileCosts, destinations: DestinationSet, k: Int,
                limitSeconds: Float = .infinity) {
        precondition((1...32).contains(k), "k must be in 1...32")
        self.k = k
        self.destinations = destinations
        self.limitSeconds = limitSeconds
        var seeds: [KLabelSearch.Seed] = []
        for point in destinations.accessPoints {
            let e = Int(point.snap.edge), f = point.snap.fraction
            let off = costs.offNetworkSeconds(point.snap.offsetMetres)
            let fromTail = costs.secondsFromTail(ofEdge: e, to: f) + off, fromHead = costs.secondsFromHead(ofEdge: e, to: f) + off
            seeds.append(KLabelSearch.Seed(seconds: fromTail, node: graph.edgeTail[e], destination: point.destination))
            seeds.append(KLabelSearch.Seed(seconds: fromHead, node: graph.edgeHead[e], destination: point.destination))
        }
        let search = KLabelSearch(graph: graph, costs: costs, seeds: seeds, k: k, limitSeconds: limitSeconds)
        seconds = search.seconds
        destination = search.destination
        labelCount = search.labelCount
    }

    /// The up to `k` nearest distinct destinations of a snapped place, nearest first (ties by
    /// destination id): leaving its edge by the tail or the head, or walking along the edge to
    /// a destination on it, plus the walk onto the network. Exact: a destination missing from
    /// both ends' labels is no nearer than `k` others through that end. Destinations whose area
    /// holds the place (`inside`) are 0 seconds away.
    public func nearest(from place: PlaceSnap, inside: [Int32] = [], graph: StreetGraph,
                        costs: ProfileCosts) -> [(destination: Int32, seconds: Float)] {
        let e = Int(place.edge), f = place.fraction
        var best: [Int32: Float] = [:]
        func offer(_ d: Int32, _ t: Float) { if t < best[d] ?? .infinity { best[d] = t } }
        let ends = [(Int(graph.edgeTail[e]), costs.secondsToTail(ofEdge: e, from: f)),
                    (Int(graph.edgeHead[e]), costs.secondsToHead(ofEdge: e, from: f))]
        for (u, toEnd) in ends where toEnd.isFinite {
            for i in (u * k)..<(u * k + Int(labelCount[u])) { offer(destination[i], toEnd + seconds[i]) }
        }
        for point in destinations.accessPoints(onEdge: place.edge) {
            let g = point.snap.fraction
            let along = costs.secondsAlong(edge: e, from: f, to: g)
            offer(point.destination, along + costs.offNetworkSeconds(point.snap.offsetMetres))
        }
        let off = costs.offNetworkSeconds(place.offsetMetres)
        var found = best.mapValues { $0 + off }
        for d in inside { found[d] = 0 }
        return found.map { (destination: $0.key, seconds: $0.value) }
            .filter { $0.seconds <= limitSeconds }
            .sorted { ($0.seconds, $0.destination) < ($1.seconds, $1.destination) }
            .prefix(k).map { $0 }
    }
}

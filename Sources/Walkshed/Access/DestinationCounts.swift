/// For every place: how many distinct destinations of a set lie within a threshold, and the
/// sum of their decay weights. A destination counts once, at its nearest access point.
///
/// One bounded search per destination (the threshold is its limit) finds the nodes it reaches;
/// places on edges next to those nodes, or on the destination's own edges, get their time to
/// it. Each worker takes every `threads`-th destination and keeps its own accumulators (memory:
/// threads × places × 12 bytes); counts are integers and weights are summed in fixed point
/// (units of 1e-9), so the totals are exact whatever the thread count or order.
public struct DestinationCounts: Sendable {
    /// Destinations within the threshold, per place (0 for places without a snap).
    public let counts: [Int32]
    /// Sum of decay weights, per place.
    public let weights: [Double]

    static let fixedPointScale = 1e9

    public init(places: [PlaceSnap?], graph: StreetGraph, costs: ProfileCosts, destinations: DestinationSet,
                thresholdSeconds: Double, decay: DecayFunction, threads: Int) {
        let index = PlaceEdgeIndex(places: places, edgeCount: graph.edgeCount)
        var byDestination = [[DestinationSet.AccessPoint]](repeating: [], count: destinations.destinationCount)
        for point in destinations.accessPoints { byDestination[Int(point.destination)].append(point) }
        let groups = byDestination
        let workers = max(1, min(threads, groups.count))
        let partials = ParallelSearch.map(itemCount: workers, threads: workers) { worker -> ([Int32], [UInt64]) in
            var scan = CountScan(placeCount: places.count, nodeCount: graph.nodeCount)
            for d in stride(from: worker, to: groups.count, by: workers) where !groups[d].isEmpty {
                scan.add(destination: groups[d], places: places, index: index, graph: graph, costs: costs,
                         thresholdSeconds: thresholdSeconds, decay: decay)
            }
            return (scan.counts, scan.weightUnits)
        }
        var counts = [Int32](repeating: 0, count: places.count)
        var units = [UInt64](repeating: 0, count: places.count)
        for (c, w) in partials {
            for p in 0..<places.count { counts[p] += c[p]; units[p] &+= w[p] }
        }
        self.counts = counts
        weights = units.map { Double($0) / Self.fixedPointScale }
    }
}

/// Places grouped by the edge they attach to (CSR): places of edge `e` are
/// `place[first[e] ..< first[e+1]]`.
struct PlaceEdgeIndex: Sendable {
    let first: [Int32]
    let place: [Int32]

    init(places: [PlaceSnap?], edgeCount: Int) {
        var first = [Int32](repeating: 0, count: edgeCount + 1)
        for snap in places { if let snap { first[Int(snap.edge) + 1] += 1 } }
        for e in 0..<edgeCount { first[e + 1] += first[e] }
        var fill = first
        var place = [Int32](repeating: 0, count: Int(first[edgeCount]))
        for (p, snap) in places.enumerated() {
            guard let snap else { continue }
            place[Int(fill[Int(snap.edge)])] = Int32(p)
            fill[Int(snap.edge)] += 1
        }
        self.first = first
        self.place = place
    }
}

/// One worker's search state and accumulators for `DestinationCounts`.
struct CountScan {
    var counts: [Int32]
    var weightUnits: [UInt64]
    var workspace: SearchWorkspace
    /// Best seconds to the current destination per place, `.infinity` when untouched.
    var best: [Double]
    var touchedPlaces: [Int32] = []

    init(placeCount: Int, nodeCount: Int) {
        counts = [Int32](repeating: 0, count: placeCount)
        weightUnits = [UInt64](repeating: 0, count: placeCount)
        workspace = SearchWorkspace(nodeCount: nodeCount)
        best = [Double](repeating: .infinity, count: placeCount)
    }

    mutating func offer(_ p: Int32, _ seconds: Double) {
        if best[Int(p)] == .infinity { touchedPlaces.append(p) }
        if seconds < best[Int(p)] { best[Int(p)] = seconds }
    }

    mutating func add(destination points: [DestinationSet.AccessPoint], places: [PlaceSnap?], index: PlaceEdgeIndex,
                      graph: StreetGraph, costs: ProfileCosts, thresholdSeconds: Double, decay: DecayFunction) {
        let set = DestinationSet(name: "", destinationCount: 1, accessPoints: points.map { .init(destination: 0, snap: $0.snap) })
        workspace.search(graph, costs: costs, from: set.searchSources(graph: graph, costs: costs), limitSeconds: Float(thresholdSeconds))
        for u in workspace.touched {
            let t = workspace.seconds[Int(u)]
            guard t.isFinite else { continue }
            for a in Int(graph.firstOut[Int(u)])..<Int(graph.firstOut[Int(u) + 1]) {
                let e = Int(graph.arcEdge[a])
                for k in Int(index.first[e])..<Int(index.first[e + 1]) {
                    let p = index.place[k], f = places[Int(p)]!.fraction
                    // From the place to this end of its edge: towards the tail is backward.
                    let toEnd = graph.arcIsBackward[a] ? (1 - f) * costs.forwardSeconds[e] : f * costs.backwardSeconds[e]
                    offer(p, t + Double(toEnd))
                }
            }
        }
        for point in points {
            let e = Int(point.snap.edge), g = point.snap.fraction
            for k in Int(index.first[e])..<Int(index.first[e + 1]) {
                let p = index.place[k], f = places[Int(p)]!.fraction
                let along = g >= f ? (g - f) * costs.forwardSeconds[e] : (f - g) * costs.backwardSeconds[e]
                offer(p, Double(along + costs.offNetworkSeconds(point.snap.offsetMetres)))
            }
        }
        let thresholdMinutes = thresholdSeconds / 60
        for p in touchedPlaces {
            let total = best[Int(p)] + Double(costs.offNetworkSeconds(places[Int(p)]!.offsetMetres))
            if total <= thresholdSeconds {
                counts[Int(p)] += 1
                let weight = decay.weight(minutes: total / 60, thresholdMinutes: thresholdMinutes)
                weightUnits[Int(p)] &+= UInt64((weight * DestinationCounts.fixedPointScale).rounded())
            }
            best[Int(p)] = .infinity
        }
        touchedPlaces.removeAll(keepingCapacity: true)
    }
}

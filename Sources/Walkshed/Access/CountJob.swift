/// The work of counting destinations around places, prepared once and cut into items (one per
/// destination with access points, the sets in order) that workers draw one at a time.
///
/// Each worker keeps a `CountJob.Worker`; it meets the sets in order and adds its counts of a
/// set to the shared totals when it draws from a later one (and in `finish`), so no worker
/// waits for another.
struct CountJob: Sendable {
    let places: [PlaceSnap?]
    let graph: StreetGraph
    let costs: ProfileCosts
    /// Per set, the threshold its destinations are counted within, in seconds.
    let thresholdSeconds: [Double]
    let decay: DecayFunction
    /// Whether weights are summed: any decay but `step`, or a set whose destinations have weights.
    let weighted: Bool
    /// Per set, each destination's weight; nil where every destination weighs 1.
    let destinationWeights: [[Double]?]
    /// Places next to each node.
    let byNode: PlaceNodeIndex
    /// The access points of destination `d` of set `k`: `groups[k][d]`.
    let groups: [[[DestinationSet.AccessPoint]]]
    /// The places inside destination `d`'s area, for set `k`: `inside[k].placesByDestination[d]`.
    let inside: [AreaMembers]
    /// The items in drawing order.
    let items: [(set: Int, destination: Int)]
    let totals: CountTotals

    /// `inside`, per set, lists the places inside its area destinations (none when nil): they
    /// count those at 0 seconds.
    init(sets: [DestinationSet], places: [PlaceSnap?], graph: StreetGraph, costs: ProfileCosts,
         thresholdSeconds: [Double], decay: DecayFunction, inside: [AreaMembers]? = nil) {
        precondition(thresholdSeconds.count == sets.count, "one threshold per set")
        precondition(inside == nil || inside!.count == sets.count, "area members per set")
        self.places = places
        self.graph = graph
        self.costs = costs
        self.thresholdSeconds = thresholdSeconds
        self.decay = decay
        weighted = decay != .step || sets.contains { $0.weights != nil }
        destinationWeights = sets.map(\.weights)
        byNode = PlaceNodeIndex(places: places, graph: graph, costs: costs)
        let groups: [[[DestinationSet.AccessPoint]]] = sets.map { set in
            var byDestination = [[DestinationSet.AccessPoint]](repeating: [], count: set.destinationCount)
            for point in set.accessPoints { byDestination[Int(point.destination)].append(point) }
            return byDestination
        }
        self.groups = groups
        let inside = inside ?? sets.map { .none(destinationCount: $0.destinationCount) }
        self.inside = inside
        items = groups.indices.flatMap { k in
            groups[k].indices.filter { !groups[k][$0].isEmpty || !inside[k].placesByDestination[$0].isEmpty }.map { (set: k, destination: $0) }
        }
        totals = CountTotals(destinationCounts: sets.map(\.destinationCount), placeCount: places.count, weighted: weighted)
    }

    /// One worker's scan (made when it draws its first item) and the set it is counting.
    struct Worker {
        var scan: CountScan?
        var currentSet: Int?
    }

    /// Counts item `i` into `worker`'s accumulators.
    func count(item i: Int, worker: inout Worker) {
        let (k, d) = items[i]
        let scan = worker.scan ?? CountScan(placeCount: places.count, nodeCount: graph.nodeCount, weighted: weighted)
        worker.scan = scan
        if let current = worker.currentSet, current != k || scan.destinationsSinceCleared == Int(UInt16.max) {
            totals.add(scan, toSet: current)
        }
        worker.currentSet = k
        scan.add(destination: groups[k][d], inside: inside[k].placesByDestination[d], weight: destinationWeights[k]?[d] ?? 1,
                 places: places, byNode: byNode, graph: graph, costs: costs, thresholdSeconds: thresholdSeconds[k], decay: decay)
    }

    /// Adds what `worker` still holds to the totals; call once when it draws no more.
    func finish(_ worker: inout Worker) {
        if let scan = worker.scan, let k = worker.currentSet { totals.add(scan, toSet: k) }
        worker = Worker()
    }
}

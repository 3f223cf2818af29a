/// One worker's search state and accumulators for `DestinationCounts`: a bounded search per
/// destination; as it settles each node, every place on an edge at that node gets its time to
/// the destination, then places on the destination's own edges get the walk along it, and
/// those within the threshold count.
///
/// With the `step` decay a place counts as soon as one of its times is within the threshold
/// (`PlaceStepOffers`: a bit per place marks it counted for the current destination); with any
/// other decay the weight needs the best time, so each place keeps it (`PlaceOffers`, 8 bytes
/// per place). Both count the same places: adding the walk onto the network is monotone, so
/// the best time is within the threshold exactly when one of the times is.
///
/// The accumulators are raw buffers owned by this object, which lives inside one worker and
/// is never shared. Invariants between destinations: `best[p] == .infinity` for every place,
/// and no bit of `counted` is set.
final class CountScan {
    /// Destinations within the threshold, per place, since the counts were last added to the
    /// totals (which happens at least every 65,535 destinations, so they fit).
    let counts: UnsafeMutableBufferPointer<UInt16>
    /// Destinations added since the counts were last zeroed (by `CountTotals.add`).
    var destinationsSinceCleared = 0
    /// Sum of decay weights in units of 1e-9, per place; empty when not `weighted`.
    let weightUnits: UnsafeMutableBufferPointer<UInt64>
    /// Whether weights are summed (with the `step` decay they equal the counts).
    let weighted: Bool
    /// Best seconds to the current destination per place (on the network, before walking on);
    /// empty when not `weighted`.
    let best: UnsafeMutableBufferPointer<Double>
    /// Bit `p % 64` of word `p / 64`: place `p` has counted the current destination; empty
    /// when `weighted`.
    let counted: UnsafeMutableBufferPointer<UInt64>
    /// Places the current destination reached (`weighted`: whose `best` it set; `step`: that
    /// counted it); each place enters once.
    let touchedPlaces: UnsafeMutableBufferPointer<Int32>
    var workspace: SearchWorkspace

    init(placeCount: Int, nodeCount: Int, weighted: Bool) {
        self.weighted = weighted
        counts = .allocate(capacity: placeCount)
        counts.initialize(repeating: 0)
        weightUnits = .allocate(capacity: weighted ? placeCount : 0)
        weightUnits.initialize(repeating: 0)
        best = .allocate(capacity: weighted ? placeCount : 0)
        best.initialize(repeating: .infinity)
        counted = .allocate(capacity: weighted ? 0 : (placeCount + 63) / 64)
        counted.initialize(repeating: 0)
        touchedPlaces = .allocate(capacity: placeCount)   // written before read: its unused pages stay unmapped
        workspace = SearchWorkspace(nodeCount: nodeCount)
    }

    deinit {
        counts.deallocate()
        weightUnits.deallocate()
        best.deallocate()
        counted.deallocate()
        touchedPlaces.deallocate()
    }

    /// Counts one destination (all its access points) at every place within the threshold.
    /// `byNode` lists the places next to each node; a place on a destination's own edge is
    /// among those listed at the edge's tail, unless it stands exactly at the head, where the
    /// destination's seed at the head already gives it the walk along the edge.
    /// `weight` multiplies the destination's decay weight (1 for an unweighted set). Places
    /// `inside` the destination's area (snapped ones) have reached it at 0 seconds.
    func add(destination points: [DestinationSet.AccessPoint], inside: [Int32], weight destinationWeight: Double, places: [PlaceSnap?],
             byNode: PlaceNodeIndex, graph: StreetGraph, costs: ProfileCosts, thresholdSeconds: Double, decay: DecayFunction) {
        precondition(destinationsSinceCleared < Int(UInt16.max), "counts must be added to the totals every 65,535 destinations")
        destinationsSinceCleared += 1
        let sources = points.flatMap { DestinationSet.seeds(of: $0, graph: graph, costs: costs) }
        if weighted {
            var offers = PlaceOffers(best: best, touchedPlaces: touchedPlaces, index: byNode)
            workspace.search(graph, costs: costs, from: sources, direction: .towardSources, limitSeconds: Float(thresholdSeconds),
                             visiting: &offers)
            offerWalksAlong(points, places: places, byNode: byNode, graph: graph, costs: costs) { offers.offer($0, $1) }
            // `best` is before the walk onto the network, which `sumWeights` adds: minus that walk makes 0.
            for p in inside { offers.offer(p, -Double(costs.offNetworkSeconds(places[Int(p)]!.offsetMetres))) }
            sumWeights(of: touchedPlaces[..<offers.touchedCount], places: places, costs: costs, thresholdSeconds: thresholdSeconds,
                       decay: decay, destinationWeight: destinationWeight)
        } else {
            var offers = PlaceStepOffers(counted: counted, counts: counts, touchedPlaces: touchedPlaces, index: byNode,
                                         places: places, costs: costs, thresholdSeconds: thresholdSeconds)
            workspace.search(graph, costs: costs, from: sources, direction: .towardSources, limitSeconds: Float(thresholdSeconds),
                             visiting: &offers)
            offerWalksAlong(points, places: places, byNode: byNode, graph: graph, costs: costs) { offers.offer($0, $1) }
            for p in inside { offers.offer(p, -Double(costs.offNetworkSeconds(places[Int(p)]!.offsetMetres))) }
            for p in touchedPlaces[..<offers.touchedCount] { counted[Int(p) >> 6] = 0 }
        }
    }

    /// Offers each place on a destination's own edge the walk along the edge to the access point.
    private func offerWalksAlong(_ points: [DestinationSet.AccessPoint], places: [PlaceSnap?], byNode: PlaceNodeIndex,
                                 graph: StreetGraph, costs: ProfileCosts, _ offer: (Int32, Double) -> Void) {
        for point in points {
            let e = Int(point.snap.edge), g = point.snap.fraction
            let tail = Int(graph.edgeTail[e])
            for k in Int(byNode.first[tail])..<Int(byNode.first[tail + 1]) {
                // (A loop lists its places twice at its node: offering one twice changes nothing.)
                guard let place = places[Int(byNode.place[k])], Int(place.edge) == e else { continue }
                let f = place.fraction
                let along = costs.secondsAlong(edge: e, from: f, to: g)
                offer(byNode.place[k], Double(along + costs.offNetworkSeconds(point.snap.offsetMetres)))
            }
        }
    }

    /// Counts and weighs the places whose best time (plus their walk onto the network) is within
    /// the threshold, and clears their `best`.
    private func sumWeights(of touched: Slice<UnsafeMutableBufferPointer<Int32>>, places: [PlaceSnap?], costs: ProfileCosts,
                            thresholdSeconds: Double, decay: DecayFunction, destinationWeight: Double) {
        let thresholdMinutes = thresholdSeconds / 60
        for p in touched {
            // Only snapped places are listed by node, so every touched place has a snap.
            let total = best[Int(p)] + Double(costs.offNetworkSeconds(places[Int(p)]!.offsetMetres))
            if total <= thresholdSeconds {
                counts[Int(p)] += 1
                let weight = decay.weight(minutes: total / 60, thresholdMinutes: thresholdMinutes) * destinationWeight
                weightUnits[Int(p)] &+= UInt64((weight * DestinationCounts.fixedPointScale).rounded())
            }
            best[Int(p)] = .infinity
        }
    }
}

/// While a weighted count search settles each node: every place on an edge at that node gets
/// the node's time plus the walk along its edge to it, if that beats what it has.
struct PlaceOffers: SettledNodeVisitor {
    let best: UnsafeMutableBufferPointer<Double>
    let touchedPlaces: UnsafeMutableBufferPointer<Int32>
    let index: PlaceNodeIndex
    /// Places in `touchedPlaces` so far.
    var touchedCount = 0

    @inline(__always)
    mutating func offer(_ p: Int32, _ seconds: Double) {
        let old = best[Int(p)]
        if old == .infinity { touchedPlaces[touchedCount] = p; touchedCount += 1 }
        if seconds < old { best[Int(p)] = seconds }
    }

    @inline(__always)
    mutating func settled(_ u: Int32, seconds t: Double) {
        for k in Int(index.first[Int(u)])..<Int(index.first[Int(u) + 1]) {
            offer(index.place[k], t + Double(index.secondsToNode[k]))
        }
    }
}

/// While a `step` count search settles each node: every place on an edge at that node whose
/// time (the node's, plus the walk along its edge, plus its walk onto the network) is within
/// the threshold counts the destination, once.
struct PlaceStepOffers: SettledNodeVisitor {
    let counted: UnsafeMutableBufferPointer<UInt64>
    let counts: UnsafeMutableBufferPointer<UInt16>
    let touchedPlaces: UnsafeMutableBufferPointer<Int32>
    let index: PlaceNodeIndex
    let places: [PlaceSnap?]
    let costs: ProfileCosts
    let thresholdSeconds: Double
    /// Places in `touchedPlaces` so far.
    var touchedCount = 0

    @inline(__always)
    mutating func offer(_ p: Int32, _ seconds: Double) {
        let word = Int(p) >> 6, bit = UInt64(1) << UInt64(p & 63)
        guard counted[word] & bit == 0 else { return }
        // (best + walk-on ≤ threshold) as the weighted path sums it: the walk is added last.
        guard seconds + Double(costs.offNetworkSeconds(places[Int(p)]!.offsetMetres)) <= thresholdSeconds else { return }
        counted[word] |= bit
        counts[Int(p)] += 1
        touchedPlaces[touchedCount] = p
        touchedCount += 1
    }

    @inline(__always)
    mutating func settled(_ u: Int32, seconds t: Double) {
        for k in Int(index.first[Int(u)])..<Int(index.first[Int(u) + 1]) {
            offer(index.place[k], t + Double(index.secondsToNode[k]))
        }
    }
}

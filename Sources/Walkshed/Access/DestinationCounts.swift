/// For every place: how many distinct destinations of a set lie within a threshold, and the
/// sum of their decay weights. A destination counts once, at its nearest access point.
///
/// One bounded search per destination (the threshold is its limit) finds the nodes it reaches;
/// places on edges next to those nodes, or on the destination's own edges, get their time to
/// it (`CountScan`). Workers draw the destinations of all sets one at a time, keep their own
/// accumulators and add them to the set's totals (`CountTotals`) as they move past it, without
/// waiting for each other (memory: (threads + sets) × places × 2 bytes, 4 for a set of more
/// than 65,535 destinations, 8 more with a decay other than `step`, plus the place indexes).
/// Counts are integers and weights are summed in fixed point (units of 1e-9), so the totals
/// are exact whatever the thread count or order.
public struct DestinationCounts: Sendable {
    /// Destinations within the threshold, per place (0 for places without a snap).
    let column: PlaceCountColumn
    /// Sum of decay weights per place in units of 1e-9; empty with the `step` decay, whose
    /// weights are the counts (so a step count keeps 2 bytes per place, not 10).
    let weightUnits: [UInt64]

    static let fixedPointScale = 1e9

    /// Destinations within the threshold at place `p` (0 for a place without a snap).
    public func count(at p: Int) -> Int32 { column[p] }

    /// `count(at:)` for every place, as a new array.
    public var counts: [Int32] { column.widened }

    public init(places: [PlaceSnap?], graph: StreetGraph, costs: ProfileCosts, destinations: DestinationSet,
                thresholdSeconds: Double, decay: DecayFunction, threads: Int) {
        self = Self.forSets([destinations], places: places, graph: graph, costs: costs, thresholdSeconds: thresholdSeconds,
                            decay: decay, threads: threads)[0]
    }

    init(column: PlaceCountColumn, weightUnits: [UInt64]) {
        precondition(weightUnits.isEmpty || weightUnits.count == column.placeCount)
        self.column = column
        self.weightUnits = weightUnits
    }

    /// Sum of the decay weights of the destinations counted at place `p`.
    public func weight(at p: Int) -> Double {
        weightUnits.isEmpty ? Double(column[p]) : Double(weightUnits[p]) / Self.fixedPointScale
    }

    /// `weight(at:)` for every place, as a new array.
    public var weights: [Double] { (0..<column.placeCount).map(weight(at:)) }

    /// Counts for several destination sets at once, in the order of `sets`: one place index and
    /// one search workspace per worker serve them all.
    public static func forSets(_ sets: [DestinationSet], places: [PlaceSnap?], graph: StreetGraph, costs: ProfileCosts,
                               thresholdSeconds: Double, decay: DecayFunction, threads: Int) -> [DestinationCounts] {
        forSets(sets, places: places, graph: graph, costs: costs, thresholdsSeconds: sets.map { _ in thresholdSeconds }, decay: decay,
                threads: threads)
    }

    /// The same with a threshold per set (`thresholdsSeconds[k]` for `sets[k]`): a set given
    /// twice with two thresholds is counted within each. `inside`, per set, lists the places
    /// inside its area destinations: they count those (0 seconds away).
    public static func forSets(_ sets: [DestinationSet], places: [PlaceSnap?], graph: StreetGraph, costs: ProfileCosts,
                               thresholdsSeconds: [Double], decay: DecayFunction, inside: [AreaMembers]? = nil,
                               threads: Int) -> [DestinationCounts] {
        let job = CountJob(sets: sets, places: places, graph: graph, costs: costs, thresholdSeconds: thresholdsSeconds, decay: decay,
                           inside: inside)
        _ = ParallelSearch.drawing(itemCount: job.items.count, workers: max(1, min(threads, job.items.count))) { next in
            var worker = CountJob.Worker()
            while let i = next() { job.count(item: i, worker: &worker) }
            job.finish(&worker)
        }
        return job.totals.finish()
    }
}

/// Nearest times for some destination sets and counts of destinations around places for
/// others, in one pool of workers: the whole-network searches are drawn first, then the
/// destinations to count, so a worker that finishes its last search goes on counting instead
/// of waiting (five sets on two workers would otherwise leave one idle for a whole search).
///
/// The answers equal `NearestTimes` and `DestinationCounts.forSets` bit for bit, whatever the
/// thread count: each search writes its own slot and counts are summed as integers.
public struct NearestAndCounts: Sendable {
    /// Per set of `nearest`, in its order.
    public let times: [NearestTimes]
    /// Per set of `counting`, in its order.
    public let counts: [DestinationCounts]

    public init(graph: StreetGraph, costs: ProfileCosts, nearest: [DestinationSet], limitSeconds: Float = .infinity,
                counting: [DestinationSet], places: [PlaceSnap?], thresholdSeconds: Double, decay: DecayFunction,
                threads: Int) {
        self.init(graph: graph, costs: costs, nearest: nearest, limitSeconds: limitSeconds, counting: counting, places: places,
                  thresholdsSeconds: counting.map { _ in thresholdSeconds }, decay: decay, threads: threads)
    }

    /// The same with a threshold per counted set (`thresholdsSeconds[k]` for `counting[k]`), and
    /// per counted set the places inside its area destinations (`inside`), which count those.
    public init(graph: StreetGraph, costs: ProfileCosts, nearest: [DestinationSet], limitSeconds: Float = .infinity,
                counting: [DestinationSet], places: [PlaceSnap?], thresholdsSeconds: [Double], decay: DecayFunction,
                inside: [AreaMembers]? = nil, threads: Int) {
        let job = CountJob(sets: counting, places: places, graph: graph, costs: costs, thresholdSeconds: thresholdsSeconds,
                           decay: decay, inside: inside)
        let slots = DisjointSlots<NearestTimes?>(count: nearest.count, initial: nil)
        let itemCount = nearest.count + job.items.count
        _ = ParallelSearch.drawing(itemCount: itemCount, workers: max(1, min(threads, itemCount))) { next in
            var worker = CountJob.Worker()
            while let i = next() {
                if i < nearest.count {
                    slots.write(i, NearestTimes(graph: graph, costs: costs, destinations: nearest[i], limitSeconds: limitSeconds))
                } else {
                    job.count(item: i - nearest.count, worker: &worker)
                }
            }
            job.finish(&worker)
        }
        times = slots.finish().map { $0! }
        counts = job.totals.finish()
    }
}

/// Minutes from snapped places to the nearest destination of each set, and how many sets lie
/// within a budget; the same for grid cells and population points.
public enum PlaceEvaluation {
    /// One layer per set (`<name>_minutes`), then `categories_within`. Places without a snap
    /// are NaN in every layer; a place inside a park is 0 minutes from the `park` set.
    /// Parallel over chunks of places; each place writes only its own slots.
    public static func layers(snaps: [PlaceSnap?], insidePark: [Bool], times: [NearestTimes], graph: StreetGraph,
                              costs: ProfileCosts, budgetMinutes: Double, threads: Int) -> [CoverageLayer] {
        precondition(snaps.count == insidePark.count)
        let placeCount = snaps.count
        let setCount = times.count
        let width = setCount + 1
        let isParkSet = times.map { $0.destinations.name == "park" }   // resolved once, not per place
        let slots = DisjointSlots<Float>(count: placeCount * width, initial: .nan)
        let budget = Float(budgetMinutes)
        ParallelSearch.forEachChunk(itemCount: placeCount, threads: threads) { range in
            for i in range {
                guard let snap = snaps[i] else { continue }
                var within: Float = 0
                for s in 0..<setCount {
                    let seconds = isParkSet[s] && insidePark[i] ? 0 : times[s].seconds(from: snap, graph: graph, costs: costs)
                    guard seconds.isFinite else { continue }
                    let minutes = Float(seconds / 60)
                    slots.write(i * width + s, minutes)
                    if minutes <= budget { within += 1 }
                }
                slots.write(i * width + setCount, within)
            }
        }
        let flat = slots.finish()
        return (0..<width).map { s in
            var values = [Float](repeating: .nan, count: placeCount)
            for i in 0..<placeCount { values[i] = flat[i * width + s] }
            return s < setCount
                ? CoverageLayer(name: "\(times[s].destinations.name)_minutes", unit: "minutes", values: values)
                : CoverageLayer(name: "categories_within", unit: "categories", values: values)
        }
    }

    /// With k-nearest searches: per set `<set>_mean<k>_minutes`, the mean over the (up to) k
    /// nearest distinct destinations (NaN when none is reachable), then `proximity_minutes`,
    /// the mean of those over sets (NaN unless every set has a value). Empty without searches.
    public static func meanNearestLayers(snaps: [PlaceSnap?], nearest: [NearestDestinations], graph: StreetGraph,
                                         costs: ProfileCosts, threads: Int) -> [CoverageLayer] {
        guard let k = nearest.first?.k else { return [] }
        let placeCount = snaps.count, setCount = nearest.count, width = setCount + 1
        let slots = DisjointSlots<Float>(count: placeCount * width, initial: .nan)
        ParallelSearch.forEachChunk(itemCount: placeCount, threads: threads) { range in
            for i in range {
                guard let snap = snaps[i] else { continue }
                var sum: Float = 0, complete = true
                for s in 0..<setCount {
                    let found = nearest[s].nearest(from: snap, graph: graph, costs: costs)
                    guard !found.isEmpty else { complete = false; continue }
                    let mean = found.reduce(Float(0)) { $0 + $1.seconds } / Float(found.count) / 60
                    slots.write(i * width + s, mean)
                    sum += mean
                }
                if complete { slots.write(i * width + setCount, sum / Float(setCount)) }
            }
        }
        let flat = slots.finish()
        return (0..<width).map { s in
            var values = [Float](repeating: .nan, count: placeCount)
            for i in 0..<placeCount { values[i] = flat[i * width + s] }
            let name = s < setCount ? "\(nearest[s].destinations.name)_mean\(k)_minutes" : "proximity_minutes"
            return CoverageLayer(name: name, unit: "minutes", values: values)
        }
    }

    /// With k-nearest searches (k ≥ 2): per set `<set>_nearest<k>_minutes`, the time to the
    /// k-th nearest distinct destination (NaN when fewer than k are reachable). Empty otherwise.
    public static func kthNearestLayers(snaps: [PlaceSnap?], nearest: [NearestDestinations], graph: StreetGraph,
                                        costs: ProfileCosts, threads: Int) -> [CoverageLayer] {
        guard let k = nearest.first?.k, k >= 2 else { return [] }
        return nearest.map { search in
            let slots = DisjointSlots<Float>(count: snaps.count, initial: .nan)
            ParallelSearch.forEachChunk(itemCount: snaps.count, threads: threads) { range in
                for i in range {
                    guard let snap = snaps[i] else { continue }
                    let found = search.nearest(from: snap, graph: graph, costs: costs)
                    if found.count == k { slots.write(i, found[k - 1].seconds / 60) }
                }
            }
            return CoverageLayer(name: "\(search.destinations.name)_nearest\(k)_minutes", unit: "minutes", values: slots.finish())
        }
    }
}

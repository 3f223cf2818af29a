/// Minutes from snapped places to the nearest destination of each set, and how many sets lie
/// within a budget; the same for grid cells and population points.
public enum PlaceEvaluation {
    /// One layer per set (`<name>_minutes`), then `categories_within` (how many built-in kinds
    /// are within the budget; a user's own kinds are measured but not counted there). Places without a snap
    /// are NaN in every layer; a place marked in `inside[s]` (within one of set `s`'s areas,
    /// a park say) is 0 minutes from it.
    /// Set by set, parallel over chunks of places (each place writes only its own slot); each
    /// set's labels are let go once its layer is made, so a caller that hands its times over
    /// (`consume`) holds at most one set's labels beside the layers.
    public static func layers(snaps: [PlaceSnap?], inside: [[Bool]?], times: consuming [NearestTimes], graph: StreetGraph,
                              costs: ProfileCosts, budgetMinutes: Double, threads: Int) -> [CoverageLayer] {
        precondition(inside.count == times.count && inside.allSatisfy { $0 == nil || $0!.count == snaps.count })
        let placeCount = snaps.count
        var layers: [CoverageLayer] = []
        for s in times.indices {
            let set = times[s]
            let insideArea = inside[s] ?? []
            let column = DisjointSlots<Float>(count: placeCount, initial: .nan)
            ParallelSearch.forEachChunk(itemCount: placeCount, threads: threads, chunksPerThread: ParallelSearch.itemChunksPerThread) { range in
                for i in range {
                    guard let snap = snaps[i] else { continue }
                    let seconds = !insideArea.isEmpty && insideArea[i] ? 0 : set.seconds(from: snap, graph: graph, costs: costs)
                    if seconds.isFinite { column.write(i, MinuteRounding.minutes(seconds: seconds)) }
                }
            }
            layers.append(CoverageLayer(.minutes(set.destinations.kind), values: column.finish()))
            times[s] = NearestTimes(nodeSeconds: [], limitSeconds: set.limitSeconds, destinations: set.destinations)
        }
        return layers + [categoriesWithin(minutes: layers, snaps: snaps, budgetMinutes: budgetMinutes)]
    }

    /// Per place, how many built-in kinds its `minutes` layers put within the budget (NaN for
    /// a place off the network).
    static func categoriesWithin(minutes layers: [CoverageLayer], snaps: [PlaceSnap?], budgetMinutes: Double) -> CoverageLayer {
        categoriesWithin(minutes: layers, placed: snaps.map { $0 != nil }, budgetMinutes: budgetMinutes)
    }

    /// `categoriesWithin` for places known only as on (`placed`) or off the network.
    static func categoriesWithin(minutes layers: [CoverageLayer], placed: [Bool], budgetMinutes: Double) -> CoverageLayer {
        let budget = Float(budgetMinutes)
        var within = placed.map { $0 ? 0 : Float.nan }
        for layer in layers where layer.measure.kind?.isBuiltIn ?? false {
            for (i, minutes) in layer.values.enumerated() where minutes <= budget { within[i] += 1 }   // NaN (unreached) never is
        }
        return CoverageLayer(.categoriesWithin, values: within)
    }

    /// With k-nearest searches: per set `<set>_mean<k>_minutes`, the mean over the (up to) k
    /// nearest distinct destinations (NaN when none is reachable), then `proximity_minutes`,
    /// the mean of those over the built-in kinds' sets (NaN unless every one has a value).
    /// Empty without searches.
    /// A place inside an area destination (`inside`, per set) has that one at 0 minutes.
    public static func meanNearestLayers(snaps: [PlaceSnap?], nearest: [NearestDestinations], inside: [AreaMembers]? = nil,
                                         graph: StreetGraph, costs: ProfileCosts, threads: Int) -> [CoverageLayer] {
        guard let k = nearest.first?.k else { return [] }
        let placeCount = snaps.count, setCount = nearest.count, width = setCount + 1
        let counted = nearest.map(\.destinations.kind.isBuiltIn), countedSets = Float(counted.filter { $0 }.count)
        let columns = (0..<width).map { _ in DisjointSlots<Float>(count: placeCount, initial: .nan) }
        ParallelSearch.forEachChunk(itemCount: placeCount, threads: threads, chunksPerThread: ParallelSearch.itemChunksPerThread) { range in
            for i in range {
                guard let snap = snaps[i] else { continue }
                var sum: Float = 0, complete = true
                for s in 0..<setCount {
                    let found = nearest[s].nearest(from: snap, inside: inside?[s].destinationsByPlace[Int32(i)] ?? [], graph: graph, costs: costs)
                    guard !found.isEmpty else { complete = complete && !counted[s]; continue }
                    let mean = MinuteRounding.minutes(seconds: Double(found.reduce(Float(0)) { $0 + $1.seconds } / Float(found.count)))
                    columns[s].write(i, mean)
                    if counted[s] { sum += mean }
                }
                if complete { columns[setCount].write(i, MinuteRounding.minutes(seconds: Double(sum / countedSets) * 60)) }
            }
        }
        return (0..<width).map { s in
            CoverageLayer(s < setCount ? .meanNearest(nearest[s].destinations.kind, k: k) : .proximityMinutes, values: columns[s].finish())
        }
    }

    /// With k-nearest searches (k ≥ 2): per set `<set>_nearest<k>_minutes`, the time to the
    /// k-th nearest distinct destination (NaN when fewer than k are reachable). Empty otherwise.
    /// A place inside an area destination (`inside`, per set) has that one at 0 minutes.
    public static func kthNearestLayers(snaps: [PlaceSnap?], nearest: [NearestDestinations], inside: [AreaMembers]? = nil,
                                        graph: StreetGraph, costs: ProfileCosts, threads: Int) -> [CoverageLayer] {
        guard let k = nearest.first?.k, k >= 2 else { return [] }
        return nearest.indices.map { s in
            let search = nearest[s]
            let slots = DisjointSlots<Float>(count: snaps.count, initial: .nan)
            ParallelSearch.forEachChunk(itemCount: snaps.count, threads: threads, chunksPerThread: ParallelSearch.itemChunksPerThread) { range in
                for i in range {
                    guard let snap = snaps[i] else { continue }
                    let found = search.nearest(from: snap, inside: inside?[s].destinationsByPlace[Int32(i)] ?? [], graph: graph, costs: costs)
                    if found.count == k { slots.write(i, MinuteRounding.minutes(seconds: Double(found[k - 1].seconds))) }
                }
            }
            return CoverageLayer(.kthNearest(search.destinations.kind, k: k), values: slots.finish())
        }
    }
}

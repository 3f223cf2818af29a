/// A scenario's minutes per cell from the baseline's, re-evaluating only the cells an edit can
/// change: a cell keeps its baseline value for a set unless its snap moved, the set's time at
/// either end of its edge changed, the set's access points on its edge changed, or a new area
/// of the set covers it. The values equal `CoverageAnalysis.run`'s on the edited city bit for
/// bit, since each cell's minutes depend on nothing else (`NearestTimes.seconds(from:)`).
enum CoverageUpdate {
    /// Per set, the minutes layer, then `categories_within`: the compared layers of a scenario.
    /// Nil when the costs of the baseline's edges changed (a new speed), where every cell may
    /// change and a full evaluation is as cheap, or with more than 64 sets.
    /// - Parameters:
    ///   - baseLayers: the baseline's minutes per set, in set order.
    ///   - baseTimes, baseSets, baseSnaps: the baseline's; `times`, `sets`, `snaps` the scenario's.
    /// - Complexity: O(cells + nodes per set + changed nodes' arcs), one random read per cell.
    static func minutesLayers(baseLayers: [CoverageLayer], baseTimes: [NearestTimes], baseSets: [DestinationSet], baseSnaps: [PlaceSnap?],
                              times: [NearestTimes], sets: [DestinationSet], snaps: [PlaceSnap?], sameCosts: Bool,
                              graph: StreetGraph, costs: ProfileCosts, grid: GridGeometry, budgetMinutes: Double, threads: Int) -> [CoverageLayer]? {
        guard sameCosts, sets.count <= 64, baseLayers.count == sets.count, baseSets.count == sets.count else { return nil }
        // Per edge, the sets whose minutes may differ for a place on it: a changed time at either
        // end (every arc of a changed node), or changed access points on it.
        var edgeSets = [UInt64](repeating: 0, count: graph.edgeCount)
        var inside: [[Bool]] = [], newlyInside: [[Bool]] = []
        for s in sets.indices {
            let base = baseSets[s], set = sets[s], bit = UInt64(1) << UInt64(s)
            guard set.areas.count >= base.areas.count, zip(base.areas, set.areas).allSatisfy({ $0 == $1 }),
                  times[s].limitSeconds == baseTimes[s].limitSeconds else { return nil }
            let before = baseTimes[s].nodeSeconds, after = times[s].nodeSeconds
            for u in 0..<after.count where u >= before.count || before[u].bitPattern != after[u].bitPattern {
                for a in Int(graph.firstOut[u])..<Int(graph.firstOut[u + 1]) { edgeSets[Int(graph.arcEdge[a])] |= bit }
            }
            for p in base.accessPoints + set.accessPoints where base.accessPoints(onEdge: p.snap.edge) != set.accessPoints(onEdge: p.snap.edge) {
                edgeSets[Int(p.snap.edge)] |= bit
            }
            // Inside marks as the full evaluation makes them (every area), and those of new areas.
            inside.append(set.areas.isEmpty ? [] : CoverageAnalysis.cellsInside(set.areas[...], grid: grid))
            newlyInside.append(set.areas.count > base.areas.count ? CoverageAnalysis.cellsInside(set.areas[base.areas.count...], grid: grid) : [])
        }
        let staleByEdge = edgeSets, insideArea = inside, newAreas = newlyInside, allSets = sets.count == 64 ? ~UInt64(0) : (UInt64(1) << UInt64(sets.count)) - 1
        let setsWithNewAreas = sets.indices.filter { !newlyInside[$0].isEmpty }
        // Each column starts as the baseline; a place whose snap is gone is written NaN, a stale one anew.
        let columns = baseLayers.map { DisjointSlots<Float>(copying: $0.values) }
        ParallelSearch.forEachChunk(itemCount: snaps.count, threads: threads) { range in
            for i in range {
                guard let snap = snaps[i] else {
                    if baseSnaps[i] != nil { for column in columns { column.write(i, .nan) } }
                    continue
                }
                var stale = snap != baseSnaps[i] ? allSets : staleByEdge[Int(snap.edge)]
                for s in setsWithNewAreas where newAreas[s][i] { stale |= UInt64(1) << UInt64(s) }
                while stale != 0 {
                    let s = stale.trailingZeroBitCount
                    stale &= stale - 1
                    let seconds = !insideArea[s].isEmpty && insideArea[s][i] ? 0 : times[s].seconds(from: snap, graph: graph, costs: costs)
                    columns[s].write(i, seconds.isFinite ? MinuteRounding.minutes(seconds: seconds) : .nan)
                }
            }
        }
        let layers = zip(sets, columns).map { CoverageLayer(.minutes($0.kind), values: $1.finish()) }
        return layers + [PlaceEvaluation.categoriesWithin(minutes: layers, snaps: snaps, budgetMinutes: budgetMinutes)]
    }
}

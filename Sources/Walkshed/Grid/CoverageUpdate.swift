/// A scenario's minutes per cell from the baseline's, re-evaluating only the cells an edit can
/// change: a cell keeps its baseline value for a set unless its snap moved, the set's time at
/// either end of its edge changed, the set's access points on its edge changed, or a new area
/// of the set covers it. The values equal `CoverageAnalysis.run`'s on the edited city bit for
/// bit, since each cell's minutes depend on nothing else (`NearestTimes.seconds(from:)`).
enum CoverageUpdate {
    /// Per set, the minutes layer, then `categories_within`: the compared layers of a scenario.
    /// Nil when the costs of the baseline's edges changed (a new speed), where every cell may
    /// change and a full evaluation is as cheap.
    /// - Parameters:
    ///   - baseLayers: the baseline's minutes per set, in set order.
    ///   - baseTimes, baseSets, baseSnaps: the baseline's; `times`, `sets`, `snaps` the scenario's.
    static func minutesLayers(baseLayers: [CoverageLayer], baseTimes: [NearestTimes], baseSets: [DestinationSet], baseSnaps: [PlaceSnap?],
                              times: [NearestTimes], sets: [DestinationSet], snaps: [PlaceSnap?], sameCosts: Bool,
                              graph: StreetGraph, costs: ProfileCosts, grid: GridGeometry, budgetMinutes: Double, threads: Int) -> [CoverageLayer]? {
        guard sameCosts, baseLayers.count == sets.count, baseSets.count == sets.count else { return nil }
        var layers: [CoverageLayer] = []
        for s in sets.indices {
            let base = baseSets[s], set = sets[s]
            guard set.areas.count >= base.areas.count, zip(base.areas, set.areas).allSatisfy({ $0 == $1 }),
                  times[s].limitSeconds == baseTimes[s].limitSeconds else { return nil }
            let before = baseTimes[s].nodeSeconds, after = times[s].nodeSeconds
            let nodeChanged = (0..<after.count).map { u in u >= before.count || before[u].bitPattern != after[u].bitPattern }
            var changedEdges = Set<Int32>()
            for p in base.accessPoints + set.accessPoints where base.accessPoints(onEdge: p.snap.edge) != set.accessPoints(onEdge: p.snap.edge) {
                changedEdges.insert(p.snap.edge)
            }
            // Inside marks as the full evaluation makes them (every area), and those of new areas.
            var marks = [Bool](), newMarks = [Bool]()
            if !set.areas.isEmpty {
                marks = [Bool](repeating: false, count: grid.cellCount)
                for polygon in set.areas { CoverageAnalysis.markCells(inside: polygon, grid: grid, into: &marks) }
            }
            if set.areas.count > base.areas.count {
                newMarks = [Bool](repeating: false, count: grid.cellCount)
                for polygon in set.areas[base.areas.count...] { CoverageAnalysis.markCells(inside: polygon, grid: grid, into: &newMarks) }
            }
            var mask = [Bool]()
            if !changedEdges.isEmpty {
                mask = [Bool](repeating: false, count: graph.edgeCount)
                for e in changedEdges { mask[Int(e)] = true }
            }
            let edgeChanged = mask, inside = marks, newlyInside = newMarks
            let baseValues = baseLayers[s].values, nearest = times[s]
            // Starts as the baseline; a place whose snap is gone is written NaN, a stale one anew.
            let column = DisjointSlots<Float>(copying: baseValues)
            ParallelSearch.forEachChunk(itemCount: snaps.count, threads: threads) { range in
                for i in range {
                    guard let snap = snaps[i] else { if baseSnaps[i] != nil { column.write(i, .nan) }; continue }
                    let e = Int(snap.edge)
                    let stale = snap != baseSnaps[i] || nodeChanged[Int(graph.edgeTail[e])] || nodeChanged[Int(graph.edgeHead[e])]
                        || (!edgeChanged.isEmpty && edgeChanged[e]) || (!newlyInside.isEmpty && newlyInside[i])
                    guard stale else { continue }
                    let seconds = !inside.isEmpty && inside[i] ? 0 : nearest.seconds(from: snap, graph: graph, costs: costs)
                    column.write(i, seconds.isFinite ? Float(seconds / 60) : .nan)
                }
            }
            layers.append(CoverageLayer(.minutes(set.kind), values: column.finish()))
        }
        let budget = Float(budgetMinutes)
        var within = snaps.map { $0 == nil ? Float.nan : 0 }
        for layer in layers where layer.measure.kind?.isBuiltIn ?? false {
            for (i, minutes) in layer.values.enumerated() where minutes <= budget { within[i] += 1 }
        }
        return layers + [CoverageLayer(.categoriesWithin, values: within)]
    }
}

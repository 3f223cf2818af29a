/// Settings of a coverage run; every distance in metres, every time in seconds or minutes as named.
public struct CoverageOptions: Sendable {
    /// Side of a grid cell, in metres.
    public var cellMetres: Double = 100
    /// A cell farther than this from every edge is NODATA, in metres.
    public var snapLimitMetres: Double = 300
    /// The time budget ("15-minute"), in minutes.
    public var budgetMinutes: Double = 15
    /// Searches stop here, in seconds (`.infinity`: search the whole network).
    public var searchLimitSeconds: Float = .infinity
    /// Worker threads; results do not depend on it.
    public var threads: Int = 1
    /// With a value k (1...32): also the mean minutes to the k nearest distinct destinations of
    /// each set (`<set>_mean<k>_minutes`), their mean over sets (`proximity_minutes`), and for
    /// k ≥ 2 the minutes to the k-th nearest (`<set>_nearest<k>_minutes`).
    public var nearestK: Int?
    /// When not empty: also, per set, how many destinations lie within each of these many
    /// minutes (`<set>_count`, or `<set>_count_<m>min` for each of several), and with `decay`
    /// their decay-weighted sum (`<set>_weighted`, `<set>_weighted_<m>min`). Ascending, distinct.
    public var countWithinMinutes: [Double] = []
    public var decay: DecayFunction?
    /// Also minutes to the nearest greenway (`greenway_minutes`) and metres of greenway within
    /// the budget (`greenway_metres`).
    public var greenway = false
    /// The area to cover, in projected metres (grown by the snap limit); nil: the network's
    /// extent. When both are empty the grid is one cell at the origin, all NODATA.
    public var area: BoundingBox?

    public init() {}
}

/// The grid, its layers and how they were made.
public struct CoverageResult: Sendable {
    public let grid: GridGeometry
    /// Per destination set `<name>_minutes`, then `categories_within`.
    public let layers: [CoverageLayer]
    /// Whether each cell attached to the network.
    public let snapped: [Bool]
    /// Per cell, the straight metres from its centre to the network point it attached to
    /// (NaN when it did not): where this is large the network data is thin.
    public let snapMetres: [Float]
    public let options: CoverageOptions
    /// Destination kinds, in layer order.
    public let destinationKinds: [DestinationKind]
    /// The same layers over the population points given to `run` (empty when none were).
    public let populationLayers: [CoverageLayer]
    /// Whether each population point attached to the network.
    public let populationSnapped: [Bool]
    /// The same metres per population point.
    public let populationSnapMetres: [Float]

    /// Snapped cells.
    public var cellsOnNetwork: Int { snapped.reduce(0) { $0 + ($1 ? 1 : 0) } }
}

/// Minutes from every grid cell to the nearest destination of each set, and how many sets are
/// within the budget.
public enum CoverageAnalysis {
    /// Runs the analysis:
    /// 1. snaps every cell centre to the network (parallel over chunks of cells);
    /// 2. runs one multi-source Dijkstra per destination set (parallel across sets);
    /// 3. evaluates each cell against each set (parallel over chunks of cells).
    /// Cells inside an area of a set (a park) get 0 minutes to that set.
    /// `population` points (projected metres) are evaluated the same way as cells.
    /// `precomputedTimes` (one per set, e.g. from `SearchBaseline.updatedTimes`) replaces step 2.
    ///
    /// ```swift
    /// var options = CoverageOptions(); options.threads = 2
    /// let result = CoverageAnalysis.run(graph: g, costs: costs, destinations: sets, options: options)
    /// print(result.layers[0].name)   // "park_minutes"
    /// ```
    public static func run(graph: StreetGraph, costs: ProfileCosts, destinations: [DestinationSet], options: CoverageOptions, population: [PlanarPoint] = [],
                           precomputedTimes: [NearestTimes]? = nil, precomputedSnaps: PlaceSnaps? = nil,
                           stage: (String) -> Void = { _ in }) -> CoverageResult {
        precondition(precomputedTimes == nil || precomputedTimes!.count == destinations.count)
        let grid = self.grid(graph: graph, options: options)
        let placed: PlaceSnaps
        if let precomputedSnaps {
            precondition(precomputedSnaps.cells.count == grid.cellCount && precomputedSnaps.population.count == population.count)
            placed = precomputedSnaps
        } else {
            stage(snappingStage(grid: grid, population: population))
            // Both snapped before the searches, so the segment index (about 30 MB on a 1M-node
            // city) is gone before the searches' labels arrive.
            placed = snapPlaces(grid: grid, population: population, graph: graph, costs: costs, options: options)
        }
        let snaps = placed.cells, populationSnaps = placed.population

        let limit = options.searchLimitSeconds
        // Cells inside a set's areas reach them at 0 minutes in counts and nearest-k too.
        let cellMembers = options.countWithinMinutes.isEmpty && options.nearestK == nil ? nil
            : destinations.map { AreaMembers.cells(of: $0, grid: grid, snaps: snaps) }
        let times: [NearestTimes], cellCounts: [DestinationCounts]
        if let precomputedTimes {
            times = precomputedTimes
            cellCounts = counts(around: snaps, inside: cellMembers, destinations: destinations, graph: graph, costs: costs,
                                options: options, stage: stage)
        } else if !options.countWithinMinutes.isEmpty {
            let minutes = options.countWithinMinutes
            stage("searching \(destinations.count) destination sets and counting them within \(Self.listed(minutes)) minutes of \(snaps.count) cells")
            let counted = countedSets(destinations, options: options)
            let both = NearestAndCounts(graph: graph, costs: costs, nearest: destinations, limitSeconds: limit, counting: counted.sets,
                                        places: snaps, thresholdsSeconds: counted.seconds, decay: options.decay ?? .step,
                                        inside: cellMembers.map { members in options.countWithinMinutes.flatMap { _ in members } },
                                        threads: options.threads)
            times = both.times
            cellCounts = both.counts
        } else {
            stage("searching \(destinations.count) destination sets")
            times = ParallelSearch.map(itemCount: destinations.count, threads: options.threads) { i in
                NearestTimes(graph: graph, costs: costs, destinations: destinations[i], limitSeconds: limit)
            }
            cellCounts = []
        }

        let nearest: [NearestDestinations] = options.nearestK.map { k in
            stage("finding the \(k) nearest of each destination set")
            return ParallelSearch.map(itemCount: destinations.count, threads: options.threads) { i in
                NearestDestinations(graph: graph, costs: costs, destinations: destinations[i], k: k, limitSeconds: limit)
            }
        } ?? []

        // Population points first: the cells' evaluation then takes the times over and frees
        // each set's labels as soon as its layer is made (56 MB of labels at 1M nodes).
        var populationLayers: [CoverageLayer] = []
        if !population.isEmpty {
            stage("evaluating \(population.count) population points")
            populationLayers = evaluate(population: population, snaps: populationSnaps, destinations: destinations, times: times,
                                        nearest: nearest, graph: graph, costs: costs, options: options, stage: stage)
        }
        stage("evaluating cells")
        let inside = destinations.map { $0.areas.isEmpty ? nil : cellsInside($0.areas[...], grid: grid) }
        let layers = PlaceEvaluation.layers(snaps: snaps, inside: inside, times: consume times, graph: graph, costs: costs,
                                            budgetMinutes: options.budgetMinutes, threads: options.threads)
            + PlaceEvaluation.meanNearestLayers(snaps: snaps, nearest: nearest, inside: cellMembers, graph: graph, costs: costs,
                                                threads: options.threads)
            + PlaceEvaluation.kthNearestLayers(snaps: snaps, nearest: nearest, inside: cellMembers, graph: graph, costs: costs,
                                               threads: options.threads)
            + countLayers(snaps: snaps, destinations: destinations, counts: cellCounts, options: options)
            + greenwayLayers(snaps: snaps, graph: graph, costs: costs, options: options, stage: stage)
        return CoverageResult(grid: grid, layers: layers, snapped: snaps.map { $0 != nil }, snapMetres: snaps.map { $0?.offsetMetres ?? .nan },
                              options: options, destinationKinds: destinations.map(\.kind), populationLayers: populationLayers,
                              populationSnapped: populationSnaps.map { $0 != nil }, populationSnapMetres: populationSnaps.map { $0?.offsetMetres ?? .nan })
    }

    /// The grid `run` lays out: over `options.area` (the graph's bounds when nil), widened by
    /// the snap limit, in cells of `options.cellMetres`.
    static func grid(graph: StreetGraph, options: CoverageOptions) -> GridGeometry {
        var area = options.area ?? graph.bounds
        if area.isEmpty { area = BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0) }
        return GridGeometry(covering: area.expanded(by: options.snapLimitMetres), cellMetres: options.cellMetres)
    }

    /// Grid cells (as `run` lays them out) and population points snapped to the edges `costs`
    /// may use; `snapper` is the graph's (made here when nil).
    public static func snapPlaces(graph: StreetGraph, costs: ProfileCosts, options: CoverageOptions, population: [PlanarPoint],
                                  snapper: Snapper? = nil) -> PlaceSnaps {
        snapPlaces(grid: grid(graph: graph, options: options), population: population, graph: graph, costs: costs, options: options,
                   snapper: snapper)
    }

    /// The name of the stage that snaps `grid`'s cells and the population points.
    static func snappingStage(grid: GridGeometry, population: [PlanarPoint]) -> String {
        population.isEmpty ? "snapping \(grid.cellCount) cells" : "snapping \(grid.cellCount) cells and \(population.count) population points"
    }

    /// The snaps of the grid's cells and of the population points (`[]` without any).
    static func snapPlaces(grid: GridGeometry, population: [PlanarPoint], graph: StreetGraph, costs: ProfileCosts,
                           options: CoverageOptions, snapper given: Snapper? = nil) -> PlaceSnaps {
        let snapper = given ?? Snapper(graph: graph, threads: options.threads)
        let cells = snapCells(grid: grid, snapper: snapper, limitMetres: options.snapLimitMetres,
                              usableEdges: costs.usableEdges, threads: options.threads)
        let points = ParallelSearch.map(itemCount: population.count, threads: options.threads) {
            snapper.snap(population[$0], limitMetres: options.snapLimitMetres, usableEdges: costs.usableEdges)
        }
        return PlaceSnaps(cells: cells, population: points)
    }

    /// Every layer of population points (`run`'s population layers): minutes per set (0 inside
    /// an area of the set), categories within, and what `options` and `nearest` add.
    static func evaluate(population: [PlanarPoint], snaps: [PlaceSnap?], destinations: [DestinationSet], times: [NearestTimes],
                         nearest: [NearestDestinations], graph: StreetGraph, costs: ProfileCosts, options: CoverageOptions,
                         stage: (String) -> Void) -> [CoverageLayer] {
        // Points inside a set's areas are 0 minutes from it in every measure.
        let members = destinations.map { AreaMembers.points(of: $0, positions: population, snaps: snaps) }
        let inside = zip(destinations, members).map { set, found in set.areas.isEmpty ? nil : found.flags(placeCount: population.count) }
        return PlaceEvaluation.layers(snaps: snaps, inside: inside, times: times, graph: graph,
                                      costs: costs, budgetMinutes: options.budgetMinutes, threads: options.threads)
            + PlaceEvaluation.meanNearestLayers(snaps: snaps, nearest: nearest, inside: members, graph: graph, costs: costs,
                                                threads: options.threads)
            + PlaceEvaluation.kthNearestLayers(snaps: snaps, nearest: nearest, inside: members, graph: graph, costs: costs,
                                               threads: options.threads)
            + countLayers(snaps: snaps, destinations: destinations,
                          counts: counts(around: snaps, inside: members, destinations: destinations, graph: graph, costs: costs,
                                         options: options, stage: stage),
                          options: options)
            + greenwayLayers(snaps: snaps, graph: graph, costs: costs, options: options, stage: stage)
    }

    /// Counts of each set around `snaps` when counting is on (`[]` when not).
    static func counts(around snaps: [PlaceSnap?], inside members: [AreaMembers]?, destinations: [DestinationSet], graph: StreetGraph,
                       costs: ProfileCosts, options: CoverageOptions, stage: (String) -> Void) -> [DestinationCounts] {
        guard !options.countWithinMinutes.isEmpty else { return [] }
        stage("counting destinations within \(listed(options.countWithinMinutes)) minutes for \(snaps.count) places")
        let counted = countedSets(destinations, options: options)
        return DestinationCounts.forSets(counted.sets, places: snaps, graph: graph, costs: costs, thresholdsSeconds: counted.seconds,
                                         decay: options.decay ?? .step,
                                         inside: members.map { members in options.countWithinMinutes.flatMap { _ in members } },
                                         threads: options.threads)
    }

    /// Every set once per count threshold, thresholds outermost, with each one's threshold in seconds.
    static func countedSets(_ destinations: [DestinationSet], options: CoverageOptions) -> (sets: [DestinationSet], seconds: [Double]) {
        let cutoffs = options.countWithinMinutes
        return (cutoffs.flatMap { _ in destinations }, cutoffs.flatMap { m in destinations.map { _ in MinuteRounding.thresholdSeconds(within: m) } })
    }

    /// `5, 10, 15`.
    static func listed(_ minutes: [Double]) -> String { minutes.map { "\($0)" }.joined(separator: ", ") }

    /// `<set>_count` (and `<set>_weighted` with a decay) per set and threshold from `counts`
    /// (in `countedSets` order, or none when counting is off); NaN for places without a snap.
    /// With one threshold the names carry none (`food_count`), with several each does (`food_count_5min`).
    static func countLayers(snaps: [PlaceSnap?], destinations: [DestinationSet], counts results: [DestinationCounts],
                            options: CoverageOptions) -> [CoverageLayer] {
        var counts: [CoverageLayer] = [], weighted: [CoverageLayer] = []
        let cutoffs = options.countWithinMinutes
        for (k, result) in results.enumerated() {
            let set = destinations[k % destinations.count]
            let minutes = cutoffs.count > 1 ? cutoffs[k / destinations.count] : nil
            counts.append(CoverageLayer(.count(set.kind, withinMinutes: minutes),
                                        values: snaps.indices.map { snaps[$0] == nil ? .nan : Float(result.count(at: $0)) }))
            if options.decay != nil {
                weighted.append(CoverageLayer(.weighted(set.kind, withinMinutes: minutes),
                                              values: snaps.indices.map { snaps[$0] == nil ? .nan : Float(result.weight(at: $0)) }))
            }
        }
        return counts + weighted
    }

    /// `greenway_minutes` and `greenway_metres` when asked for; NaN for places without a snap.
    static func greenwayLayers(snaps: [PlaceSnap?], graph: StreetGraph, costs: ProfileCosts, options: CoverageOptions,
                               stage: (String) -> Void) -> [CoverageLayer] {
        guard options.greenway else { return [] }
        stage("greenway reach within \(options.budgetMinutes) minutes for \(snaps.count) places")
        let access = GreenwayAccess(places: snaps, graph: graph, costs: costs, budgetSeconds: options.budgetMinutes * 60,
                                    threads: options.threads)
        let limit = Double(options.searchLimitSeconds)
        return [
            CoverageLayer(.greenwayMinutes,
                          values: access.seconds.map { $0 <= limit && $0.isFinite ? MinuteRounding.minutes(seconds: $0) : .nan }),
            CoverageLayer(.greenwayMetres,
                          values: snaps.indices.map { snaps[$0] == nil ? .nan : Float(access.reachableMetres[$0]) }),
        ]
    }

    /// Cells the grid over `area` would have, as a `Double` so absurd sizes cannot overflow.
    public static func cellCount(area: BoundingBox, options: CoverageOptions) -> Double {
        let box = area.isEmpty ? BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0) : area.expanded(by: options.snapLimitMetres)
        let columns = max(1, ((box.maxX - box.minX) / options.cellMetres).rounded(.up) + 1)
        let rows = max(1, ((box.maxY - box.minY) / options.cellMetres).rounded(.up) + 1)
        return columns * rows
    }

    /// Bytes the analysis itself allocates, beyond the loaded graph: per cell its snap, one
    /// value per layer and the evaluation buffer; per node and destination set one search
    /// (seconds, heap position, touched list, heap entry).
    public static func estimatedBytes(graph: StreetGraph, cellCount: Double, destinationSets: Int, nearestK: Int? = nil) -> Double {
        let layers = Double(destinationSets + 1) + (nearestK == nil ? 0 : Double(2 * destinationSets + 1))
        let perCell = 16 + 2 * 4 * layers + 1
        let perNodePerSet = 4.0 + 4 + 4 + 8 + Double(nearestK ?? 0) * 9
        return cellCount * perCell + Double(graph.nodeCount) * perNodePerSet * Double(destinationSets)
    }

    static func snapCells(grid: GridGeometry, snapper: Snapper, limitMetres: Double, usableEdges: [Bool], threads: Int) -> [PlaceSnap?] {
        let slots = DisjointSlots<PlaceSnap?>(count: grid.cellCount, initial: nil)
        ParallelSearch.forEachChunk(itemCount: grid.cellCount, threads: threads, chunksPerThread: ParallelSearch.itemChunksPerThread) { range in
            for i in range {
                slots.write(i, snapper.snap(grid.centre(ofCell: i), limitMetres: limitMetres, usableEdges: usableEdges))
            }
        }
        return slots.finish()
    }

    /// Per cell of `grid`, whether its centre lies inside one of `areas`.
    static func cellsInside(_ areas: ArraySlice<PlanarPolygon>, grid: GridGeometry) -> [Bool] {
        var marks = [Bool](repeating: false, count: grid.cellCount)
        for polygon in areas { for i in grid.cells(inside: polygon) { marks[i] = true } }
        return marks
    }
}

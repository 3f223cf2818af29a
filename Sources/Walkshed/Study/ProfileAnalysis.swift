/// One profile's analysis of a study: the destination sets it searched from, the grid and
/// population layers, and the warnings (the study's load warnings plus snapping's).
public struct ProfileAnalysis: Sendable {
    public var profile: TravelProfile
    public var destinations: [DestinationSet]
    public var result: CoverageResult
    public var diagnostics: Diagnostics
}

extension Study {
    /// Destination sets for `costs` (parks first, then each service category, then the
    /// user's kinds), snapped to the edges the profile may use; warnings go to `diagnostics`.
    /// `snapper` must be of `city`'s graph (made here when nil).
    public func destinationSets(costs: ProfileCosts, snapLimitMetres: Double, on city: City? = nil, snapper given: Snapper? = nil,
                                threads: Int = 1, diagnostics: inout Diagnostics) -> [DestinationSet] {
        let city = city ?? self.city
        let snapper = given ?? Snapper(graph: city.graph)
        var sets = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: snapLimitMetres, snapper: snapper,
                                        threads: threads, diagnostics: &diagnostics)
        guard !customDestinations.isEmpty else { return sets }
        for custom in customDestinations {
            sets.append(.custom(custom, snapper: snapper, snapLimitMetres: snapLimitMetres, usableEdges: costs.usableEdges,
                                diagnostics: &diagnostics))
        }
        return sets
    }

    /// Minutes from every grid cell (and every resident point) to the nearest destination of
    /// each set, and the further measures `options` asks for. The grid covers `gridArea`. Stages are reported as `"<stagePrefix><stage>"`.
    /// - Throws: `StudyCancelled` when `progress` asks to stop.
    public func analyze(profile: TravelProfile, options: CoverageOptions, progress: any StudyProgress,
                        stagePrefix: String = "") throws -> ProfileAnalysis {
        try analyze(profile: profile, options: options, progress: progress, stagePrefix: stagePrefix, on: city)
    }

    /// `analyze` on `city` (the study's, or as a scenario leaves it), over the study's `gridArea`.
    func analyze(profile: TravelProfile, options: CoverageOptions, progress: any StudyProgress, stagePrefix: String,
                 on city: City) throws -> ProfileAnalysis {
        var options = options
        options.area = gridArea
        var diagnostics = loadDiagnostics
        progress.begin("\(stagePrefix)finding park access points and snapping services")
        let costs = costs(for: profile, on: city)
        // One segment index for the destinations, the cells and the residents, dropped at the end
        // of the block: it is gone before the searches' labels arrive.
        let sets: [DestinationSet], snaps: PlaceSnaps
        do {
            let snapper = Snapper(graph: city.graph, threads: options.threads)
            sets = destinationSets(costs: costs, snapLimitMetres: options.snapLimitMetres, on: city, snapper: snapper,
                                   threads: options.threads, diagnostics: &diagnostics)
            try progress.checkCancelled()
            let grid = CoverageAnalysis.grid(graph: city.graph, options: options)
            progress.begin(stagePrefix + CoverageAnalysis.snappingStage(grid: grid, population: residentPositions))
            snaps = CoverageAnalysis.snapPlaces(grid: grid, population: residentPositions, graph: city.graph, costs: costs,
                                                options: options, snapper: snapper)
            try progress.checkCancelled()
        }
        var result = CoverageAnalysis.run(graph: city.graph, costs: costs, destinations: sets, options: options, population: residentPositions,
                                          precomputedSnaps: snaps, stage: { progress.begin(stagePrefix + $0) })
        if let boundary { result = result.keepingCells(result.grid.cellsCentred(in: boundary)) }
        try progress.checkCancelled()
        return ProfileAnalysis(profile: profile, destinations: sets, result: result, diagnostics: diagnostics)
    }

    /// Bytes an analysis with `options` is expected to allocate beyond the loaded city: the
    /// engine's searches and layers, counts and greenway reach per cell and thread.
    public func estimatedAnalysisBytes(options: CoverageOptions) -> (bytes: Double, cells: Double) {
        let cells = CoverageAnalysis.cellCount(area: gridArea, options: options)
        let engine = CoverageAnalysis.estimatedBytes(graph: city.graph, cellCount: cells,
                                                     destinationSets: destinationKinds.count, nearestK: options.nearestK)
            + (options.countWithinMinutes.isEmpty ? 0
                : cells * Double(options.threads) * 12 + cells * 8 * 14 * Double(options.countWithinMinutes.count))
            + (options.greenway ? cells * Double(options.threads) * 24 + cells * 16 : 0)
        return (engine, cells)
    }
}

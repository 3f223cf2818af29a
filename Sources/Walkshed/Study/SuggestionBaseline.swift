/// Today's access to one destination set from every resident: who is within the budget, each
/// resident's snap, and the searches a suggestion updates. Shared by park and link suggestions.
struct SuggestionBaseline {
    var costs: ProfileCosts
    var sets: [DestinationSet]
    /// Index in `sets` of the set whose access counts.
    var setIndex: Int
    var options: CoverageOptions
    var searches: SearchBaseline
    var grid: GridGeometry
    var snaps: [PlaceSnap?]
    /// Per resident point: not within the budget of the set today.
    var uncovered: [Bool]
    /// Residents within the budget today, and all residents.
    var coveredNow: Double
    var totalResidents: Double

    init(study: Study, residents: Residents, profile: TravelProfile, kind: DestinationKind, budgetMinutes: Double, cellMetres: Double,
         snapLimitMetres: Double, threads: Int, progress: any StudyProgress) throws {
        let city = study.city
        progress.begin("baseline: snapping and searching")
        costs = study.costs(for: profile)
        var diagnostics = study.loadDiagnostics
        sets = study.destinationSets(costs: costs, snapLimitMetres: snapLimitMetres, diagnostics: &diagnostics)
        guard let index = sets.firstIndex(where: { $0.kind == kind }) else { throw StudyError.unknownDestinationKind(kind) }
        setIndex = index
        options = CoverageOptions()
        options.area = study.gridArea
        options.budgetMinutes = budgetMinutes
        options.snapLimitMetres = snapLimitMetres
        options.threads = threads
        options.cellMetres = cellMetres
        searches = SearchBaseline(graph: city.graph, costs: costs, sets: [sets[index]], threads: threads)
        let base = CoverageAnalysis.run(graph: city.graph, costs: costs, destinations: [sets[index]],
                                        options: options,
                                        population: residents.positions, precomputedTimes: searches.times)
        grid = base.grid
        let within = base.populationLayers.first { $0.measure == .minutes(kind) }!.values.map { $0 <= Float(budgetMinutes) }
        let snapper = Snapper(graph: city.graph)
        let usable = costs.usableEdges
        snaps = residents.positions.map { snapper.snap($0, limitMetres: snapLimitMetres, usableEdges: usable) }
        uncovered = within.map { !$0 }
        coveredNow = zip(within, residents.counts).reduce(0.0) { $0 + ($1.0 ? $1.1 : 0) }
        totalResidents = residents.total
        try progress.checkCancelled()
    }
}

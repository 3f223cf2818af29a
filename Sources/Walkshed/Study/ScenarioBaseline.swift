/// A study's baseline kept for testing scenarios against it: the analysis, and the full
/// searches each scenario updates incrementally. Made once; every scenario (a file of
/// `walkshed scenario`, or a planner's edits in `walkshed serve`) is then one `outcome`.
public struct ScenarioBaseline: Sendable {
    public let study: Study
    public let profile: TravelProfile
    /// The options of every run against this baseline; `area` is the study's `gridArea`.
    public let options: CoverageOptions
    public let analysis: ProfileAnalysis
    let searches: SearchBaseline
    /// The baseline graph's segment index and where cells and residents attach to it: a
    /// scenario that leaves the network as it is (parks, services) reuses them instead of
    /// snapping everything again.
    let snapper: Snapper
    let snaps: PlaceSnaps

    /// Snaps destinations and runs the baseline's searches and grid.
    /// - Throws: `StudyCancelled` when `progress` asks to stop.
    public init(study: Study, profile: TravelProfile, options: CoverageOptions, progress: any StudyProgress) throws {
        var options = options
        options.area = study.gridArea
        progress.begin("baseline: snapping destinations and searching")
        let costs = study.costs(for: profile)
        var diagnostics = study.loadDiagnostics
        snapper = Snapper(graph: study.city.graph)
        let sets = study.destinationSets(costs: costs, snapLimitMetres: options.snapLimitMetres, snapper: snapper, diagnostics: &diagnostics)
        searches = SearchBaseline(graph: study.city.graph, costs: costs, sets: sets, threads: options.threads)
        try progress.checkCancelled()
        progress.begin("baseline: snapping cells and residents")
        snaps = CoverageAnalysis.snapPlaces(graph: study.city.graph, costs: costs, options: options, population: study.residentPositions,
                                            snapper: snapper)
        let result = CoverageAnalysis.run(graph: study.city.graph, costs: costs, destinations: sets, options: options,
                                          population: study.residentPositions, precomputedTimes: searches.times, precomputedSnaps: snaps,
                                          stage: { progress.begin("baseline: \($0)") })
        self.study = study
        self.profile = profile
        self.options = options
        analysis = ProfileAnalysis(profile: profile, destinations: sets, result: result, diagnostics: diagnostics)
    }

    /// The grid of every layer and difference layer.
    public var grid: GridGeometry { analysis.result.grid }

    /// `scenario` against the baseline: its edits applied, times updated incrementally (only
    /// what the edits can change is recomputed), and the changes per measure.
    /// - Throws: `ScenarioError` when an edit cannot apply, `StudyCancelled` on request.
    public func outcome(of scenario: Scenario, progress: any StudyProgress) throws -> ScenarioOutcome {
        progress.begin("\(scenario.name): applying edits")
        return try outcome(of: scenario, applied: scenario.apply(to: study.city, snapper: snapper), progress: progress)
    }

    /// `outcome(of:)` for a scenario already applied to the study's city.
    func outcome(of scenario: Scenario, applied edited: AppliedScenario, progress: any StudyProgress) throws -> ScenarioOutcome {
        try progress.checkCancelled()
        progress.begin("\(scenario.name): snapping destinations, updating times")
        let scenarioProfile = edited.profile(profile)
        // With the network as it was (no path, link or closure) the graph, its segment index
        // and (for the same profile) its costs are the baseline's; otherwise the edited graph
        // gets an index of its own, shared by destinations and places.
        let sameGraph = edited.network.leavesGraphAsItWas
        let newCosts = sameGraph && scenarioProfile == profile ? searches.costs : study.costs(for: scenarioProfile, on: edited.city)
        let editedSnapper = sameGraph ? snapper : Snapper(graph: edited.city.graph)
        var scenarioDiagnostics = Diagnostics()
        let newSets = study.destinationSets(costs: newCosts, snapLimitMetres: options.snapLimitMetres, on: edited.city,
                                            snapper: editedSnapper, diagnostics: &scenarioDiagnostics)
        let (times, recomputed) = searches.updatedTimes(network: edited.network, costs: newCosts, sets: newSets, threads: options.threads)
        try progress.checkCancelled()
        let graph = edited.city.graph, stage = { (name: String) in progress.begin("\(scenario.name): \(name)") }
        let places = placeSnaps(after: edited.network, snapper: editedSnapper, usableEdges: newCosts.usableEdges)
            ?? CoverageAnalysis.snapPlaces(graph: graph, costs: newCosts, options: options, population: study.residentPositions,
                                           snapper: editedSnapper)
        stage("evaluating the cells and residents the edits can change")
        let baseResult = analysis.result
        let baseMinutes = searches.sets.map { set in baseResult.layers.first { $0.measure == .minutes(set.kind) }! }
        var after: [CoverageLayer], afterResidents: [CoverageLayer]
        if let updated = CoverageUpdate.minutesLayers(
            baseLayers: baseMinutes, baseTimes: searches.times, baseSets: searches.sets, baseSnaps: snaps.cells, times: times, sets: newSets,
            snaps: places.cells, sameCosts: scenarioProfile == profile, graph: graph, costs: newCosts, grid: grid,
            budgetMinutes: options.budgetMinutes, threads: options.threads) {
            after = updated
            afterResidents = study.residents == nil ? [] : Self.compared(CoverageAnalysis.evaluate(
                population: study.residentPositions, snaps: places.population, destinations: newSets, times: times, nearest: [],
                graph: graph, costs: newCosts, options: options, stage: stage))
        } else {
            let result = CoverageAnalysis.run(graph: graph, costs: newCosts, destinations: newSets, options: options,
                                              population: study.residentPositions, precomputedTimes: times, precomputedSnaps: places,
                                              stage: stage)
            after = Self.compared(result.layers)
            afterResidents = Self.compared(result.populationLayers)
        }
        let before = Self.compared(baseResult.layers)
        if scenario.onlyAdds {
            after = Self.noSlower(after, than: before, budgetMinutes: options.budgetMinutes)
            afterResidents = Self.noSlower(afterResidents, than: Self.compared(baseResult.populationLayers), budgetMinutes: options.budgetMinutes)
        }
        let residentChanges = study.residents.map {
            ScenarioComparison.compare(baseline: Self.compared(baseResult.populationLayers), scenario: afterResidents, weights: $0.counts,
                                       budgetMinutes: options.budgetMinutes)
        }
        return ScenarioOutcome(
            scenario: scenario, applied: edited, profile: scenarioProfile,
            cellChanges: ScenarioComparison.compare(baseline: before, scenario: after, weights: nil, budgetMinutes: options.budgetMinutes),
            residentChanges: residentChanges,
            differenceLayers: ScenarioComparison.differenceLayers(baseline: before, scenario: after),
            cellLayers: after, residentLayers: afterResidents, recomputedNodes: recomputed)
    }

    /// Cells and residents snapped to the edited graph: the baseline's snaps when neither the
    /// graph nor the usable edges changed, updated near the changed edges when the edits only
    /// added, cut or closed edges (no edge became usable), else nil (snap them all again).
    func placeSnaps(after network: EditedNetwork, snapper editedSnapper: Snapper, usableEdges: [Bool]) -> PlaceSnaps? {
        let before = searches.costs.usableEdges
        if network.leavesGraphAsItWas { return usableEdges == before ? snaps : nil }
        guard (0..<before.count).allSatisfy({ !usableEdges[$0] || before[$0] }) else { return nil }
        return snaps.updated(for: network, snapper: editedSnapper, grid: grid, population: study.residentPositions,
                             limitMetres: options.snapLimitMetres, usableEdges: usableEdges, threads: options.threads)
    }

    /// A scenario that only adds keeps every baseline route, so no place may be slower than in
    /// the baseline: yet a place (or a shop) attaches to the nearest edge, and a path drawn
    /// beside it that joins the network far away would take it over. Each place keeps the
    /// better of its scenario and baseline minutes (which also absorbs the rounding of edges
    /// cut where a path joins), and `categories_within` is counted again.
    static func noSlower(_ layers: [CoverageLayer], than baseline: [CoverageLayer], budgetMinutes: Double) -> [CoverageLayer] {
        guard !layers.isEmpty else { return layers }
        let minutes = zip(layers, baseline).compactMap { layer, base -> CoverageLayer? in
            precondition(layer.measure == base.measure)
            guard layer.measure != .categoriesWithin else { return nil }
            return CoverageLayer(layer.measure, values: zip(layer.values, base.values).map { now, was in
                was < now || (now.isNaN && !was.isNaN) ? was : now
            })
        }
        let placed = layers.first { $0.measure == .categoriesWithin }!.values.map { !$0.isNaN }
        return minutes + [PlaceEvaluation.categoriesWithin(minutes: minutes, placed: placed, budgetMinutes: budgetMinutes)]
    }

    /// The layers a scenario is compared on: minutes to each kind, and `categories_within`.
    public static func compared(_ layers: [CoverageLayer]) -> [CoverageLayer] {
        layers.filter { layer in
            if case .minutes = layer.measure { return true }
            return layer.measure == .categoriesWithin
        }
    }
}

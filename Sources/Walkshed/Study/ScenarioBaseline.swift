/// A study's baseline kept for testing scenarios against it: the analysis, and the full
/// searches each scenario updates incrementally. Made once; every scenario (a file of
/// `walkshed scenario`, or a planner's edits in `walkshed serve`) is then one `outcome`.
public struct ScenarioBaseline: Sendable {
    public let study: Study
    public let profile: TravelProfile
    /// The options of every run against this baseline; `area` is the city's extent.
    public let options: CoverageOptions
    public let analysis: ProfileAnalysis
    let searches: SearchBaseline

    /// Snaps destinations and runs the baseline's searches and grid.
    /// - Throws: `StudyCancelled` when `progress` asks to stop.
    public init(study: Study, profile: TravelProfile, options: CoverageOptions, progress: any StudyProgress) throws {
        var options = options
        options.area = study.city.extent
        progress.begin("baseline: snapping destinations and searching")
        let costs = study.costs(for: profile)
        var diagnostics = study.loadDiagnostics
        let sets = study.destinationSets(costs: costs, snapLimitMetres: options.snapLimitMetres, diagnostics: &diagnostics)
        searches = SearchBaseline(graph: study.city.graph, costs: costs, sets: sets, threads: options.threads)
        try progress.checkCancelled()
        let result = CoverageAnalysis.run(graph: study.city.graph, costs: costs, destinations: sets, options: options,
                                          population: study.residentPositions, precomputedTimes: searches.times,
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
        try outcome(of: scenario, applied: scenario.apply(to: study.city), progress: progress)
    }

    /// `outcome(of:)` for a scenario already applied to the study's city.
    func outcome(of scenario: Scenario, applied edited: AppliedScenario, progress: any StudyProgress) throws -> ScenarioOutcome {
        try progress.checkCancelled()
        progress.begin("\(scenario.name): snapping destinations, updating times")
        let scenarioProfile = edited.profile(profile)
        let newCosts = study.costs(for: scenarioProfile, on: edited.city)
        var scenarioDiagnostics = Diagnostics()
        let newSets = study.destinationSets(costs: newCosts, snapLimitMetres: options.snapLimitMetres, on: edited.city,
                                            diagnostics: &scenarioDiagnostics)
        let (times, recomputed) = searches.updatedTimes(network: edited.network, costs: newCosts, sets: newSets, threads: options.threads)
        try progress.checkCancelled()
        let result = CoverageAnalysis.run(graph: edited.city.graph, costs: newCosts, destinations: newSets,
                                          options: options, population: study.residentPositions,
                                          precomputedTimes: times, stage: { progress.begin("\(scenario.name): \($0)") })
        let baseResult = analysis.result
        let before = Self.compared(baseResult.layers), after = Self.compared(result.layers)
        let residentChanges = study.residents.map {
            ScenarioComparison.compare(baseline: Self.compared(baseResult.populationLayers),
                                       scenario: Self.compared(result.populationLayers), weights: $0.counts,
                                       budgetMinutes: options.budgetMinutes)
        }
        return ScenarioOutcome(
            scenario: scenario, applied: edited, profile: scenarioProfile,
            cellChanges: ScenarioComparison.compare(baseline: before, scenario: after, weights: nil, budgetMinutes: options.budgetMinutes),
            residentChanges: residentChanges,
            differenceLayers: ScenarioComparison.differenceLayers(baseline: before, scenario: after),
            recomputedNodes: recomputed)
    }

    /// The layers a scenario is compared on: minutes to each kind, and `categories_within`.
    public static func compared(_ layers: [CoverageLayer]) -> [CoverageLayer] {
        layers.filter { layer in
            if case .minutes = layer.measure { return true }
            return layer.measure == .categoriesWithin
        }
    }
}

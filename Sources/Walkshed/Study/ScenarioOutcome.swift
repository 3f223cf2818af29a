/// One scenario against the baseline: what its edits did, and per measure who gains and who
/// loses access, over grid cells and (with residents) over residents.
public struct ScenarioOutcome: Sendable {
    public var scenario: Scenario
    public var applied: AppliedScenario
    /// The profile as the scenario leaves it (a scenario may set its speed).
    public var profile: TravelProfile
    /// Per nearest-time measure and `categories_within`, over cells.
    public var cellChanges: [MeasureChange]
    /// The same over residents; nil without residents.
    public var residentChanges: [MeasureChange]?
    /// Per cell, scenario minus baseline (`<measure>_change`), NaN where either is unknown.
    public var differenceLayers: [CoverageLayer]
    /// Nodes the incremental update recomputed, per destination set.
    public var recomputedNodes: [Int]
}

/// A baseline and the scenarios tested against it, all with one profile and one grid.
public struct ScenarioStudy: Sendable {
    public var baseline: ProfileAnalysis
    public var outcomes: [ScenarioOutcome]
    /// The grid of the difference layers (the baseline's).
    public var grid: GridGeometry { baseline.result.grid }
}

/// A scenario of a set that cannot apply to the city.
public struct ScenarioSetError: Error, Sendable, CustomStringConvertible {
    /// Index of the scenario in the list given to `Study.compare`.
    public var scenarioIndex: Int
    public var error: ScenarioError
    public var description: String { "scenario \(scenarioIndex): \(error)" }
}

extension Study {
    /// Analyses the baseline once, then each scenario by an exact incremental update of the
    /// baseline's searches (only the times its edits can change are recomputed).
    /// - Throws: `ScenarioSetError` for a scenario that cannot apply (before any search),
    ///   `StudyCancelled` when `progress` asks to stop.
    public func compare(_ scenarios: [Scenario], profile: TravelProfile, options: CoverageOptions,
                        progress: any StudyProgress) throws -> ScenarioStudy {
        var options = options
        options.area = city.extent
        let applied = try scenarios.enumerated().map { k, scenario in
            do { return try scenario.apply(to: city) } catch let error as ScenarioError {
                throw ScenarioSetError(scenarioIndex: k, error: error)
            }
        }
        progress.begin("baseline: snapping destinations and searching")
        let costs = costs(for: profile)
        var diagnostics = loadDiagnostics
        let sets = destinationSets(costs: costs, snapLimitMetres: options.snapLimitMetres, diagnostics: &diagnostics)
        let searches = SearchBaseline(graph: city.graph, costs: costs, sets: sets, threads: options.threads)
        let baseResult = CoverageAnalysis.run(graph: city.graph, costs: costs, destinations: sets, options: options, population: residentPositions, precomputedTimes: searches.times,
                                              stage: { progress.begin("baseline: \($0)") })
        let baseline = ProfileAnalysis(profile: profile, destinations: sets, result: baseResult, diagnostics: diagnostics)
        var outcomes: [ScenarioOutcome] = []
        for (scenario, edited) in zip(scenarios, applied) {
            try progress.checkCancelled()
            progress.begin("\(scenario.name): snapping destinations, updating times")
            let scenarioProfile = edited.profile(profile)
            let newCosts = self.costs(for: scenarioProfile, on: edited.city)
            var scenarioDiagnostics = Diagnostics()
            let newSets = destinationSets(costs: newCosts, snapLimitMetres: options.snapLimitMetres, on: edited.city,
                                          diagnostics: &scenarioDiagnostics)
            let (times, recomputed) = searches.updatedTimes(network: edited.network, costs: newCosts, sets: newSets, threads: options.threads)
            let result = CoverageAnalysis.run(graph: edited.city.graph, costs: newCosts, destinations: newSets,
                                              options: options, population: residentPositions,
                                              precomputedTimes: times, stage: { progress.begin("\(scenario.name): \($0)") })
            let before = Self.compared(baseResult.layers), after = Self.compared(result.layers)
            let residentChanges = residents.map {
                ScenarioComparison.compare(baseline: Self.compared(baseResult.populationLayers),
                                           scenario: Self.compared(result.populationLayers), weights: $0.counts,
                                           budgetMinutes: options.budgetMinutes)
            }
            outcomes.append(ScenarioOutcome(
                scenario: scenario, applied: edited, profile: scenarioProfile,
                cellChanges: ScenarioComparison.compare(baseline: before, scenario: after, weights: nil, budgetMinutes: options.budgetMinutes),
                residentChanges: residentChanges,
                differenceLayers: ScenarioComparison.differenceLayers(baseline: before, scenario: after),
                recomputedNodes: recomputed))
        }
        return ScenarioStudy(baseline: baseline, outcomes: outcomes)
    }

    /// The layers a scenario is compared on: minutes to each kind, and `categories_within`.
    static func compared(_ layers: [CoverageLayer]) -> [CoverageLayer] {
        layers.filter { layer in
            if case .minutes = layer.measure { return true }
            return layer.measure == .categoriesWithin
        }
    }
}

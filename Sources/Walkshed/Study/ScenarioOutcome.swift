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
    /// The city as edited, per cell: minutes to each kind and `categories_within` (the
    /// layers compared, in the baseline's order).
    public var cellLayers: [CoverageLayer]
    /// The same per resident point (`[]` without residents).
    public var residentLayers: [CoverageLayer]
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
        let applied = try scenarios.enumerated().map { k, scenario in
            do { return try scenario.apply(to: city) } catch let error as ScenarioError {
                throw ScenarioSetError(scenarioIndex: k, error: error)
            }
        }
        let baseline = try ScenarioBaseline(study: self, profile: profile, options: options, progress: progress)
        let outcomes = try zip(scenarios, applied).map { scenario, edited in
            try baseline.outcome(of: scenario, applied: edited, progress: progress)
        }
        return ScenarioStudy(baseline: baseline.analysis, outcomes: outcomes)
    }
}

import Walkshed

/// What one scenario did and changed, as written by `walkshed scenario`.
public struct ScenarioReport: Sendable {
    public var scenario: Scenario
    public var file: String
    public var profile: TravelProfile
    public var budgetMinutes: Double
    public var applied: AppliedScenario
    public var nodesBefore: Int
    public var edgesBefore: Int
    /// Changes over grid cells and, with a population, over residents.
    public var cellChanges: [MeasureChange]
    public var residentChanges: [MeasureChange]?
    /// Nodes the incremental update recomputed, per destination set (in measure order).
    public var recomputedNodes: [Int]
    /// Where the residents came from (`PopulationSource.name`); nil without residents.
    public var populationSource: String?

    public init(scenario: Scenario, file: String, profile: TravelProfile, budgetMinutes: Double, applied: AppliedScenario,
                nodesBefore: Int, edgesBefore: Int, cellChanges: [MeasureChange], residentChanges: [MeasureChange]?,
                recomputedNodes: [Int]) {
        self.scenario = scenario
        self.file = file
        self.profile = profile
        self.budgetMinutes = budgetMinutes
        self.applied = applied
        self.nodesBefore = nodesBefore
        self.edgesBefore = edgesBefore
        self.cellChanges = cellChanges
        self.residentChanges = residentChanges
        self.recomputedNodes = recomputedNodes
    }

    /// The report of an engine outcome, read from `file`, against a city whose graph was `before`.
    public init(_ outcome: ScenarioOutcome, file: String, budgetMinutes: Double, before: StreetGraph) {
        self.init(scenario: outcome.scenario, file: file, profile: outcome.profile, budgetMinutes: budgetMinutes, applied: outcome.applied,
                  nodesBefore: before.nodeCount, edgesBefore: before.edgeCount, cellChanges: outcome.cellChanges,
                  residentChanges: outcome.residentChanges, recomputedNodes: outcome.recomputedNodes)
    }

    /// Recomputed nodes of the set behind `measure`; for `categories_within`, all of them.
    func recomputed(_ measure: Measure, index: Int) -> Int {
        index < recomputedNodes.count ? recomputedNodes[index] : recomputedNodes.reduce(0, +)
    }
}

/// `summary.json` per scenario and the `scenarios.csv` table of all of them. Shares are
/// fractions (0…1); `before`/`after` of `categories_within` are mean categories.
public enum ScenarioFiles {
    public static func summary(_ r: ScenarioReport, version: String) -> JSONValue {
        ScenarioSummaryDocument(r, version: version).jsonValue()
    }

    public static let csvHeader = "scenario,profile,basis,measure,before,after,gaining,losing,faster,slower,mean_change,recomputed_nodes,nodes\n"

    /// One row per scenario, basis (cells, residents) and measure.
    public static func csv(_ reports: [ScenarioReport]) -> TextBuffer {
        var out = TextBuffer(capacity: 256 + reports.count * 2_000)
        out.append(csvHeader)
        for r in reports {
            for (basis, list) in [("cells", r.cellChanges), ("residents", r.residentChanges ?? [])] {
                for (k, c) in list.enumerated() {
                    out.append("\(r.scenario.name),\(r.profile.name),\(basis),\(c.measure.name),")
                    out.append(c.before, decimals: 6); out.append(",")
                    out.append(c.after, decimals: 6); out.append(",")
                    out.append(c.gaining, decimals: basis == "cells" ? 0 : 2); out.append(",")
                    out.append(c.losing, decimals: basis == "cells" ? 0 : 2); out.append(",")
                    out.append(c.faster, decimals: basis == "cells" ? 0 : 2); out.append(",")
                    out.append(c.slower, decimals: basis == "cells" ? 0 : 2); out.append(",")
                    out.append(c.meanChange, decimals: 4)
                    out.append(",\(r.recomputed(c.measure, index: k)),\(r.applied.city.graph.nodeCount)\n")
                }
            }
        }
        return out
    }
}

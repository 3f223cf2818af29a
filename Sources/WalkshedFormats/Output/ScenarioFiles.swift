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
        func changes(_ list: [MeasureChange], weight: String) -> JSONValue {
            .array(list.enumerated().map { k, c in
                .object([
                    ("measure", .string(c.measure.name)),
                    (c.measure == .categoriesWithin ? "mean_before" : "share_before", .number(c.before, decimals: 6)),
                    (c.measure == .categoriesWithin ? "mean_after" : "share_after", .number(c.after, decimals: 6)),
                    ("\(weight)_gaining", .number(c.gaining, decimals: weight == "cells" ? 0 : 2)),
                    ("\(weight)_losing", .number(c.losing, decimals: weight == "cells" ? 0 : 2)),
                    ("mean_change", .number(c.meanChange, decimals: 4)),
                    ("recomputed_nodes", .integer(r.recomputed(c.measure, index: k))),
                ])
            })
        }
        let a = r.applied
        var fields: [(String, JSONValue)] = [
            ("walkshed_version", .string(version)), ("scenario", .string(r.scenario.name)), ("file", .string(r.file)),
            ("profile", .string(r.profile.name)), ("speed_kmh", .number(r.profile.metresPerSecond * 3.6, decimals: 3)),
            ("budget_minutes", .number(r.budgetMinutes, decimals: 2)),
            ("edits", .object([
                ("count", .integer(r.scenario.edits.count)), ("parks_added", .integer(a.parksAdded)),
                ("path_metres_added", .number(a.network.addedMetres, decimals: 1)),
                ("edges_closed", .integer(a.network.closedEdgeCount)), ("edges_cut", .integer(a.network.cutEdges.filter { $0 }.count)),
                ("services_added", .integer(a.servicesAdded)), ("services_removed", .integer(a.servicesRemoved)),
            ])),
            ("network", .object([
                ("nodes_before", .integer(r.nodesBefore)), ("edges_before", .integer(r.edgesBefore)),
                ("nodes_after", .integer(a.city.graph.nodeCount)), ("edges_after", .integer(a.city.graph.edgeCount)),
            ])),
            ("cells", changes(r.cellChanges, weight: "cells")),
        ]
        if let residents = r.residentChanges { fields.append(("residents", changes(residents, weight: "residents"))) }
        return .object(fields)
    }

    public static let csvHeader = "scenario,profile,basis,measure,before,after,gaining,losing,mean_change,recomputed_nodes,nodes\n"

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
                    out.append(c.meanChange, decimals: 4)
                    out.append(",\(r.recomputed(c.measure, index: k)),\(r.applied.city.graph.nodeCount)\n")
                }
            }
        }
        return out
    }
}

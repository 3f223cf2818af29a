import Walkshed

/// The stdout table of one scenario: per measure, the share within the budget before → after,
/// who gains or loses access, and who is slower by any amount (residents when given, else cells).
public enum ScenarioTable {
    public static func text(_ r: ScenarioReport) -> String {
        let a = r.applied
        var parts: [String] = []
        if a.parksAdded > 0 { parts.append("+\(a.parksAdded) park\(a.parksAdded == 1 ? "" : "s")") }
        if a.network.addedMetres > 0 { parts.append("+\(FixedPoint.format(a.network.addedMetres, decimals: 0)) m of path") }
        if a.network.closedEdgeCount > 0 { parts.append("\(a.network.closedEdgeCount) edges closed") }
        if a.servicesAdded > 0 { parts.append("+\(a.servicesAdded) services") }
        if a.servicesRemoved > 0 { parts.append("−\(a.servicesRemoved) services") }
        if !a.speeds.isEmpty { parts.append("speed \(FixedPoint.format(r.profile.metresPerSecond * 3.6, decimals: 1)) km/h") }
        let basis = r.residentChanges == nil ? "cells" : "residents"
        let changes = r.residentChanges ?? r.cellChanges
        var out = "Scenario \(r.scenario.name) (\(r.profile.name), \(FixedPoint.format(r.budgetMinutes, decimals: 0)) min): \(parts.isEmpty ? "no edits" : parts.joined(separator: ", "))\n"
        out += AnalysisTable.pad("measure", 20) + AnalysisTable.pad("\(basis) within", 22, right: true)
            + AnalysisTable.pad("gaining", 12, right: true) + AnalysisTable.pad("losing", 12, right: true)
            + AnalysisTable.pad("slower", 12, right: true)
            + AnalysisTable.pad("mean change", 14, right: true) + AnalysisTable.pad("nodes redone", 14, right: true) + "\n"
        for (k, c) in changes.enumerated() {
            let isCategories = c.measure == .categoriesWithin
            let values = isCategories
                ? "\(FixedPoint.format(c.before, decimals: 2)) → \(FixedPoint.format(c.after, decimals: 2))"
                : "\(FixedPoint.format(c.before * 100, decimals: 1)) % → \(FixedPoint.format(c.after * 100, decimals: 1)) %"
            out += AnalysisTable.pad(c.measure.name, 20) + AnalysisTable.pad(values, 22, right: true)
                + AnalysisTable.pad(FixedPoint.format(c.gaining, decimals: 0), 12, right: true)
                + AnalysisTable.pad(FixedPoint.format(c.losing, decimals: 0), 12, right: true)
                + AnalysisTable.pad(FixedPoint.format(c.slower, decimals: 0), 12, right: true)
                + AnalysisTable.pad(FixedPoint.format(c.meanChange, decimals: 2) + (isCategories ? "" : " min"), 14, right: true)
                + AnalysisTable.pad("\(k < r.recomputedNodes.count ? r.recomputedNodes[k] : r.recomputedNodes.reduce(0, +))", 14, right: true) + "\n"
        }
        return out
    }
}

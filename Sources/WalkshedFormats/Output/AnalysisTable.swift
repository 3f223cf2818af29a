import Walkshed

/// The readable result table `analyze` prints on stdout.
public enum AnalysisTable {
    public static func text(_ s: AnalysisSummary) -> String {
        let g = s.city.graph
        let budget = FixedPoint.format(s.result.options.budgetMinutes, decimals: 0)
        var out = "Walkshed \(WalkshedVersion.current): \(s.input.path) (\(s.input.format)), \(s.profile.name) at "
        out += "\(FixedPoint.format(s.profile.metresPerSecond * 3.6, decimals: 1)) km/h, \(budget)-minute budget, "
        out += "\(FixedPoint.format(s.result.options.cellMetres, decimals: 0)) m cells\n"
        out += "network:  \(g.nodeCount) nodes, \(g.edgeCount) edges, "
        out += "\(FixedPoint.format(g.totalMetres() / 1000, decimals: 1)) km walkable, "
        out += "\(FixedPoint.format(g.totalMetres { g.edgeFlags[$0].contains(.greenway) } / 1000, decimals: 1)) km greenway\n"
        out += "grid:     \(s.result.grid.columns) x \(s.result.grid.rows) cells, \(s.result.cellsOnNetwork) within "
        out += "\(FixedPoint.format(s.result.options.snapLimitMetres, decimals: 0)) m of the network\n\n"
        let nameWidth = max(20, (s.result.layers.map(\.name.count).max() ?? 0) + 2)
        out += pad("measure", nameWidth) + pad("destinations", 14, right: true) + pad("median", 12, right: true)
        out += pad("within \(budget) min", 16, right: true)
        let people = s.populationSummaries
        if !people.isEmpty { out += pad("residents within", 18, right: true) + pad("p90 min", 10, right: true) }
        out += "\n"
        let summaries = s.layerSummaries
        for (k, summary) in summaries.enumerated() {
            let count = k < s.destinations.count ? String(s.destinations[k].destinationCount) : "-"
            let median = summary.median.map { FixedPoint.format($0, decimals: 1) } ?? "-"
            let share = FixedPoint.format(summary.shareMeetingBudget * 100, decimals: 1) + "%"
            out += pad(summary.name, nameWidth) + pad(count, 14, right: true) + pad(median, 12, right: true) + pad(share, 16, right: true)
            if k < people.count {
                out += pad(FixedPoint.format(people[k].share * 100, decimals: 1) + "%", 18, right: true)
                let isCount = s.result.layers[k].unit != .minutes
                let p90 = isCount ? "-" : people[k].percentile90.map { FixedPoint.format($0, decimals: 1) } ?? "beyond"
                out += pad(p90, 10, right: true)
            }
            out += "\n"
        }
        out += "\n" + (s.population.map { PopulationSource.line(total: $0.table.total, points: $0.table.rows.count, source: $0.path) }
                        ?? PopulationSource.line(nil))
        // Where places attach to the network from far away, its data is thin.
        out += "far from the network: \(s.result.cellsSnapped()) of \(s.result.cellsOnNetwork) cells"
        if let population = s.population {
            let far = s.result.residentsSnapped(residents: population.table.residents), total = population.table.total
            out += " and \(FixedPoint.format(total > 0 ? 100 * far / total : 0, decimals: 1)) % of residents"
        }
        out += " are over 100 m from it (cells past its edge, or paths missing from the data: snap_metres in cells.csv with --format csv"
            + (s.population == nil ? ")\n" : " and population.csv)\n")
        out += "\n(categories_within: median categories reached; share of cells reaching all \(s.destinations.filter(\.kind.isBuiltIn).count))\n"
        if !s.result.options.countWithinMinutes.isEmpty {
            let minutes = s.result.options.countWithinMinutes.map { FixedPoint.format($0, decimals: 1) }.joined(separator: ", ")
            out += "(_count, _weighted: median destinations, or weighted sum, within \(minutes) min; share of cells with at least one)\n"
        }
        if s.result.options.greenway {
            out += "(greenway_metres: median metres of greenway within \(budget) min; share of cells reaching any)\n"
        }
        if s.input.diagnostics.total > 0 {
            out += "warnings: " + s.input.diagnostics.kinds.map { "\(s.input.diagnostics.count($0)) \($0)" }.joined(separator: ", ")
                + " (examples of each in summary.json)\n"
        }
        return out
    }

    /// `text` padded with spaces to `width` characters, on the left when `right`.
    public static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}

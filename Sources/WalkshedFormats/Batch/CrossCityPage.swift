import Foundation
import Walkshed

/// The cross-city page of a merged batch: a ranking of the baselines and one small map per
/// unit (the kinds of destination within the budget), drawn by the report's map renderer
/// (`GridMapPNG`) and embedded, so the page opens from disk offline.
public enum CrossCityPage {
    /// One ranked line: a unit's baseline at its first budget.
    struct Ranked {
        var unit: UnitFiguresDocument
        var row: UnitFiguresDocument.Row
        /// Share within the budget of every kind: over residents when the unit has them, else cells.
        var score: Double
        var basis: String
    }

    /// Baselines, best first within each profile (the order of the table's first rows otherwise).
    static func ranking(_ merged: MergedBatch) -> [Ranked] {
        let all = AccessFigures.measureNames.count - 1
        let ranked = merged.units.compactMap { unit -> Ranked? in
            guard let row = unit.rows.first(where: { $0.scenario == "baseline" }) else { return nil }
            if let shares = row.residentShares, let residents = row.residents, residents > 0 {
                return Ranked(unit: unit, row: row, score: shares[all], basis: "residents")
            }
            return Ranked(unit: unit, row: row, score: row.cellShares[all], basis: "cells")
        }
        let profiles = merged.units.map(\.unit.profile).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return profiles.flatMap { profile in
            ranked.filter { $0.unit.unit.profile == profile }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.unit.unit.id < $1.unit.unit.id }
        }
    }

    static func place(_ unit: BatchUnit) -> String { unit.boundary.map { "\(unit.study) / \($0)" } ?? unit.study }

    /// The ranking as a fixed-width text table (what `walkshed merge` prints).
    public static func rankingText(_ merged: MergedBatch) -> String {
        let all = AccessFigures.measureNames.count - 1, park = 0
        let ranked = ranking(merged), width = max(30, ranked.map { place($0.unit.unit).count }.max() ?? 0)
        var lines = ["profile     rank  \(pad("place", width)) budget  residents  all kinds  park    cells  all kinds  median all kinds"]
        var rank = 0, profile = ""
        for r in ranked {
            if r.unit.unit.profile != profile { profile = r.unit.unit.profile; rank = 0 }
            rank += 1
            let residents = r.row.residents.map { FixedPoint.format($0, decimals: 0) } ?? "-"
            let share = { (v: Double?) in v.map { FixedPoint.format(100 * $0, decimals: 1) + " %" } ?? "-" }
            let median = r.row.residentMedians?[all] ?? nil
            lines.append([pad(profile, 11), pad("\(rank)", 4, right: true), pad(place(r.unit.unit), width), pad(FixedPoint.format(r.row.budgetMinutes, decimals: 0) + " min", 7, right: true),
                          pad(residents, 10, right: true), pad(share(r.row.residentShares?[all]), 10, right: true),
                          pad(share(r.row.residentShares?[park]), 7, right: true), pad("\(r.row.cells)", 7, right: true),
                          pad(share(r.row.cellShares[all]), 10, right: true),
                          pad(median.map { FixedPoint.format($0, decimals: 1) + " min" } ?? "-", 17, right: true)].joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }

    /// The page; maps are read from each unit's `categories_within.asc` under `folder`.
    public static func html(_ merged: MergedBatch, folder: String) throws -> String {
        let layout = BatchFolder(folder), all = AccessFigures.measureNames.count - 1
        func share(_ v: Double?) -> String { v.map { FixedPoint.format(100 * $0, decimals: 1) + " %" } ?? "–" }
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Walkshed: \(merged.units.count) units compared</title>
        <style>
        body { font: 14px/1.4 system-ui, sans-serif; margin: 16px; color: #222; background: #fafafa; }
        table { border-collapse: collapse; background: #fff; } th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
        th:nth-child(-n+3), td:nth-child(-n+3) { text-align: left; }
        .bar { display: inline-block; height: 10px; background: #1a9850; vertical-align: middle; margin-right: 6px; }
        .multiples { display: flex; flex-wrap: wrap; gap: 12px; } figure { margin: 0; width: 320px; }
        figure img { width: 100%; border: 1px solid #ccc; background: #fff; } figcaption { font-size: 12px; color: #444; }
        footer { color: #666; font-size: 12px; margin-top: 16px; }
        </style>
        </head>
        <body data-units="\(merged.units.count)">
        <h1>Walkshed: \(merged.units.count) units compared</h1>
        <p>Baselines ranked by the share within the budget of every kind of destination (park, \(ServiceCategory.allCases.map(\.rawValue).joined(separator: ", "))): over residents where the study has them, else over grid cells. Cell \(FixedPoint.format(merged.batch.options.cellMetres, decimals: 0)) m, snap limit \(FixedPoint.format(merged.batch.options.snapLimitMetres, decimals: 0)) m. The full table is merged.csv.</p>
        <table id="ranking"><thead><tr><th>profile</th><th>rank</th><th>place</th><th>budget</th><th>residents</th><th>all kinds</th><th>park</th><th>median all kinds</th><th>basis</th></tr></thead><tbody>

        """
        var rank = 0, profile = ""
        for r in ranking(merged) {
            if r.unit.unit.profile != profile { profile = r.unit.unit.profile; rank = 0 }
            rank += 1
            let median = (r.row.residentMedians?[all] ?? nil).map { FixedPoint.format($0, decimals: 1) + " min" } ?? "–"
            let park = r.basis == "residents" ? r.row.residentShares?[0] : r.row.cellShares[0]
            out += "<tr><td>\(HTMLReport.escaped(profile))</td><td>\(rank)</td><td>\(HTMLReport.escaped(place(r.unit.unit)))</td>"
                + "<td>\(FixedPoint.format(r.row.budgetMinutes, decimals: 0)) min</td><td>\(r.row.residents.map { FixedPoint.format($0, decimals: 0) } ?? "–")</td>"
                + "<td><span class=\"bar\" style=\"width:\(Int((r.score * 80).rounded()))px\"></span>\(share(r.score))</td><td>\(share(park))</td>"
                + "<td>\(median)</td><td>\(r.basis)</td></tr>\n"
        }
        out += "</tbody></table>\n<h2>Kinds of destination within the budget</h2>\n<div class=\"multiples\">\n"
        for unit in merged.units {
            let budget = unit.rows.first?.budgetMinutes ?? 15
            let grid = try MapGrid.read((layout.unit(unit.unit.id) as NSString).appendingPathComponent("categories_within.asc"))
            let legend = MapStyle.legend(layer: grid.name, budgetMinutes: budget, values: grid.values)
            let image = GridMapPNG.render(grid, legend: legend, title: place(unit.unit), subtitle: "\(unit.unit.profile), \(FixedPoint.format(budget, decimals: 0)) min")
            out += "<figure><img alt=\"\(HTMLReport.escaped(unit.unit.id))\" src=\"data:image/png;base64,\(Data(PNGEncoder.encode(image)).base64EncodedString())\">"
                + "<figcaption>\(HTMLReport.escaped(place(unit.unit))), \(HTMLReport.escaped(unit.unit.profile))</figcaption></figure>\n"
        }
        out += "</div>\n<footer>Walkshed \(HTMLReport.escaped(merged.batch.walkshedVersion)). Map data &copy; OpenStreetMap contributors, ODbL 1.0.</footer>\n</body>\n</html>\n"
        return out
    }
}

import Foundation
import Walkshed

/// The JSON documents of `walkshed serve`'s API. Grids travel as base64 little-endian
/// Float32 (NaN for NODATA) at the decimals their `.asc` files hold; a change grid is sent
/// only over the window of cells that changed.
public enum SessionDocuments {
    /// What the page loads once: the projection, the grid, the base map, per compared measure
    /// its baseline grid and the legends of its grid and of its change, and the baseline's
    /// share within the budget per measure over residents (with residents) and cells.
    public static func city(_ baseline: ScenarioBaseline, title: String) -> TextBuffer {
        let grid = baseline.grid, budget = baseline.options.budgetMinutes
        let projection = baseline.study.city.projection
        var out = TextBuffer(capacity: 1 << 20)
        out.append("{\"title\":\(JSONValue.quoted(title)),\"budget\":")
        out.append(budget, decimals: 3)
        out.append(",\"profile\":\(JSONValue.quoted(baseline.profile.name)),\"zone\":\(projection.zone),\"north\":\(projection.isNorth),\"grid\":")
        appendGeometry(grid, to: &out)
        out.append(",\"residents\":\(baseline.study.residents != nil),\"measures\":[")
        for (k, layer) in ScenarioBaseline.compared(baseline.analysis.result.layers).enumerated() {
            if k > 0 { out.append(",") }
            let written = MapGrid(writing: layer, grid: grid)
            let change = Measure.change(layer.measure).name
            out.append("{\"name\":\(JSONValue.quoted(layer.name)),\"change\":\(JSONValue.quoted(change)),\"legend\":")
            HTMLReport.appendLegend(MapStyle.legend(layer: layer.name, budgetMinutes: budget, values: written.values), to: &out)
            out.append(",\"change_legend\":")
            HTMLReport.appendLegend(MapStyle.legend(layer: change, budgetMinutes: budget, values: []), to: &out)
            out.append(",\"values\":\"")
            out.append(HTMLReport.base64(written.values))
            out.append("\"}")
        }
        out.append("],\"summary\":{")
        // The baseline's shares within the budget (mean categories for categories_within).
        let analysis = baseline.analysis.result
        let cells = ScenarioBaseline.compared(analysis.layers)
        var bases: [(String, [MeasureChange])] = [("cells", ScenarioComparison.compare(baseline: cells, scenario: cells, weights: nil, budgetMinutes: budget))]
        if let residents = baseline.study.residents {
            let points = ScenarioBaseline.compared(analysis.populationLayers)
            bases.insert(("residents", ScenarioComparison.compare(baseline: points, scenario: points, weights: residents.counts, budgetMinutes: budget)), at: 0)
        }
        out.append(bases.map { key, list in
            "\"\(key)\":[" + list.map { "{\"measure\":\(JSONValue.quoted($0.measure.name)),\"within\":\(FixedPoint.format($0.before, decimals: 6))}" }
                .joined(separator: ",") + "]"
        }.joined(separator: ","))
        out.append("},\"map\":")
        out.append(MapLayers.of(baseline.study.city).json().string)
        out.append("}")
        return out
    }

    /// The session now: its edits (as a scenario file holds them), whether undo and redo can
    /// act, per measure the changes over residents and cells, the edits' map layers, and
    /// each change grid over the window of cells that changed.
    public static func state(_ session: PlanningSession, version: Int) -> TextBuffer {
        let baseline = session.baseline
        var out = TextBuffer(capacity: 1 << 16)
        out.append("{\"version\":\(version),\"edits\":[")
        out.append(session.edits.map { ScenarioWriter.objects($0).joined(separator: ",") }.joined(separator: ","))
        out.append("],\"can_undo\":\(session.canUndo),\"can_redo\":\(session.canRedo),\"changes\":")
        guard let outcome = session.outcome else {
            out.append("null,\"residents\":null,\"cells\":null,\"grids\":[],\"recomputed_nodes\":0}")
            return out
        }
        out.append(MapLayers.changes(outcome.applied, from: baseline.study.city).json().string)
        for (key, list) in [("residents", outcome.residentChanges), ("cells", outcome.cellChanges)] {
            out.append(",\"\(key)\":")
            guard let list else { out.append("null"); continue }
            out.append("[")
            for (k, c) in list.enumerated() {
                if k > 0 { out.append(",") }
                out.append("{\"measure\":\(JSONValue.quoted(c.measure.name)),\"before\":")
                out.append(c.before, decimals: 6); out.append(",\"after\":")
                out.append(c.after, decimals: 6); out.append(",\"gaining\":")
                out.append(c.gaining, decimals: 2); out.append(",\"losing\":")
                out.append(c.losing, decimals: 2); out.append(",\"faster\":")
                out.append(c.faster, decimals: 2); out.append(",\"slower\":")
                out.append(c.slower, decimals: 2); out.append(",\"mean_change\":")
                out.append(c.meanChange, decimals: 4)
                out.append("}")
            }
            out.append("]")
        }
        out.append(",\"grids\":[")
        for (k, layer) in outcome.differenceLayers.enumerated() {
            if k > 0 { out.append(",") }
            // The window is found on the values as computed (a change that rounds to 0 only
            // widens it); only the cells inside it are rounded as the .asc file writes them.
            let window = changedWindow(layer.values, columns: baseline.grid.columns)
            out.append("{\"name\":\(JSONValue.quoted(layer.name)),\"window\":[\(window.column),\(window.row),\(window.columns),\(window.rows)],\"values\":\"")
            var part: [Float] = []
            part.reserveCapacity(window.columns * window.rows)
            for r in window.row..<(window.row + window.rows) {
                let start = r * baseline.grid.columns + window.column
                part += layer.values[start..<(start + window.columns)].map { v in
                    v.isNaN ? .nan : Float(FixedPoint.asWritten(Double(v), decimals: layer.decimals))
                }
            }
            out.append(HTMLReport.base64(part))
            out.append("\"}")
        }
        out.append("],\"recomputed_nodes\":\(outcome.recomputedNodes.reduce(0, +))}")
        return out
    }

    /// The smallest block of cells holding every cell whose change is neither 0 nor NaN
    /// (0 × 0 at the origin when none is).
    public static func changedWindow(_ values: [Float], columns: Int) -> (column: Int, row: Int, columns: Int, rows: Int) {
        var minC = Int.max, minR = Int.max, maxC = -1, maxR = -1
        for (i, v) in values.enumerated() where v != 0 && !v.isNaN {
            let r = i / columns, c = i % columns
            minC = min(minC, c); maxC = max(maxC, c); minR = min(minR, r); maxR = max(maxR, r)
        }
        guard maxC >= 0 else { return (0, 0, 0, 0) }
        return (minC, minR, maxC - minC + 1, maxR - minR + 1)
    }

    /// `{"error": message, "path": place}`: how the API answers a request it refuses.
    public static func error(_ message: String, path: String? = nil) -> String {
        "{\"error\":\(JSONValue.quoted(message))" + (path.map { ",\"path\":\(JSONValue.quoted($0))" } ?? "") + "}\n"
    }

    static func appendGeometry(_ grid: GridGeometry, to out: inout TextBuffer) {
        out.append("{\"xll\":"); out.append(FixedPoint.asWritten(grid.originX, decimals: 3), decimals: 3)
        out.append(",\"yll\":"); out.append(FixedPoint.asWritten(grid.originY, decimals: 3), decimals: 3)
        out.append(",\"cell\":"); out.append(grid.cellMetres, decimals: 3)
        out.append(",\"cols\":\(grid.columns),\"rows\":\(grid.rows)}")
    }
}

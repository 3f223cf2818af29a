import Foundation
import Walkshed

extension ReportContent {
    /// Reads an output folder of `walkshed analyze` (one profile, or one subfolder per
    /// profile) or of `walkshed scenario` (`scenarios.csv` and a subfolder per scenario).
    /// `indicators` is an `indicators.csv` of `walkshed indicators`; without it, one in the
    /// folder is used when there is one.
    /// - Throws: `InputFileError` or `CSVError` naming the folder or file that is missing or malformed.
    public static func load(folder: String, indicators: String? = nil) throws -> ReportContent {
        var content = try loadOutputs(folder: folder)
        let local = (folder as NSString).appendingPathComponent("indicators.csv")
        if content.kind != .indicators, let path = indicators ?? (FileManager.default.fileExists(atPath: local) ? local : nil) {
            content.standardIndicators = try indicatorTable(path)
        }
        return content
    }

    static func loadOutputs(folder: String) throws -> ReportContent {
        func path(_ parts: String...) -> String { parts.reduce(folder) { ($0 as NSString).appendingPathComponent($1) } }
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputFileError(path: folder, message: "no such folder")
        }
        let subfolders = ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted().filter {
            manager.fileExists(atPath: path($0, "summary.json"))
        }
        let baseMap = try MapLayers.file(in: folder).map(MapLayers.read)
        if manager.fileExists(atPath: path("scenarios.csv")) {
            let views = try subfolders.map { try scenarioView(folder: path($0)) }
            guard !views.isEmpty else { throw InputFileError(path: folder, message: "has scenarios.csv but no scenario subfolder with a summary.json") }
            let budget = try ScenarioSummaryDocument.read(path(subfolders[0], "summary.json")).budgetMinutes
            return scenarioContent(views, budget: budget, baseMap: baseMap)
        }
        let folders = manager.fileExists(atPath: path("summary.json")) ? [folder] : subfolders.map { path($0) }
        if folders.isEmpty, let content = try suggestionContent(folder: folder, baseMap: baseMap) ?? indicatorContent(folder: folder, baseMap: baseMap) {
            return content
        }
        guard !folders.isEmpty else {
            throw InputFileError(path: folder, message: "is not an output folder of walkshed analyze, scenario, suggest or indicators "
                                 + "(no summary.json, scenarios.csv, suggested_*.csv or indicators.csv)")
        }
        return analysis(try folders.map { try analysisView(folder: $0) }, baseMap: baseMap)
    }

    /// The report of one or more profiles' analyses held in memory, as `load` would make it
    /// from the folder they are written to: each profile's summary, layers and residents (the
    /// `population.csv` text when there is one), the map layers, and `indicators.csv` when the
    /// folder has one.
    public static func analysis(_ profiles: [(summary: AnalysisSummary, populationCSV: TextBuffer?)], map: MapLayers,
                                folder: String) throws -> ReportContent {
        let views = try profiles.map { profile in
            let result = profile.summary.result
            let population = try profile.populationCSV.map { try PopulationCSVReader.read(bytes: $0.bytes, name: "population.csv") }
            return analysisView(document: try profile.summary.document(version: WalkshedVersion.current).asWritten(),
                                grids: result.layers.map { MapGrid(writing: $0, grid: result.grid) }, population: population)
        }
        var content = analysis(views, baseMap: map.asWritten())
        let local = (folder as NSString).appendingPathComponent("indicators.csv")
        if FileManager.default.fileExists(atPath: local) { content.standardIndicators = try indicatorTable(local) }
        return content
    }

    static func analysis(_ views: [(View, input: String, budget: Double)], baseMap: MapLayers?) -> ReportContent {
        ReportContent(kind: .analysis, title: views.last?.input ?? "", budgetMinutes: views.last?.budget ?? 15, views: views.map(\.0),
                      baseMap: baseMap, standardIndicators: nil)
    }

    /// `indicators.csv` (`id,profile,value,unit,title,definition`) as a printed table.
    static func indicatorTable(_ path: String) throws -> Table {
        var reader = try CSVRecordReader(path: path)
        defer { reader.close() }
        guard let header = try reader.next(), Array(header.fields.prefix(6)) == ["id", "profile", "value", "unit", "title", "definition"] else {
            throw CSVError(path: path, line: 1, message: "not an indicators.csv of walkshed indicators (header id,profile,value,unit,title,definition)")
        }
        var rows: [[String]] = []
        while let (fields, line) = try reader.next() {
            guard fields.count >= 6 else { throw CSVError(path: path, line: line, message: "expected 6 fields, found \(fields.count)") }
            let value = Double(fields[2])
            let printed = value.map { fields[3] == "share" ? FixedPoint.format($0 * 100, decimals: 1) + " %" : FixedPoint.format($0, decimals: 2) + " " + fields[3] } ?? "–"
            rows.append([fields[4], fields[1], printed, fields[5]])
        }
        return Table(columns: ["indicator", "profile", "value", "definition"], rows: rows)
    }

    static func analysisView(folder: String) throws -> (View, input: String, budget: Double) {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let document = try AnalysisSummaryDocument.read(path("summary.json"))
        let population = FileManager.default.fileExists(atPath: path("population.csv")) ? try PopulationCSVReader.read(path("population.csv")) : nil
        let grids = try document.measures.compactMap { m in
            try [".tif", ".asc"].lazy.map { path(m.name + $0) }.first(where: FileManager.default.fileExists).map(MapGrid.read)
        }
        return analysisView(document: document, grids: grids, population: population)
    }

    /// One profile's view from its summary, its grids (those written) and its residents with
    /// their values (population.csv as written), whether read from a folder or held in memory.
    static func analysisView(document: AnalysisSummaryDocument, grids maps: [MapGrid], population: PopulationTable?)
        -> (View, input: String, budget: Double) {
        let options = document.options, budget = options.budgetMinutes
        let grids = maps.map { entry($0, budgetMinutes: budget, population: population) }
        let residentMeasures = document.population?.measures ?? []
        var columns = ["measure", "destinations", "median min (cells)", "cells within \(MapStyle.number(budget)) min"]
        if !residentMeasures.isEmpty { columns += ["residents within", "median min (residents)", "p90 min (residents)"] }
        let rows: [[String]] = document.measures.map { m in
            // The destination count belongs to the minutes of a kind only.
            var count = "–"
            if case .minutes(let kind) = Measure(fileName: m.name), let d = document.destinations[kind.name] { count = "\(d.count)" }
            var row = [m.name, count, printed(m.median), percent(m.shareMeetingBudget)]
            if let r = residentMeasures.first(where: { $0.name == m.name }) {
                row += [percent(r.shareMeetingBudget), printed(r.median), printed(r.p90)]
            } else if !residentMeasures.isEmpty { row += ["–", "–", "–"] }
            return row
        }
        let network = document.network
        var caption = "\(options.profile) at \(MapStyle.number((options.speedKmh * 10).rounded() / 10)) km/h, \(MapStyle.number(budget))-minute budget, "
            + "\(MapStyle.number(options.cellMetres)) m cells; network "
            + "\(network.nodes) nodes, \(printed(network.walkableKm)) km walkable, \(printed(network.greenwayKm)) km greenway"
        if let residents = document.population?.residents { caption += "; \(Int(residents.rounded())) residents" }
        let view = View(id: options.profile, caption: caption, grids: grids, table: Table(columns: columns, rows: rows), changes: nil)
        return (view, (document.input.file as NSString).lastPathComponent, budget)
    }

    static func scenarioView(folder: String) throws -> View {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let document = try ScenarioSummaryDocument.read(path("summary.json"))
        let grids = try document.cells.compactMap { c in
            FileManager.default.fileExists(atPath: path("\(c.measure)_change.asc")) ? try MapGrid.read(path("\(c.measure)_change.asc")) : nil
        }
        let changes = try MapLayers.file(in: folder).map(MapLayers.read)
        return scenarioView(document: document, grids: grids, changes: changes)
    }

    /// One scenario's view from its summary, its change grids and what it changed on the map,
    /// whether read from a folder or held in memory.
    static func scenarioView(document: ScenarioSummaryDocument, grids maps: [MapGrid], changes: MapLayers?) -> View {
        let budget = document.budgetMinutes
        let grids = maps.map { entry($0, budgetMinutes: budget, population: nil) }
        var columns = ["measure", "cells before", "cells after", "cells gaining", "cells losing", "cells slower", "mean change"]
        if document.residents != nil { columns += ["residents before", "residents after", "residents gaining", "residents losing", "residents slower"] }
        let rows: [[String]] = document.cells.map { c in
            func value(_ v: Double, _ share: Bool) -> String { share ? percent(v) : printed(v) }
            var row = [c.measure, value(c.before, c.isShare), value(c.after, c.isShare), printed(c.gaining), printed(c.losing), printed(c.slower),
                       printed(c.meanChange)]
            if let r = document.residents?.first(where: { $0.measure == c.measure }) {
                row += [value(r.before, c.isShare), value(r.after, c.isShare), printed(r.gaining), printed(r.losing), printed(r.slower)]
            }
            return row
        }
        let edits = document.edits
        let caption = "scenario \(document.scenario) (\((document.file as NSString).lastPathComponent)): "
            + "\(edits.parksAdded) parks added, \(printed(edits.pathMetresAdded)) m of path added, "
            + "\(edits.edgesClosed) edges closed; \(document.profile), \(MapStyle.number(budget))-minute budget"
        return View(id: document.scenario, caption: caption, grids: grids, table: Table(columns: columns, rows: rows), changes: changes)
    }

    /// The report of scenarios held in memory, as `load` would make it from the folder they are
    /// written to: each scenario's report and difference grids, the scenario's and the
    /// baseline's map layers.
    public static func scenarios(_ scenarios: [(report: ScenarioReport, differences: [CoverageLayer], changes: MapLayers)], grid: GridGeometry,
                                 baseMap: MapLayers) throws -> ReportContent {
        let views = try scenarios.sorted { $0.report.scenario.name < $1.report.scenario.name }.map { s in
            scenarioView(document: try ScenarioSummaryDocument(s.report, version: WalkshedVersion.current).asWritten(),
                         grids: s.differences.map { MapGrid(writing: $0, grid: grid) }, changes: s.changes.asWritten())
        }
        return scenarioContent(views, budget: scenarios.map(\.report).min { $0.scenario.name < $1.scenario.name }?.budgetMinutes ?? 15,
                               baseMap: baseMap.asWritten())
    }

    static func scenarioContent(_ views: [View], budget: Double, baseMap: MapLayers?) -> ReportContent {
        ReportContent(kind: .scenario, title: "Scenarios: " + views.map(\.id).joined(separator: ", "), budgetMinutes: budget, views: views,
                      baseMap: baseMap, standardIndicators: nil)
    }

    /// A grid with the legend its measure takes and its histogram.
    static func entry(_ grid: MapGrid, budgetMinutes: Double, population: PopulationTable?) -> GridEntry {
        let legend = MapStyle.legend(layer: grid.name, budgetMinutes: budgetMinutes, values: grid.values)
        return GridEntry(grid: grid, legend: legend, histogram: histogram(grid: grid, legend: legend, population: population))
    }

    /// Weights per legend class: residents from `population` when it has the grid's column,
    /// else one per cell.
    static func histogram(grid: MapGrid, legend: MapLegend, population: PopulationTable?) -> Histogram {
        var weights = [Double](repeating: 0, count: legend.classes.count)
        var missing = 0.0
        func add(_ value: Double, _ weight: Double) {
            guard !value.isNaN, let k = legend.classes.firstIndex(where: { value < $0.upper }) ?? (legend.classes.isEmpty ? nil : legend.classes.count - 1) else {
                missing += weight; return
            }
            weights[k] += weight
        }
        if let population, let column = population.header.firstIndex(of: grid.name) {
            for (row, residents) in zip(population.rows, population.residents) {
                add(column < row.count ? Double(row[column]) ?? .nan : .nan, residents)
            }
            return Histogram(basis: "residents", weights: weights, missing: missing)
        }
        for v in grid.values { add(Double(v), 1) }
        return Histogram(basis: "cells", weights: weights, missing: missing)
    }

    /// A number as the tables print it: whole numbers bare, others with 2 decimals; "–" for none.
    static func printed(_ value: Double?) -> String {
        guard let v = value else { return "–" }
        return v == v.rounded() && abs(v) < 1e12 ? String(Int(v)) : FixedPoint.format(v, decimals: 2)
    }

    static func percent(_ share: Double) -> String { FixedPoint.format(share * 100, decimals: 1) + " %" }
}

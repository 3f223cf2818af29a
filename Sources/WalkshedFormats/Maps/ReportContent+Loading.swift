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
        if let path = indicators ?? (FileManager.default.fileExists(atPath: local) ? local : nil) {
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
        let baseMap = manager.fileExists(atPath: path("map.json")) ? try MapLayers.read(path("map.json")) : nil
        if manager.fileExists(atPath: path("scenarios.csv")) {
            let views = try subfolders.map { try scenarioView(folder: path($0)) }
            guard !views.isEmpty else { throw InputFileError(path: folder, message: "has scenarios.csv but no scenario subfolder with a summary.json") }
            let budget = try summary(path(subfolders[0], "summary.json"))["budget_minutes"] as? NSNumber
            return ReportContent(kind: .scenario, title: "Scenarios: " + views.map(\.id).joined(separator: ", "),
                                 budgetMinutes: budget?.doubleValue ?? 15, views: views, baseMap: baseMap, standardIndicators: nil)
        }
        let folders = manager.fileExists(atPath: path("summary.json")) ? [folder] : subfolders.map { path($0) }
        guard !folders.isEmpty else {
            throw InputFileError(path: folder, message: "is not an output folder of walkshed analyze or scenario (no summary.json, no scenarios.csv)")
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

    static func summary(_ path: String) throws -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputFileError(path: path, message: "no such file") }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw InputFileError(path: path, message: "not a JSON object")
        }
        return root
    }

    static func analysisView(folder: String) throws -> (View, input: String, budget: Double) {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let document = try AnalysisSummaryDocument.read(path("summary.json"))
        let population = FileManager.default.fileExists(atPath: path("population.csv")) ? try PopulationCSVReader.read(path("population.csv")) : nil
        let grids = try document.measures.compactMap { m in
            FileManager.default.fileExists(atPath: path("\(m.name).asc")) ? try MapGrid.read(path("\(m.name).asc")) : nil
        }
        return analysisView(document: document, grids: grids, population: population)
    }

    /// One profile's view from its summary, its grids (those written) and its residents with
    /// their values (population.csv as written), whether read from a folder or held in memory.
    static func analysisView(document: AnalysisSummaryDocument, grids maps: [MapGrid], population: PopulationTable?)
        -> (View, input: String, budget: Double) {
        let options = document.options, budget = options.budgetMinutes
        let grids = maps.map { grid in
            let legend = MapStyle.legend(layer: grid.name, budgetMinutes: budget, values: grid.values)
            return GridEntry(grid: grid, legend: legend, histogram: histogram(grid: grid, legend: legend, population: population))
        }
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
        let summaryPath = (folder as NSString).appendingPathComponent("summary.json")
        let root = try summary(summaryPath)
        guard let name = root["scenario"] as? String, let budget = (root["budget_minutes"] as? NSNumber)?.doubleValue,
              let cells = root["cells"] as? [[String: Any]] else {
            throw InputFileError(path: summaryPath, message: "not a summary.json written by walkshed scenario (needs scenario, budget_minutes and cells)")
        }
        var grids: [GridEntry] = []
        for measure in cells.compactMap({ $0["measure"] as? String }) {
            let gridPath = (folder as NSString).appendingPathComponent("\(measure)_change.asc")
            guard FileManager.default.fileExists(atPath: gridPath) else { continue }
            let grid = try MapGrid.read(gridPath)
            let legend = MapStyle.legend(layer: grid.name, budgetMinutes: budget, values: grid.values)
            grids.append(GridEntry(grid: grid, legend: legend, histogram: histogram(grid: grid, legend: legend, population: nil)))
        }
        let residents = root["residents"] as? [[String: Any]]
        var columns = ["measure", "cells before", "cells after", "cells gaining", "cells losing", "mean change"]
        if residents != nil { columns += ["residents before", "residents after", "residents gaining", "residents losing"] }
        let rows: [[String]] = cells.map { c in
            let measure = c["measure"] as? String ?? ""
            let share = measure != "categories_within"
            func value(_ d: [String: Any], _ key: String) -> String { share ? percent(d["share_\(key)"]) : printed(d["mean_\(key)"]) }
            var row = [measure, value(c, "before"), value(c, "after"), printed(c["cells_gaining"]), printed(c["cells_losing"]), printed(c["mean_change"])]
            if let r = residents?.first(where: { $0["measure"] as? String == measure }) {
                row += [value(r, "before"), value(r, "after"), printed(r["residents_gaining"]), printed(r["residents_losing"])]
            }
            return row
        }
        let edits = root["edits"] as? [String: Any] ?? [:]
        let caption = "scenario \(name) (\((root["file"] as? String).map { ($0 as NSString).lastPathComponent } ?? "")): "
            + "\(printed(edits["parks_added"])) parks added, \(printed(edits["path_metres_added"])) m of path added, "
            + "\(printed(edits["edges_closed"])) edges closed; \(root["profile"] as? String ?? "walk"), \(MapStyle.number(budget))-minute budget"
        let mapPath = (folder as NSString).appendingPathComponent("map.json")
        let changes = FileManager.default.fileExists(atPath: mapPath) ? try MapLayers.read(mapPath) : nil
        return View(id: name, caption: caption, grids: grids, table: Table(columns: columns, rows: rows), changes: changes)
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

    static func printed(_ value: Double?) -> String {
        guard let v = value else { return "–" }
        return v == v.rounded() && abs(v) < 1e12 ? String(Int(v)) : FixedPoint.format(v, decimals: 2)
    }

    static func percent(_ share: Double) -> String { FixedPoint.format(share * 100, decimals: 1) + " %" }

    static func printed(_ any: Any?) -> String {
        guard let n = any as? NSNumber else { return "–" }
        let v = n.doubleValue
        return v == v.rounded() && abs(v) < 1e12 ? String(Int(v)) : FixedPoint.format(v, decimals: 2)
    }

    static func percent(_ any: Any?) -> String {
        guard let n = any as? NSNumber else { return "–" }
        return FixedPoint.format(n.doubleValue * 100, decimals: 1) + " %"
    }
}

import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed analyze`: extract → graph → searches → grids, CSV, GeoJSON and summary.json.
struct AnalyzeCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "analyze",
        abstract: "Coverage grids and a summary for an OSM extract.",
        usage: "walkshed analyze <extract> --out <dir> [--cell <metres>] [--minutes <n>] [--speed-kmh <v>] [--threads <n>]",
        discussion: """
        Writes to <dir>, for each measure (park_minutes, food_minutes, healthcare_minutes,
        education_minutes, transit_minutes, civic_minutes, culture_minutes, categories_within):
        an ESRI ASCII grid <measure>.asc with its <measure>.prj (UTM zone of the data's centre);
        plus cells.csv, cells.geojson (RFC 7946) and summary.json. Files are written to temporary
        names and renamed, so a failed run leaves no half-written file.
        """,
        arguments: [("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML).")],
        options: [
            OptionSpec(name: "--out", valueName: "<dir>", help: "Output folder (created if missing)."),
            OptionSpec(name: "--cell", valueName: "<metres>", help: "Grid cell side in metres. (default: 100)"),
            OptionSpec(name: "--minutes", valueName: "<n>", help: "Time budget in minutes. (default: 15)"),
            OptionSpec(name: "--speed-kmh", valueName: "<v>", help: "Walking speed in km/h. (default: 4.8)"),
            OptionSpec(name: "--snap-limit", valueName: "<metres>", help: "Cells farther than this from the network are NODATA. (default: 300)"),
            OptionSpec(name: "--max-minutes", valueName: "<n>", help: "Stop searches here; farther is NODATA. (default: no limit)"),
            OptionSpec(name: "--threads", valueName: "<n>", help: "Worker threads; results are identical for any value. (default: all cores)"),
            OptionSpec(name: "--all-components", valueName: nil, help: "Keep every connected component, not just the largest."),
            OptionSpec(name: "--quiet", valueName: nil, help: "No progress on stderr."),
        ])

    let extract: String
    let outputFolder: String
    let options: CoverageOptions
    let speedKmh: Double
    let allComponents: Bool
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        extract = try arguments.singleExtract()
        guard let out = arguments.values["--out"] else { throw UsageError("missing --out <dir>") }
        outputFolder = out
        var options = CoverageOptions()
        options.cellMetres = try arguments.positiveDouble("--cell", default: 100)
        options.budgetMinutes = try arguments.positiveDouble("--minutes", default: 15)
        options.snapLimitMetres = try arguments.positiveDouble("--snap-limit", default: 300)
        if arguments.values["--max-minutes"] != nil {
            options.searchLimitSeconds = Float(try arguments.positiveDouble("--max-minutes", default: 0) * 60)
        }
        options.threads = try arguments.positiveInt("--threads", default: ProcessInfo.processInfo.activeProcessorCount)
        self.options = options
        speedKmh = try arguments.positiveDouble("--speed-kmh", default: 4.8)
        allComponents = arguments.flags.contains("--all-components")
        quiet = arguments.flags.contains("--quiet")
    }

    func run() throws -> Int32 {
        try OutputFolder.check(outputFolder)
        let clock = StageClock(quiet: quiet)
        var loadOptions = OSMLoadOptions()
        loadOptions.largestComponentOnly = !allComponents
        let (city, report) = try OSMCityLoader.load(extract, options: loadOptions, stage: clock.begin)
        var diagnostics = report.diagnostics
        let profile = TravelProfile.walk(kilometresPerHour: speedKmh)
        clock.begin("finding park access points and snapping services")
        let sets = DestinationSets.make(city: city, snapLimitMetres: options.snapLimitMetres, diagnostics: &diagnostics)
        let costs = ProfileCosts(graph: city.graph, profile: profile)
        var options = self.options
        options.area = city.extent
        let result = CoverageAnalysis.run(graph: city.graph, costs: costs, destinations: sets,
                                          parkPolygons: city.parks.map(\.polygon), options: options, stage: clock.begin)
        clock.begin("writing outputs")
        var fullReport = report
        fullReport.diagnostics = diagnostics
        let files = OutputFiles.make(result: result, projection: city.projection)
        try OutputFolder.create(outputFolder)
        for (name, text) in files { try AtomicFile.write(text, to: path(name)) }
        clock.finish()
        let summary = AnalysisSummary(input: fullReport, city: city, profile: profile, destinations: sets, result: result,
                                      stageSeconds: clock.durations, threads: options.threads)
        try AtomicFile.write(summary.json(version: WalkshedCLI.version).text(), to: path("summary.json"))
        print(AnalysisTable.text(summary), terminator: "")
        print("Wrote \(files.count + 1) files to \(outputFolder)/ in \(FixedPoint.format(clock.totalSeconds, decimals: 2)) s.")
        return 0
    }

    private func path(_ name: String) -> String { (outputFolder as NSString).appendingPathComponent(name) }
}

/// The destination sets of an analysis, park first, then each service category.
enum DestinationSets {
    static func make(city: City, snapLimitMetres: Double, diagnostics: inout Diagnostics) -> [DestinationSet] {
        let snapper = Snapper(graph: city.graph)
        var sets = [DestinationSet.parks(city.parks, finder: ParkAccessFinder(snapper: snapper),
                                         snapLimitMetres: snapLimitMetres, diagnostics: &diagnostics)]
        for category in ServiceCategory.allCases {
            sets.append(.services(city.services, category: category, snapper: snapper,
                                  snapLimitMetres: snapLimitMetres, diagnostics: &diagnostics))
            if sets.last!.destinationCount == 0 {
                diagnostics.warn("no destinations of a category", "no \(category.rawValue) services in the extract; \(category.rawValue)_minutes is NODATA everywhere")
            }
        }
        return sets
    }
}

/// The files of an analysis, by name, in write order.
enum OutputFiles {
    static func make(result: CoverageResult, projection: UTMProjection) -> [(String, TextBuffer)] {
        var files: [(String, TextBuffer)] = []
        var prjText = TextBuffer()
        prjText.append(AsciiGridWriter.projectionText(projection))
        for layer in result.layers {
            files.append(("\(layer.name).asc", AsciiGridWriter.text(layer, grid: result.grid)))
            files.append(("\(layer.name).prj", prjText))
        }
        files.append(("cells.csv", CellTableWriter.csv(result, projection: projection)))
        files.append(("cells.geojson", CellTableWriter.geoJSON(result, projection: projection)))
        return files
    }
}

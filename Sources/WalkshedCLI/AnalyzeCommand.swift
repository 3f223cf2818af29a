import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed analyze`: extract → graph → searches → grids, CSV, GeoJSON and summary.json.
struct AnalyzeCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "analyze",
        abstract: "Coverage grids and a summary for an OSM extract.",
        usage: "walkshed analyze <extract> --out <dir> [--cell-m <metres>] [--minutes <n>] [--speed-kmh <km/h>] [--threads <n>]",
        discussion: """
        Writes to <dir>, for each measure (park_minutes, one <category>_minutes per service
        category, categories_within): a Cloud-Optimized GeoTIFF <measure>.tif (float32, NODATA
        -9999, deflate, tiled, overviews; EPSG code of the UTM zone of the data's centre); with
        --format also ESRI ASCII grids <measure>.asc + .prj, cells.csv and cells.geojson (RFC
        7946); plus summary.json and (format map, on by default) map.json.gz (network, parks
        and services for walkshed report); with --population, also
        population.csv (each point's minutes) and population-weighted shares. With several
        profiles (--profile walk,wheelchair) each gets these files in <dir>/<profile>/, from one
        reading of the extract. Files are written to temporary names and renamed, so a failed run
        leaves no half-written file.
        """,
        arguments: [("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML).")],
        options: [
            CommonOptions.out, CommonOptions.cell, CommonOptions.minutes, CommonOptions.profiles,
            OptionSpec(name: "--speed-kmh", valueName: "<km/h>", help: "Speed in km/h of a single profile. (default: the profile's: walk 4.8, senior 3.6, wheelchair 3.6, bike 15)"),
            CommonOptions.snapLimit,
            OptionSpec(name: "--max-minutes", valueName: "<n>", help: "Stop searches here; farther is NODATA. (default: no limit)"),
            CommonOptions.threads, CommonOptions.format,
            OptionSpec(name: "--park-min-ha", valueName: "<ha>", help: "Count only parks of at least this many hectares (WHO: 0.5 or 1). (default: any)"),
            OptionSpec(name: "--park-kinds", valueName: "<list>", help: "Count only these park kinds, comma-separated (park, garden, playground, nature_reserve, common, recreation_ground, dog_park, village_green)."),
            OptionSpec(name: "--nearest", valueName: "<k>", help: "Also, per category, mean minutes to the k nearest and minutes to the k-th nearest, and the mean over categories (proximity time); 1...32."),
            OptionSpec(name: "--count-within", valueName: "<list>", help: "Also count each category's destinations within these minutes, comma-separated (5,10,15: <kind>_count_5min, …; one cutoff: <kind>_count)."),
            OptionSpec(name: "--decay", valueName: "<kind>", help: "Also their decay-weighted sum: step, linear, exponential[:half-life], gaussian[:sigma], logistic[:midpoint[:steepness]] (minutes)."),
            OptionSpec(name: "--greenway", valueName: nil, help: "Also minutes to the nearest greenway and metres of greenway within the time budget."),
        ] + CityInputOptions.specs + [
            CityInputOptions.allComponents,
            OptionSpec(name: "--report", valueName: nil, help: "Also write <dir>/report.html (see walkshed report)."),
            CommonOptions.force, CommonOptions.quiet,
        ])

    let inputs: CityInputOptions
    let outputFolder: String
    let options: CoverageOptions
    let profiles: [TravelProfile]
    let quiet: Bool
    let force: Bool
    let writeReport: Bool
    let formats: OutputFormats
    /// Memory budget in bytes.
    let maxMemoryBytes: Double

    init(_ arguments: CommandArguments) throws {
        var inputs = try CityInputOptions(extract: try arguments.singleExtract(), arguments)
        outputFolder = try CommonOptions.output(arguments)
        options = try CoverageOptionsParser.parse(arguments)
        profiles = try CommonOptions.profiles(arguments)
        inputs.request.parkMinimumHectares = arguments.values["--park-min-ha"] == nil ? 0 : try arguments.positiveDouble("--park-min-ha", default: 0, in: 0...100_000)
        inputs.request.parkKinds = try arguments.values["--park-kinds"].map { list in
            let kinds = Set(list.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
            if let unknown = kinds.subtracting(OSMTagRules.parkKinds).sorted().first {
                throw UsageError("unknown park kind '\(unknown)'; known kinds: \(OSMTagRules.parkKinds.sorted().joined(separator: ", "))")
            }
            return kinds
        }
        self.inputs = inputs
        writeReport = arguments.flags.contains("--report")
        formats = try CommonOptions.formats(arguments)
        quiet = arguments.flags.contains(CommonOptions.quiet.name)
        force = arguments.flags.contains(CommonOptions.force.name)
        maxMemoryBytes = inputs.request.maxMemoryBytes
    }

    func run() throws -> Int32 {
        // One profile writes into --out itself, several a subfolder each.
        let subfolders: [String?] = profiles.count == 1 ? [nil] : profiles.map(\.name)
        let output = try OutputRun(folder: outputFolder, force: force,
                                   guarded: profiles.count == 1 ? nil : subfolders.map { (outputFolder as NSString).appendingPathComponent($0!) })
        let clock = StageClock(quiet: quiet)
        let loaded = try StudyLoader.load(inputs.request, progress: clock)
        try MemoryBudget.check(loaded.study, options: options, maxBytes: maxMemoryBytes, source: inputs.request.memoryLimitSource,
                               extract: inputs.request.extract)
        if !force { try MemoryBudget.checkOutputSize(loaded.study, options: options, formats: formats, profiles: profiles.count,
                                                                   extract: inputs.request.extract) }
        let population = loaded.population.map { (path: loaded.study.residents!.source, table: $0) }
        var summaries: [(summary: AnalysisSummary, folder: String, populationCSV: TextBuffer?)] = []
        // The map depends on the network only: made while the first grids are written, so
        // the cores that one job leaves idle (a file being staged, a last layer) serve the other.
        var mapMembers: BackgroundJob<[[UInt8]]>?
        try output.write { output in
            for (profile, subfolder) in zip(profiles, subfolders) {
                let label = profiles.count == 1 ? "" : "\(profile.name): "
                let analysis = try loaded.study.analyze(profile: profile, options: options, progress: clock, stagePrefix: label)
                if formats.contains(.map) && mapMembers == nil {
                    let city = loaded.study.city, threads = options.threads
                    mapMembers = BackgroundJob { MapLayers.of(city, threads: threads).compressedMembers(threads: threads) }
                }
                clock.begin("\(label)writing outputs")
                let path = subfolder.map { output.path($0) } ?? outputFolder
                try output.create(subfolder)
                output.count(try AnalysisFiles.stage(analysis.result, projection: loaded.study.city.projection, in: path,
                                                     transaction: output.transaction, formats: formats, threads: options.threads))
                let snap = CoverageLayer(.perResident("snap_metres", .metres), values: analysis.result.populationSnapMetres)
                let populationCSV = population.map { PopulationTableWriter.csv($0.table, layers: [snap] + analysis.result.populationLayers) }
                if let populationCSV { try output.stage(populationCSV, at: (path as NSString).appendingPathComponent("population.csv")) }
                var input = loaded.report
                input.diagnostics = analysis.diagnostics
                var summary = AnalysisSummary(input: input, city: loaded.study.city, profile: profile, destinations: analysis.destinations,
                                              result: analysis.result, stageSeconds: [], threads: options.threads, population: population)
                summary.elevationModel = inputs.request.elevation
                summaries.append((summary, path, writeReport ? populationCSV : nil))
            }
            if let mapMembers {
                clock.begin("writing map layers")
                try output.stageStreaming(at: output.path(MapLayers.fileName)) { try MapLayers.write(mapMembers.value, write: $0) }
            }
            clock.finish()
            for (summary, folder, _) in summaries {
                var timed = summary
                timed.stageSeconds = clock.durations
                try output.stage(timed.json(version: WalkshedVersion.current).text(), at: (folder as NSString).appendingPathComponent("summary.json"))
            }
        }
        print(summaries.map { AnalysisTable.text($0.summary) }.joined(separator: "\n"), terminator: "")
        print("Wrote \(output.fileCount) files to \(outputFolder)/ in \(FixedPoint.format(clock.totalSeconds, decimals: 2)) s.")
        if writeReport {
            let reportClock = StageClock(quiet: quiet)
            let content = try ReportContent.analysis(summaries.map { ($0.summary, $0.populationCSV) }, map: MapLayers.of(loaded.study.city, threads: options.threads),
                                                     folder: outputFolder)
            let written = try ReportWriter.write(content, html: output.path("report.html"), pngFolder: nil, clock: reportClock)
            reportClock.finish()
            print(written.map { "Wrote \($0)" }.joined(separator: "\n"))
        }
        return 0
    }
}

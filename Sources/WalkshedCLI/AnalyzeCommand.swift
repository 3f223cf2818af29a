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
        plus cells.csv, cells.geojson (RFC 7946), summary.json and map.json (network, parks and
        services for walkshed report); with --population, also
        population.csv (each point's minutes) and population-weighted shares. With several
        profiles (--profile walk,wheelchair) each gets these files in <dir>/<profile>/, from one
        reading of the extract. Files are written to temporary names and renamed, so a failed run
        leaves no half-written file.
        """,
        arguments: [("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML).")],
        options: [
            OptionSpec(name: "--out", valueName: "<dir>", help: "Output folder (created if missing)."),
            OptionSpec(name: "--cell", valueName: "<metres>", help: "Grid cell side in metres. (default: 100)"),
            OptionSpec(name: "--minutes", valueName: "<n>", help: "Time budget in minutes. (default: 15)"),
            OptionSpec(name: "--profile", valueName: "<list>", help: "walk, senior, wheelchair or bike (see README); several, comma-separated, write one subfolder each. (default: walk)"),
            OptionSpec(name: "--speed-kmh", valueName: "<v>", help: "Speed in km/h of a single profile. (default: the profile's: walk 4.8, senior 3.6, wheelchair 3.6, bike 15)"),
            OptionSpec(name: "--snap-limit", valueName: "<metres>", help: "Cells farther than this from the network are NODATA. (default: 300)"),
            OptionSpec(name: "--max-minutes", valueName: "<n>", help: "Stop searches here; farther is NODATA. (default: no limit)"),
            OptionSpec(name: "--threads", valueName: "<n>", help: "Worker threads; results are identical for any value. (default: all cores)"),
            OptionSpec(name: "--park-min-ha", valueName: "<ha>", help: "Count only parks of at least this many hectares (WHO: 0.5 or 1). (default: any)"),
            OptionSpec(name: "--park-kinds", valueName: "<list>", help: "Count only these park kinds, comma-separated (park, garden, playground, nature_reserve, common, recreation_ground, dog_park, village_green)."),
            OptionSpec(name: "--nearest", valueName: "<k>", help: "Also, per category, mean minutes to the k nearest and minutes to the k-th nearest, and the mean over categories (proximity time); 1...32."),
            OptionSpec(name: "--count-within", valueName: "<minutes>", help: "Also count each category's destinations within this many minutes."),
            OptionSpec(name: "--decay", valueName: "<kind>", help: "Also their decay-weighted sum: step, linear, exponential[:half-life], gaussian[:sigma], logistic[:midpoint[:steepness]] (minutes)."),
            OptionSpec(name: "--dem", valueName: "<asc>", help: "Elevation model (ESRI ASCII grid, metres; degrees or a UTM zone in its .prj): speeds follow Tobler's hiking function, uphill slower than down."),
            OptionSpec(name: "--greenway", valueName: nil, help: "Also minutes to the nearest greenway and metres of greenway within the time budget."),
            OptionSpec(name: "--population", valueName: "<file>", help: "Residents: CSV points (lon,lat,population), an ESRI ASCII grid (.asc) of counts, or 'buildings' to estimate them from residential buildings; shares become shares of residents."),
            OptionSpec(name: "--floor-area", valueName: "<m2>", help: "Floor area per resident for --population buildings. (default: 35)"),
            OptionSpec(name: "--gtfs", valueName: "<zip,...>", help: "GTFS feeds, comma-separated; their served stops replace OSM transit."),
            OptionSpec(name: "--all-components", valueName: nil, help: "Keep every connected component, not just the largest."),
            OptionSpec(name: "--max-memory", valueName: "<MiB>", help: "Refuse, before it starts, an analysis estimated to need more. (default: 80% of RAM)"),
            OptionSpec(name: "--report", valueName: nil, help: "Also write <dir>/report.html (see walkshed report)."),
            OptionSpec(name: "--force", valueName: nil, help: "Overwrite earlier results in <dir>."),
            OptionSpec(name: "--quiet", valueName: nil, help: "No progress on stderr."),
        ])

    let extract: String
    let outputFolder: String
    let options: CoverageOptions
    let profiles: [TravelProfile]
    let allComponents: Bool
    let quiet: Bool
    let force: Bool
    let writeReport: Bool
    let populationPath: String?
    let demPath: String?
    let gtfsPaths: [String]
    let floorArea: Double
    let parkMinimumHectares: Double
    let parkKinds: Set<String>?
    /// Memory budget in bytes.
    let maxMemoryBytes: Double

    init(_ arguments: CommandArguments) throws {
        extract = try arguments.singleExtract()
        guard let out = arguments.values["--out"] else { throw UsageError("missing --out <dir>") }
        outputFolder = out
        writeReport = arguments.flags.contains("--report")
        var options = CoverageOptions()
        options.cellMetres = try arguments.positiveDouble("--cell", default: 100)
        options.budgetMinutes = try arguments.positiveDouble("--minutes", default: 15)
        options.snapLimitMetres = try arguments.positiveDouble("--snap-limit", default: 300)
        if arguments.values["--max-minutes"] != nil {
            options.searchLimitSeconds = Float(try arguments.positiveDouble("--max-minutes", default: 0) * 60)
        }
        options.threads = try arguments.positiveInt("--threads", default: ProcessInfo.processInfo.activeProcessorCount)
        if arguments.values["--count-within"] != nil || arguments.values["--decay"] != nil {
            let threshold = try arguments.positiveDouble("--count-within", default: options.budgetMinutes)
            options.countWithinMinutes = threshold
            if let text = arguments.values["--decay"] {
                guard let decay = DecayFunction.parse(text, thresholdMinutes: threshold) else {
                    throw UsageError("option '--decay' takes step, linear, exponential[:h], gaussian[:sigma] or logistic[:m[:s]] with positive minutes, got '\(text)'")
                }
                options.decay = decay
            }
        }
        if arguments.values["--nearest"] != nil {
            let k = try arguments.positiveInt("--nearest", default: 1)
            guard k <= 32 else { throw UsageError("option '--nearest' takes 1...32, got \(k)") }
            options.nearestK = k
        }
        options.greenway = arguments.flags.contains("--greenway")
        self.options = options
        let profileNames = (arguments.values["--profile"] ?? "walk").split(separator: ",").map(String.init)
        let speed = arguments.values["--speed-kmh"] == nil ? nil : try arguments.positiveDouble("--speed-kmh", default: 0)
        if speed != nil && profileNames.count > 1 { throw UsageError("option '--speed-kmh' applies to a single --profile") }
        guard Set(profileNames).count == profileNames.count, !profileNames.isEmpty else {
            throw UsageError("option '--profile' needs distinct profile names")
        }
        profiles = try profileNames.map { name in
            guard let profile = TravelProfile.preset(name, kilometresPerHour: speed) else {
                throw UsageError("unknown profile '\(name)'; choose one of \(TravelProfile.presetNames.joined(separator: ", "))")
            }
            return profile
        }
        allComponents = arguments.flags.contains("--all-components")
        quiet = arguments.flags.contains("--quiet")
        force = arguments.flags.contains("--force")
        populationPath = arguments.values["--population"]
        demPath = arguments.values["--dem"]
        gtfsPaths = arguments.values["--gtfs"].map { $0.split(separator: ",").map(String.init) } ?? []
        floorArea = try arguments.positiveDouble("--floor-area", default: ResidentialBuilding.defaultFloorAreaPerResident)
        parkMinimumHectares = arguments.values["--park-min-ha"] == nil ? 0 : try arguments.positiveDouble("--park-min-ha", default: 0)
        parkKinds = try arguments.values["--park-kinds"].map { list in
            let kinds = Set(list.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
            let known = OSMTagRules.parkLeisure.union(OSMTagRules.parkLanduse)
            if let unknown = kinds.subtracting(known).sorted().first {
                throw UsageError("unknown park kind '\(unknown)'; known kinds: \(known.sorted().joined(separator: ", "))")
            }
            return kinds
        }
        let physicalMiB = Double(ProcessInfo.processInfo.physicalMemory) / 1_048_576
        maxMemoryBytes = try arguments.positiveDouble("--max-memory", default: (0.8 * physicalMiB).rounded()) * 1_048_576
    }

    func run() throws -> Int32 {
        let transaction = OutputTransaction()
        let interrupts = InterruptHandler(transaction: transaction)
        try transaction.exclusively { try OutputFolder.check(outputFolder) }
        for folder in profileFolders {
            if !force, let earlier = OutputFolder.earlierResult(in: folder) {
                throw InputFileError(path: folder, message: "already holds results (\(earlier)); pass --force to overwrite them")
            }
        }
        let clock = StageClock(quiet: quiet)
        let fromBuildings = populationPath == "buildings"
        var population = try populationPath.flatMap { path -> (path: String, table: PopulationTable)? in
            guard !fromBuildings else { return nil }
            clock.begin("reading population \(path)")
            return (path: path, table: try CityInputs.readPopulation(path))
        }
        let (feeds, elevation) = try CityInputs.readFeedsAndElevation(gtfs: gtfsPaths, dem: demPath, clock: clock)
        var loadOptions = OSMLoadOptions()
        loadOptions.largestComponentOnly = !allComponents
        loadOptions.keepResidentialBuildings = fromBuildings
        var (loaded, report) = try CityFile.load(extract, options: loadOptions, stage: clock.begin)
        var city = loaded.keepingParks(minimumHectares: parkMinimumHectares, kinds: parkKinds)
        CityInputs.replaceTransit(in: &city, with: feeds)
        if fromBuildings {
            population = ("residential buildings", CityInputs.buildingPopulation(city, floorArea: floorArea, diagnostics: &report.diagnostics))
        }
        var options = self.options
        options.area = city.extent
        try checkMemory(city: city, options: options)

        let points = population?.table.coordinates.map(city.projection.project) ?? []
        var summaries: [(AnalysisSummary, folder: String)] = []
        var fileCount = 0
        do {
            for (profile, folder) in zip(profiles, profileFolders) {
                var diagnostics = report.diagnostics
                let label = profiles.count == 1 ? "" : "\(profile.name): "
                clock.begin("\(label)finding park access points and snapping services")
                let costs = CityInputs.costs(city, profile, elevation: elevation)
                let sets = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: options.snapLimitMetres,
                                                diagnostics: &diagnostics)
                let result = CoverageAnalysis.run(graph: city.graph, costs: costs, destinations: sets,
                                                  parkPolygons: city.parks.map(\.polygon), options: options, population: points,
                                                  stage: { clock.begin(label + $0) })
                clock.begin("\(label)writing outputs")
                var fullReport = report
                fullReport.diagnostics = diagnostics
                try OutputFolder.create(outputFolder)
                try OutputFolder.create(folder)
                fileCount += try AnalysisFiles.stage(result, projection: city.projection, in: folder, transaction: transaction)
                if let population {
                    try transaction.stage(PopulationTableWriter.csv(population.table, layers: result.populationLayers),
                                          at: (folder as NSString).appendingPathComponent("population.csv"))
                    fileCount += 1
                }
                var summary = AnalysisSummary(input: fullReport, city: city, profile: profile, destinations: sets, result: result,
                                              stageSeconds: [], threads: options.threads, population: population)
                summary.elevationModel = demPath
                summaries.append((summary, folder))
            }
            clock.begin("writing map layers")
            try transaction.stageStreaming(at: path("map.json")) { try MapLayers.of(city).writeJSON(flush: $0) }
            fileCount += 1
            clock.finish()
            for (summary, folder) in summaries {
                var timed = summary
                timed.stageSeconds = clock.durations
                try transaction.stage(timed.json(version: WalkshedCLI.version).text(),
                                      at: (folder as NSString).appendingPathComponent("summary.json"))
                fileCount += 1
            }
            try transaction.commit()
        } catch {
            transaction.rollback()
            throw error
        }
        print(summaries.map { AnalysisTable.text($0.0) }.joined(separator: "\n"), terminator: "")
        withExtendedLifetime(interrupts) {}
        print("Wrote \(fileCount) files to \(outputFolder)/ in \(FixedPoint.format(clock.totalSeconds, decimals: 2)) s.")
        if writeReport {
            let reportClock = StageClock(quiet: quiet)
            let written = try ReportWriter.write(try ReportContent.load(folder: outputFolder), html: path("report.html"), pngFolder: nil, clock: reportClock)
            reportClock.finish()
            print(written.map { "Wrote \($0)" }.joined(separator: "\n"))
        }
        return 0
    }

    /// Where each profile's files go: `--out` itself for one profile, else a subfolder each.
    private var profileFolders: [String] {
        profiles.count == 1 ? [outputFolder] : profiles.map { path($0.name) }
    }

    /// Refuses, before any search, an analysis estimated to exceed `--max-memory`: what is in
    /// use now (the loaded city) plus the engine's estimate plus the output text.
    private func checkMemory(city: City, options: CoverageOptions) throws {
        let cells = CoverageAnalysis.cellCount(area: city.extent, options: options)
        let engine = CoverageAnalysis.estimatedBytes(graph: city.graph, cellCount: cells, destinationSets: 1 + ServiceCategory.allCases.count,
                                                     nearestK: options.nearestK)
            + (options.countWithinMinutes == nil ? 0 : cells * Double(options.threads) * 12 + cells * 8 * 14)
            + (options.greenway ? cells * Double(options.threads) * 24 + cells * 16 : 0)
        let outputs = cells * AnalysisFiles.bytesPerCell
        let total = ResourceUsage.peakResidentBytes + engine + outputs
        guard total <= maxMemoryBytes else {
            func mib(_ b: Double) -> String { FixedPoint.format(b / 1_048_576, decimals: 0) }
            throw InputFileError(path: extract, message: "the analysis would need about \(mib(total)) MiB "
                + "(\(FixedPoint.format(cells, decimals: 0)) cells of \(FixedPoint.format(options.cellMetres, decimals: options.cellMetres < 1 ? 4 : 1)) m), "
                + "over --max-memory \(mib(maxMemoryBytes)) MiB; use a larger --cell or a smaller extract")
        }
    }

    private func path(_ name: String) -> String { (outputFolder as NSString).appendingPathComponent(name) }
}

import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed scenario`: baseline against each scenario — difference grids, who gains and who
/// loses access, a summary per scenario and one table of all of them.
struct ScenarioCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "scenario",
        abstract: "Baseline vs scenarios (new parks, paths, closures, services): difference grids, who gains and loses.",
        usage: "walkshed scenario <extract> <scenario.json>... --out <dir> [--population <file>] [--profile <name>] [--minutes <n>]",
        discussion: """
        Loads the extract once, analyses the baseline, then applies each scenario file (JSON,
        see README) in memory and recomputes only the times its edits can change (an exact
        incremental update, equal to a full recomputation). Writes to <dir>: scenarios.csv (one
        row per scenario, basis and measure: share within the budget before and after, cells or
        residents gaining and losing access, mean change, nodes recomputed) and, per scenario,
        <dir>/<name>/<measure>_change.asc (+ .prj: scenario minus baseline minutes, NODATA where
        either is unknown), summary.json and map.json (what it changed, for walkshed report), and
        the baseline's map.json in <dir>. A scenario that cannot apply (a link end far from the
        network, an unknown way) stops the run before anything is written.
        """,
        arguments: [("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML)."),
                    ("<scenario.json>...", "One or more scenario files; their names must differ.")],
        options: [
            OptionSpec(name: "--out", valueName: "<dir>", help: "Output folder (created if missing)."),
            OptionSpec(name: "--profile", valueName: "<name>", help: "walk, senior, wheelchair or bike. (default: walk)"),
            OptionSpec(name: "--minutes", valueName: "<n>", help: "Time budget in minutes. (default: 15)"),
            OptionSpec(name: "--cell", valueName: "<metres>", help: "Grid cell side in metres. (default: 100)"),
            OptionSpec(name: "--snap-limit", valueName: "<metres>", help: "Cells farther than this from the network are NODATA. (default: 300)"),
            OptionSpec(name: "--population", valueName: "<file>", help: "Residents: CSV points, .asc grid, or 'buildings'; adds resident counts."),
            OptionSpec(name: "--floor-area", valueName: "<m2>", help: "Floor area per resident for --population buildings. (default: 35)"),
            OptionSpec(name: "--gtfs", valueName: "<zip,...>", help: "GTFS feeds whose served stops replace OSM transit."),
            OptionSpec(name: "--dem", valueName: "<asc>", help: "Elevation model: times follow Tobler's hiking function."),
            OptionSpec(name: "--threads", valueName: "<n>", help: "Worker threads; results are identical for any value. (default: all cores)"),
            OptionSpec(name: "--force", valueName: nil, help: "Overwrite earlier results in <dir>."),
            OptionSpec(name: "--quiet", valueName: nil, help: "No progress on stderr."),
        ])

    let extract: String
    let scenarioPaths: [String]
    let outputFolder: String
    let profile: TravelProfile
    let options: CoverageOptions
    let populationPath: String?
    let floorArea: Double
    let gtfsPaths: [String]
    let demPath: String?
    let force: Bool
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        guard arguments.positionals.count >= 2 else {
            throw UsageError("expected <extract> and at least one <scenario.json>, got \(arguments.positionals.count) arguments")
        }
        extract = arguments.positionals[0]
        scenarioPaths = Array(arguments.positionals.dropFirst())
        guard let out = arguments.values["--out"] else { throw UsageError("missing --out <dir>") }
        outputFolder = out
        let name = arguments.values["--profile"] ?? "walk"
        guard let profile = TravelProfile.preset(name) else {
            throw UsageError("unknown profile '\(name)'; choose one of \(TravelProfile.presetNames.joined(separator: ", "))")
        }
        self.profile = profile
        var options = CoverageOptions()
        options.cellMetres = try arguments.positiveDouble("--cell", default: 100)
        options.budgetMinutes = try arguments.positiveDouble("--minutes", default: 15)
        options.snapLimitMetres = try arguments.positiveDouble("--snap-limit", default: 300)
        options.threads = try arguments.positiveInt("--threads", default: ProcessInfo.processInfo.activeProcessorCount)
        self.options = options
        populationPath = arguments.values["--population"]
        floorArea = try arguments.positiveDouble("--floor-area", default: ResidentialBuilding.defaultFloorAreaPerResident)
        gtfsPaths = arguments.values["--gtfs"].map { $0.split(separator: ",").map(String.init) } ?? []
        demPath = arguments.values["--dem"]
        force = arguments.flags.contains("--force")
        quiet = arguments.flags.contains("--quiet")
    }

    func run() throws -> Int32 {
        let scenarios = try scenarioPaths.map(ScenarioReader.read)
        var seen: [String: String] = [:]
        for (scenario, path) in zip(scenarios, scenarioPaths) {
            if let other = seen[scenario.name] {
                throw InputFileError(path: path, message: "scenario name '\(scenario.name)' is also the name of \(other); names pick output folders")
            }
            seen[scenario.name] = path
        }
        let transaction = OutputTransaction()
        let interrupts = InterruptHandler(transaction: transaction)
        try transaction.exclusively { try OutputFolder.check(outputFolder) }
        if !force, let earlier = OutputFolder.earlierResult(in: outputFolder) ?? scenarios.lazy.compactMap({ OutputFolder.earlierResult(in: self.path($0.name)) }).first {
            throw InputFileError(path: outputFolder, message: "already holds results (\(earlier)); pass --force to overwrite them")
        }
        let clock = StageClock(quiet: quiet)
        let loaded = try CityLoading.load(extract: extract, populationPath: populationPath, floorArea: floorArea, gtfsPaths: gtfsPaths,
                                          demPath: demPath, clock: clock)
        let city = loaded.city
        var options = self.options
        options.area = city.extent
        let points = loaded.population?.coordinates.map(city.projection.project) ?? []
        let residents = loaded.population?.residents

        clock.begin("baseline: snapping destinations and searching")
        let costs = CityInputs.costs(city, profile, elevation: loaded.elevation)
        var diagnostics = loaded.report.diagnostics
        let sets = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: options.snapLimitMetres, diagnostics: &diagnostics)
        let baseline = SearchBaseline(graph: city.graph, costs: costs, sets: sets, threads: options.threads)
        let baseResult = CoverageAnalysis.run(graph: city.graph, costs: costs, destinations: sets, parkPolygons: city.parks.map(\.polygon),
                                              options: options, population: points, precomputedTimes: baseline.times,
                                              stage: { clock.begin("baseline: \($0)") })
        let measureCount = sets.count + 1

        var reports: [ScenarioReport] = []
        var fileCount = 0
        do {
            let applied = try zip(scenarios, scenarioPaths).map { scenario, path in
                do { return try scenario.apply(to: city) } catch let error as ScenarioError {
                    throw JSONInputError(path: path, place: "edits[\(error.editIndex)]", message: error.message)
                }
            }
            let prj = AsciiGridWriter.projectionText(city.projection)
            for ((scenario, path), edited) in zip(zip(scenarios, scenarioPaths), applied) {
                clock.begin("\(scenario.name): snapping destinations, updating times")
                let scenarioProfile = edited.profile(profile)
                let newCosts = CityInputs.costs(edited.city, scenarioProfile, elevation: loaded.elevation)
                var scenarioDiagnostics = Diagnostics()
                let newSets = edited.city.destinationSets(usableEdges: newCosts.usableEdges, snapLimitMetres: options.snapLimitMetres,
                                                          diagnostics: &scenarioDiagnostics)
                let (times, recomputed) = baseline.updatedTimes(network: edited.network, costs: newCosts, sets: newSets, threads: options.threads)
                let result = CoverageAnalysis.run(graph: edited.city.graph, costs: newCosts, destinations: newSets,
                                                  parkPolygons: edited.city.parks.map(\.polygon), options: options, population: points,
                                                  precomputedTimes: times, stage: { clock.begin("\(scenario.name): \($0)") })
                let before = Array(baseResult.layers.prefix(measureCount)), after = Array(result.layers.prefix(measureCount))
                let cellChanges = ScenarioComparison.compare(baseline: before, scenario: after, weights: nil, budgetMinutes: options.budgetMinutes)
                let residentChanges = residents.map {
                    ScenarioComparison.compare(baseline: Array(baseResult.populationLayers.prefix(measureCount)),
                                               scenario: Array(result.populationLayers.prefix(measureCount)), weights: $0,
                                               budgetMinutes: options.budgetMinutes)
                }
                let report = ScenarioReport(scenario: scenario, file: path, profile: scenarioProfile, budgetMinutes: options.budgetMinutes,
                                            applied: edited, nodesBefore: city.graph.nodeCount, edgesBefore: city.graph.edgeCount,
                                            cellChanges: cellChanges, residentChanges: residentChanges, recomputedNodes: recomputed)
                reports.append(report)
                clock.begin("\(scenario.name): writing outputs")
                let folder = self.path(scenario.name)
                try OutputFolder.create(outputFolder)
                try OutputFolder.create(folder)
                for layer in ScenarioComparison.differenceLayers(baseline: before, scenario: after) {
                    try transaction.stage(AsciiGridWriter.text(layer, grid: result.grid), at: (folder as NSString).appendingPathComponent("\(layer.name).asc"))
                    try transaction.stage(prj, at: (folder as NSString).appendingPathComponent("\(layer.name).prj"))
                    fileCount += 2
                }
                try transaction.stage(ScenarioFiles.summary(report, version: WalkshedCLI.version).text(),
                                      at: (folder as NSString).appendingPathComponent("summary.json"))
                try transaction.stage(MapLayers.changes(edited, from: city).json(), at: (folder as NSString).appendingPathComponent("map.json"))
                fileCount += 2
            }
            try OutputFolder.create(outputFolder)
            try transaction.stage(ScenarioFiles.csv(reports), at: path("scenarios.csv"))
            try transaction.stageStreaming(at: path("map.json")) { try MapLayers.of(city).writeJSON(flush: $0) }
            fileCount += 2
            clock.finish()
            try transaction.commit()
        } catch {
            transaction.rollback()
            throw error
        }
        withExtendedLifetime(interrupts) {}
        print(reports.map { ScenarioTable.text($0) }.joined(separator: "\n"), terminator: "")
        print("Wrote \(fileCount) files to \(outputFolder)/ in \(FixedPoint.format(clock.totalSeconds, decimals: 2)) s.")
        return 0
    }

    private func path(_ name: String) -> String { (outputFolder as NSString).appendingPathComponent(name) }
}

import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed check`: verifies declarative accessibility targets, for CI. Exit 0 when every
/// target holds, 2 when one fails, 1 on errors, 64 on a wrong command line.
struct CheckCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "check",
        abstract: "Check accessibility targets (exit 0 all hold, 2 one fails, 1 error); JUnit XML for CI.",
        usage: "walkshed check <extract> <targets.json> [--scenario <s.json>] [--population <file>] [--junit <out.xml>] [--baseline <summary.json>]",
        discussion: """
        Targets are JSON (see README), e.g. {"version": 1, "targets": [{"measure": "park_minutes",
        "profile": "walk", "within": 15, "min_population_share": 0.8}]}. Each profile named by a
        target is analysed once. With --baseline (a summary.json of an earlier `walkshed analyze`
        with the same profile and budget), a target also fails when its share fell by more than
        --tolerance. With --scenario, the targets are checked on the city after the scenario's
        edits (see `walkshed help scenario`). Prints PASS/FAIL per target; --junit writes one
        testcase per target with the measured value in its message.
        """,
        arguments: [("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML)."), ("<targets.json>", "The targets.")],
        options: [
            OptionSpec(name: "--population", valueName: "<file>", help: "Residents: CSV points, .asc grid, or 'buildings'; needed by min_population_share targets."),
            OptionSpec(name: "--floor-area", valueName: "<m2>", help: "Floor area per resident for --population buildings. (default: 35)"),
            OptionSpec(name: "--gtfs", valueName: "<zip,...>", help: "GTFS feeds whose served stops replace OSM transit."),
            OptionSpec(name: "--dem", valueName: "<asc>", help: "Elevation model: times follow Tobler's hiking function."),
            OptionSpec(name: "--scenario", valueName: "<s.json>", help: "Check the city as this scenario changes it."),
            OptionSpec(name: "--junit", valueName: "<file>", help: "Write JUnit XML here (written to a temporary name and renamed)."),
            OptionSpec(name: "--baseline", valueName: "<summary.json>", help: "Fail a target whose share fell below this earlier analysis."),
            OptionSpec(name: "--tolerance", valueName: "<share>", help: "How far below the baseline a share may fall. (default: 0.001)"),
            OptionSpec(name: "--cell", valueName: "<metres>", help: "Grid cell side for min_cell_share targets. (default: 100)"),
            OptionSpec(name: "--snap-limit", valueName: "<metres>", help: "Places farther than this from the network fail every target. (default: 300)"),
            OptionSpec(name: "--threads", valueName: "<n>", help: "Worker threads; results are identical for any value. (default: all cores)"),
            OptionSpec(name: "--quiet", valueName: nil, help: "No progress on stderr."),
        ])

    let extract: String
    let targetsPath: String
    let populationPath: String?
    let floorArea: Double
    let gtfsPaths: [String]
    let demPath: String?
    let junitPath: String?
    let scenarioPath: String?
    let baselinePath: String?
    let tolerance: Double
    let options: CoverageOptions
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        guard arguments.positionals.count == 2 else {
            throw UsageError("expected <extract> and <targets.json>, got \(arguments.positionals.count) arguments")
        }
        extract = arguments.positionals[0]
        targetsPath = arguments.positionals[1]
        populationPath = arguments.values["--population"]
        floorArea = try arguments.positiveDouble("--floor-area", default: ResidentialBuilding.defaultFloorAreaPerResident)
        gtfsPaths = arguments.values["--gtfs"].map { $0.split(separator: ",").map(String.init) } ?? []
        demPath = arguments.values["--dem"]
        junitPath = arguments.values["--junit"]
        scenarioPath = arguments.values["--scenario"]
        baselinePath = arguments.values["--baseline"]
        if let text = arguments.values["--tolerance"] {
            guard let t = Double(text), t >= 0, t <= 1 else { throw UsageError("option '--tolerance' takes a share 0…1, got '\(text)'") }
            tolerance = t
        } else {
            tolerance = 0.001
        }
        var options = CoverageOptions()
        options.cellMetres = try arguments.positiveDouble("--cell", default: 100)
        options.snapLimitMetres = try arguments.positiveDouble("--snap-limit", default: 300)
        options.threads = try arguments.positiveInt("--threads", default: ProcessInfo.processInfo.activeProcessorCount)
        self.options = options
        quiet = arguments.flags.contains("--quiet")
    }

    func run() throws -> Int32 {
        let targets = try TargetsReader.read(targetsPath)
        let scenario = try scenarioPath.map(ScenarioReader.read)
        if populationPath == nil, let t = targets.first(where: { $0.basis == .population }) {
            throw InputFileError(path: targetsPath, message: "target '\(t.name)' needs residents: pass --population")
        }
        let baseline = try baselinePath.map(AnalysisBaseline.read)
        if let junitPath { try OutputFolder.check((junitPath as NSString).deletingLastPathComponent.isEmpty ? "." : (junitPath as NSString).deletingLastPathComponent) }
        let clock = StageClock(quiet: quiet)
        let loaded = try CityLoading.load(extract: extract, populationPath: populationPath, floorArea: floorArea, gtfsPaths: gtfsPaths,
                                          demPath: demPath, clock: clock)
        var city = loaded.city
        let report = loaded.report, population = loaded.population, elevation = loaded.elevation
        let extent = city.extent
        var applied: AppliedScenario?
        if let scenario, let scenarioPath {
            clock.begin("applying scenario \(scenario.name)")
            do { applied = try scenario.apply(to: city) } catch let error as ScenarioError {
                throw JSONInputError(path: scenarioPath, place: "edits[\(error.editIndex)]", message: error.message)
            }
            city = applied!.city
        }
        var options = self.options
        options.area = extent
        options.greenway = targets.contains { $0.measure == "greenway_minutes" }
        let points = population?.coordinates.map(city.projection.project) ?? []

        var outcomes: [TargetOutcome] = []
        var analyses: [String: CoverageResult] = [:]
        /// One analysis per profile the targets name, made when first needed.
        func analysis(_ name: String) -> CoverageResult {
            if let done = analyses[name] { return done }
            let profile = applied?.profile(TravelProfile.preset(name)!) ?? TravelProfile.preset(name)!
            let costs = CityInputs.costs(city, profile, elevation: elevation)
            clock.begin("\(name): snapping destinations")
            var diagnostics = report.diagnostics
            let sets = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: options.snapLimitMetres,
                                            diagnostics: &diagnostics)
            let result = CoverageAnalysis.run(graph: city.graph, costs: costs, destinations: sets,
                                              parkPolygons: city.parks.map(\.polygon), options: options, population: points,
                                              stage: { clock.begin("\(name): \($0)") })
            analyses[name] = result
            return result
        }
        for target in targets {
            let result = analysis(target.profile)
            let measured = target.basis == .population
                ? target.measuredShare(layers: result.populationLayers, setNames: result.destinationNames, snapped: result.populationSnapped,
                                       residents: population?.residents)
                : target.measuredShare(layers: result.layers, setNames: result.destinationNames, snapped: result.snapped, residents: nil)
            let (base, note) = baselineShare(baseline, for: target)
            outcomes.append(TargetOutcome(target: target, measured: measured, baseline: base, baselineNote: note, tolerance: tolerance))
        }
        clock.finish()
        if let junitPath {
            try AtomicFile.write(Data(CheckReport.junit(outcomes, suite: (targetsPath as NSString).lastPathComponent).utf8), to: junitPath)
        }
        print(CheckReport.table(outcomes), terminator: "")
        return outcomes.allSatisfy(\.passed) ? 0 : 2
    }

    /// The baseline share comparable with `target` (same profile, budget and rule), or why none is.
    func baselineShare(_ baseline: AnalysisBaseline?, for target: AccessTarget) -> (Double?, String?) {
        guard let baseline else { return (nil, nil) }
        guard baseline.profile == target.profile, baseline.budgetMinutes == target.withinMinutes,
              target.atLeastCategories == nil || target.atLeastCategories == 7 else {
            return (nil, "baseline not comparable (it measured \(baseline.profile) within \(FixedPoint.format(baseline.budgetMinutes, decimals: 1)) min)")
        }
        let share = target.basis == .population ? baseline.populationShares[target.measure] : baseline.cellShares[target.measure]
        return share.map { ($0, nil) } ?? (nil, "baseline has no \(target.basis == .population ? "population " : "")share for \(target.measure)")
    }
}

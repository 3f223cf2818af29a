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
        either is unknown), summary.json and map.json.gz (what it changed, for walkshed report), and
        the baseline's map.json.gz in <dir>; with --report, <dir>/report.html. A scenario that cannot
        apply (a link end far from the network, an unknown way) stops the run before anything is
        written.
        """,
        arguments: [("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML)."),
                    ("<scenario.json>...", "One or more scenario files; their names must differ.")],
        options: [CommonOptions.out, CommonOptions.profile, CommonOptions.minutes, CommonOptions.cell, CommonOptions.snapLimit]
            + CityInputOptions.specs + [CommonOptions.threads,
                                        OptionSpec(name: "--report", valueName: nil, help: "Also write <dir>/report.html (see walkshed report)."),
                                        CommonOptions.force, CommonOptions.quiet])

    let inputs: CityInputOptions
    let scenarioPaths: [String]
    let outputFolder: String
    let profile: TravelProfile
    let options: CoverageOptions
    let force: Bool
    let quiet: Bool
    let writeReport: Bool

    init(_ arguments: CommandArguments) throws {
        guard arguments.positionals.count >= 2 else {
            throw UsageError("expected <extract> and at least one <scenario.json>, got \(arguments.positionals.count) arguments")
        }
        inputs = try CityInputOptions(extract: arguments.positionals[0], arguments)
        scenarioPaths = Array(arguments.positionals.dropFirst())
        outputFolder = try CommonOptions.output(arguments)
        profile = try CommonOptions.profiles(arguments, single: true)[0]
        options = try CoverageOptionsParser.grid(arguments)
        force = arguments.flags.contains(CommonOptions.force.name)
        quiet = arguments.flags.contains(CommonOptions.quiet.name)
        writeReport = arguments.flags.contains("--report")
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
        let guarded = [outputFolder] + scenarios.map { (outputFolder as NSString).appendingPathComponent($0.name) }
        let output = try OutputRun(folder: outputFolder, force: force, guarded: guarded)
        let clock = StageClock(quiet: quiet)
        let loaded = try StudyLoader.load(inputs.request, progress: clock)
        let city = loaded.study.city
        let study: ScenarioStudy
        do {
            study = try loaded.study.compare(scenarios, profile: profile, options: options, progress: clock)
        } catch let error as ScenarioSetError {
            throw JSONInputError(path: scenarioPaths[error.scenarioIndex], place: "edits[\(error.error.editIndex)]", message: error.error.message)
        }
        let reports = zip(study.outcomes, scenarioPaths).map { outcome, path in
            var report = ScenarioReport(outcome, file: path, budgetMinutes: options.budgetMinutes, before: city.graph)
            report.populationSource = PopulationSource.name(loaded.study.residents)
            return report
        }
        try output.write { output in
            let prj = AsciiGridWriter.projectionText(city.projection)
            for (outcome, report) in zip(study.outcomes, reports) {
                clock.begin("\(outcome.scenario.name): writing outputs")
                try output.create(outcome.scenario.name)
                for layer in outcome.differenceLayers {
                    try output.stage(AsciiGridWriter.text(layer, grid: study.grid), at: output.path(outcome.scenario.name, "\(layer.name).asc"))
                    try output.stage(prj, at: output.path(outcome.scenario.name, "\(layer.name).prj"))
                }
                try output.stage(ScenarioFiles.summary(report, version: WalkshedVersion.current).text(), at: output.path(outcome.scenario.name, "summary.json"))
                try output.stage(MapLayers.changes(outcome.applied, from: city).compressedJSON(), at: output.path(outcome.scenario.name, MapLayers.fileName))
            }
            try output.create()
            try output.stage(ScenarioFiles.csv(reports), at: output.path("scenarios.csv"))
            try output.stageStreaming(at: output.path(MapLayers.fileName)) { try MapLayers.of(city, threads: inputs.request.threads).writeCompressed(threads: inputs.request.threads, write: $0) }
            clock.finish()
        }
        print(PopulationSource.line(loaded.study.residents) + reports.map { ScenarioTable.text($0) }.joined(separator: "\n"), terminator: "")
        print("Wrote \(output.fileCount) files to \(outputFolder)/ in \(FixedPoint.format(clock.totalSeconds, decimals: 2)) s.")
        if writeReport {
            let reportClock = StageClock(quiet: quiet)
            let content = try ReportContent.scenarios(zip(reports, study.outcomes).map { ($0, $1.differenceLayers, MapLayers.changes($1.applied, from: city)) },
                                                      grid: study.grid, baseMap: MapLayers.of(city))
            let written = try ReportWriter.write(content, html: output.path("report.html"), pngFolder: nil, clock: reportClock)
            print(written.map { "Wrote \($0)" }.joined(separator: "\n"))
        }
        return 0
    }
}

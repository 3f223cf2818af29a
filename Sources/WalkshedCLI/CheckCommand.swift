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
        testcase per target with the measured value in its message, --json the same as JSON with
        the Walkshed version and each input file's SHA-256; both are written (with the error)
        when the run fails too.
        """,
        arguments: [("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML)."), ("<targets.json>", "The targets.")],
        options: [
            OptionSpec(name: "--scenario", valueName: "<s.json>", help: "Check the city as this scenario changes it."),
            OptionSpec(name: "--junit", valueName: "<file>", help: "Write JUnit XML here (written to a temporary name and renamed)."),
            OptionSpec(name: "--json", valueName: "<file>", help: "Write the result as JSON: each target's measured and required share and verdict, the Walkshed version, each input's SHA-256."),
            OptionSpec(name: "--baseline", valueName: "<summary.json>", help: "Fail a target whose share fell below this earlier analysis."),
            OptionSpec(name: "--tolerance", valueName: "<share>", help: "How far below the baseline a share may fall. (default: 0.001)"),
            CommonOptions.cell, CommonOptions.snapLimit,
        ] + CityInputOptions.specs + [CommonOptions.threads, CommonOptions.quiet])

    let inputs: CityInputOptions
    let targetsPath: String
    let junitPath: String?
    let jsonPath: String?
    let scenarioPath: String?
    let baselinePath: String?
    let tolerance: Double
    let options: CoverageOptions
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        guard arguments.positionals.count == 2 else {
            throw UsageError("expected <extract> and <targets.json>, got \(arguments.positionals.count) arguments")
        }
        inputs = try CityInputOptions(extract: arguments.positionals[0], arguments)
        targetsPath = arguments.positionals[1]
        junitPath = arguments.values["--junit"]
        jsonPath = arguments.values["--json"]
        scenarioPath = arguments.values["--scenario"]
        baselinePath = arguments.values["--baseline"]
        if let text = arguments.values["--tolerance"] {
            guard let t = Double(text), t >= 0, t <= 1 else { throw UsageError("option '--tolerance' takes a share 0…1, got '\(text)'") }
            tolerance = t
        } else {
            tolerance = 0.001
        }
        var options = CoverageOptions()
        options.cellMetres = try arguments.positiveDouble("--cell-m", default: 100, in: ValidRange.cellMetres)
        options.snapLimitMetres = try arguments.positiveDouble("--snap-limit-m", default: 300, in: ValidRange.distanceMetres)
        options.threads = try CommonOptions.threads(arguments)
        self.options = options
        quiet = arguments.flags.contains(CommonOptions.quiet.name)
    }

    func run() throws -> Int32 {
        do {
            return try check()
        } catch {
            // CI shows a failed report rather than none; the error still exits 1.
            if let junitPath, (try? OutputFolder.check(Self.folder(of: junitPath))) != nil {
                try? AtomicFile.write(Data(CheckReport.junit(error: "\(error)", suite: (targetsPath as NSString).lastPathComponent).utf8), to: junitPath)
            }
            if let jsonPath, (try? OutputFolder.check(Self.folder(of: jsonPath))) != nil {
                try? AtomicFile.write(Data(CheckReport.json(error: "\(error)", inputs: checksums(readable: true),
                                                                   populationSource: inputs.request.populationSource).utf8), to: jsonPath)
            }
            throw error
        }
    }

    /// Every input file with its SHA-256: the extract, the targets, and the scenario,
    /// population, elevation model, GTFS feeds and destination files given. With `readable`,
    /// files that cannot be read are left out (the run is reporting that error).
    func checksums(readable: Bool = false) throws -> [(role: String, path: String, sha256: String)] {
        var files = [("extract", inputs.request.extract), ("targets", targetsPath)]
        if let scenarioPath { files.append(("scenario", scenarioPath)) }
        if let population = inputs.request.population, !inputs.request.residentsFromBuildings { files.append(("population", population)) }
        if let dem = inputs.request.elevation { files.append(("elevation", dem)) }
        files += inputs.request.gtfs.map { ("gtfs", $0) } + inputs.request.destinations.map { ("destinations \($0.name)", $0.path) }
        return try files.compactMap { role, path in
            do { return (role, path, try SHA256.hexDigest(ofFile: path)) } catch where readable { return nil }
        }
    }

    static func folder(of path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    func check() throws -> Int32 {
        let targets = try TargetsReader.read(targetsPath, kinds: inputs.destinationKinds)
        let scenario = try scenarioPath.map(ScenarioReader.read)
        if inputs.request.population == nil, let t = targets.first(where: { $0.basis == .population }) {
            throw InputFileError(path: targetsPath, message: "target '\(t.name)' needs residents: pass --population")
        }
        let baseline = try baselinePath.map(AnalysisBaseline.read)
        if let junitPath { try OutputFolder.check(Self.folder(of: junitPath)) }
        if let jsonPath { try OutputFolder.check(Self.folder(of: jsonPath)) }
        let clock = StageClock(quiet: quiet)
        let study = try StudyLoader.load(inputs.request, progress: clock).study
        let measured: [MeasuredTarget]
        do {
            measured = try study.measure(targets, scenario: scenario, options: options, progress: clock)
        } catch let error as ScenarioError {
            throw JSONInputError(path: scenarioPath!, place: "edits[\(error.editIndex)]", message: error.message)
        }
        let outcomes = measured.map { m in
            let (base, note) = baseline?.share(comparableWith: m.target) ?? (nil, nil)
            return TargetOutcome(target: m.target, measured: m.share, baseline: base, baselineNote: note, tolerance: tolerance)
        }
        clock.finish()
        if let junitPath {
            try AtomicFile.write(Data(CheckReport.junit(outcomes, suite: (targetsPath as NSString).lastPathComponent).utf8), to: junitPath)
        }
        if let jsonPath { try AtomicFile.write(Data(CheckReport.json(outcomes, inputs: try checksums(), populationSource: PopulationSource.name(study.residents)).utf8), to: jsonPath) }
        print(PopulationSource.line(study.residents) + CheckReport.table(outcomes), terminator: "")
        return outcomes.allSatisfy(\.passed) ? 0 : 2
    }
}

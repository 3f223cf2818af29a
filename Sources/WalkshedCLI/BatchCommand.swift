import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed batch`: one shard of a manifest's units, each into its own folder.
struct BatchCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "batch",
        abstract: "Run many cities, profiles and scenarios, one shard of a cluster's array job at a time.",
        usage: "walkshed batch <manifest.json> --out <dir> [--shard <i>/<n> | --shards <n>] [--list] [--threads <n>]",
        discussion: """
        The manifest (README: walkshed batch) lists studies: an extract or .wsn, optional boundaries
        (a GeoJSON FeatureCollection of municipalities: one unit each, the extract read once per
        shard), population, GTFS, elevation, profiles, budgets, scenario files and targets. Work
        splits into units (study × boundary × profile, each with the study's scenarios); units go
        to shards deterministically, balanced by estimated size. Shard <i> of <n> counts from 0;
        without --shard it comes from the scheduler: SLURM_ARRAY_TASK_ID (less
        SLURM_ARRAY_TASK_MIN) of SLURM_ARRAY_TASK_COUNT, JOB_COMPLETION_INDEX (Kubernetes
        Indexed Job) or AWS_BATCH_JOB_ARRAY_INDEX, with --shards <n>; with none of them, 0/1.
        Each unit writes <dir>/units/<id>/ (grids, cells, figures.json) all at once; a rerun
        skips finished units, so a killed or preempted shard resumes. A failing unit is recorded
        in <dir>/failed/<id>.json and the others go on. Then: walkshed merge <dir>.
        Exit codes: 0 every unit of the shard done, 2 some failed, 1 the batch could not start.
        """,
        arguments: [("<manifest.json>", "The batch manifest (JSON, version 1).")],
        options: [
            CommonOptions.out,
            OptionSpec(name: "--shard", valueName: "<i>/<n>", help: "Run shard i of n (0 ≤ i < n). (default: from the scheduler's environment, else 0/1)"),
            OptionSpec(name: "--shards", valueName: "<n>", help: "How many shards, when the index comes from JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX."),
            OptionSpec(name: "--list", valueName: nil, help: "Print the shard's units (id, estimated size) and exit without running them."),
            CityInputOptions.maxMemory, CommonOptions.threads, CommonOptions.quiet,
        ])

    let manifestPath: String
    let outputFolder: String
    let shard: ShardSelection
    let listOnly: Bool
    let threads: Int
    let memory: (bytes: Double, source: String)
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        guard arguments.positionals.count == 1 else {
            throw UsageError(arguments.positionals.isEmpty ? "missing <manifest.json>" : "expected one <manifest.json>, got \(arguments.positionals.count) arguments")
        }
        manifestPath = arguments.positionals[0]
        outputFolder = try CommonOptions.output(arguments)
        let count = arguments.values["--shards"] == nil ? nil : try arguments.positiveInt("--shards", default: 1)
        if let text = arguments.values["--shard"] {
            guard let selection = ShardSelection(parsing: text) else {
                throw UsageError("option '--shard' takes <i>/<n> with 0 ≤ i < n, got '\(text)'")
            }
            if let count, count != selection.count { throw UsageError("--shard \(text) and --shards \(count) disagree") }
            shard = selection
        } else {
            let scheduled: ShardSelection?
            do { scheduled = try ShardSelection.fromEnvironment(ProcessInfo.processInfo.environment, count: count) } catch let error as ShardSelectionError {
                throw UsageError(error.description)
            }
            if let scheduled {
                shard = scheduled
            } else {
                if let count, count > 1 { throw UsageError("--shards \(count) needs an index: pass --shard <i>/\(count), or run as an array task") }
                shard = ShardSelection(index: 0, count: 1)
            }
        }
        listOnly = arguments.flags.contains("--list")
        threads = try CommonOptions.threads(arguments)
        memory = try CityInputOptions.memoryBudget(arguments)
        quiet = arguments.flags.contains(CommonOptions.quiet.name)
    }

    func run() throws -> Int32 {
        let manifest = try BatchManifestReader.read(manifestPath)
        let runner = try BatchRunner(manifest: manifest, folder: outputFolder, threads: threads)
        runner.memory = memory
        if listOnly {
            try runner.adoptRecordedPlan()
            for unit in runner.plan.units(ofShard: shard.index, count: shard.count) { print("\(unit.id)\t\(Int(unit.estimatedSize))") }
            return 0
        }
        try runner.prepareFolder()
        let units = runner.plan.units(ofShard: shard.index, count: shard.count)
        let name = "shard \(shard.index)/\(shard.count)"
        Terminal.status("walkshed batch: \(name): \(units.count) of \(runner.plan.units.count) units")
        var done = 0, skipped = 0, failed = 0
        let clock = StageClock(quiet: quiet)
        runner.run(units, progress: { unit in UnitProgress(unit: unit.id, clock: clock) }) { unit, outcome in
            switch outcome {
            case .done(let seconds):
                done += 1
                print("done     \(unit.id) (\(FixedPoint.format(seconds, decimals: 1)) s)")
            case .skipped:
                skipped += 1
                print("skipped  \(unit.id) (already complete)")
            case .failed(let message):
                failed += 1
                print("FAILED   \(unit.id): \(message)")
            }
            fflush(nil)   // every output stream: a scheduler's log shows each unit as it ends
        }
        clock.finish()
        print("\(name): \(done) done, \(skipped) already complete, \(failed) failed, in \(FixedPoint.format(clock.totalSeconds, decimals: 1)) s; peak memory \(Int(ResourceUsage.peakResidentBytes / 1_048_576)) MiB.")
        if failed > 0 { print("Failed units are listed in \(BatchFolder(outputFolder).failedFolder)/; fix them and run the shard again.") }
        print("When every shard is done: walkshed merge \(outputFolder)")
        return failed > 0 ? 2 : 0
    }
}

/// A unit's stages on the shard's clock, named after the unit.
private final class UnitProgress: StudyProgress {
    let unit: String
    let clock: StageClock

    init(unit: String, clock: StageClock) {
        self.unit = unit
        self.clock = clock
    }

    func begin(_ stage: String) { clock.begin("\(unit): \(stage)") }
    func note(_ message: String) { clock.note("\(unit): \(message)") }
}

import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed merge`: the units of a batch folder as one table and one cross-city page.
struct MergeCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "merge",
        abstract: "Merge a batch's units into one table (CSV, JSON) and a cross-city HTML page.",
        usage: "walkshed merge <dir> [--partial]",
        discussion: """
        Reads <dir>/batch.json and every completed unit, whichever shard ran it, and writes
        <dir>/merged.csv and merged.json (one row per study, boundary, profile, scenario and
        budget: cells and residents within the budget per measure, population-weighted medians,
        the standard indicators, targets met) and <dir>/cities.html (ranking and small multiples).
        Refuses units made by another Walkshed version or with other options than batch.json's,
        and, without --partial, a batch with units not yet complete (exit 1, naming them).
        """,
        arguments: [("<dir>", "The --out folder of walkshed batch.")],
        options: [
            OptionSpec(name: "--partial", valueName: nil, help: "Merge the completed units even when others are missing or failed."),
        ])

    let folder: String
    let partial: Bool

    init(_ arguments: CommandArguments) throws {
        guard arguments.positionals.count == 1 else {
            throw UsageError(arguments.positionals.isEmpty ? "missing <dir>" : "expected one <dir>, got \(arguments.positionals.count) arguments")
        }
        folder = arguments.positionals[0]
        partial = arguments.flags.contains("--partial")
    }

    func run() throws -> Int32 {
        let merged = try MergedBatch.read(folder)
        if !merged.missing.isEmpty {
            let failed = Dictionary(uniqueKeysWithValues: merged.failures.map { ($0.unit, $0.error) })
            let lines = merged.missing.map { id in "  \(id): \(failed[id].map { "failed: \($0)" } ?? "not run (or still running)")" }
            Terminal.status("\(merged.missing.count) of \(merged.batch.units.count) units are not complete:\n" + lines.joined(separator: "\n"))
            guard partial else {
                Terminal.status("Error: \(folder): the batch is incomplete; run the missing shards, or pass --partial to merge what is there")
                return 1
            }
        }
        let output = try OutputRun(folder: folder, force: true)
        try output.write { output in
            try output.stage(merged.csv(), at: output.path("merged.csv"))
            try output.stage(merged.json(), at: output.path("merged.json"))
            try output.stage(CrossCityPage.html(merged, folder: folder), at: output.path("cities.html"))
        }
        print(CrossCityPage.rankingText(merged), terminator: "")
        print("Merged \(merged.units.count) units (\(merged.units.reduce(0) { $0 + $1.rows.count }) rows) into \(output.path("merged.csv")), merged.json and cities.html.")
        return 0
    }
}

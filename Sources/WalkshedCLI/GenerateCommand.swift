import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed generate`: a synthetic city of any size as a `.wsn` network file (and its
/// residents as CSV), for benchmarks at 250k, 1M and 4M nodes and for trying the tools.
struct GenerateCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "generate",
        abstract: "Generate a synthetic city (street grid, districts, greenways, parks, services, residents) as a .wsn file.",
        usage: "walkshed generate --nodes <n> --out <city.wsn> [--seed <s>] [--population <residents.csv>]",
        discussion: """
        A perturbed street grid 100 m apart with districts that differ (old town with diagonal
        lanes, suburbs with cul-de-sacs, plain grid), a greenway corridor every 24 streets, parks
        of 1–4 blocks, services of every category and residents per block; the largest connected
        component is kept and its nodes numbered along a Hilbert curve (searches then touch
        memory in order). The same --nodes and --seed give the same files. Every command that
        takes an <extract> reads the .wsn file; --population writes the residents for
        --population.
        """,
        arguments: [],
        options: [
            OptionSpec(name: "--nodes", valueName: "<n>", help: "About how many intersections (16 … 16,000,000)."),
            OptionSpec(name: "--seed", valueName: "<n>", help: "Random seed. (default: 1)"),
            OptionSpec(name: "--out", valueName: "<file>", help: "The network file to write."),
            OptionSpec(name: "--population", valueName: "<file>", help: "Also write residents per block as CSV (block,lon,lat,population)."),
            OptionSpec(name: "--quiet", valueName: nil, help: "No progress on stderr."),
        ])

    let nodes: Int
    let seed: UInt64
    let output: String
    let populationPath: String?
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        guard arguments.positionals.isEmpty else { throw UsageError("generate takes no <extract>, got '\(arguments.positionals[0])'") }
        guard arguments.values["--nodes"] != nil else { throw UsageError("missing --nodes <n>") }
        nodes = try arguments.positiveInt("--nodes", default: 0)
        guard (16...16_000_000).contains(nodes) else { throw UsageError("option '--nodes' takes 16 … 16,000,000, got \(nodes)") }
        let seedText = arguments.values["--seed"] ?? "1"
        guard let seed = UInt64(seedText) else { throw UsageError("option '--seed' takes a whole number ≥ 0, got '\(seedText)'") }
        self.seed = seed
        guard let output = arguments.values["--out"] else { throw UsageError("missing --out <city.wsn>") }
        self.output = output
        populationPath = arguments.values["--population"]
        quiet = arguments.flags.contains("--quiet")
    }

    func run() throws -> Int32 {
        let clock = StageClock(quiet: quiet)
        clock.begin("generating a city of about \(nodes) nodes (seed \(seed))")
        let generated = SyntheticCity(nodes: nodes, seed: seed)
        clock.begin("writing \(output)")
        let bytes = NetworkFile.bytes(generated.city, report: generated.report)
        let transaction = OutputTransaction()
        try transaction.stagingAll {
            try transaction.stage(Data(bytes), at: output)
            if let populationPath { try transaction.stage(PopulationTableWriter.csv(generated.population, layers: []), at: populationPath) }
        }
        clock.finish()
        let g = generated.city.graph
        print("Wrote \(output): \(g.nodeCount) nodes, \(g.edgeCount) edges (\(generated.report.greenwayEdges) greenway), "
              + "\(generated.city.parks.count) parks, \(generated.city.services.count) services; "
              + "\(FixedPoint.format(Double(bytes.count) / 1_048_576, decimals: 1)) MB"
              + (populationPath.map { "; \(generated.population.residents.count) blocks, \(Int(generated.population.residents.reduce(0, +))) residents to \($0)" } ?? "") + ".")
        return 0
    }
}

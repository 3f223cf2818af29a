import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed export --out`: the graph, the W1/W2 search seeds and Walkshed's answers as
/// plain CSV, so peer tools (Benchmarks/Peers) do exactly the same work and check against it.
struct ExportCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "export",
        abstract: "Write the walk graph and destination seeds as neutral CSV for other tools.",
        usage: "walkshed export <extract> --out <dir>",
        discussion: """
        Writes nodes.csv (node,x,y in projected metres), edges.csv (tail,head,metres: each
        undirected edge once, lengths printed so they read back to the engine's exact values) and
        pois.csv (kind,seed,destination,node,offset_metres: the seeds of one search per kind for
        park, food, healthcare, education and transit, each access point seeding both ends of its
        edge; a destination with several access points counts once), and Walkshed's answers for
        peers to check against: answers-w1.csv (node, then per kind the metres from the node to
        the nearest seed, empty where unreachable) and answers-w2-1200m.csv (node, then per kind
        how many destinations lie within 1,200 m of the node, each at its nearest seed).
        """,
        arguments: [("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML).")],
        options: [
            OptionSpec(name: "--out", valueName: "<dir>", help: "Output folder (created if missing).", aliases: ["--neutral"]),
            OptionSpec(name: "--force", valueName: nil, help: "Overwrite earlier files in <dir>."),
            CityInputOptions.maxMemory,
            OptionSpec(name: "--quiet", valueName: nil, help: "No progress on stderr."),
        ])

    let extract: String
    let folder: String
    let force: Bool
    let quiet: Bool
    let memory: (bytes: Double, source: String)

    init(_ arguments: CommandArguments) throws {
        extract = try arguments.singleExtract()
        guard let folder = arguments.values["--out"] else { throw UsageError("missing --out <dir>") }
        self.folder = folder
        force = arguments.flags.contains("--force")
        quiet = arguments.flags.contains("--quiet")
        memory = try CityInputOptions.memoryBudget(arguments)
    }

    func run() throws -> Int32 {
        let output = try OutputRun(folder: folder, force: force, earlierResult: OutputFolder.holding("edges.csv"))
        let clock = StageClock(quiet: quiet)
        try MemoryLimit.checkReading(extract, maxBytes: memory.bytes, source: memory.source)
        let (city, _) = try CityFile.load(extract, stage: clock.begin)
        clock.begin("searching by metres and writing neutral CSV")
        let files = NeutralExportFiles.texts(NeutralExport(city: city), graph: city.graph)
        try output.write { output in
            try output.create()
            for (name, text) in files { try output.stage(text, at: output.path(name)) }
        }
        clock.finish()
        print("Wrote \(city.graph.nodeCount) nodes, \(city.graph.edgeCount) edges, the W1/W2 seeds and answers to \(folder)/")
        return 0
    }
}

import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed export --neutral`: the graph, the W1/W2 search seeds and Walkshed's answers as
/// plain CSV, so peer tools (Benchmarks/Peers) do exactly the same work and check against it.
struct ExportCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "export",
        abstract: "Write the walk graph and destination seeds as neutral CSV for other tools.",
        usage: "walkshed export <extract> --neutral <dir>",
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
            OptionSpec(name: "--neutral", valueName: "<dir>", help: "Output folder (created if missing)."),
            OptionSpec(name: "--force", valueName: nil, help: "Overwrite earlier files in <dir>."),
            OptionSpec(name: "--quiet", valueName: nil, help: "No progress on stderr."),
        ])

    let extract: String
    let folder: String
    let force: Bool
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        extract = try arguments.singleExtract()
        guard let folder = arguments.values["--neutral"] else { throw UsageError("missing --neutral <dir>") }
        self.folder = folder
        force = arguments.flags.contains("--force")
        quiet = arguments.flags.contains("--quiet")
    }

    func run() throws -> Int32 {
        let transaction = OutputTransaction()
        let interrupts = InterruptHandler(transaction: transaction)
        try transaction.exclusively { try OutputFolder.check(folder) }
        if !force, FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("edges.csv")) {
            throw InputFileError(path: folder, message: "already holds an export (edges.csv); pass --force to overwrite it")
        }
        let clock = StageClock(quiet: quiet)
        let (city, _) = try CityFile.load(extract, stage: clock.begin)
        clock.begin("writing neutral CSV")
        let graph = city.graph
        var nodes = TextBuffer(capacity: graph.nodeCount * 30)
        nodes.append("node,x,y\n")
        for u in 0..<graph.nodeCount {
            nodes.append(u); nodes.append(","); nodes.append(graph.nodeX[u], decimals: 3); nodes.append(",")
            nodes.append(graph.nodeY[u], decimals: 3); nodes.append("\n")
        }
        var edges = TextBuffer(capacity: graph.edgeCount * 24)
        edges.append("tail,head,metres\n")
        for e in 0..<graph.edgeCount {
            edges.append("\(graph.edgeTail[e]),\(graph.edgeHead[e]),\(graph.edgeMetres[e].description)\n")
        }
        let costs = ProfileCosts(graph: graph, profile: TravelProfile(name: "metres", metresPerSecond: 1))
        var diagnostics = Diagnostics()
        let sets = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: 300, diagnostics: &diagnostics)
        var pois = TextBuffer()
        pois.append("kind,seed,destination,node,offset_metres\n")
        let kinds = sets.filter { ["park", "food", "healthcare", "education", "transit"].contains($0.name) && !$0.accessPoints.isEmpty }
        for set in kinds {
            var k = 0
            for point in set.accessPoints {
                for source in DestinationSet.seeds(of: point, graph: graph, costs: costs) {
                    pois.append("\(set.name),\(k),\(point.destination),\(source.node),\(source.seconds.description)\n")
                    k += 1
                }
            }
        }
        var answers = TextBuffer(capacity: graph.nodeCount * 12 * (kinds.count + 1))
        answers.append((["node"] + kinds.map(\.name)).joined(separator: ",") + "\n")
        let metres = kinds.map { NearestTimes(graph: graph, costs: costs, destinations: $0).nodeSeconds }
        for u in 0..<graph.nodeCount {
            answers.append(u)
            for column in metres {
                answers.append(",")
                if column[u].isFinite { answers.append(column[u].description) }
            }
            answers.append("\n")
        }
        let places = PlaceSnap.atNodes(of: graph)
        let counts = DestinationCounts.forSets(kinds, places: places, graph: graph, costs: costs, thresholdSeconds: 1_200,
                                               decay: .step, threads: 1).map(\.counts)
        var countAnswers = TextBuffer(capacity: graph.nodeCount * 4 * (kinds.count + 1))
        countAnswers.append((["node"] + kinds.map(\.name)).joined(separator: ",") + "\n")
        for u in 0..<graph.nodeCount {
            countAnswers.append(u)
            for column in counts { countAnswers.append(","); countAnswers.append(Int(column[u])) }
            countAnswers.append("\n")
        }
        try OutputFolder.create(folder)
        do {
            for (name, text) in [("nodes.csv", nodes), ("edges.csv", edges), ("pois.csv", pois), ("answers-w1.csv", answers),
                                 ("answers-w2-1200m.csv", countAnswers)] {
                try transaction.stage(text, at: (folder as NSString).appendingPathComponent(name))
            }
            try transaction.commit()
        } catch {
            transaction.rollback()
            throw error
        }
        clock.finish()
        withExtendedLifetime(interrupts) {}
        print("Wrote \(graph.nodeCount) nodes, \(graph.edgeCount) edges, the W1/W2 seeds and answers to \(folder)/")
        return 0
    }
}

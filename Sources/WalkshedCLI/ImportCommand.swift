import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed import`: reads an extract once and writes the loaded city as a `.wsn` network
/// file, which every command reads in place of the extract without parsing it again.
struct ImportCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "import",
        abstract: "Read an OSM extract once into a compact binary network file (.wsn) the other commands read fast.",
        usage: "walkshed import <extract> --out <city.wsn> [--all-components]",
        discussion: """
        Writes the walk graph (node and edge arrays, geometry, classes, greenway flags), parks,
        green spaces, services and residential buildings in the UTM zone chosen for the extract.
        Arrays are stored as they sit in memory, so reading is one copy per array. Every command
        that takes an <extract> also takes a .wsn file (recognised by its first bytes).
        """,
        arguments: [("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML).")],
        options: [
            OptionSpec(name: "--out", valueName: "<file>", help: "The network file to write."),
            OptionSpec(name: "--all-components", valueName: nil, help: "Keep every connected component, not just the largest."),
            CityInputOptions.boundary, CityInputOptions.boundaryFeature, CityInputOptions.bbox, CityInputOptions.maxMemory,
            OptionSpec(name: "--quiet", valueName: nil, help: "No progress on stderr."),
        ])

    let extract: String
    let output: String
    let allComponents: Bool
    let quiet: Bool
    /// `--boundary`/`--bbox`: only the network within walking reach of it is kept.
    let area: StudyArea?
    let memory: (bytes: Double, source: String)

    init(_ arguments: CommandArguments) throws {
        extract = try arguments.singleExtract()
        guard let output = arguments.values["--out"] else { throw UsageError("missing --out <city.wsn>") }
        self.output = output
        allComponents = arguments.flags.contains("--all-components")
        quiet = arguments.flags.contains("--quiet")
        area = try CityInputOptions.area(arguments)
        memory = try CityInputOptions.memoryBudget(arguments)
    }

    func run() throws -> Int32 {
        let clock = StageClock(quiet: quiet)
        var options = OSMLoadOptions()
        options.largestComponentOnly = !allComponents
        options.keepWithin = area?.keptBox
        options.keepResidentialBuildings = true
        try MemoryLimit.checkReading(extract, maxBytes: memory.bytes, source: memory.source)
        let (city, report) = try CityFile.load(extract, options: options, stage: clock.begin)
        clock.begin("writing \(output)")
        let bytes = NetworkFile.bytes(city, report: report)
        try AtomicFile.write(Data(bytes), to: output)
        clock.finish()
        let g = city.graph
        print("Wrote \(output): \(g.nodeCount) nodes, \(g.edgeCount) edges, \(city.parks.count) parks, \(city.services.count) services, "
              + "\(city.residentialBuildings.count) residential buildings; \(FixedPoint.format(Double(bytes.count) / 1_048_576, decimals: 1)) MB "
              + "(\(FixedPoint.format(Double(bytes.count) / Double(max(1, g.nodeCount)), decimals: 0)) bytes per node).")
        return 0
    }
}

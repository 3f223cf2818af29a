import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed info`: what an extract holds, without running any analysis.
struct InfoCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "info",
        abstract: "What an OSM extract holds: network, parks, services, warnings.",
        usage: "walkshed info <extract> [--all-components]",
        arguments: [("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML).")],
        options: [
            OptionSpec(name: "--all-components", valueName: nil, help: "Keep every connected component, not just the largest."),
            CityInputOptions.boundary, CityInputOptions.boundaryFeature, CityInputOptions.bbox, CityInputOptions.maxMemory,
            OptionSpec(name: "--quiet", valueName: nil, help: "No progress on stderr."),
        ])

    let extract: String
    let allComponents: Bool
    let quiet: Bool
    /// `--boundary`/`--bbox`: only the network within walking reach of it is kept.
    let area: StudyArea?
    let memory: (bytes: Double, source: String)

    init(_ arguments: CommandArguments) throws {
        extract = try arguments.singleExtract()
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
        try MemoryLimit.checkReading(extract, maxBytes: memory.bytes, source: memory.source)
        let (city, report) = try CityFile.load(extract, options: options, stage: clock.begin)
        clock.finish()
        print(CityFacts.text(city: city, report: report), terminator: "")
        return 0
    }
}

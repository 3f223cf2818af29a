import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed greenways`: the greenway network's continuity, break points, park-to-park
/// routes and greenway-only park access.
struct GreenwaysCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "greenways",
        abstract: "Greenway continuity: components, break points, parks joined, greenway-only park access.",
        usage: "walkshed greenways <extract> --out <dir> [--population <file>] [--gap-m <metres>] [--minutes <n>]",
        discussion: """
        The greenway edges (README: Input) as a network of their own. Writes to <dir>:
        greenway_components.csv/.geojson (each component: length, parks and green spaces it passes
        within --touch-m, residents within --minutes of it); break_points.csv/.geojson (pairs of
        components within --gap-m in a straight line: the gap, its length over streets, what
        closing it joins); parks.csv, park_links.csv and park_graph.geojson (parks reachable from
        each park along greenways within --route-m, crossing at most --street-m of ordinary street
        between greenway pieces, and the groups they form); park_minutes.asc and
        greenway_park_minutes.asc (walking to the nearest greenway, then along greenways only);
        greenways.json (the network's figures) and greenways.html (the map: components in
        colours, break points numbered). Close gaps with: walkshed suggest greenway-links; measure
        the network those links (or any scenario) leave with --scenario.
        """,
        arguments: [("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML), or a .wsn network.")],
        options: [CommonOptions.out, CommonOptions.profile, CommonOptions.minutes,
                  OptionSpec(name: "--scenario", valueName: "<s.json>", help: "Measure the city as this scenario leaves it (its paths, closures, parks).")]
            + GreenwayOptionsParser.specs
            + [CommonOptions.cell, CommonOptions.snapLimit] + CityInputOptions.specs
            + [CommonOptions.threads, CommonOptions.force, CommonOptions.quiet])

    let inputs: CityInputOptions
    let outputFolder: String
    let profile: TravelProfile
    let options: GreenwayOptions
    let scenarioPath: String?
    let force: Bool
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        inputs = try CityInputOptions(extract: try arguments.singleExtract(), arguments)
        outputFolder = try CommonOptions.output(arguments)
        profile = try CommonOptions.profiles(arguments, single: true)[0]
        options = try GreenwayOptionsParser.parse(arguments)
        scenarioPath = arguments.values["--scenario"]
        force = arguments.flags.contains(CommonOptions.force.name)
        quiet = arguments.flags.contains(CommonOptions.quiet.name)
    }

    func run() throws -> Int32 {
        let output = try OutputRun(folder: outputFolder, force: force, earlierResult: OutputFolder.holding("greenways.json"))
        let clock = StageClock(quiet: quiet)
        let scenario = try scenarioPath.map { try ScenarioReader.read($0) }
        var study = try StudyLoader.load(inputs.request, progress: clock).study
        if let scenario {
            clock.begin("applying scenario \(scenario.name)")
            do { study.city = try scenario.apply(to: study.city).city } catch let error as ScenarioError {
                throw InputFileError(path: scenarioPath!, message: error.description)
            }
        }
        let report = try study.greenways(profile: profile, options: options, progress: clock)
        clock.begin("drawing the map")
        let png = PNGEncoder.encode(GreenwayMap.render(report, city: study.city))
        try output.write { output in
            try output.create()
            output.count(try GreenwayFiles.stage(report, city: study.city, in: outputFolder, transaction: output.transaction))
            try output.stage(Data(png), at: output.path("greenways.png"))
            try output.stage(GreenwayMap.page(report, city: study.city, title: (inputs.request.extract as NSString).lastPathComponent, png: png),
                             at: output.path("greenways.html"))
            clock.finish()
        }
        print(PopulationSource.line(study.residents) + GreenwayTable.text(report, city: study.city), terminator: "")
        print("Wrote \(output.fileCount) files to \(outputFolder)/ in \(FixedPoint.format(clock.totalSeconds, decimals: 2)) s.")
        return 0
    }
}

/// The greenway distances, declared once for `greenways` and `suggest greenway-links`.
enum GreenwayOptionsParser {
    static let specs = [
        OptionSpec(name: "--touch-m", valueName: "<metres>", help: "A greenway touches a park or green space passing within this distance. (default: 25)"),
        OptionSpec(name: "--gap-m", valueName: "<metres>", help: "Components closer than this in a straight line make a break point. (default: 100)"),
        OptionSpec(name: "--route-m", valueName: "<metres>", help: "Longest park-to-park route along greenways. (default: 5000)"),
        OptionSpec(name: "--street-m", valueName: "<metres>", help: "Longest stretch of ordinary street a park-to-park route may cross between greenway pieces. (default: 100)"),
    ]

    static func parse(_ arguments: CommandArguments) throws -> GreenwayOptions {
        var options = GreenwayOptions()
        options.budgetMinutes = try arguments.positiveDouble(CommonOptions.minutes.name, default: 15, in: ValidRange.minutes)
        options.touchMetres = try arguments.positiveDouble("--touch-m", default: options.touchMetres, in: ValidRange.distanceMetres)
        options.gapMetres = try arguments.positiveDouble("--gap-m", default: options.gapMetres, in: ValidRange.distanceMetres)
        options.parkRouteMetres = try arguments.positiveDouble("--route-m", default: options.parkRouteMetres, in: ValidRange.distanceMetres)
        options.maxStreetMetres = arguments.values["--street-m"] == "0" ? 0 : try arguments.positiveDouble("--street-m", default: options.maxStreetMetres, in: ValidRange.distanceMetres)
        options.cellMetres = try arguments.positiveDouble(CommonOptions.cell.name, default: options.cellMetres, in: ValidRange.cellMetres)
        options.snapLimitMetres = try arguments.positiveDouble(CommonOptions.snapLimit.name, default: options.snapLimitMetres, in: ValidRange.distanceMetres)
        options.threads = try CommonOptions.threads(arguments)
        return options
    }
}

import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed indicators`: the standard indicators (SDG 11.7.1, SDG 11.2.1, WHO, 3-30-300,
/// ParkServe, 15-minute city) for the residents of an extract, per profile, side by side.
struct IndicatorsCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "indicators",
        abstract: "Standard accessibility indicators (SDG 11.7.1, 11.2.1, WHO, 3-30-300, ParkServe, 15-minute city).",
        usage: "walkshed indicators <extract> --out <dir> --population <csv|asc|tif|buildings> [--gtfs <zip,...>] [--profile walk,wheelchair]",
        discussion: """
        Writes to <dir> indicators.json and indicators.csv (each indicator with its definition and
        one value per profile) and population.csv (every resident point with its distances and
        times per profile), and prints a table. The indicators are shares of residents, so
        --population is required: CSV points (lon,lat,population), a grid of counts (.asc or
        .tif, degrees or a UTM zone), or 'buildings' to estimate them from residential buildings
        (footprint × storeys ÷ --floor-area-m2 m² per resident; storeys from building:levels or the
        defaults in the README), as in every other command. With --gtfs, transit stops come from the feeds instead of OpenStreetMap, split
        into low and high capacity by route_type.
        """,
        arguments: [("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML).")],
        options: [
            CommonOptions.out,
            OptionSpec(name: "--population", valueName: "<file>", help: "Residents (required): .csv points, an .asc or .tif grid of counts, or 'buildings'."),
            CityInputOptions.floorArea, CityInputOptions.gtfs, CityInputOptions.dem, CityInputOptions.maxMemory,
            OptionSpec(name: "--profile", valueName: "<list>", help: "Profiles, comma-separated: walk, senior, wheelchair, bike. (default: walk,wheelchair)"),
            OptionSpec(name: "--nearest", valueName: "<k>", help: "15-minute city: mean time to the k nearest of each category; 1...32. (default: 20)"),
            OptionSpec(name: "--minutes", valueName: "<n>", help: "15-minute city budget for F15. (default: 15)"),
            CommonOptions.snapLimit, CommonOptions.threads, CommonOptions.force, CommonOptions.quiet,
        ])

    let inputs: CityInputOptions
    let outputFolder: String
    let profiles: [TravelProfile]
    let options: IndicatorOptions
    let force: Bool
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        let inputs = try CityInputOptions(extract: try arguments.singleExtract(), arguments)
        outputFolder = try CommonOptions.output(arguments)
        if let path = inputs.request.population, !inputs.request.residentsFromBuildings, !path.lowercased().hasSuffix(".csv") && !GeoRasterFile.isRaster(path) {
            throw UsageError("option '--population' takes a .csv, .asc or .tif file, got '\(path)'")
        }
        guard inputs.request.population != nil else {
            throw UsageError("indicators are shares of residents: pass --population <csv|asc|tif>, or --population buildings to estimate them from residential buildings")
        }
        self.inputs = inputs
        profiles = try CommonOptions.profiles(arguments, default: "walk,wheelchair")
        var options = IndicatorOptions()
        options.nearestK = try arguments.positiveInt("--nearest", default: 20)
        guard options.nearestK <= 32 else { throw UsageError("option '--nearest' takes 1...32, got \(options.nearestK)") }
        options.budgetMinutes = try arguments.positiveDouble("--minutes", default: 15, in: ValidRange.minutes)
        options.snapLimitMetres = try arguments.positiveDouble("--snap-limit-m", default: 300, in: ValidRange.distanceMetres)
        options.threads = try CommonOptions.threads(arguments)
        self.options = options
        force = arguments.flags.contains(CommonOptions.force.name)
        quiet = arguments.flags.contains(CommonOptions.quiet.name)
    }

    func run() throws -> Int32 {
        let output = try OutputRun(folder: outputFolder, force: force, earlierResult: OutputFolder.holding("indicators.json"))
        let clock = StageClock(quiet: quiet)
        let loaded = try StudyLoader.load(inputs.request, progress: clock)
        let run = try loaded.study.indicators(profiles: profiles, options: options, progress: clock)
        clock.begin("writing outputs")
        let city = loaded.study.city, residents = loaded.population!
        let fromFile = !inputs.request.residentsFromBuildings
        let context = IndicatorFiles.context(version: WalkshedVersion.current, input: inputs.request.extract, elevation: inputs.request.elevation,
                                             populationSource: fromFile ? inputs.request.population! : "residential buildings in the extract",
                                             residents: residents, floorArea: fromFile ? nil : inputs.request.floorAreaPerResident,
                                             city: city, gtfs: inputs.request.gtfs, diagnostics: run.diagnostics)
        let names = profiles.map(\.name)
        try output.write { output in
            try output.create()
            try output.stage(IndicatorFiles.json(run.values, profiles: names, context: context).text(), at: output.path("indicators.json"))
            try output.stage(IndicatorFiles.csv(run.values), at: output.path("indicators.csv"))
            try output.stage(PopulationTableWriter.csv(residents, layers: run.pointLayers), at: output.path("population.csv"))
            try output.stageStreaming(at: output.path(MapLayers.fileName)) { try MapLayers.of(city, threads: options.threads).writeCompressed(threads: options.threads, write: $0) }
        }
        clock.finish()
        print(PopulationSource.line(loaded.study.residents) + IndicatorFiles.headline(city: city, gtfs: !inputs.request.gtfs.isEmpty))
        print(IndicatorFiles.table(run.values, profiles: names), terminator: "")
        print("\nWrote indicators.json, indicators.csv, population.csv and map.json.gz to \(outputFolder)/ in \(FixedPoint.format(clock.totalSeconds, decimals: 2)) s.")
        return 0
    }
}

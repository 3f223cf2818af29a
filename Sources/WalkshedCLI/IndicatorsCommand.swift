import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed indicators`: the standard indicators (SDG 11.7.1, SDG 11.2.1, WHO, 3-30-300,
/// ParkServe, 15-minute city) for the residents of an extract, per profile, side by side.
struct IndicatorsCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "indicators",
        abstract: "Standard accessibility indicators (SDG 11.7.1, 11.2.1, WHO, 3-30-300, ParkServe, 15-minute city).",
        usage: "walkshed indicators <extract> --out <dir> [--population <csv|asc>] [--gtfs <zip,...>] [--profile walk,wheelchair]",
        discussion: """
        Writes to <dir> indicators.json and indicators.csv (each indicator with its definition and
        one value per profile) and population.csv (every resident point with its distances and
        times per profile), and prints a table. Residents come from --population: CSV points
        (lon,lat,population) or an ESRI ASCII grid of counts (degrees, or a UTM zone named by
        its .prj); without it they are estimated from residential buildings (footprint × storeys
        ÷ --floor-area m² per resident; storeys from building:levels or the defaults in the
        README). With --gtfs, transit stops come from the feeds instead of OpenStreetMap, split
        into low and high capacity by route_type.
        """,
        arguments: [("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML).")],
        options: [
            OptionSpec(name: "--out", valueName: "<dir>", help: "Output folder (created if missing)."),
            OptionSpec(name: "--population", valueName: "<file>", help: "Residents: .csv points or .asc grid. (default: estimated from buildings)"),
            OptionSpec(name: "--floor-area", valueName: "<m2>", help: "Floor area per resident for the building estimate. (default: 35)"),
            OptionSpec(name: "--gtfs", valueName: "<zip,...>", help: "GTFS feeds, comma-separated; their served stops replace OSM transit."),
            OptionSpec(name: "--dem", valueName: "<asc>", help: "Elevation model (ESRI ASCII grid, metres): times follow Tobler's hiking function; a wheelchair avoids stretches over 8 %."),
            OptionSpec(name: "--profile", valueName: "<list>", help: "Profiles, comma-separated: walk, senior, wheelchair, bike. (default: walk,wheelchair)"),
            OptionSpec(name: "--nearest", valueName: "<k>", help: "15-minute city: mean time to the k nearest of each category; 1...32. (default: 20)"),
            OptionSpec(name: "--minutes", valueName: "<n>", help: "15-minute city budget for F15. (default: 15)"),
            OptionSpec(name: "--snap-limit", valueName: "<metres>", help: "Residents farther than this from the network have no access. (default: 300)"),
            OptionSpec(name: "--threads", valueName: "<n>", help: "Worker threads; results are identical for any value. (default: all cores)"),
            OptionSpec(name: "--force", valueName: nil, help: "Overwrite earlier results in <dir>."),
            OptionSpec(name: "--quiet", valueName: nil, help: "No progress on stderr."),
        ])

    let extract: String
    let outputFolder: String
    let populationPath: String?
    let floorArea: Double
    let gtfsPaths: [String]
    let demPath: String?
    let profiles: [TravelProfile]
    let options: IndicatorOptions
    let force: Bool
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        extract = try arguments.singleExtract()
        guard let out = arguments.values["--out"] else { throw UsageError("missing --out <dir>") }
        outputFolder = out
        populationPath = arguments.values["--population"]
        if let path = populationPath, !path.lowercased().hasSuffix(".csv") && !path.lowercased().hasSuffix(".asc") {
            throw UsageError("option '--population' takes a .csv or .asc file, got '\(path)'")
        }
        floorArea = try arguments.positiveDouble("--floor-area", default: ResidentialBuilding.defaultFloorAreaPerResident)
        demPath = arguments.values["--dem"]
        gtfsPaths = arguments.values["--gtfs"].map { $0.split(separator: ",").map(String.init) } ?? []
        profiles = try (arguments.values["--profile"] ?? "walk,wheelchair").split(separator: ",").map { name in
            guard let profile = TravelProfile.preset(String(name)) else {
                throw UsageError("unknown profile '\(name)'; choose from \(TravelProfile.presetNames.joined(separator: ", "))")
            }
            return profile
        }
        guard Set(profiles.map(\.name)).count == profiles.count else { throw UsageError("option '--profile' names a profile twice") }
        var options = IndicatorOptions()
        options.nearestK = try arguments.positiveInt("--nearest", default: 20)
        guard options.nearestK <= 32 else { throw UsageError("option '--nearest' takes 1...32, got \(options.nearestK)") }
        options.budgetMinutes = try arguments.positiveDouble("--minutes", default: 15)
        options.snapLimitMetres = try arguments.positiveDouble("--snap-limit", default: 300)
        options.threads = try arguments.positiveInt("--threads", default: ProcessInfo.processInfo.activeProcessorCount)
        self.options = options
        force = arguments.flags.contains("--force")
        quiet = arguments.flags.contains("--quiet")
    }

    func run() throws -> Int32 {
        let transaction = OutputTransaction()
        let interrupts = InterruptHandler(transaction: transaction)
        try transaction.exclusively { try OutputFolder.check(outputFolder) }
        if !force, FileManager.default.fileExists(atPath: path("indicators.json")) {
            throw InputFileError(path: outputFolder, message: "already holds results (indicators.json); pass --force to overwrite them")
        }
        let clock = StageClock(quiet: quiet)
        var population: PopulationTable?
        if let populationPath {
            clock.begin("reading population \(populationPath)")
            population = try CityInputs.readPopulation(populationPath)
        }
        let (feeds, elevation) = try CityInputs.readFeedsAndElevation(gtfs: gtfsPaths, dem: demPath, clock: clock)
        var loadOptions = OSMLoadOptions()
        loadOptions.keepResidentialBuildings = population == nil
        var (city, report) = try CityFile.load(extract, options: loadOptions, stage: clock.begin)
        var diagnostics = report.diagnostics
        CityInputs.replaceTransit(in: &city, with: feeds)
        let residents = population ?? CityInputs.buildingPopulation(city, floorArea: floorArea, diagnostics: &diagnostics)
        let points = residents.coordinates.map(city.projection.project)
        var values: [IndicatorValue] = [], layers: [CoverageLayer] = []
        for profile in profiles {
            clock.begin("indicators for \(profile.name)")
            let result = StandardIndicators(city: city, profile: profile, points: points, residents: residents.residents,
                                            options: options, elevation: CityInputs.sampler(elevation, for: city),
                                            diagnostics: &diagnostics)
            values += result.values
            layers += result.pointLayers
        }
        clock.begin("writing outputs")
        report.diagnostics = diagnostics
        let names = profiles.map(\.name)
        let context: [(String, JSONValue)] = [
            ("walkshed_version", .string(WalkshedCLI.version)),
            ("input", .string(extract)),
            ("elevation_model", demPath.map { .string($0) } ?? .null),
            ("population", .object([
                ("source", .string(populationPath ?? "residential buildings in the extract")),
                ("points", .integer(residents.residents.count)),
                ("residents", .number(residents.total, decimals: 1)),
            ] + (population == nil ? [("floor_area_per_resident_m2", .number(floorArea, decimals: 1))] : []))),
            ("transit_stops", .object(TransitCapacity.allCases.map { c in
                (c.rawValue, .integer(city.services.filter { $0.transitCapacity == c }.count))
            } + [("source", .string(gtfsPaths.isEmpty ? "OpenStreetMap" : gtfsPaths.joined(separator: ",")))])),
            ("parks", .integer(city.parks.count)),
            ("green_spaces", .integer(city.greenSpaces.count)),
            ("warnings", .object(diagnostics.kinds.map { ($0, .integer(diagnostics.count($0))) })),
        ]
        do {
            try OutputFolder.create(outputFolder)
            try transaction.stage(IndicatorFiles.json(values, profiles: names, context: context).text(), at: path("indicators.json"))
            try transaction.stage(IndicatorFiles.csv(values), at: path("indicators.csv"))
            try transaction.stage(PopulationTableWriter.csv(residents, layers: layers), at: path("population.csv"))
            try transaction.commit()
        } catch {
            transaction.rollback()
            throw error
        }
        clock.finish()
        withExtendedLifetime(interrupts) {}
        print("\(FixedPoint.format(residents.total, decimals: 0)) residents at \(residents.residents.count) points; "
              + "\(city.parks.count) parks, \(city.greenSpaces.count) other green spaces; transit stops: "
              + TransitCapacity.allCases.map { c in "\(city.services.filter { $0.transitCapacity == c }.count) \(c.rawValue) capacity" }.joined(separator: ", ")
              + (gtfsPaths.isEmpty ? " (OpenStreetMap)" : " (GTFS)") + ".\n")
        print(IndicatorFiles.table(values, profiles: names), terminator: "")
        print("\nWrote indicators.json, indicators.csv and population.csv to \(outputFolder)/ in \(FixedPoint.format(clock.totalSeconds, decimals: 2)) s.")
        return 0
    }

    private func path(_ name: String) -> String { (outputFolder as NSString).appendingPathComponent(name) }
}

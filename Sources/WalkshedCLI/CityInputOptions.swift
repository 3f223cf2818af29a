import Foundation
import Walkshed
import WalkshedFormats

/// The city-input options every command that reads an extract shares — residents, GTFS,
/// elevation — declared once, parsed into a `StudyRequest`.
struct CityInputOptions {
    static let population = OptionSpec(name: "--population", valueName: "<file>",
                                       help: "Residents: CSV points (lon,lat,population), an ESRI ASCII grid (.asc) of counts, or 'buildings' to estimate them from residential buildings.")
    static let floorArea = OptionSpec(name: "--floor-area-m2", valueName: "<m2>", help: "Floor area per resident for --population buildings. (default: 35)")
    static let gtfs = OptionSpec(name: "--gtfs", valueName: "<zip,...>", help: "GTFS feeds, comma-separated; their served stops replace OSM transit.")
    static let dem = OptionSpec(name: "--dem", valueName: "<asc>",
                                help: "Elevation model (ESRI ASCII grid, metres; degrees or a UTM zone in its .prj): speeds follow Tobler's hiking function.")
    static let destinations = OptionSpec(name: "--destinations", valueName: "<name=file>",
                                         help: "Also measure access to your own destinations: CSV (lon,lat) or GeoJSON points or polygons (reached like parks); repeat for more kinds.")
    static let destinationWeight = OptionSpec(name: "--destination-weight", valueName: "<name=column>",
                                              help: "Weigh --destinations <name> by this CSV column or GeoJSON property in weighted counts (0: no destination there).")
    static let allComponents = OptionSpec(name: "--all-components", valueName: nil, help: "Keep every connected component, not just the largest.")

    static let boundary = OptionSpec(name: "--boundary", valueName: "<geojson>",
                                     help: "Study only this area of the extract (a Polygon, MultiPolygon, Feature or FeatureCollection): grids, residents and shares cover it; the network is kept as far beyond it as the budget reaches.")
    static let boundaryFeature = OptionSpec(name: "--boundary-feature", valueName: "<key=value>",
                                            help: "The feature of a --boundary FeatureCollection whose property <key> is <value>.")
    static let bbox = OptionSpec(name: "--bbox", valueName: "<W,S,E,N>", help: "Study only this box of the extract, in degrees (as --boundary).")

    /// Residents, transit, elevation, the user's own destinations and the area: the group most commands take.
    static let maxMemory = OptionSpec(name: "--max-memory-mib", valueName: "<MiB>",
                                      help: "Refuse, before it starts, work estimated to need more memory. (default: 80% of the least of physical memory, ulimit -v and the cgroup's memory.max)")
    static let specs = [population, floorArea, gtfs, dem, destinations, destinationWeight, boundary, boundaryFeature, bbox, maxMemory]

    var request: StudyRequest

    init(extract: String, _ arguments: CommandArguments) throws {
        request = StudyRequest(extract: extract)
        request.population = arguments.values[Self.population.name]
        request.floorAreaPerResident = try arguments.positiveDouble(Self.floorArea.name, default: ResidentialBuilding.defaultFloorAreaPerResident,
                                                                    in: ValidRange.floorAreaSquareMetres)
        request.gtfs = arguments.list(Self.gtfs.name)
        request.elevation = arguments.values[Self.dem.name]
        request.allComponents = arguments.flags.contains(Self.allComponents.name)
        request.destinations = try Self.destinationSources(arguments)
        request.threads = try CommonOptions.threads(arguments)
        request.area = try Self.area(arguments)
        (request.maxMemoryBytes, request.memoryLimitSource) = try Self.memoryBudget(arguments)
    }

    /// `--max-memory-mib`, or 80 % of the binding `MemoryLimit`, in bytes, with what set it.
    static func memoryBudget(_ arguments: CommandArguments) throws -> (bytes: Double, source: String) {
        if arguments.values[maxMemory.name] != nil {
            return (try arguments.positiveDouble(maxMemory.name, default: 0, in: 0...1e12) * 1_048_576, "--max-memory-mib")
        }
        let limit = MemoryLimit.current()
        return (0.8 * limit.bytes, "80% of \(limit.source), \(Int((limit.bytes / 1_048_576).rounded())) MiB")
    }

    /// `--boundary` (with `--boundary-feature`) or `--bbox`, with the margin the farthest search
    /// can go: the fastest profile's speed (×1.25 for downhill walking) over the budget or
    /// `--max-minutes`, plus the snap limit and 100 m.
    static func area(_ arguments: CommandArguments) throws -> StudyArea? {
        let path = arguments.values[boundary.name], box = arguments.values[bbox.name]
        guard path != nil || box != nil else {
            if arguments.values[boundaryFeature.name] != nil { throw UsageError("option '--boundary-feature' needs --boundary") }
            return nil
        }
        if path != nil && box != nil { throw UsageError("give --boundary or --bbox, not both") }
        let minutes = max(try arguments.positiveDouble("--minutes", default: 15, in: ValidRange.minutes), try arguments.positiveDouble("--max-minutes", default: 0.001, in: ValidRange.minutes))
        let speed = try CommonOptions.profiles(arguments, default: "walk,wheelchair").map(\.metresPerSecond).max() ?? 1.34
        let margin = speed * 1.25 * minutes * 60 + (try arguments.positiveDouble("--snap-limit-m", default: 300, in: ValidRange.distanceMetres)) + 100
        if let box {
            let numbers = box.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard numbers.count == 4, let w = numbers[0], let s = numbers[1], let e = numbers[2], let n = numbers[3],
                  w >= -180, e <= 180, s >= -90, n <= 90, w < e, s < n else {
                throw UsageError("option '--bbox' takes west,south,east,north in degrees (west < east, south < north), got '\(box)'")
            }
            return StudyArea(box: (w, s, e, n), marginMetres: margin)
        }
        var feature: (key: String, value: String)?
        if let text = arguments.values[boundaryFeature.name] {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw UsageError("option '--boundary-feature' takes <key>=<value>, got '\(text)'") }
            feature = (parts[0], parts[1])
        }
        let named = try BoundaryReader.readOne(path!, feature: feature)
        return StudyArea(name: named.name, polygon: named.polygon, marginMetres: margin)
    }

    /// Every destination kind a study of these options measures: the built-in ones, then the user's.
    var destinationKinds: [DestinationKind] { DestinationKind.builtIn + request.destinations.map { .custom($0.name) } }

    /// `--destinations NAME=FILE` (any number) with their `--destination-weight NAME=COLUMN`.
    static func destinationSources(_ arguments: CommandArguments) throws -> [DestinationSource] {
        func pair(_ text: String, _ option: String) throws -> (String, String) {
            guard let eq = text.firstIndex(of: "="), eq != text.startIndex, text.index(after: eq) != text.endIndex else {
                throw UsageError("option '\(option)' takes NAME=\(option == destinations.name ? "FILE" : "COLUMN"), got '\(text)'")
            }
            return (String(text[..<eq]), String(text[text.index(after: eq)...]))
        }
        var sources: [DestinationSource] = []
        for text in arguments.allValues[destinations.name] ?? [] {
            let (name, path) = try pair(text, destinations.name)
            if let problem = DestinationSource.problem(withName: name, taken: sources.map(\.name)) { throw UsageError(problem) }
            sources.append(DestinationSource(name: name, path: path))
        }
        for text in arguments.allValues[destinationWeight.name] ?? [] {
            let (name, column) = try pair(text, destinationWeight.name)
            guard let k = sources.firstIndex(where: { $0.name == name }) else {
                throw UsageError("option '--destination-weight' names '\(name)', which no --destinations defines")
            }
            sources[k].weightColumn = column
        }
        return sources
    }
}

/// Options several commands share besides the city inputs, each declared once.
enum CommonOptions {
    static let format = OptionSpec(name: "--format", valueName: "<list>",
                                   help: "Files to write, comma-separated: geotiff, asc (ESRI ASCII grid + .prj), csv (cells.csv), geojson (cells.geojson), map (map.json for walkshed report), or all. (default: geotiff,map)")
    static let out = OptionSpec(name: "--out", valueName: "<dir>", help: "Output folder (created if missing).")
    static let minutes = OptionSpec(name: "--minutes", valueName: "<n>", help: "Time budget in minutes. (default: 15)")
    static let cell = OptionSpec(name: "--cell-m", valueName: "<metres>", help: "Grid cell side in metres. (default: 100)")
    static let snapLimit = OptionSpec(name: "--snap-limit-m", valueName: "<metres>", help: "Places farther than this from the network are NODATA. (default: 300)")
    static let profile = OptionSpec(name: "--profile", valueName: "<name>", help: "walk, senior, wheelchair or bike. (default: walk)")
    static let profiles = OptionSpec(name: "--profile", valueName: "<list>", help: "walk, senior, wheelchair or bike (see README); several, comma-separated.")
    static let threads = OptionSpec(name: "--threads", valueName: "<n>", help: "Worker threads; results are identical for any value. (default: all cores)")
    static let force = OptionSpec(name: "--force", valueName: nil, help: "Overwrite earlier results in <dir>.")
    static let quiet = OptionSpec(name: "--quiet", valueName: nil, help: "No progress on stderr.")

    static func formats(_ arguments: CommandArguments) throws -> OutputFormats {
        guard let text = arguments.values[format.name] else { return .standard }
        switch OutputFormats.parse(text) {
        case .success(let formats): return formats
        case .failure(let unknown):
            throw UsageError("unknown format '\(unknown.word)' in --format; known: geotiff, asc, csv, geojson, map, all")
        }
    }

    static func threads(_ arguments: CommandArguments) throws -> Int {
        try arguments.positiveInt(threads.name, default: ProcessInfo.processInfo.activeProcessorCount)
    }

    static func output(_ arguments: CommandArguments, name: String = out.name) throws -> String {
        guard let folder = arguments.values[name] else { throw UsageError("missing \(name) <dir>") }
        return folder
    }

    /// The profiles of `--profile` (a list unless `single`), each a preset, at `--speed-kmh`
    /// when given (one profile only).
    static func profiles(_ arguments: CommandArguments, default fallback: String = "walk", single: Bool = false) throws -> [TravelProfile] {
        let names = (arguments.values[profile.name] ?? fallback).split(separator: ",").map(String.init)
        guard !names.isEmpty, Set(names).count == names.count else { throw UsageError("option '--profile' needs distinct profile names") }
        if single && names.count > 1 { throw UsageError("option '--profile' takes one profile here, got \(names.count)") }
        let speed = arguments.values["--speed-kmh"] == nil ? nil : try arguments.positiveDouble("--speed-kmh", default: 0, in: ValidRange.kilometresPerHour)
        if speed != nil && names.count > 1 { throw UsageError("option '--speed-kmh' applies to a single --profile") }
        return try names.map { name in
            guard let p = TravelProfile.preset(name, kilometresPerHour: speed) else {
                throw UsageError("unknown profile '\(name)'; choose one of \(TravelProfile.presetNames.joined(separator: ", "))")
            }
            return p
        }
    }
}

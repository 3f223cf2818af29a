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
        MemoryLimit.budget(mebibytes: arguments.values[maxMemory.name] == nil ? nil : try arguments.positiveDouble(maxMemory.name, default: 0, in: 0...1e12))
    }

    /// `--boundary` (with `--boundary-feature`) or `--bbox`, with `StudyArea.marginMetres` for the
    /// fastest profile over the budget or `--max-minutes`.
    static func area(_ arguments: CommandArguments) throws -> StudyArea? {
        let path = arguments.values[boundary.name], box = arguments.values[bbox.name]
        guard path != nil || box != nil else {
            if arguments.values[boundaryFeature.name] != nil { throw UsageError("option '--boundary-feature' needs --boundary") }
            return nil
        }
        if path != nil && box != nil { throw UsageError("give --boundary or --bbox, not both") }
        let minutes = max(try arguments.positiveDouble("--minutes", default: 15, in: ValidRange.minutes), try arguments.positiveDouble("--max-minutes", default: 0.001, in: ValidRange.minutes))
        let speed = try CommonOptions.profiles(arguments, default: "walk,wheelchair").map(\.metresPerSecond).max() ?? 1.34
        let margin = StudyArea.marginMetres(fastestMetresPerSecond: speed, minutes: minutes,
                                            snapLimitMetres: try arguments.positiveDouble("--snap-limit-m", default: 300, in: ValidRange.distanceMetres))
        if let box {
            guard let area = StudyArea(bbox: box, marginMetres: margin) else {
                throw UsageError("option '--bbox' takes west,south,east,north in degrees (west < east, south < north), got '\(box)'")
            }
            return area
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

import Foundation
import Walkshed
import WalkshedFormats

/// Inputs `analyze` and `indicators` share: residents from a file or from buildings, and
/// transit stops from GTFS feeds.
enum CityInputs {
    /// Residents from CSV points or an ESRI ASCII grid (`.asc`).
    static func readPopulation(_ path: String) throws -> PopulationTable {
        path.lowercased().hasSuffix(".asc") ? try PopulationGridReader.read(path) : try PopulationCSVReader.read(path)
    }

    /// Reads the GTFS feeds and the elevation model a command was given, each as a stage.
    static func readFeedsAndElevation(gtfs paths: [String], dem: String?, clock: StageClock) throws
        -> (feeds: [GTFSFeed], elevation: ElevationGrid?) {
        let feeds = try paths.map { path in
            clock.begin("reading GTFS \(path)")
            return try GTFSReader.read(path)
        }
        let elevation = try dem.map { path in
            clock.begin("reading elevation model \(path)")
            return try ElevationGridReader.read(path)
        }
        return (feeds, elevation)
    }

    /// The elevation model as a function of the city's projected points, when there is one.
    static func sampler(_ elevation: ElevationGrid?, for city: City) -> ((PlanarPoint) -> Double?)? {
        let projection = city.projection
        return elevation.map { dem in { dem.elevation(at: $0, projection: projection) } }
    }

    /// The profile's costs over the city: on sloped ground with an elevation model, else flat.
    static func costs(_ city: City, _ profile: TravelProfile, elevation: ElevationGrid?) -> ProfileCosts {
        sampler(elevation, for: city).map { ProfileCosts(graph: city.graph, profile: profile, elevation: $0) }
            ?? ProfileCosts(graph: city.graph, profile: profile)
    }

    /// Replaces the city's OpenStreetMap transit with the served stops of `feeds`.
    static func replaceTransit(in city: inout City, with feeds: [GTFSFeed]) {
        guard !feeds.isEmpty else { return }
        city.services.removeAll { $0.category == .transit }
        for feed in feeds {
            for stop in feed.stops {
                city.services.append(ServicePoint(category: .transit, position: city.projection.project(stop.coordinate),
                                                  osmReference: "gtfs:\((feed.path as NSString).lastPathComponent)/\(stop.id)",
                                                  name: stop.name, transitCapacity: stop.capacity))
            }
        }
    }

    /// Residents estimated from the city's residential buildings, one point per building, after
    /// printing the rule and its defaults on stderr.
    static func buildingPopulation(_ city: City, floorArea: Double, diagnostics: inout Diagnostics) -> PopulationTable {
        Terminal.status("Estimating residents from \(city.residentialBuildings.count) residential buildings: footprint × storeys ÷ \(FixedPoint.format(floorArea, decimals: 1)) m²; storeys when untagged: \(OSMTagRules.residentialBuildingLevels.sorted { $0.key < $1.key }.map { "\($0.key) \(Int($0.value))" }.joined(separator: ", ")), building=yes inside landuse=residential \(Int(OSMTagRules.genericBuildingLevels)).")
        if city.residentialBuildings.isEmpty {
            diagnostics.warn("no residents", "no residential buildings to estimate residents from; pass --population")
        }
        var table = PopulationTable(header: ["building", "kind", "lon", "lat", "footprint_m2", "levels", "population"], rows: [],
                                    coordinates: [], residents: [])
        for b in city.residentialBuildings {
            let c = city.projection.unproject(b.position), residents = b.estimatedResidents(floorAreaPerResident: floorArea)
            table.rows.append([b.osmReference, b.kind, FixedPoint.format(c.longitude, decimals: 7), FixedPoint.format(c.latitude, decimals: 7),
                               FixedPoint.format(b.footprintSquareMetres, decimals: 1), FixedPoint.format(b.levels, decimals: 1),
                               FixedPoint.format(residents, decimals: 2)])
            table.coordinates.append(c)
            table.residents.append(residents)
        }
        return table
    }
}

/// A city read with everything a command was given: residents, GTFS stops, elevation.
struct LoadedCity {
    var city: City
    var report: OSMLoadReport
    var population: PopulationTable?
    var elevation: ElevationGrid?
}

enum CityLoading {
    /// Reads the population (a file or `buildings`), the GTFS feeds and the elevation model,
    /// then the extract (largest component), and replaces OSM transit with the feeds' stops.
    static func load(extract: String, populationPath: String?, floorArea: Double, gtfsPaths: [String], demPath: String?,
                     clock: StageClock) throws -> LoadedCity {
        let fromBuildings = populationPath == "buildings"
        var population = try populationPath.flatMap { path -> PopulationTable? in
            guard !fromBuildings else { return nil }
            clock.begin("reading population \(path)")
            return try CityInputs.readPopulation(path)
        }
        let (feeds, elevation) = try CityInputs.readFeedsAndElevation(gtfs: gtfsPaths, dem: demPath, clock: clock)
        var loadOptions = OSMLoadOptions()
        loadOptions.keepResidentialBuildings = fromBuildings
        var (city, report) = try CityFile.load(extract, options: loadOptions, stage: clock.begin)
        CityInputs.replaceTransit(in: &city, with: feeds)
        if fromBuildings { population = CityInputs.buildingPopulation(city, floorArea: floorArea, diagnostics: &report.diagnostics) }
        return LoadedCity(city: city, report: report, population: population, elevation: elevation)
    }
}

import Foundation
import Walkshed

/// Reads everything a `StudyRequest` names into a `Study`: residents, GTFS feeds and the
/// elevation model first (small files fail fast), then the extract; then parks are filtered,
/// OpenStreetMap transit is replaced by the feeds' served stops, and residents are estimated
/// from buildings when asked.
public enum StudyLoader {
    /// - Throws: the readers' errors, naming the file and place.
    public static func load(_ request: StudyRequest, progress: any StudyProgress) throws -> LoadedStudy {
        try MemoryLimit.checkReading(request.extract, maxBytes: request.maxMemoryBytes, source: request.memoryLimitSource)
        var population = try request.population.flatMap { path -> PopulationTable? in
            guard !request.residentsFromBuildings else { return nil }
            progress.begin("reading population \(path)")
            return try readPopulation(path)
        }
        let feeds = try request.gtfs.map { path in
            progress.begin("reading GTFS \(path)")
            return try GTFSReader.read(path)
        }
        let elevation = try request.elevation.map { path in
            progress.begin("reading elevation model \(path)")
            return try ElevationGridReader.read(path)
        }
        let destinations = try request.destinations.map { source in
            progress.begin("reading \(source.name) destinations \(source.path)")
            return try DestinationFileReader.read(source)
        }
        var options = OSMLoadOptions()
        options.largestComponentOnly = !request.allComponents
        options.keepResidentialBuildings = request.residentsFromBuildings
        options.threads = request.threads
        options.keepWithin = request.area?.keptBox
        var (loaded, report) = try CityFile.load(request.extract, options: options, stage: progress.begin)
        var city = loaded.keepingParks(minimumHectares: request.parkMinimumHectares, kinds: request.parkKinds)
        city = city.replacingTransit(with: feeds.flatMap { $0.servicePoints(projection: city.projection) })
        if request.residentsFromBuildings {
            progress.note(PopulationTable.buildingEstimateRule(buildings: city.residentialBuildings.count,
                                                               floorArea: request.floorAreaPerResident))
            if city.residentialBuildings.isEmpty {
                report.diagnostics.warn("no residents", "no residential buildings to estimate residents from; pass --population")
            }
            population = PopulationTable(buildings: city.residentialBuildings, projection: city.projection,
                                         floorArea: request.floorAreaPerResident)
        }
        let boundary = request.area.map { $0.polygon.projected(city.projection) }
        if let boundary, let table = population {
            // Residents outside the area are not studied; the table keeps the same rows.
            let inside = table.coordinates.indices.filter { boundary.contains(city.projection.project(table.coordinates[$0])) }
            population = PopulationTable(header: table.header, rows: inside.map { table.rows[$0] },
                                         coordinates: inside.map { table.coordinates[$0] }, residents: inside.map { table.residents[$0] })
        }
        let residents = population.map {
            Residents(source: request.populationSource!,
                      positions: $0.coordinates.map(city.projection.project), counts: $0.residents)
        }
        for file in destinations where file.references.isEmpty {
            report.diagnostics.warn("no destinations of a kind", "\(file.source.path) holds no \(file.source.name) destinations; \(file.source.name)_minutes is NODATA everywhere")
        }
        var study = Study(city: city, residents: residents, elevation: elevation,
                          customDestinations: destinations.map { $0.projected(city.projection) }, loadDiagnostics: report.diagnostics)
        if let boundary {
            study = study.clipped(to: boundary)
            study.boundary = boundary
        }
        return LoadedStudy(study: study, report: report, population: population)
    }

    /// Residents from CSV points, an ESRI ASCII grid (`.asc`) or a GeoTIFF (`.tif`).
    public static func readPopulation(_ path: String) throws -> PopulationTable {
        GeoRasterFile.isRaster(path) ? try PopulationGridReader.read(path) : try PopulationCSVReader.read(path)
    }
}

extension GTFSFeed {
    /// The feed's served stops as transit services, referenced `gtfs:<feed file>/<stop_id>`.
    public func servicePoints(projection: UTMProjection) -> [ServicePoint] {
        let feed = (path as NSString).lastPathComponent
        return stops.map { stop in
            ServicePoint(category: .transit, position: projection.project(stop.coordinate), osmReference: "gtfs:\(feed)/\(stop.id)",
                         name: stop.name, transitCapacity: stop.capacity)
        }
    }
}

extension PopulationTable {
    /// Residents estimated from residential buildings, one point per building:
    /// footprint × storeys ÷ `floorArea` square metres per resident.
    public init(buildings: [ResidentialBuilding], projection: UTMProjection, floorArea: Double) {
        self.init(header: ["building", "kind", "lon", "lat", "footprint_m2", "levels", "population"], rows: [], coordinates: [], residents: [])
        for b in buildings {
            let c = projection.unproject(b.position), residents = b.estimatedResidents(floorAreaPerResident: floorArea)
            rows.append([b.osmReference, b.kind, FixedPoint.format(c.longitude, decimals: 7), FixedPoint.format(c.latitude, decimals: 7),
                         FixedPoint.format(b.footprintSquareMetres, decimals: 1), FixedPoint.format(b.levels, decimals: 1),
                         FixedPoint.format(residents, decimals: 2)])
            coordinates.append(c)
            self.residents.append(residents)
        }
    }

    /// The estimate's rule and defaults, told to the user before it is used.
    public static func buildingEstimateRule(buildings: Int, floorArea: Double) -> String {
        let levels = OSMTagRules.residentialBuildingLevels.sorted { $0.key < $1.key }.map { "\($0.key) \(Int($0.value))" }.joined(separator: ", ")
        return "Estimating residents from \(buildings) residential buildings: footprint × storeys ÷ \(FixedPoint.format(floorArea, decimals: 1)) m²; "
            + "storeys when untagged: \(levels), building=yes inside landuse=residential \(Int(OSMTagRules.genericBuildingLevels))."
    }
}

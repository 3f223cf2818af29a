import Foundation
import Walkshed

/// The files a study is read from, as a command, a server or a batch manifest names them.
public struct StudyRequest: Sendable {
    /// An OSM extract (PBF or XML) or a `.wsn` network file.
    public var extract: String
    /// Residents: CSV points, an ESRI ASCII grid (`.asc`) of counts, or `buildings` to estimate
    /// them from residential buildings; nil: none.
    public var population: String?
    /// Floor area per resident for the building estimate, in square metres.
    public var floorAreaPerResident = ResidentialBuilding.defaultFloorAreaPerResident
    /// GTFS feeds whose served stops replace OpenStreetMap transit.
    public var gtfs: [String] = []
    /// An elevation model (ESRI ASCII grid in metres).
    public var elevation: String?
    /// Keep every connected component, not only the largest.
    public var allComponents = false
    /// Keep only parks of at least this area, in hectares.
    public var parkMinimumHectares = 0.0
    /// Keep only parks of these kinds (`park`, `garden`, …); nil: all.
    public var parkKinds: Set<String>?
    /// Destinations of the user's own kinds, measured after the built-in ones.
    public var destinations: [DestinationSource] = []
    /// The municipality to study inside a larger extract, if any.
    public var area: StudyArea?
    /// The most memory the run may take, in bytes, and what set it (`--max-memory-mib`, or a
    /// share of the `MemoryLimit`); reading refuses an extract expected to need more.
    public var maxMemoryBytes = Double.infinity
    public var memoryLimitSource = "no limit"
    /// Threads reading the extract; the study is the same for any value.
    public var threads = ProcessInfo.processInfo.activeProcessorCount

    public init(extract: String) {
        self.extract = extract
    }

    /// The name results give the residents (`Residents.source`): the file, `residential
    /// buildings`, or nil without residents.
    public var populationSource: String? { residentsFromBuildings ? "residential buildings" : population }

    /// Whether residents are estimated from the extract's buildings.
    public var residentsFromBuildings: Bool { population == StudyRequest.buildings }

    /// The `population` value that asks for residents estimated from buildings.
    public static let buildings = "buildings"
}

/// A study read from files, with what the files said about themselves.
public struct LoadedStudy: Sendable {
    public var study: Study
    /// The extract's facts; its diagnostics are the study's load warnings.
    public var report: OSMLoadReport
    /// The residents as read (every column kept, for `population.csv`); nil without residents.
    public var population: PopulationTable?
}

/// A municipality inside a larger extract (`--boundary`, `--bbox`): grids, residents and shares
/// cover `polygon` only; the network and point destinations are kept `marginMetres` beyond its
/// box, far enough that a resident inside reaches everything the time budget allows.
public struct StudyArea: Sendable {
    public var name: String
    /// The area in longitude/latitude degrees.
    public var polygon: GeoPolygon
    /// How far beyond the area the network is kept, in metres.
    public var marginMetres: Double

    public init(name: String, polygon: GeoPolygon, marginMetres: Double) {
        self.name = name
        self.polygon = polygon
        self.marginMetres = marginMetres
    }

    /// How far the farthest search can go beyond the area: the fastest speed (×1.25 for
    /// downhill walking) over `minutes`, plus the snap limit and 100 m, in metres.
    public static func marginMetres(fastestMetresPerSecond speed: Double, minutes: Double, snapLimitMetres: Double) -> Double {
        speed * 1.25 * minutes * 60 + snapLimitMetres + 100
    }

    /// A `--bbox` text `west,south,east,north` in degrees; nil unless four numbers within ±180/±90
    /// with west < east and south < north.
    public init?(bbox text: String, marginMetres: Double) {
        let numbers = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 4, let w = numbers[0], let s = numbers[1], let e = numbers[2], let n = numbers[3],
              w >= -180, e <= 180, s >= -90, n <= 90, w < e, s < n else { return nil }
        self.init(box: (w, s, e, n), marginMetres: marginMetres)
    }

    /// A `--bbox` rectangle (west, south, east, north in degrees).
    public init(box: (west: Double, south: Double, east: Double, north: Double), marginMetres: Double) {
        let ring = [GeoCoordinate(longitude: box.west, latitude: box.south), GeoCoordinate(longitude: box.east, latitude: box.south),
                    GeoCoordinate(longitude: box.east, latitude: box.north), GeoCoordinate(longitude: box.west, latitude: box.north),
                    GeoCoordinate(longitude: box.west, latitude: box.south)]
        self.init(name: "bbox", polygon: GeoPolygon(outerRings: [ring]), marginMetres: marginMetres)
    }

    /// The area's box widened by the margin (degrees per metre taken at the latitude farthest
    /// from the equator, so the box is never narrower than the margin).
    public var keptBox: GeoBox {
        let all = polygon.outerRings.joined()
        let minLat = all.map(\.latitude).min() ?? 0, maxLat = all.map(\.latitude).max() ?? 0
        let minLon = all.map(\.longitude).min() ?? 0, maxLon = all.map(\.longitude).max() ?? 0
        let metresPerDegree = 111_320.0
        let dLat = marginMetres / metresPerDegree
        let widest = min(89.0, max(abs(minLat), abs(maxLat)) + dLat)
        let dLon = marginMetres / (metresPerDegree * cos(widest * .pi / 180))
        return GeoBox(minLongitude: minLon - dLon, minLatitude: max(-90, minLat - dLat),
                      maxLongitude: maxLon + dLon, maxLatitude: min(90, maxLat + dLat))
    }
}

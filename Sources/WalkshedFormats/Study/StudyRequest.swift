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
    /// Threads reading the extract; the study is the same for any value.
    public var threads = ProcessInfo.processInfo.activeProcessorCount

    public init(extract: String) {
        self.extract = extract
    }

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

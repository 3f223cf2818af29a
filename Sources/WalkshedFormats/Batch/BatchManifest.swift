import Foundation
import Walkshed

/// A `walkshed batch` manifest (JSON, schema version 1): the studies of a batch and the
/// analysis options they all share.
///
/// ```json
/// {"version": 1,
///  "options": {"cell": 100, "snap_limit": 300, "profiles": ["walk", "wheelchair"], "budgets": [15]},
///  "studies": [
///   {"label": "porto-alegre", "extract": "porto-alegre.osm.pbf", "population": "porto-alegre.csv",
///    "gtfs": ["eptc.zip"], "scenarios": ["new-park.json"], "targets": "targets.json"},
///   {"label": "region", "extract": "region.osm.pbf", "boundaries": "municipalities.geojson",
///    "boundary_name": "name", "population": "buildings", "profiles": ["walk"], "budgets": [10, 15]}]}
/// ```
///
/// Paths are relative to the manifest's folder. `options` holds what every unit must share
/// (so a merged table compares like with like) and the default `profiles` and `budgets`;
/// a study may name its own. Unknown keys are errors, so a typo cannot pass silently.
public struct BatchManifest: Sendable, Equatable {
    /// The manifest file, as given.
    public var path: String
    public var options: BatchOptions
    public var studies: [BatchStudy]

    public static let maxBytes = 4 << 20
    public static let maxDepth = 16
}

/// The options every unit of a batch runs with.
public struct BatchOptions: Sendable, Equatable, Codable {
    /// Grid cell side, metres.
    public var cellMetres = 100.0
    /// Places farther than this from the network are NODATA, metres.
    public var snapLimitMetres = 300.0
    /// Keep only parks of at least this many hectares.
    public var parkMinimumHectares = 0.0
    /// The k of the standard indicators' mean time to the k nearest.
    public var nearestK = 20
    /// Default profiles and budgets (minutes) of a study that names none.
    public var profiles = ["walk"]
    public var budgets = [15.0]

    public init() {}
}

/// One study of a batch: a city (or a region cut into municipalities) and what to run on it.
public struct BatchStudy: Sendable, Equatable {
    /// Names the study in folders and tables: letters, digits, `-`, `_` and `.`.
    public var label: String
    public var request: StudyRequest
    /// A GeoJSON FeatureCollection of (multi)polygons, one unit each, and the property naming them.
    public var boundaries: String?
    public var boundaryNameProperty = "name"
    public var profiles: [String]
    public var budgets: [Double]
    public var scenarios: [String]
    public var targets: String?
}

extension StudyRequest: Equatable {
    public static func == (a: StudyRequest, b: StudyRequest) -> Bool {
        a.extract == b.extract && a.population == b.population && a.floorAreaPerResident == b.floorAreaPerResident && a.gtfs == b.gtfs
            && a.elevation == b.elevation && a.allComponents == b.allComponents && a.parkMinimumHectares == b.parkMinimumHectares
            && a.parkKinds == b.parkKinds && a.destinations == b.destinations
    }
}

/// Reads a batch manifest; every fault names the file and its JSON path (`studies[2].budgets[0]`).
public enum BatchManifestReader {
    public static func read(_ path: String) throws -> BatchManifest {
        try read(bytes: JSONInput.contents(of: path), path: path)
    }

    public static func read(bytes: [UInt8], path: String) throws -> BatchManifest {
        func fail(_ place: String, _ message: String) -> JSONInputError { JSONInputError(path: path, place: place, message: message) }
        let object = try JSONInput.object(bytes, name: path, maxBytes: BatchManifest.maxBytes, maxDepth: BatchManifest.maxDepth)
        try refuseUnknownKeys(object, known: ["version", "options", "studies"], at: "", fail: fail)
        guard let version = object["version"] as? Int, !JSONInput.isBoolean(object["version"]!), version == 1 else {
            throw fail("version", "expected 1 (the only schema version), got \(JSONInput.described(object["version"]))")
        }
        let folder = (path as NSString).deletingLastPathComponent
        func resolved(_ file: String) -> String {
            file.hasPrefix("/") || folder.isEmpty ? file : (folder as NSString).appendingPathComponent(file)
        }
        var options = BatchOptions()
        if let value = object["options"] {
            guard let o = value as? [String: Any] else { throw fail("options", "expected an object") }
            try refuseUnknownKeys(o, known: ["cell", "snap_limit", "park_min_ha", "nearest", "profiles", "budgets"], at: "options.", fail: fail)
            options.cellMetres = try number(o["cell"], at: "options.cell", range: 1...10_000, fail: fail) ?? options.cellMetres
            options.snapLimitMetres = try number(o["snap_limit"], at: "options.snap_limit", range: 1...100_000, fail: fail) ?? options.snapLimitMetres
            options.parkMinimumHectares = try number(o["park_min_ha"], at: "options.park_min_ha", range: 0...1_000_000, fail: fail) ?? 0
            if let k = try number(o["nearest"], at: "options.nearest", range: 1...32, fail: fail) {
                guard k == k.rounded() else { throw fail("options.nearest", "expected a whole number") }
                options.nearestK = Int(k)
            }
            options.profiles = try profiles(o["profiles"], at: "options.profiles", fail: fail) ?? options.profiles
            options.budgets = try budgets(o["budgets"], at: "options.budgets", fail: fail) ?? options.budgets
        }
        guard let list = object["studies"] as? [Any], !list.isEmpty else { throw fail("studies", "expected a non-empty array") }
        var studies: [BatchStudy] = []
        for (k, item) in list.enumerated() {
            let at = "studies[\(k)]"
            guard let s = item as? [String: Any] else { throw fail(at, "expected an object") }
            try refuseUnknownKeys(s, known: ["label", "extract", "boundaries", "boundary_name", "population", "floor_area", "gtfs", "dem",
                                             "profiles", "budgets", "scenarios", "targets"], at: "\(at).", fail: fail)
            guard let label = s["label"] as? String, BatchPlan.isValidLabel(label) else {
                throw fail("\(at).label", "required: letters, digits, '-', '_' or '.', at most 64, not starting with '.'")
            }
            if studies.contains(where: { $0.label == label }) { throw fail("\(at).label", "'\(label)' names two studies") }
            guard let extract = s["extract"] as? String, !extract.isEmpty else { throw fail("\(at).extract", "required, a file name") }
            var request = StudyRequest(extract: resolved(extract))
            request.parkMinimumHectares = options.parkMinimumHectares
            if let population = try string(s["population"], at: "\(at).population", fail: fail) {
                request.population = population == StudyRequest.buildings ? population : resolved(population)
            }
            request.floorAreaPerResident = try number(s["floor_area"], at: "\(at).floor_area", range: 1...10_000, fail: fail)
                ?? request.floorAreaPerResident
            request.gtfs = try strings(s["gtfs"], at: "\(at).gtfs", fail: fail).map(resolved)
            request.elevation = try string(s["dem"], at: "\(at).dem", fail: fail).map(resolved)
            var study = BatchStudy(label: label, request: request,
                                   boundaries: try string(s["boundaries"], at: "\(at).boundaries", fail: fail).map(resolved),
                                   profiles: try profiles(s["profiles"], at: "\(at).profiles", fail: fail) ?? options.profiles,
                                   budgets: try budgets(s["budgets"], at: "\(at).budgets", fail: fail) ?? options.budgets,
                                   scenarios: try strings(s["scenarios"], at: "\(at).scenarios", fail: fail).map(resolved),
                                   targets: try string(s["targets"], at: "\(at).targets", fail: fail).map(resolved))
            if let name = try string(s["boundary_name"], at: "\(at).boundary_name", fail: fail) {
                guard study.boundaries != nil else { throw fail("\(at).boundary_name", "needs \"boundaries\"") }
                study.boundaryNameProperty = name
            }
            studies.append(study)
        }
        return BatchManifest(path: path, options: options, studies: studies)
    }

    static func refuseUnknownKeys(_ object: [String: Any], known: Set<String>, at prefix: String, fail: GeoJSONGeometry.Fail) throws {
        if let unknown = Set(object.keys).subtracting(known).sorted().first { throw fail("\(prefix)\(unknown)", "unknown key") }
    }

    static func number(_ value: Any?, at place: String, range: ClosedRange<Double>, fail: GeoJSONGeometry.Fail) throws -> Double? {
        guard case .some(let number) = JSONInput.number(value), let number else {
            if value == nil { return nil }
            throw fail(place, "expected a number")
        }
        guard range.contains(number) else { throw fail(place, "\(number) is outside \(range.lowerBound)…\(range.upperBound)") }
        return number
    }

    static func string(_ value: Any?, at place: String, fail: GeoJSONGeometry.Fail) throws -> String? {
        guard let value else { return nil }
        guard let text = value as? String, !text.isEmpty else { throw fail(place, "expected a non-empty string") }
        return text
    }

    static func strings(_ value: Any?, at place: String, fail: GeoJSONGeometry.Fail) throws -> [String] {
        guard let value else { return [] }
        guard let list = value as? [Any] else { throw fail(place, "expected an array of strings") }
        return try list.enumerated().map { try string($0.element, at: "\(place)[\($0.offset)]", fail: fail)! }
    }

    static func profiles(_ value: Any?, at place: String, fail: GeoJSONGeometry.Fail) throws -> [String]? {
        guard value != nil else { return nil }
        let names = try strings(value, at: place, fail: fail)
        guard !names.isEmpty, Set(names).count == names.count else { throw fail(place, "expected distinct profile names") }
        for (k, name) in names.enumerated() where TravelProfile.preset(name) == nil {
            throw fail("\(place)[\(k)]", "unknown profile '\(name)'; one of \(TravelProfile.presetNames.joined(separator: ", "))")
        }
        return names
    }

    static func budgets(_ value: Any?, at place: String, fail: GeoJSONGeometry.Fail) throws -> [Double]? {
        guard let value else { return nil }
        guard let list = value as? [Any], !list.isEmpty else { throw fail(place, "expected a non-empty array of minutes") }
        let minutes = try list.enumerated().map { try number($0.element, at: "\(place)[\($0.offset)]", range: 1...1_440, fail: fail)! }
        guard Set(minutes).count == minutes.count else { throw fail(place, "expected distinct budgets") }
        return minutes
    }
}

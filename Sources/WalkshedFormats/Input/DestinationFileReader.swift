import Foundation
import Walkshed

/// Where a user's destinations of one kind come from: `--destinations NAME=FILE`, with an
/// optional weight column (`--destination-weight NAME=COLUMN`).
public struct DestinationSource: Sendable, Equatable {
    public var name: String
    public var path: String
    /// A CSV column or GeoJSON property holding each destination's weight; nil: each weighs 1.
    public var weightColumn: String?

    public init(name: String, path: String, weightColumn: String? = nil) {
        self.name = name
        self.path = path
        self.weightColumn = weightColumn
    }
}

extension DestinationSource {
    /// Names of measures a kind named so would collide with (`greenway_minutes`, …).
    static let reservedNames: Set<String> = ["greenway", "categories", "proximity", "marginal"]

    /// Why `name` cannot name a user's kind (it becomes part of file and column names), or nil
    /// when it can: lower-case letters, digits and `_`, starting with a letter, at most 40; not
    /// a built-in kind or measure; not ending in a suffix its measures add; not `taken`.
    public static func problem(withName name: String, taken: [String]) -> String? {
        let allowed = name.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
        guard allowed, let first = name.utf8.first, (97...122).contains(first), name.count <= 40 else {
            return "destination kind '\(name)' must be lower-case letters, digits and '_', starting with a letter (at most 40)"
        }
        guard DestinationKind(builtInName: name) == nil, !reservedNames.contains(name) else {
            return "destination kind '\(name)' is already a built-in kind or measure; choose another name"
        }
        for suffix in ["_minutes", "_count", "_weighted", "_metres", "_change"] where name.hasSuffix(suffix) {
            return "destination kind '\(name)' ends in '\(suffix)', which its measures add; choose another name (e.g. '\(name.dropLast(suffix.count))')"
        }
        // `<kind>_mean3_minutes` must read back as the mean of a kind, not the minutes of `<kind>_mean3`.
        if let measure = Measure(fileName: name + "_minutes"), measure != .minutes(.custom(name)) {
            return "destination kind '\(name)' reads as another measure's name; choose another name"
        }
        return taken.contains(name) ? "destination kind '\(name)' is given twice" : nil
    }
}

/// A user's destinations as read, in degrees: points, then polygons.
public struct DestinationFile: Sendable {
    public var source: DestinationSource
    public var points: [GeoCoordinate] = []
    public var polygons: [GeoPolygon] = []
    public var references: [String] = []
    /// Per point then polygon, its id: a GeoJSON feature's `id` (else its index), a CSV's
    /// `id` column (else its line number).
    public var ids: [String] = []
    /// Per destination when the source names a weight column.
    public var weights: [Double]?

    /// The destinations in the study's projected metres.
    public func projected(_ projection: UTMProjection) -> CustomDestinations {
        CustomDestinations(name: source.name, points: points.map(projection.project), polygons: polygons.map { $0.projected(projection) },
                           references: references, weights: weights)
    }
}

/// Reads a user's destinations: CSV with `lon` and `lat` columns (any case; also `longitude`,
/// `latitude`, `lng`, `x`, `y`), or a GeoJSON FeatureCollection (RFC 7946) of Point,
/// MultiPoint, Polygon and MultiPolygon features. With a weight column, a destination of weight
/// 0 holds nothing and is left out; a negative or non-numeric weight is an error naming the line
/// or feature.
public enum DestinationFileReader {
    public static let maxGeoJSONBytes = 256 << 20

    public static func read(_ source: DestinationSource) throws -> DestinationFile {
        if isGeoJSON(source.path) { return try readGeoJSON(JSONInput.contents(of: source.path), source) }
        var reader = try CSVRecordReader(path: source.path)
        defer { reader.close() }
        return try readCSV(&reader, source)
    }

    /// Reads bytes held in memory as `source.path` would be read (its name picks the format).
    public static func read(bytes: [UInt8], source: DestinationSource) throws -> DestinationFile {
        if isGeoJSON(source.path) { return try readGeoJSON(bytes, source) }
        var reader = CSVRecordReader(bytes: bytes, name: source.path)
        return try readCSV(&reader, source)
    }

    static func isGeoJSON(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".geojson") || lower.hasSuffix(".json")
    }

    static func readCSV(_ reader: inout CSVRecordReader, _ source: DestinationSource) throws -> DestinationFile {
        guard let (header, headerLine) = try reader.next() else {
            throw CSVError(path: source.path, line: 1, message: "empty file; expected a header with lon and lat")
        }
        let names = header.map { $0.trimmingSpaces().lowercased().replacingBOM() }
        func column(_ role: String, _ accepted: Set<String>) throws -> Int {
            guard let index = names.firstIndex(where: accepted.contains) else {
                throw CSVError(path: source.path, line: headerLine, message: "header has no \(role) column (accepted names: \(accepted.sorted().joined(separator: ", ")))")
            }
            return index
        }
        let lonColumn = try column("lon", ["lon", "lng", "longitude", "x"]), latColumn = try column("lat", ["lat", "latitude", "y"])
        let weightColumn = try source.weightColumn.map { try column($0, [$0.lowercased()]) }
        let idColumn = names.firstIndex(of: "id")
        var file = DestinationFile(source: source, weights: weightColumn == nil ? nil : [])
        while let (fields, line) = try reader.next() {
            guard fields.count == header.count else {
                throw CSVError(path: source.path, line: line, message: "\(fields.count) fields, the header has \(header.count)")
            }
            func number(_ index: Int) throws -> Double {
                let text = fields[index].trimmingSpaces()
                guard let value = Double(text), value.isFinite else {
                    throw CSVError(path: source.path, line: line, message: "\(header[index]) '\(text)' is not a number")
                }
                return value
            }
            let lon = try number(lonColumn), lat = try number(latColumn)
            guard abs(lon) <= 180, abs(lat) <= 90 else {
                throw CSVError(path: source.path, line: line, message: "coordinates (\(lon), \(lat)) are outside ±180, ±90")
            }
            if let weightColumn {
                let weight = fields[weightColumn].trimmingSpaces().isEmpty ? 0 : try number(weightColumn)
                guard weight >= 0 else { throw CSVError(path: source.path, line: line, message: "\(header[weightColumn]) \(weight) is negative") }
                guard ValidRange.destinationWeight.contains(weight) else {
                    throw CSVError(path: source.path, line: line, message: "\(header[weightColumn]) \(weight) is beyond \(ValidRange.text(ValidRange.destinationWeight))")
                }
                guard weight > 0 else { continue }
                file.weights!.append(weight)
            }
            file.points.append(GeoCoordinate(longitude: lon, latitude: lat))
            file.references.append("\((source.path as NSString).lastPathComponent):\(line)")
            file.ids.append(idColumn.map { fields[$0].trimmingSpaces() } ?? "\(line)")
        }
        return file
    }

    static func readGeoJSON(_ bytes: [UInt8], _ source: DestinationSource) throws -> DestinationFile {
        func fail(_ place: String, _ message: String) -> JSONInputError { JSONInputError(path: source.path, place: place, message: message) }
        let object = try JSONInput.object(bytes, name: source.path, maxBytes: maxGeoJSONBytes, maxDepth: 32)
        guard object["type"] as? String == "FeatureCollection" else { throw fail("type", "expected \"FeatureCollection\"") }
        guard let features = object["features"] as? [Any] else { throw fail("features", "expected an array") }
        var points: [(GeoCoordinate, String, Double)] = [], polygons: [(GeoPolygon, String, Double)] = []
        var pointIDs: [String] = [], polygonIDs: [String] = []
        let file = (source.path as NSString).lastPathComponent
        for (k, item) in features.enumerated() {
            let at = "features[\(k)]"
            guard let feature = item as? [String: Any], feature["type"] as? String == "Feature" else { throw fail(at, "expected a Feature object") }
            var weight = 1.0
            if let column = source.weightColumn {
                let value = (feature["properties"] as? [String: Any])?[column]
                guard case .some(.some(let number)) = JSONInput.number(value), ValidRange.destinationWeight.contains(number) else {
                    throw fail("\(at).properties.\(column)", "expected a weight in \(ValidRange.text(ValidRange.destinationWeight)), got \(JSONInput.described(value))")
                }
                weight = number
                guard weight > 0 else { continue }
            }
            let id = feature["id"].map { "\($0)" } ?? "\(k)"
            let reference = "\(file): feature \(id)"
            let (type, coordinates) = try GeoJSONGeometry.members(feature["geometry"], at: "\(at).geometry", fail: fail)
            switch type {
            case "Point":
                points.append((try GeoJSONGeometry.position(coordinates, at: "\(at).geometry.coordinates", fail: fail), reference, weight))
                pointIDs.append(id)
            case "MultiPoint":
                let positions = try GeoJSONGeometry.positions(coordinates, at: "\(at).geometry.coordinates", minimum: 1, fail: fail)
                for (j, p) in positions.enumerated() {
                    points.append((p, reference, weight))
                    pointIDs.append(positions.count == 1 ? id : "\(id)/\(j)")
                }
            case "Polygon", "MultiPolygon":
                polygons.append((try GeoJSONGeometry.polygon(feature["geometry"], at: "\(at).geometry", fail: fail), reference, weight))
                polygonIDs.append(id)
            default:
                throw fail("\(at).geometry.type", "expected Point, MultiPoint, Polygon or MultiPolygon, got \(type)")
            }
        }
        var result = DestinationFile(source: source, points: points.map(\.0), polygons: polygons.map(\.0),
                                     references: points.map(\.1) + polygons.map(\.1))
        if source.weightColumn != nil { result.weights = points.map(\.2) + polygons.map(\.2) }
        result.ids = pointIDs + polygonIDs
        return result
    }
}

import Foundation
import Walkshed

/// One named area of a boundaries file: a municipality, a district.
public struct NamedBoundary: Sendable, Equatable {
    public var name: String
    public var polygon: GeoPolygon

    /// Rough area in square degrees of latitude, longitudes scaled by cos(latitude): enough
    /// to compare the sizes of areas of one file, not a measurement; never negative.
    public var roughArea: Double {
        func ringArea(_ ring: [GeoCoordinate]) -> Double {
            guard let first = ring.first else { return 0 }
            let scale = cos(first.latitude * .pi / 180)
            var twice = 0.0
            for (a, b) in zip(ring, ring.dropFirst()) { twice += a.longitude * scale * b.latitude - b.longitude * scale * a.latitude }
            return abs(twice) / 2
        }
        return max(0, polygon.outerRings.map(ringArea).reduce(0, +) - polygon.innerRings.map(ringArea).reduce(0, +))
    }
}

/// Reads boundaries: an RFC 7946 FeatureCollection of Polygon and MultiPolygon features,
/// each named by a string property. Names must be present and distinct.
public enum BoundaryReader {
    public static let maxBytes = 512 << 20

    public static func read(_ path: String, nameProperty: String) throws -> [NamedBoundary] {
        try read(bytes: JSONInput.contents(of: path), path: path, nameProperty: nameProperty)
    }

    public static func read(bytes: [UInt8], path: String, nameProperty: String) throws -> [NamedBoundary] {
        func fail(_ place: String, _ message: String) -> JSONInputError { JSONInputError(path: path, place: place, message: message) }
        let object = try JSONInput.object(bytes, name: path, maxBytes: maxBytes, maxDepth: 32)
        guard object["type"] as? String == "FeatureCollection" else { throw fail("type", "expected \"FeatureCollection\"") }
        guard let features = object["features"] as? [Any], !features.isEmpty else { throw fail("features", "expected a non-empty array") }
        var boundaries: [NamedBoundary] = []
        for (k, item) in features.enumerated() {
            let at = "features[\(k)]"
            guard let feature = item as? [String: Any], feature["type"] as? String == "Feature" else { throw fail(at, "expected a Feature object") }
            guard let name = (feature["properties"] as? [String: Any])?[nameProperty] as? String,
                  !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw fail("\(at).properties.\(nameProperty)", "expected the boundary's name, a non-empty string")
            }
            if boundaries.contains(where: { $0.name == name }) { throw fail("\(at).properties.\(nameProperty)", "'\(name)' names two boundaries") }
            let polygon = try GeoJSONGeometry.polygon(feature["geometry"], at: "\(at).geometry", fail: fail)
            boundaries.append(NamedBoundary(name: name, polygon: polygon))
        }
        return boundaries
    }
}

extension BoundaryReader {
    /// The one area `--boundary` names: a GeoJSON Polygon or MultiPolygon, a Feature holding
    /// one, or a FeatureCollection from which `feature` (`key=value` of a property) picks one
    /// (needed when it holds several).
    public static func readOne(_ path: String, feature: (key: String, value: String)?) throws -> NamedBoundary {
        func fail(_ place: String, _ message: String) -> JSONInputError { JSONInputError(path: path, place: place, message: message) }
        let object = try JSONInput.object(JSONInput.contents(of: path), name: path, maxBytes: maxBytes, maxDepth: 32)
        let name = (path as NSString).lastPathComponent
        switch object["type"] as? String {
        case "Polygon", "MultiPolygon":
            return NamedBoundary(name: name, polygon: try GeoJSONGeometry.polygon(object, at: "geometry", fail: fail))
        case "Feature":
            return NamedBoundary(name: name, polygon: try GeoJSONGeometry.polygon(object["geometry"], at: "geometry", fail: fail))
        case "FeatureCollection":
            guard let features = object["features"] as? [Any], !features.isEmpty else { throw fail("features", "expected a non-empty array") }
            let matching = features.indices.filter { k in
                guard let feature else { return true }
                let value = ((features[k] as? [String: Any])?["properties"] as? [String: Any])?[feature.key]
                return (value as? String) == feature.value || (value as? NSNumber).map { "\($0)" } == feature.value
            }
            guard matching.count == 1 else {
                if let feature {
                    throw fail("features", matching.isEmpty ? "no feature has \(feature.key)=\(feature.value)"
                               : "\(matching.count) features have \(feature.key)=\(feature.value); make the choice unique")
                }
                throw fail("features", "\(features.count) features; choose one with --boundary-feature <key>=<value>")
            }
            let k = matching[0]
            let geometry = (features[k] as? [String: Any])?["geometry"]
            return NamedBoundary(name: feature.map { $0.value } ?? name,
                                 polygon: try GeoJSONGeometry.polygon(geometry, at: "features[\(k)].geometry", fail: fail))
        default:
            throw fail("type", "expected a Polygon, MultiPolygon, Feature or FeatureCollection")
        }
    }
}

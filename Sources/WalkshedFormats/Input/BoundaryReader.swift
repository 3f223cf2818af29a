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

import Foundation
import Walkshed

/// Reads candidate park sites: a GeoJSON FeatureCollection (RFC 7946) of Polygon or
/// MultiPolygon features; a feature's `properties.name` (or its `id`, or its index) names it.
public enum CandidateReader {
    public static let maxBytes = 64 << 20

    public static func read(_ path: String) throws -> [(name: String, polygon: GeoPolygon)] {
        let name = path
        func fail(_ place: String, _ message: String) -> JSONInputError { JSONInputError(path: name, place: place, message: message) }
        let object = try JSONInput.object(JSONInput.contents(of: path), name: name, maxBytes: maxBytes, maxDepth: 32)
        guard object["type"] as? String == "FeatureCollection" else { throw fail("type", "expected \"FeatureCollection\"") }
        guard let features = object["features"] as? [Any], !features.isEmpty else { throw fail("features", "expected a non-empty array") }
        return try features.enumerated().map { k, item in
            let at = "features[\(k)]"
            guard let feature = item as? [String: Any], feature["type"] as? String == "Feature" else { throw fail(at, "expected a Feature object") }
            let polygon = try GeoJSONGeometry.polygon(feature["geometry"], at: "\(at).geometry", fail: fail)
            let properties = feature["properties"] as? [String: Any]
            let label = (properties?["name"] as? String) ?? (feature["id"].map { "\($0)" }) ?? "\(k)"
            return (label, polygon)
        }
    }
}

import Foundation
import Walkshed

/// Reads RFC 7946 geometry objects out of parsed JSON: positions `[lon, lat(, alt)]` with
/// longitude in −180…180 and latitude in −90…90; linear rings closed with at least four
/// positions. Every fault names its JSON path (`edits[0].geometry.coordinates[0][3]`).
enum GeoJSONGeometry {
    typealias Fail = (_ place: String, _ message: String) -> JSONInputError

    static func position(_ value: Any, at place: String, fail: Fail) throws -> GeoCoordinate {
        guard let list = value as? [Any], (2...3).contains(list.count) else { throw fail(place, "expected a position [longitude, latitude]") }
        let numbers = list.map { JSONInput.number($0) }
        guard case .some(.some(let lon)) = numbers[0], case .some(.some(let lat)) = numbers[1] else {
            throw fail(place, "expected numbers [longitude, latitude]")
        }
        guard (-180...180).contains(lon), (-90...90).contains(lat) else {
            throw fail(place, "longitude \(lon), latitude \(lat) is outside −180…180, −90…90")
        }
        return GeoCoordinate(longitude: lon, latitude: lat)
    }

    static func positions(_ value: Any, at place: String, minimum: Int, fail: Fail) throws -> [GeoCoordinate] {
        guard let list = value as? [Any] else { throw fail(place, "expected an array of positions") }
        guard list.count >= minimum else { throw fail(place, "expected at least \(minimum) positions, got \(list.count)") }
        return try list.enumerated().map { try position($0.element, at: "\(place)[\($0.offset)]", fail: fail) }
    }

    static func ring(_ value: Any, at place: String, fail: Fail) throws -> [GeoCoordinate] {
        let ring = try positions(value, at: place, minimum: 4, fail: fail)
        guard ring.first == ring.last else { throw fail(place, "a linear ring must end where it starts") }
        return ring
    }

    /// The geometry's type and coordinates, checking that no other member is present but `bbox`.
    static func members(_ value: Any?, at place: String, fail: Fail) throws -> (type: String, coordinates: Any) {
        guard let object = value as? [String: Any] else { throw fail(place, "expected a GeoJSON geometry object") }
        if let unknown = Set(object.keys).subtracting(["type", "coordinates", "bbox"]).sorted().first {
            throw fail("\(place).\(unknown)", "unknown key")
        }
        guard let type = object["type"] as? String else { throw fail("\(place).type", "required, a string") }
        guard let coordinates = object["coordinates"] else { throw fail("\(place).coordinates", "required") }
        return (type, coordinates)
    }

    /// A `Polygon` or `MultiPolygon`: first ring of each polygon outer, the rest holes.
    static func polygon(_ value: Any?, at place: String, fail: Fail) throws -> GeoPolygon {
        let (type, coordinates) = try members(value, at: place, fail: fail)
        let at = "\(place).coordinates"
        func rings(_ value: Any, _ at: String) throws -> [[GeoCoordinate]] {
            guard let list = value as? [Any], !list.isEmpty else { throw fail(at, "expected a non-empty array of rings") }
            return try list.enumerated().map { try ring($0.element, at: "\(at)[\($0.offset)]", fail: fail) }
        }
        switch type {
        case "Polygon":
            let r = try rings(coordinates, at)
            return GeoPolygon(outerRings: [r[0]], innerRings: Array(r.dropFirst()))
        case "MultiPolygon":
            guard let list = coordinates as? [Any], !list.isEmpty else { throw fail(at, "expected a non-empty array of polygons") }
            var polygon = GeoPolygon(outerRings: [])
            for (k, item) in list.enumerated() {
                let r = try rings(item, "\(at)[\(k)]")
                polygon.outerRings.append(r[0])
                polygon.innerRings += r.dropFirst()
            }
            return polygon
        default:
            throw fail("\(place).type", "expected Polygon or MultiPolygon, got '\(type)'")
        }
    }

    /// A `LineString`.
    static func lineString(_ value: Any?, at place: String, fail: Fail) throws -> [GeoCoordinate] {
        let (type, coordinates) = try members(value, at: place, fail: fail)
        guard type == "LineString" else { throw fail("\(place).type", "expected LineString, got '\(type)'") }
        return try positions(coordinates, at: "\(place).coordinates", minimum: 2, fail: fail)
    }
}

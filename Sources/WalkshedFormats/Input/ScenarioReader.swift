import Foundation
import Walkshed

/// Reads a scenario file (JSON, schema version 1): a name and a list of edits, each an object
/// with a `type`. Geometry is RFC 7946 GeoJSON in longitude/latitude.
///
/// ```json
/// {"version": 1, "name": "riverside", "edits": [
///   {"type": "add_park", "name": "Riverside park", "geometry": {"type": "Polygon", "coordinates": [[[…]]]}},
///   {"type": "add_path", "class": "path", "greenway": true, "geometry": {"type": "LineString", "coordinates": [[…], […]]}},
///   {"type": "add_crossing", "from": [lon, lat], "to": [lon, lat]},
///   {"type": "add_bridge", "from": [lon, lat], "to": [lon, lat]},
///   {"type": "close_ways", "ways": [123, 456]},
///   {"type": "close_area", "geometry": {"type": "Polygon", …}},
///   {"type": "add_services", "category": "food", "name": "Market", "points": [[lon, lat]]},
///   {"type": "remove_services", "ids": ["node/123"], "geometry": {"type": "Polygon", …}},
///   {"type": "set_speed", "profile": "senior", "kmh": 3.2}]}
/// ```
///
/// Unknown keys and types are errors, so a typo cannot pass silently. Files over 16 MiB,
/// nested deeper than 32 or holding more than 10,000 edits are refused.
public enum ScenarioReader {
    public static let maxBytes = 16 << 20
    public static let maxDepth = 32
    public static let maxEdits = 10_000
    /// Classes a drawn path may take.
    public static let pathClasses: [EdgeClass] = [.footway, .path, .cycleway, .pedestrian, .livingStreet, .track, .bridleway, .steps, .street]

    /// The scenario in `path`; its name defaults to the file name without `.json`.
    public static func read(_ path: String) throws -> Scenario {
        try read(bytes: JSONInput.contents(of: path), name: path)
    }

    public static func read(bytes: [UInt8], name: String) throws -> Scenario {
        func fail(_ place: String, _ message: String) -> JSONInputError { JSONInputError(path: name, place: place, message: message) }
        let object = try JSONInput.object(bytes, name: name, maxBytes: maxBytes, maxDepth: maxDepth)
        if let unknown = Set(object.keys).subtracting(["version", "name", "edits"]).sorted().first { throw fail(unknown, "unknown key") }
        guard let version = object["version"] as? Int, version == 1 else {
            throw fail("version", "expected 1 (the only schema version), got \(JSONInput.described(object["version"]))")
        }
        let fileName = ((name as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let scenarioName = (object["name"] ?? fileName) as? String else { throw fail("name", "expected a string") }
        guard !scenarioName.isEmpty, scenarioName.count <= 100,
              scenarioName.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }), !scenarioName.hasPrefix(".") else {
            throw fail("name", "'\(scenarioName)' must be 1…100 letters, digits, '-', '_' or '.' (not first): it names an output folder")
        }
        guard let list = object["edits"] as? [Any], !list.isEmpty else { throw fail("edits", "expected a non-empty array") }
        guard list.count <= maxEdits else { throw fail("edits", "\(list.count) edits; at most \(maxEdits)") }
        let edits = try list.enumerated().map { k, item in try edit(item, at: "edits[\(k)]", fail: fail) }
        return Scenario(name: scenarioName, edits: edits)
    }

    /// One edit object as `edits[…]` of a scenario file holds it (what `walkshed serve`
    /// receives); errors name `name` and the field path from `edit`.
    public static func readEdit(bytes: [UInt8], name: String) throws -> ScenarioEdit {
        let object = try JSONInput.object(bytes, name: name, maxBytes: maxBytes, maxDepth: maxDepth)
        return try edit(object, at: "edit") { JSONInputError(path: name, place: $0, message: $1) }
    }

    static func edit(_ item: Any, at: String, fail: GeoJSONGeometry.Fail) throws -> ScenarioEdit {
        guard let e = item as? [String: Any] else { throw fail(at, "expected an object") }
        guard let type = e["type"] as? String else { throw fail("\(at).type", "required, a string") }
        let keys: [String: Set<String>] = [
            "add_park": ["name", "kind", "geometry"], "add_path": ["class", "greenway", "geometry"],
            "add_crossing": ["from", "to"], "add_bridge": ["from", "to"], "close_ways": ["ways"], "close_area": ["geometry"],
            "add_services": ["category", "name", "points"], "remove_services": ["ids", "geometry"], "set_speed": ["profile", "kmh"],
        ]
        guard let known = keys[type] else {
            throw fail("\(at).type", "unknown edit type '\(type)'; one of \(keys.keys.sorted().joined(separator: ", "))")
        }
        if let unknown = Set(e.keys).subtracting(known.union(["type"])).sorted().first { throw fail("\(at).\(unknown)", "unknown key") }
        func string(_ key: String, default value: String? = nil) throws -> String {
            guard let text = e[key] ?? value else { throw fail("\(at).\(key)", "required, a string") }
            guard let s = text as? String else { throw fail("\(at).\(key)", "expected a string") }
            return s
        }
        switch type {
        case "add_park":
            let kind = try string("kind", default: "park")
            let kinds = OSMTagRules.parkLeisure.union(OSMTagRules.parkLanduse)
            guard kinds.contains(kind) else { throw fail("\(at).kind", "unknown park kind '\(kind)'; one of \(kinds.sorted().joined(separator: ", "))") }
            return .addPark(name: try string("name", default: ""), kind: kind,
                            polygon: try GeoJSONGeometry.polygon(e["geometry"], at: "\(at).geometry", fail: fail))
        case "add_path":
            let className = try string("class", default: "path")
            guard let edgeClass = pathClasses.first(where: { $0.name == className }) else {
                throw fail("\(at).class", "unknown path class '\(className)'; one of \(pathClasses.map(\.name).joined(separator: ", "))")
            }
            let greenway = e["greenway"] ?? true
            guard JSONInput.isBoolean(greenway), let isGreenway = greenway as? Bool else {
                throw fail("\(at).greenway", "expected true or false")
            }
            return .addPath(points: try GeoJSONGeometry.lineString(e["geometry"], at: "\(at).geometry", fail: fail),
                            edgeClass: edgeClass, greenway: isGreenway)
        case "add_crossing", "add_bridge":
            guard let from = e["from"] else { throw fail("\(at).from", "required, a position [longitude, latitude]") }
            guard let to = e["to"] else { throw fail("\(at).to", "required, a position [longitude, latitude]") }
            return .addLink(from: try GeoJSONGeometry.position(from, at: "\(at).from", fail: fail),
                            to: try GeoJSONGeometry.position(to, at: "\(at).to", fail: fail),
                            edgeClass: type == "add_crossing" ? .crossing : .footway)
        case "close_ways":
            guard let ways = e["ways"] as? [Any], !ways.isEmpty else { throw fail("\(at).ways", "expected a non-empty array of OSM way ids") }
            return .closeWays(try ways.enumerated().map { k, value in
                guard case .some(.some(let n)) = JSONInput.number(value), n == n.rounded(), n > 0, n < 9.0e15 else {
                    throw fail("\(at).ways[\(k)]", "expected a positive whole OSM way id")
                }
                return OSMWayID(Int64(n))
            })
        case "close_area":
            return .closeArea(try GeoJSONGeometry.polygon(e["geometry"], at: "\(at).geometry", fail: fail))
        case "add_services":
            let categoryName = try string("category")
            guard let category = ServiceCategory(rawValue: categoryName) else {
                throw fail("\(at).category", "unknown category '\(categoryName)'; one of \(ServiceCategory.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let name = try string("name", default: "")
            guard let points = e["points"] else { throw fail("\(at).points", "required, an array of positions") }
            return .addServices(try GeoJSONGeometry.positions(points, at: "\(at).points", minimum: 1, fail: fail).map {
                ScenarioService(category: category, name: name, coordinate: $0)
            })
        case "remove_services":
            var ids: [String] = []
            if let value = e["ids"] {
                guard let list = value as? [Any], let strings = list as? [String] else { throw fail("\(at).ids", "expected an array of strings") }
                ids = strings
            }
            let area = try e["geometry"].map { try GeoJSONGeometry.polygon($0, at: "\(at).geometry", fail: fail) }
            guard !ids.isEmpty || area != nil else { throw fail(at, "give ids, a geometry, or both") }
            return .removeServices(references: ids, area: area)
        default:   // set_speed
            let profile = try string("profile")
            guard TravelProfile.preset(profile) != nil else {
                throw fail("\(at).profile", "one of \(TravelProfile.presetNames.joined(separator: ", "))")
            }
            guard case .some(.some(let kmh)) = JSONInput.number(e["kmh"]), kmh > 0, kmh <= 100 else {
                throw fail("\(at).kmh", "required, a speed in km/h above 0 and at most 100")
            }
            return .setSpeed(profile: profile, kilometresPerHour: kmh)
        }
    }
}

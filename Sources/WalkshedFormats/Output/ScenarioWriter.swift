import Walkshed

/// Writes a scenario as a scenario file (`ScenarioReader`'s schema, version 1), so a session
/// of `walkshed serve` can be saved and rerun by `walkshed scenario` or a batch run.
/// Coordinates are printed in Swift's shortest round-trip form: reading the file back gives
/// the very same doubles, hence the same results.
public enum ScenarioWriter {
    public static func text(_ scenario: Scenario) -> String {
        let edits = scenario.edits.flatMap(objects)
        return "{\"version\": 1, \"name\": \(JSONValue.quoted(scenario.name)), \"edits\": [\n"
            + edits.map { "  " + $0 }.joined(separator: ",\n") + "\n]}\n"
    }

    /// One edit as JSON objects: one, except services of several categories or names, which
    /// take one `add_services` each.
    static func objects(_ edit: ScenarioEdit) -> [String] {
        switch edit {
        case .addPark(let name, let kind, let polygon):
            return ["{\"type\": \"add_park\", \"name\": \(JSONValue.quoted(name)), \"kind\": \(JSONValue.quoted(kind)), \"geometry\": \(geometry(polygon))}"]
        case .addPath(let points, let edgeClass, let greenway):
            return ["{\"type\": \"add_path\", \"class\": \"\(edgeClass.name)\", \"greenway\": \(greenway), "
                    + "\"geometry\": {\"type\": \"LineString\", \"coordinates\": \(positions(points))}}"]
        case .addLink(let from, let to, let edgeClass):
            return ["{\"type\": \"\(edgeClass == .crossing ? "add_crossing" : "add_bridge")\", \"from\": \(position(from)), \"to\": \(position(to))}"]
        case .closeWays(let ids):
            return ["{\"type\": \"close_ways\", \"ways\": [\(ids.map { String($0.rawValue) }.joined(separator: ", "))]}"]
        case .closeArea(let polygon):
            return ["{\"type\": \"close_area\", \"geometry\": \(geometry(polygon))}"]
        case .addServices(let services):
            var groups: [[ScenarioService]] = []
            for s in services {
                if let last = groups.last?.last, last.category == s.category, last.name == s.name { groups[groups.count - 1].append(s) } else { groups.append([s]) }
            }
            return groups.map { g in
                "{\"type\": \"add_services\", \"category\": \"\(g[0].category.rawValue)\", \"name\": \(JSONValue.quoted(g[0].name)), "
                    + "\"points\": \(positions(g.map(\.coordinate)))}"
            }
        case .removeServices(let references, let area):
            var parts = ["\"type\": \"remove_services\""]
            if !references.isEmpty { parts.append("\"ids\": [\(references.map(JSONValue.quoted).joined(separator: ", "))]") }
            if let area { parts.append("\"geometry\": \(geometry(area))") }
            return ["{" + parts.joined(separator: ", ") + "}"]
        case .setSpeed(let profile, let kmh):
            return ["{\"type\": \"set_speed\", \"profile\": \(JSONValue.quoted(profile)), \"kmh\": \(kmh)}"]
        }
    }

    static func position(_ c: GeoCoordinate) -> String { "[\(c.longitude), \(c.latitude)]" }
    static func positions(_ list: [GeoCoordinate]) -> String { "[" + list.map(position).joined(separator: ", ") + "]" }

    /// A `Polygon`, or with several outer rings a `MultiPolygon` whose first polygon carries
    /// every hole: `GeoPolygon` does not record which outer ring a hole belongs to, and
    /// reading this back gives the same rings in the same order.
    static func geometry(_ polygon: GeoPolygon) -> String {
        let parts = polygon.outerRings.enumerated().map { k, outer in
            "[" + ([outer] + (k == 0 ? polygon.innerRings : [])).map(positions).joined(separator: ", ") + "]"
        }
        if parts.count == 1 { return "{\"type\": \"Polygon\", \"coordinates\": \(parts[0])}" }
        return "{\"type\": \"MultiPolygon\", \"coordinates\": [" + parts.joined(separator: ", ") + "]}"
    }
}

/// A polygon in longitude/latitude: outer rings and holes, each closed or not.
public struct GeoPolygon: Sendable, Equatable {
    public var outerRings: [[GeoCoordinate]]
    public var innerRings: [[GeoCoordinate]]

    public init(outerRings: [[GeoCoordinate]], innerRings: [[GeoCoordinate]] = []) {
        self.outerRings = outerRings
        self.innerRings = innerRings
    }

    public func projected(_ projection: UTMProjection) -> PlanarPolygon {
        PlanarPolygon(outerRings: outerRings.map { $0.map(projection.project) }, innerRings: innerRings.map { $0.map(projection.project) })
    }
}

/// A service a scenario adds.
public struct ScenarioService: Sendable, Equatable {
    public var category: ServiceCategory
    public var name: String
    public var coordinate: GeoCoordinate

    public init(category: ServiceCategory, name: String, coordinate: GeoCoordinate) {
        self.category = category
        self.name = name
        self.coordinate = coordinate
    }
}

/// One change a planner tests.
public enum ScenarioEdit: Sendable, Equatable {
    /// A new park; its access points are found as for real parks.
    case addPark(name: String, kind: String, polygon: GeoPolygon)
    /// A greenway or path, joined to the network where it crosses an edge or ends within 15 m of one.
    case addPath(points: [GeoCoordinate], edgeClass: EdgeClass, greenway: Bool)
    /// A crossing or bridge between two points, each within 15 m of the network; joins only there.
    case addLink(from: GeoCoordinate, to: GeoCoordinate, edgeClass: EdgeClass)
    /// Every edge of these OSM ways closes.
    case closeWays([OSMWayID])
    /// Every edge inside or crossing the polygon closes.
    case closeArea(GeoPolygon)
    case addServices([ScenarioService])
    /// Services removed by reference (`node/123`, `gtfs:<feed>/<stop>`) or inside an area.
    case removeServices(references: [String], area: GeoPolygon?)
    /// A profile's speed on the flat, in km/h.
    case setSpeed(profile: String, kilometresPerHour: Double)
}

/// A named list of edits, applied in memory to a loaded city.
public struct Scenario: Sendable, Equatable {
    public var name: String
    public var edits: [ScenarioEdit]

    public init(name: String, edits: [ScenarioEdit]) {
        self.name = name
        self.edits = edits
    }
}

extension Scenario {
    /// True when every edit adds (parks, paths, links, services): such a scenario can make no
    /// place slower, since every route of the baseline is still there.
    public var onlyAdds: Bool {
        edits.allSatisfy { edit in
            switch edit {
            case .addPark, .addPath, .addLink, .addServices: true
            case .closeWays, .closeArea, .removeServices, .setSpeed: false
            }
        }
    }
}

/// Why an edit cannot apply to this city.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// Index of the edit in `Scenario.edits`.
    public var editIndex: Int
    public var message: String
    public var description: String { "edits[\(editIndex)]: \(message)" }
}

/// A city with a scenario's edits applied, and what the edits did.
public struct AppliedScenario: Sendable {
    public var city: City
    public var network: EditedNetwork
    /// Speeds the scenario sets, in km/h, by profile name.
    public var speeds: [String: Double]
    public var parksAdded: Int
    public var servicesAdded: Int
    public var servicesRemoved: Int

    /// `profile` with the scenario's speed, if it sets one.
    public func profile(_ profile: TravelProfile) -> TravelProfile {
        guard let kmh = speeds[profile.name] else { return profile }
        var changed = profile
        changed.metresPerSecond = kmh / 3.6
        return changed
    }
}

extension Scenario {
    /// Applies the edits: network changes first (closures, then paths and links joined to
    /// the network), then parks and services. The original city is left as it was.
    /// `snapper`, when given, must be of `city`'s graph (it saves building one).
    public func apply(to city: City, snapper: Snapper? = nil) throws -> AppliedScenario {
        let projection = city.projection
        var edits = NetworkEdits()
        var pathEditIndex: [Int] = []
        var speeds: [String: Double] = [:]
        // Only a closure by way id needs the set of the network's ways (millions on a region).
        let knownWays = self.edits.contains { if case .closeWays = $0 { true } else { false } } ? Set(city.graph.edgeWayID) : []
        for (i, edit) in self.edits.enumerated() {
            switch edit {
            case .closeWays(let ids):
                if let missing = ids.first(where: { !knownWays.contains($0.rawValue) || $0.rawValue == 0 }) {
                    throw ScenarioError(editIndex: i, message: "way \(missing) is not part of the walk network")
                }
                edits.closedWayIDs.formUnion(ids)
            case .closeArea(let polygon):
                edits.closedAreas.append(polygon.projected(projection))
            case .addPath(let points, let edgeClass, let greenway):
                edits.paths.append(DrawnPath(points: points.map(projection.project), edgeClass: edgeClass, flags: greenway ? .greenway : []))
                pathEditIndex.append(i)
            case .addLink(let from, let to, let edgeClass):
                edits.paths.append(DrawnPath(points: [projection.project(from), projection.project(to)], edgeClass: edgeClass,
                                             joinsCrossings: false, endsMustJoin: true))
                pathEditIndex.append(i)
            case .setSpeed(let profile, let kmh):
                speeds[profile] = kmh
            case .addPark, .addServices, .removeServices:
                break
            }
        }
        let network: EditedNetwork
        do {
            network = try NetworkEditor.apply(edits, to: city.graph, projection: projection, snapper: snapper)
        } catch let error as NetworkEditError {
            throw ScenarioError(editIndex: pathEditIndex[error.pathIndex], message: error.message)
        }
        var edited = city
        edited.graph = network.graph
        var parksAdded = 0, servicesAdded = 0, servicesRemoved = 0
        for (i, edit) in self.edits.enumerated() {
            switch edit {
            case .addPark(let name, let kind, let polygon):
                let planar = polygon.projected(projection)
                guard planar.areaSquareMetres > 0 else { throw ScenarioError(editIndex: i, message: "the park polygon has no area") }
                edited.parks.append(Park(osmReference: "scenario:\(self.name)/edits[\(i)]", kind: kind, name: name, polygon: planar))
                parksAdded += 1
            case .addServices(let services):
                for (k, s) in services.enumerated() {
                    edited.services.append(ServicePoint(category: s.category, position: projection.project(s.coordinate),
                                                        osmReference: "scenario:\(self.name)/edits[\(i)]/\(k)", name: s.name))
                }
                servicesAdded += services.count
            case .removeServices(let references, let area):
                let wanted = Set(references)
                let present = Set(edited.services.map(\.osmReference))
                if let missing = references.first(where: { !present.contains($0) }) {
                    throw ScenarioError(editIndex: i, message: "no service '\(missing)' in the city")
                }
                let polygon = area?.projected(projection)
                let before = edited.services.count
                edited.services.removeAll { s in
                    wanted.contains(s.osmReference) || (polygon.map { $0.bounds.contains(s.position) && $0.contains(s.position) } ?? false)
                }
                servicesRemoved += before - edited.services.count
            default:
                break
            }
        }
        return AppliedScenario(city: edited, network: network, speeds: speeds, parksAdded: parksAdded,
                               servicesAdded: servicesAdded, servicesRemoved: servicesRemoved)
    }
}

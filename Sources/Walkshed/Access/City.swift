/// What the walk analysis needs of a city, in projected metres: the network, parks as
/// polygons, green areas for greenway rules, and service points by category.
public struct City: Sendable {
    public var projection: UTMProjection
    public var graph: StreetGraph
    public var parks: [Park]
    public var services: [ServicePoint]
    /// Public green space that is not a park (forest, grass, meadow, …): counted by the WHO and
    /// 3-30-300 indicators, not as `park`.
    public var greenSpaces: [Park] = []
    /// Residential buildings, kept only when asked for (a population estimate).
    public var residentialBuildings: [ResidentialBuilding] = []
    /// The area the data covers, in projected metres: the network's extent, or when there is
    /// no network, that of the other loaded points; never empty.
    public var extent: BoundingBox

    public init(projection: UTMProjection, graph: StreetGraph, parks: [Park], services: [ServicePoint],
                extent: BoundingBox? = nil) {
        self.projection = projection
        self.graph = graph
        self.parks = parks
        self.services = services
        var box = extent ?? graph.bounds
        if box.isEmpty { for s in services { box.add(s.position) } }
        if box.isEmpty { box.add(projection.project(GeoCoordinate(longitude: projection.centralMeridian, latitude: 0))) }
        self.extent = box
    }

    /// The same city keeping only parks of at least `minimumHectares` and, when `kinds` is
    /// given, of those kinds (`park`, `garden`, `playground`, `nature_reserve`, …).
    public func keepingParks(minimumHectares: Double, kinds: Set<String>?) -> City {
        var copy = self
        copy.parks = parks.filter { $0.areaSquareMetres >= minimumHectares * 10_000 && (kinds?.contains($0.kind) ?? true) }
        return copy
    }

    /// Number of services in each category, in `ServiceCategory.allCases` order.
    /// Destinations per category: the services of one `group` count once.
    public func serviceCounts() -> [ServiceCategory: Int] {
        var counts: [ServiceCategory: Int] = [:]
        for c in ServiceCategory.allCases { counts[c] = 0 }
        var seenStopAreas: Set<String> = []
        for s in services {
            if let group = s.group, !seenStopAreas.insert("\(s.category.rawValue) \(group)").inserted { continue }
            counts[s.category, default: 0] += 1
        }
        return counts
    }
}

/// A public park or green space polygon.
public struct Park: Sendable {
    /// `way/123` or `relation/45`.
    public var osmReference: String
    /// OSM kind (`park`, `garden`, `playground`, `nature_reserve`, …).
    public var kind: String
    public var name: String
    public var polygon: PlanarPolygon
    /// Area in square metres (outer rings less holes) within the extract: what size rules
    /// (WHO ≥ 0.5 ha, 3-30-300) and totals use. A park reaching beyond the extract's bounds
    /// counts only the part inside them, though its whole polygon is drawn and entered.
    public var areaSquareMetres: Double
    /// Cut by the extract's edge: some of its nodes or member ways are not in the file, and its
    /// rings were closed over the nodes present.
    public var clipped: Bool

    /// A park; `areaSquareMetres` defaults to the polygon's whole area.
    public init(osmReference: String, kind: String, name: String, polygon: PlanarPolygon, areaSquareMetres: Double? = nil,
                clipped: Bool = false) {
        self.osmReference = osmReference
        self.kind = kind
        self.name = name
        self.polygon = polygon
        self.areaSquareMetres = areaSquareMetres ?? polygon.areaSquareMetres
        self.clipped = clipped
    }
}

/// One service: a shop, school, stop, … at a point (a node, or an area's centroid).
public struct ServicePoint: Sendable {
    public var category: ServiceCategory
    public var position: PlanarPoint
    /// `node/123`, `way/45`, or for a GTFS stop `gtfs:<feed>/<stop_id>`.
    public var osmReference: String
    public var name: String
    /// For transit: low (bus, tram) or high capacity (rail, metro, ferry), as SDG 11.2.1 splits
    /// them; nil for other categories.
    public var transitCapacity: TransitCapacity?
    /// Services of one group are one destination, reached at whichever point is nearest: the
    /// members of a `public_transport=stop_area` relation (`relation/123`: its platforms, stop
    /// positions, station, entrances), or the points along a platform mapped as a line
    /// (`way/45`). Nil for a service on its own.
    public var group: String?

    public init(category: ServiceCategory, position: PlanarPoint, osmReference: String, name: String,
                transitCapacity: TransitCapacity? = nil, group: String? = nil) {
        self.category = category
        self.position = position
        self.osmReference = osmReference
        self.name = name
        self.transitCapacity = category == .transit ? (transitCapacity ?? .low) : nil
        self.group = group
    }
}

/// SDG 11.2.1's split of public transport: low capacity (bus, tram, BRT; 500 m walk) and high
/// capacity (rail, metro, ferry; 1,000 m walk).
public enum TransitCapacity: String, Sendable, CaseIterable {
    case low
    case high
}

import Walkshed

/// Turns kept area ways and multipolygon relations into parks, green areas and area services
/// (at the polygon's centroid), and open service ways (platforms mapped as lines) into one
/// destination reached anywhere along them (a group of points at most 25 m apart).
struct OSMAreaCollector {
    let nodes: NodeLocations
    /// The slot of every needed node reference (by position in the way pass's `neededNodes`):
    /// a kept way's nodes are `referenceSlots[way.needed]`.
    let referenceSlots: [Int32]
    var parks: [Park] = []
    var greenAreas: [PlanarPolygon] = []
    /// Green space that is not a park (forest, grass, …).
    var greenSpaces: [Park] = []
    var services: [ServicePoint] = []

    /// The extract's bounds, projected (a quadrilateral): areas count only what lies inside.
    let bounds: [PlanarPoint]?

    init(nodes: NodeLocations, referenceSlots: [Int32], bounds: [PlanarPoint]?) {
        self.nodes = nodes
        self.referenceSlots = referenceSlots
        self.bounds = bounds
    }

    /// Collects the areas, open service ways and area relations, in that order. The area ways
    /// (most of the work) are turned into polygons in chunks on `threads` threads, each chunk
    /// into a collector and warnings of its own, merged in way order: the same result for any count.
    mutating func collect(ways: WayPass, relations: RelationPass, threads: Int = 1, diagnostics: inout Diagnostics) {
        let areaWays = ways.areaWays, empty = OSMAreaCollector(nodes: nodes, referenceSlots: referenceSlots, bounds: bounds)
        let parts = ParallelSearch.mapChunks(itemCount: areaWays.count, minimumChunk: 64, threads: threads,
                                             diagnostics: &diagnostics) { chunk, warnings in
            var part = empty
            part.collect(areaWays[chunk], diagnostics: &warnings)
            return part
        }
        for part in parts {
            parks += part.parks
            greenAreas += part.greenAreas
            greenSpaces += part.greenSpaces
            services += part.services
        }
        collectLines(ways.lineServiceWays, diagnostics: &diagnostics)
        collectRelations(relations.areas, memberWays: ways.memberWays, diagnostics: &diagnostics)
    }

    /// Closed ways: a polygon each (closed over the nodes present), with its parks, green
    /// areas and services.
    private mutating func collect(_ areaWays: ArraySlice<WayPass.AreaWay>, diagnostics: inout Diagnostics) {
        for way in areaWays {
            let (points, missing) = nodes.presentPoints(referenceSlots[way.needed])
            guard let ring = Self.closed(points) else {
                if missing > 0 {
                    diagnostics.warn("area with missing nodes", "way \(way.id): \(missing) of its \(way.needed.count) nodes are not in the file and fewer than 3 remain; skipped")
                } else {
                    diagnostics.warn("area without area", "way \(way.id): its nodes enclose no area; skipped")
                }
                continue
            }
            if missing > 0 {
                diagnostics.warn("clipped area", "way \(way.id): \(missing) of its \(way.needed.count) nodes are not in the file (cut by the extract's edge); its ring is closed over the nodes present")
            }
            add(PlanarPolygon(outerRings: [ring]), tags: way.tags, reference: "way/\(way.id)", clipped: missing > 0)
        }
    }

    /// Open service ways (platforms mapped as lines): one destination reached along each.
    private mutating func collectLines(_ lineServiceWays: [WayPass.LineServiceWay], diagnostics: inout Diagnostics) {
        for way in lineServiceWays {
            // A platform mapped as a line: reached anywhere along it, at points at most 25 m apart.
            let (points, missing) = nodes.presentPoints(referenceSlots[way.needed])
            guard points.count >= 2 else {
                diagnostics.warn("service line with missing nodes", "way \(way.id): fewer than 2 of its \(way.needed.count) nodes are in the file; skipped")
                continue
            }
            if missing > 0 {
                diagnostics.warn("clipped service line", "way \(way.id): \(missing) of its \(way.needed.count) nodes are not in the file; reached along what is present")
            }
            for point in Self.samples(along: points, atMostMetresApart: 25) {
                addServices(at: point, tags: way.tags, reference: "way/\(way.id)", group: "way/\(way.id)")
            }
        }
    }

    /// Multipolygon relations: their member ways assembled into rings (of node slots: a slot
    /// names one node id).
    private mutating func collectRelations(_ areaRelations: [AreaRelation], memberWays: [Int64: Range<Int>],
                                           diagnostics: inout Diagnostics) {
        for relation in areaRelations {
            let outer = relation.outerWays.compactMap { memberWays[$0].map { Array(referenceSlots[$0]) } }
            let inner = relation.innerWays.compactMap { memberWays[$0].map { Array(referenceSlots[$0]) } }
            let outerRings = MultipolygonAssembler.rings(from: outer)
            let innerRings = MultipolygonAssembler.rings(from: inner)
            // Chains cut open by the extract's edge, and rings with nodes missing, are closed over the nodes present.
            var clipped = !outerRings.open.isEmpty || !innerRings.open.isEmpty
                || outer.count < relation.outerWays.count || inner.count < relation.innerWays.count
            func planar(_ rings: [[Int32]]) -> [[PlanarPoint]] {
                rings.compactMap { slots in
                    let (points, missing) = nodes.presentPoints(slots)
                    if missing > 0 { clipped = true }
                    return Self.closed(points)
                }
            }
            let outerPlanar = planar(outerRings.closed + outerRings.open)
            let innerPlanar = planar(innerRings.closed + innerRings.open)
            guard !outerPlanar.isEmpty else {
                diagnostics.warn("area with missing nodes", "relation \(relation.id): fewer than 3 nodes of its outer ways are in the file; skipped")
                continue
            }
            if clipped {
                diagnostics.warn("clipped area", "relation \(relation.id): members or nodes are not in the file (cut by the extract's edge); its rings are closed over what is present")
            }
            add(PlanarPolygon(outerRings: outerPlanar, innerRings: innerPlanar), tags: relation.tags, reference: "relation/\(relation.id)",
                clipped: clipped)
        }
    }

    /// `points` as a closed ring (the last point joined back to the first), or nil when fewer
    /// than 3 distinct points remain or they enclose no area.
    static func closed(_ points: [PlanarPoint]) -> [PlanarPoint]? {
        var ring: [PlanarPoint] = []
        for p in points where ring.last != p { ring.append(p) }
        if ring.count > 1 && ring.first == ring.last { ring.removeLast() }
        guard ring.count >= 3 else { return nil }
        ring.append(ring[0])
        return PlanarPolygon(outerRings: [ring]).areaSquareMetres > 0 ? ring : nil
    }

    private mutating func add(_ polygon: PlanarPolygon, tags: OSMTags, reference: String, clipped: Bool) {
        let area = bounds.map { polygon.areaSquareMetres(inside: $0) } ?? polygon.areaSquareMetres
        if let kind = OSMTagRules.parkKind(tags) {
            parks.append(Park(osmReference: reference, kind: kind, name: tags["name"] ?? "", polygon: polygon,
                              areaSquareMetres: area, clipped: clipped))
        }
        if let kind = OSMTagRules.greenSpaceKind(tags) {
            greenSpaces.append(Park(osmReference: reference, kind: kind, name: tags["name"] ?? "", polygon: polygon,
                                    areaSquareMetres: area, clipped: clipped))
        }
        if OSMTagRules.isGreenArea(tags) { greenAreas.append(polygon) }
        addServices(at: polygon.centroid, tags: tags, reference: reference)
    }

    /// One service per category the tags name, at `position` (of `group`, when given).
    private mutating func addServices(at position: PlanarPoint, tags: OSMTags, reference: String, group: String? = nil) {
        for category in OSMTagRules.serviceCategories(tags) {
            services.append(ServicePoint(category: category, position: position, osmReference: reference, name: tags["name"] ?? "",
                                         transitCapacity: category == .transit ? OSMTagRules.transitCapacity(tags) : nil, group: group))
        }
    }

    /// Points along a polyline: its vertices, and between two farther apart than `spacing`
    /// metres, evenly spaced points so that none is farther than that from the next.
    static func samples(along points: [PlanarPoint], atMostMetresApart spacing: Double) -> [PlanarPoint] {
        var result: [PlanarPoint] = points.isEmpty ? [] : [points[0]]
        for (a, b) in zip(points, points.dropFirst()) {
            let pieces = max(1, Int((a.distance(to: b) / spacing).rounded(.up)))
            for k in 1...pieces {
                let t = Double(k) / Double(pieces)
                result.append(PlanarPoint(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)))
            }
        }
        return result
    }
}

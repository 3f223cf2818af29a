import Walkshed

/// Turns kept area ways and multipolygon relations into parks, green areas and area services
/// (at the polygon's centroid).
struct OSMAreaCollector {
    let nodes: NodeLocations
    var parks: [Park] = []
    var greenAreas: [PlanarPolygon] = []
    /// Green space that is not a park (forest, grass, …).
    var greenSpaces: [Park] = []
    var services: [ServicePoint] = []

    init(nodes: NodeLocations) { self.nodes = nodes }

    mutating func collect(ways: WayPass, relations: RelationPass, diagnostics: inout Diagnostics) {
        for way in ways.areaWays {
            guard let ring = ring(way.refs) else {
                diagnostics.warn("area with missing nodes", "way \(way.id): area references nodes not in the file; skipped")
                continue
            }
            add(PlanarPolygon(outerRings: [ring]), tags: way.tags, reference: "way/\(way.id)")
        }
        for relation in relations.areas {
            let outer = relation.outerWays.compactMap { ways.memberRefs[$0] }
            let inner = relation.innerWays.compactMap { ways.memberRefs[$0] }
            let outerRings = MultipolygonAssembler.rings(from: outer)
            let innerRings = MultipolygonAssembler.rings(from: inner)
            if outerRings.open + innerRings.open > 0 || outer.count < relation.outerWays.count {
                diagnostics.warn("incomplete multipolygon", "relation \(relation.id): \(outerRings.open + innerRings.open) ring(s) do not close or members are missing; kept the closed rings")
            }
            let outerPlanar = outerRings.closed.compactMap(ring)
            guard !outerPlanar.isEmpty else { continue }
            add(PlanarPolygon(outerRings: outerPlanar, innerRings: innerRings.closed.compactMap(ring)),
                tags: relation.tags, reference: "relation/\(relation.id)")
        }
    }

    private func ring(_ refs: [Int64]) -> [PlanarPoint]? {
        guard let points = nodes.ring(refs), points.count >= 4 else { return nil }
        return points
    }

    private mutating func add(_ polygon: PlanarPolygon, tags: OSMTags, reference: String) {
        if let kind = OSMTagRules.parkKind(tags) {
            parks.append(Park(osmReference: reference, kind: kind, name: tags["name"] ?? "", polygon: polygon))
        }
        if let kind = OSMTagRules.greenSpaceKind(tags) {
            greenSpaces.append(Park(osmReference: reference, kind: kind, name: tags["name"] ?? "", polygon: polygon))
        }
        if OSMTagRules.isGreenArea(tags) { greenAreas.append(polygon) }
        if let category = OSMTagRules.serviceCategory(tags) {
            services.append(ServicePoint(category: category, position: polygon.centroid, osmReference: reference,
                                         name: tags["name"] ?? "",
                                         transitCapacity: category == .transit ? OSMTagRules.transitCapacity(tags) : nil))
        }
    }
}

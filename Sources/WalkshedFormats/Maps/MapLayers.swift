import Foundation
import Walkshed

/// What a map draws under and over the grids, in projected metres: the walk network by kind,
/// parks, services by category; for a scenario only what it changed (added and closed
/// paths, added parks and services, removed services).
///
/// Stored as `map.json.gz` (gzip-compressed `map.json` text) beside an analysis:
/// `{"walkshed_map": 1, "epsg", "origin": [x, y],
/// "lines": {kind: [[x0, y0, dx1, dy1, …]]}, "parks": [{name, kind, ha, rings, holes}],
/// "services": {category: [x, y, …]}, "removed_services": {…}}`, every coordinate a whole
/// metre from `origin`, each line's points after the first as differences (delta coding and
/// joined edges keep Porto's network to 2.6 MB of text, 1.0 MB compressed).
public struct MapLayers: Sendable, Equatable {
    /// How a line is drawn.
    public enum LineKind: String, CaseIterable, Sendable {
        case street, greenway, added, closed
    }

    public struct ParkShape: Sendable, Equatable {
        public var name: String
        public var kind: String
        public var hectares: Double
        public var outerRings: [[PlanarPoint]]
        public var innerRings: [[PlanarPoint]]
    }

    public var epsg: Int
    public var lines: [LineKind: PolylineSet] = [:]
    public var parks: [ParkShape] = []
    /// Category name → positions.
    public var services: [String: [PlanarPoint]] = [:]
    public var removedServices: [String: [PlanarPoint]] = [:]

    public init(epsg: Int) { self.epsg = epsg }

    /// The network (greenways apart, edges of a kind joined into longer lines), every park and
    /// every service of `city`; the lines' points are copied on `threads` threads (the same
    /// layers for any count).
    public static func of(_ city: City, threads: Int = 1) -> MapLayers {
        var layers = MapLayers(epsg: city.projection.epsgCode)
        let graph = city.graph
        var streets: [Int] = [], greenways: [Int] = [], closed: [Int] = []
        for e in 0..<graph.edgeCount {
            let flags = graph.edgeFlags[e]
            if flags.contains(.closed) { closed.append(e) } else if flags.contains(.greenway) { greenways.append(e) } else { streets.append(e) }
        }
        for (kind, edges) in [(LineKind.street, streets), (.greenway, greenways), (.closed, closed)] where !edges.isEmpty {
            var set = PolylineSet()
            EdgeChains.append(edges, of: graph, to: &set, threads: threads)
            layers.lines[kind] = set
        }
        layers.parks = city.parks.map(shape)
        for s in city.services { layers.services[s.category.rawValue, default: []].append(s.position) }
        return layers
    }

    /// What `applied` changed in `baseline`: paths it added (way id 0) and closed, parks and
    /// services whose reference it made, services it removed.
    public static func changes(_ applied: AppliedScenario, from baseline: City) -> MapLayers {
        var layers = MapLayers(epsg: baseline.projection.epsgCode)
        let graph = applied.city.graph
        for e in 0..<graph.edgeCount {
            if graph.edgeFlags[e].contains(.closed) {
                layers.lines[.closed, default: PolylineSet()].append(points(of: e, in: graph))
            } else if graph.edgeWayID[e] == 0 {
                layers.lines[.added, default: PolylineSet()].append(points(of: e, in: graph))
            }
        }
        layers.parks = applied.city.parks.filter { $0.osmReference.hasPrefix("scenario:") }.map(shape)
        for s in applied.city.services where s.osmReference.hasPrefix("scenario:") {
            layers.services[s.category.rawValue, default: []].append(s.position)
        }
        let kept = Set(applied.city.services.map(\.osmReference))
        for s in baseline.services where !kept.contains(s.osmReference) {
            layers.removedServices[s.category.rawValue, default: []].append(s.position)
        }
        return layers
    }

    static func points(of e: Int, in graph: StreetGraph) -> LazyMapSequence<Range<Int>, PlanarPoint> {
        (0..<graph.pointCount(ofEdge: e)).lazy.map { graph.point($0, ofEdge: e) }
    }

    static func shape(_ park: Park) -> ParkShape {
        ParkShape(name: park.name, kind: park.kind, hectares: park.areaSquareMetres / 10_000,
                  outerRings: park.polygon.outerRings, innerRings: park.polygon.innerRings)
    }

    /// Every point the layers hold.
    func forEachPoint(_ body: (PlanarPoint) -> Void) {
        for set in lines.values { set.points.forEach(body) }
        for park in parks { for ring in park.outerRings + park.innerRings { ring.forEach(body) } }
        for list in services.values { list.forEach(body) }
        for list in removedServices.values { list.forEach(body) }
    }

    /// Where `map.json` counts its whole metres from: the lowest coordinates, rounded down.
    func origin() -> (x: Double, y: Double) {
        var minX = Double.infinity, minY = Double.infinity
        forEachPoint { minX = min(minX, $0.x); minY = min(minY, $0.y) }
        return (minX.isFinite ? minX.rounded(.down) : 0, minY.isFinite ? minY.rounded(.down) : 0)
    }

    /// The layers as `map.json` holds them (what `read` returns for it): every coordinate at a
    /// whole metre from the origin, park areas at 3 decimals.
    public func asWritten() -> MapLayers {
        let (ox, oy) = origin()
        func whole(_ p: PlanarPoint) -> PlanarPoint { PlanarPoint(x: ox + (p.x - ox).rounded(), y: oy + (p.y - oy).rounded()) }
        var copy = self
        copy.lines = lines.mapValues { set in PolylineSet(set.map { $0.map(whole) }) }
        copy.parks = parks.map { park in
            ParkShape(name: park.name, kind: park.kind, hectares: FixedPoint.asWritten(park.hectares, decimals: 3),
                      outerRings: park.outerRings.map { $0.map(whole) }, innerRings: park.innerRings.map { $0.map(whole) })
        }
        copy.services = services.mapValues { $0.map(whole) }
        copy.removedServices = removedServices.mapValues { $0.map(whole) }
        return copy
    }
}

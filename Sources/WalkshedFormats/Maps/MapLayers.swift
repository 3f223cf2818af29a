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
    /// every service of `city`.
    public static func of(_ city: City) -> MapLayers {
        var layers = MapLayers(epsg: city.projection.epsgCode)
        let graph = city.graph
        var streets: [Int] = [], greenways: [Int] = [], closed: [Int] = []
        for e in 0..<graph.edgeCount {
            let flags = graph.edgeFlags[e]
            if flags.contains(.closed) { closed.append(e) } else if flags.contains(.greenway) { greenways.append(e) } else { streets.append(e) }
        }
        for (kind, edges) in [(LineKind.street, streets), (.greenway, greenways), (.closed, closed)] where !edges.isEmpty {
            var set = PolylineSet()
            EdgeChains.append(edges, of: graph, to: &set)
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

    /// The name of the map file in an output folder.
    public static let fileName = "map.json.gz"

    /// The map file in `folder`: `map.json.gz`, else a `map.json` an earlier version wrote;
    /// nil when there is neither.
    public static func file(in folder: String) -> String? {
        for name in [fileName, "map.json"] {
            let path = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    /// Writes `map.json.gz`: the `map.json` text in pieces (the head, runs of lines, the
    /// parks and services), each made and compressed as a gzip member on `threads` threads;
    /// the members follow each other in text order (RFC 1952 §2.2), so the bytes are the same
    /// for any thread count and `gzip -dc` gives the `map.json` text.
    public func writeCompressed(threads: Int = 1, write: (borrowing TextBuffer) throws -> Void) throws {
        let pieces = textPieces(), origin = origin()
        let members = ParallelSearch.map(itemCount: pieces.count, threads: threads) { i in
            var text = TextBuffer(capacity: 1 << 20)
            appendText(of: pieces[i], origin: origin, to: &text)
            // Level 1: on the 211 MB benchmark's 26.7 MB of text, 10.2 MB in 0.2 s; level 6
            // saves another 1.1 MB for 1.1 s more.
            return Deflate.gzip(text.bytes, level: 1)
        }
        var out = TextBuffer()
        for member in members {
            out.append(bytes: member)
            if out.count >= CellTableWriter.flushBytes { try write(out); out.removeAll() }
        }
        try write(out)
    }

    /// The `map.json.gz` bytes.
    public func compressedJSON() throws -> TextBuffer {
        var whole = TextBuffer()
        try writeCompressed { whole.append(bytes: $0.bytes) }
        return whole
    }

    /// The `map.json` text. Keys are written in a fixed order, so equal layers give equal bytes.
    public func json() -> TextBuffer {
        var whole = TextBuffer()
        writeJSON(flushBytes: .max) { whole = copy $0 }
        return whole
    }

    /// Writes the `map.json` text in pieces: `flush` gets the buffer whenever it passes
    /// `flushBytes`, and once at the end.
    public func writeJSON(flushBytes: Int = CellTableWriter.flushBytes, flush: (borrowing TextBuffer) throws -> Void) rethrows {
        let origin = origin()
        var out = TextBuffer(capacity: 1 << 16)
        for piece in textPieces() {
            appendText(of: piece, origin: origin, to: &out)
            if out.count >= flushBytes { try flush(out); out.removeAll() }
        }
        try flush(out)
    }

    /// A part of the `map.json` text that can be made on its own.
    enum TextPiece: Sendable {
        /// `{"walkshed_map": 1, "epsg", "origin", "lines": {`.
        case head
        /// Lines `range` of `kind`, with what opens and closes the kind's list where the range
        /// starts or ends it.
        case lines(LineKind, Range<Int>, opensKind: Bool, closesKind: Bool)
        /// The end of "lines", then parks, services and removed services.
        case tail
    }

    /// Lines per piece: about 2 MB of text on a city network.
    static let linesPerPiece = 50_000

    func textPieces() -> [TextPiece] {
        var pieces: [TextPiece] = [.head]
        for kind in LineKind.allCases {
            guard let count = lines[kind]?.count else { continue }
            let starts = Array(stride(from: 0, to: max(count, 1), by: Self.linesPerPiece))
            for (k, start) in starts.enumerated() {
                pieces.append(.lines(kind, start..<min(count, start + Self.linesPerPiece), opensKind: k == 0, closesKind: k == starts.count - 1))
            }
        }
        pieces.append(.tail)
        return pieces
    }

    func appendText(of piece: TextPiece, origin: (x: Double, y: Double), to out: inout TextBuffer) {
        let (originX, originY) = origin
        func whole(_ v: Double) -> Int { Int(v.rounded()) }
        func appendLine<Line: Collection<PlanarPoint>>(_ line: Line, delta: Bool) {
            out.append("[")
            var lastX = 0, lastY = 0
            for (k, p) in line.enumerated() {
                let x = whole(p.x - originX), y = whole(p.y - originY)
                if k > 0 { out.append(",") }
                if delta && k > 0 { out.append(x - lastX); out.append(","); out.append(y - lastY) } else {
                    out.append(x); out.append(","); out.append(y)
                }
                lastX = x; lastY = y
            }
            out.append("]")
        }
        func appendPointGroups(_ groups: [String: [PlanarPoint]]) {
            out.append("{")
            for (k, name) in groups.keys.sorted().enumerated() {
                if k > 0 { out.append(",") }
                out.append(JSONValue.quoted(name) + ":")
                appendLine(groups[name]!, delta: false)
            }
            out.append("}")
        }
        switch piece {
        case .head:
            out.append("{\"walkshed_map\":1,\"epsg\":\(epsg),\"origin\":[\(whole(originX)),\(whole(originY))],\n\"lines\":{")
        case .lines(let kind, let range, let opensKind, let closesKind):
            if opensKind {
                if kind != LineKind.allCases.first(where: { lines[$0] != nil }) { out.append(",\n") }
                out.append("\"\(kind.rawValue)\":[")
            }
            let set = lines[kind]!
            for i in range {
                if i > 0 { out.append(",") }
                appendLine(set[i], delta: true)
            }
            if closesKind { out.append("]") }
        case .tail:
            out.append("},\n\"parks\":[")
            for (k, park) in parks.enumerated() {
                if k > 0 { out.append(",\n") }
                out.append("{\"name\":\(JSONValue.quoted(park.name)),\"kind\":\(JSONValue.quoted(park.kind)),\"ha\":")
                out.append(park.hectares, decimals: 3)
                for (key, rings) in [("rings", park.outerRings), ("holes", park.innerRings)] {
                    out.append(",\"\(key)\":[")
                    for (i, ring) in rings.enumerated() {
                        if i > 0 { out.append(",") }
                        appendLine(ring, delta: true)
                    }
                    out.append("]")
                }
                out.append("}")
            }
            out.append("],\n\"services\":")
            appendPointGroups(services)
            out.append(",\n\"removed_services\":")
            appendPointGroups(removedServices)
            out.append("}\n")
        }
    }
}

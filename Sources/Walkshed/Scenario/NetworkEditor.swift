/// The network after a scenario's edits, and how it relates to the one before.
///
/// Invariants: nodes `0 ..< originalNodeCount` keep their ids and positions; edge `e <
/// originalEdgeCount` is the same edge as before unless `cutEdges[e]` (then `e` holds the
/// first piece of the cut edge; the other pieces and the drawn paths come after).
public struct EditedNetwork: Sendable {
    public let graph: StreetGraph
    public let originalNodeCount: Int
    public let originalEdgeCount: Int
    /// Per original edge: cut where a drawn path joins it.
    public let cutEdges: [Bool]
    /// Original edges closed by the edits.
    public let closedEdgeCount: Int
    /// Length of the drawn paths as built, in metres.
    public let addedMetres: Double

    /// True when the edits closed no edge and added none: the graph is the original one.
    public var leavesGraphAsItWas: Bool {
        closedEdgeCount == 0 && graph.edgeCount == originalEdgeCount && graph.nodeCount == originalNodeCount
    }
}

/// Applies `NetworkEdits` to a graph in memory: closes edges (flag `.closed`), cuts existing
/// edges where drawn paths join them, and adds the paths as new edges.
public enum NetworkEditor {
    /// Where a drawn path meets the network.
    enum Junction: Hashable {
        case node(Int32)
        case cut(edge: Int32, fraction: Float)
    }

    /// A point of a drawn path, in order along it; `junction` when the network is joined there.
    struct Station {
        var along: Double
        var point: PlanarPoint
        var junction: Junction?
    }

    /// The edited network; throws when a path has fewer than two points, a non-finite point,
    /// or an end that must join but lies farther than `joinMetres` from every edge.
    public static func apply(_ edits: NetworkEdits, to graph: StreetGraph, projection: UTMProjection,
                             snapper given: Snapper? = nil) throws -> EditedNetwork {
        var flags = graph.edgeFlags
        var closed = 0
        if !edits.closedWayIDs.isEmpty || !edits.closedAreas.isEmpty {
            for e in 0..<graph.edgeCount where isClosed(e, graph: graph, edits: edits) {
                if !flags[e].contains(.closed) { closed += 1 }
                flags[e].insert(.closed)
            }
        }
        guard !edits.paths.isEmpty else {
            var edited = graph
            edited.edgeFlags = flags
            return EditedNetwork(graph: edited, originalNodeCount: graph.nodeCount, originalEdgeCount: graph.edgeCount,
                                 cutEdges: [Bool](repeating: false, count: graph.edgeCount), closedEdgeCount: closed, addedMetres: 0)
        }
        let snapper = given ?? Snapper(graph: graph)
        var stationsOfPath: [[Station]] = []
        for (i, path) in edits.paths.enumerated() {
            stationsOfPath.append(try stations(of: path, index: i, snapper: snapper, joinMetres: edits.joinMetres))
        }

        // Cut points per edge, in fraction order, each a new node after the original ones.
        var cutFractions: [Int32: [Float]] = [:]
        for stations in stationsOfPath {
            for case .cut(let edge, let fraction) in stations.compactMap(\.junction) { cutFractions[edge, default: []].append(fraction) }
        }
        var nodeX = graph.nodeX, nodeY = graph.nodeY
        var cutNode: [Int32: [(fraction: Float, node: Int32)]] = [:]
        for edge in cutFractions.keys.sorted() {
            for fraction in Set(cutFractions[edge]!).sorted() {
                let p = graph.position(onEdge: Int(edge), fraction: fraction)
                cutNode[edge, default: []].append((fraction, Int32(nodeX.count)))
                nodeX.append(p.x); nodeY.append(p.y)
            }
        }
        func node(of junction: Junction) -> Int32 {
            switch junction {
            case .node(let u): return u
            case .cut(let edge, let fraction): return cutNode[edge]!.first { $0.fraction == fraction }!.node
            }
        }

        var builder = EdgeArrays(reservingFor: graph)
        var cutEdges = [Bool](repeating: false, count: graph.edgeCount)
        var laterPieces = EdgeArrays()
        var uncutFrom = 0   // edges uncutFrom ..< e are uncut and not yet copied
        for e in 0..<graph.edgeCount {
            guard let cuts = cutNode[Int32(e)] else { continue }
            builder.copy(uncutFrom..<e, from: graph, flags: flags)
            uncutFrom = e + 1
            cutEdges[e] = true
            let pieces = pieces(ofEdge: e, graph: graph, at: cuts.map(\.fraction))
            let ends = [graph.edgeTail[e]] + cuts.map(\.node) + [graph.edgeHead[e]]
            let total = pieces.reduce(0.0) { $0 + planarLength($1) }
            for (k, piece) in pieces.enumerated() {
                let share = total > 0 ? planarLength(piece) / total : 1 / Double(pieces.count)
                let metres = Float(Double(graph.edgeMetres[e]) * share)
                if k == 0 {
                    builder.append(tail: ends[0], head: ends[1], metres: metres, edgeClass: graph.edgeClass[e], flags: flags[e],
                                   wayID: graph.edgeWayID[e], points: piece)
                } else {
                    laterPieces.append(tail: ends[k], head: ends[k + 1], metres: metres, edgeClass: graph.edgeClass[e], flags: flags[e],
                                       wayID: graph.edgeWayID[e], points: piece)
                }
            }
        }
        builder.copy(uncutFrom..<graph.edgeCount, from: graph, flags: flags)
        builder.append(contentsOf: laterPieces)

        var added = 0.0
        for (path, stations) in zip(edits.paths, stationsOfPath) {
            var pieceStart: Int32?
            var points: [PlanarPoint] = []
            for (k, station) in stations.enumerated() {
                let point: PlanarPoint
                let junctionNode: Int32?
                if let junction = station.junction {
                    let u = node(of: junction)
                    junctionNode = u
                    point = PlanarPoint(x: nodeX[Int(u)], y: nodeY[Int(u)])
                } else if k == 0 || k == stations.count - 1 {
                    // A free end: a new node.
                    junctionNode = Int32(nodeX.count)
                    nodeX.append(station.point.x); nodeY.append(station.point.y)
                    point = station.point
                } else {
                    junctionNode = nil
                    point = station.point
                }
                if points.last != point { points.append(point) }
                guard let u = junctionNode else { continue }
                if let start = pieceStart, points.count >= 2 {
                    let metres = greatCircleLength(points, projection: projection)
                    added += metres
                    builder.append(tail: start, head: u, metres: Float(metres), edgeClass: path.edgeClass, flags: path.flags,
                                   wayID: 0, points: points)
                }
                pieceStart = u
                points = [point]
            }
        }
        let edited = StreetGraph(nodeX: nodeX, nodeY: nodeY, edges: builder)
        return EditedNetwork(graph: edited, originalNodeCount: graph.nodeCount, originalEdgeCount: graph.edgeCount,
                             cutEdges: cutEdges, closedEdgeCount: closed, addedMetres: added)
    }

    /// Whether edge `e` closes: its way is listed, or its geometry enters a closed area.
    static func isClosed(_ e: Int, graph: StreetGraph, edits: NetworkEdits) -> Bool {
        if graph.edgeWayID[e] != 0 && edits.closedWayIDs.contains(OSMWayID(graph.edgeWayID[e])) { return true }
        guard !edits.closedAreas.isEmpty else { return false }
        let points = graph.points(ofEdge: e)
        var box = BoundingBox()
        for p in points { box.add(p) }
        for area in edits.closedAreas where box.intersects(area.bounds) {
            for p in points where area.bounds.contains(p) && area.contains(p) { return true }
            for (a, b) in zip(points, points.dropFirst()) {
                var crosses = false
                area.forEachBoundarySegment { c, d in
                    if !crosses && SegmentGeometry.intersectionParameter(a, b, c, d) != nil { crosses = true }
                }
                if crosses { return true }
            }
        }
        return false
    }

    /// The path's vertices in order, with the junctions where it meets the network: its ends
    /// when within `joinMetres` (the nearest network point, added as a vertex), and, for a
    /// path on the ground, every crossing with an existing edge.
    static func stations(of path: DrawnPath, index: Int, snapper: Snapper, joinMetres: Double) throws -> [Station] {
        guard path.points.count >= 2 else { throw NetworkEditError(pathIndex: index, message: "a path needs at least 2 points") }
        guard path.points.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else {
            throw NetworkEditError(pathIndex: index, message: "a path point is not a finite coordinate")
        }
        let graph = snapper.graph
        var stations = path.points.enumerated().map { Station(along: Double($0.offset), point: $0.element, junction: nil) }
        let last = Double(path.points.count - 1)
        for (along, p) in [(0.0, path.points[0]), (last, path.points[path.points.count - 1])] {
            guard let snap = snapper.snap(p, limitMetres: joinMetres) else {
                if path.endsMustJoin {
                    throw NetworkEditError(pathIndex: index, message: "its end at (\(Int(p.x)), \(Int(p.y))) is more than \(Int(joinMetres)) m from the network")
                }
                continue
            }
            let junction = resolve(edge: snap.edge, fraction: snap.fraction, graph: graph)
            let onNetwork = Station(along: along, point: p, junction: junction)
            if snap.offsetMetres == 0 {
                stations[along == 0 ? 0 : stations.count - 1] = onNetwork
            } else {
                // A connector from the network point to the drawn end.
                let outside = along == 0 ? -0.5 : last + 0.5
                stations.append(Station(along: outside, point: p, junction: junction))
            }
        }
        if path.joinsCrossings {
            for j in 0..<(path.points.count - 1) {
                let a = path.points[j], b = path.points[j + 1]
                var box = BoundingBox(); box.add(a); box.add(b)
                var seen = Set<Int64>()
                snapper.forEachSegment(in: box) { edge, segment in
                    guard seen.insert(Int64(edge) << 32 | Int64(segment)).inserted else { return }
                    let (c, d) = graph.segment(Int(segment), ofEdge: Int(edge))
                    guard let s = SegmentGeometry.intersectionParameter(a, b, c, d),
                          let u = SegmentGeometry.intersectionParameter(c, d, a, b) else { return }
                    let fraction = graph.fraction(onEdge: Int(edge), segment: Int(segment), parameter: u)
                    stations.append(Station(along: Double(j) + s, point: SegmentGeometry.point(at: s, a, b),
                                            junction: resolve(edge: edge, fraction: fraction, graph: graph)))
                }
            }
        }
        // Junctions before plain vertices at the same place, then a stable order.
        stations.sort { ($0.along, $0.junction == nil ? 1 : 0) < ($1.along, $1.junction == nil ? 1 : 0) }
        var unique: [Station] = []
        for s in stations {
            if let previous = unique.last, previous.junction != nil, previous.junction == s.junction { continue }
            unique.append(s)
        }
        return unique
    }

    /// A point on an edge as a junction: the end node when within a centimetre of it.
    static func resolve(edge: Int32, fraction: Float, graph: StreetGraph) -> Junction {
        let metres = Double(graph.edgeMetres[Int(edge)])
        if Double(fraction) * metres < 0.01 || fraction <= 0 { return .node(graph.edgeTail[Int(edge)]) }
        if Double(1 - fraction) * metres < 0.01 || fraction >= 1 { return .node(graph.edgeHead[Int(edge)]) }
        return .cut(edge: edge, fraction: fraction)
    }

    /// Geometry of edge `e` cut at increasing `fractions` (strictly inside 0…1): one point list per piece.
    static func pieces(ofEdge e: Int, graph: StreetGraph, at fractions: [Float]) -> [[PlanarPoint]] {
        let points = graph.points(ofEdge: e)
        let total = graph.planarMetres(ofEdge: e)
        let cutPoints = fractions.map { graph.position(onEdge: e, fraction: $0) }
        let cutDistances = fractions.map { Double($0) * total }
        var pieces: [[PlanarPoint]] = []
        var current = [points[0]]
        var walked = 0.0
        var next = 0
        for (a, b) in zip(points, points.dropFirst()) {
            let length = a.distance(to: b)
            while next < cutDistances.count && cutDistances[next] <= walked + length {
                if current.last != cutPoints[next] { current.append(cutPoints[next]) }
                pieces.append(current)
                current = [cutPoints[next]]
                next += 1
            }
            if current.last != b { current.append(b) }
            walked += length
        }
        while next < cutPoints.count {   // rounding left a cut at the very end
            pieces.append(current + [cutPoints[next]])
            current = [cutPoints[next], points[points.count - 1]]
            next += 1
        }
        if current.count == 1 { current.append(current[0]) }
        pieces.append(current)
        return pieces.map { $0.count >= 2 ? $0 : [$0[0], $0[0]] }
    }

    static func planarLength(_ points: [PlanarPoint]) -> Double {
        zip(points, points.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
    }

    /// Great-circle length of a projected polyline, in metres.
    static func greatCircleLength(_ points: [PlanarPoint], projection: UTMProjection) -> Double {
        let geo = points.map(projection.unproject)
        return zip(geo, geo.dropFirst()).reduce(0) { $0 + GreatCircle.metres($1.0, $1.1) }
    }
}

/// Finds where the walk network meets a park: the points where a walkable edge crosses the
/// park boundary, or, for edges that do not cross it, the point of the edge closest to the
/// boundary when that is within `touchMetres` (default 20 m). A park is reached at these
/// points, never at its centroid.
public struct ParkAccessFinder: Sendable {
    public let snapper: Snapper
    /// How close an edge must come to the boundary to count as touching it, in metres.
    public let touchMetres: Double

    public init(snapper: Snapper, touchMetres: Double = 20) {
        self.snapper = snapper
        self.touchMetres = touchMetres
    }

    /// Access points of `polygon`, at most one touch point per edge plus every crossing,
    /// crossings on one edge closer than 1 m merged. Offsets are 0: the point is on the network.
    public func accessPoints(of polygon: PlanarPolygon) -> [PlaceSnap] {
        let graph = snapper.graph
        var crossings: [Int32: [Float]] = [:]
        var touches: [Int32: (fraction: Float, metres: Double)] = [:]
        var boundary: [(PlanarPoint, PlanarPoint, BoundingBox)] = []
        polygon.forEachBoundarySegment { a, b in
            var box = BoundingBox(); box.add(a); box.add(b)
            boundary.append((a, b, box.expanded(by: touchMetres)))
        }
        snapper.forEachSegment(in: polygon.bounds.expanded(by: touchMetres)) { edge, start in
            let a = graph.geometryPoint(Int(start)), b = graph.geometryPoint(Int(start) + 1)
            var segmentBox = BoundingBox(); segmentBox.add(a); segmentBox.add(b)
            for (c, d, box) in boundary where box.intersects(segmentBox) {
                if let t = SegmentGeometry.intersectionParameter(a, b, c, d) {
                    let f = graph.fraction(onEdge: Int(edge), segmentStart: Int(start), parameter: t)
                    crossings[edge, default: []].append(f)
                } else {
                    let approach = SegmentGeometry.closestApproach(a, b, c, d)
                    guard approach.metres <= touchMetres else { continue }
                    if let current = touches[edge], current.metres <= approach.metres { continue }
                    let f = graph.fraction(onEdge: Int(edge), segmentStart: Int(start), parameter: approach.t)
                    touches[edge] = (f, approach.metres)
                }
            }
        }
        var points: [PlaceSnap] = []
        for edge in Set(crossings.keys).union(touches.keys).sorted() {
            if let fractions = crossings[edge] {
                var last = -Float.infinity
                let edgeMetres = graph.edgeMetres[Int(edge)]
                for f in fractions.sorted() where (f - last) * edgeMetres >= 1 {
                    points.append(PlaceSnap(edge: edge, fraction: f, offsetMetres: 0))
                    last = f
                }
            } else if let touch = touches[edge] {
                points.append(PlaceSnap(edge: edge, fraction: touch.fraction, offsetMetres: 0))
            }
        }
        return points
    }

    /// Fallback for a park no edge comes near: the network point nearest to any boundary
    /// vertex within `limitMetres`, with the off-network walk as offset; nil if none.
    public func nearestApproach(to polygon: PlanarPolygon, limitMetres: Double) -> PlaceSnap? {
        var best: PlaceSnap?
        for ring in polygon.outerRings {
            for p in ring {
                guard let snap = snapper.snap(p, limitMetres: limitMetres) else { continue }
                if best == nil || snap.offsetMetres < best!.offsetMetres { best = snap }
            }
        }
        return best
    }
}

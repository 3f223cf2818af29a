/// Finds where the walk network meets a park: the points where a walkable edge crosses the
/// park boundary, and, along stretches where an edge runs within `touchMetres` (default 20 m)
/// of the boundary, points at most `spacingMetres` (default 25 m) apart. A park is reached at
/// these points, never at its centroid.
public struct ParkAccessFinder: Sendable {
    public let snapper: Snapper
    /// How close an edge must come to the boundary to count as touching it, in metres.
    public let touchMetres: Double
    /// Spacing of access points along a touching stretch, in metres.
    public let spacingMetres: Double
    /// Step at which edges are sampled for touching, in metres.
    let sampleMetres = 5.0

    public init(snapper: Snapper, touchMetres: Double = 20, spacingMetres: Double = 25) {
        self.snapper = snapper
        self.touchMetres = touchMetres
        self.spacingMetres = spacingMetres
    }

    /// Access points of `polygon`, sorted by edge and fraction: every crossing (crossings on
    /// one edge closer than 1 m merged), then touch points ≥ `spacingMetres` from any kept
    /// point of the same edge. Offsets are 0: the points are on the network.
    public func accessPoints(of polygon: PlanarPolygon) -> [PlaceSnap] {
        let graph = snapper.graph
        var crossings: [Int32: [Float]] = [:]
        var touches: [Int32: [Float]] = [:]
        var boundary: [(PlanarPoint, PlanarPoint, BoundingBox)] = []
        polygon.forEachBoundarySegment { a, b in
            var box = BoundingBox(); box.add(a); box.add(b)
            boundary.append((a, b, box.expanded(by: touchMetres)))
        }
        snapper.forEachSegment(in: polygon.bounds.expanded(by: touchMetres)) { edge, segment in
            let (a, b) = graph.segment(Int(segment), ofEdge: Int(edge))
            var segmentBox = BoundingBox(); segmentBox.add(a); segmentBox.add(b)
            let near = boundary.filter { $0.2.intersects(segmentBox) }
            guard !near.isEmpty else { return }
            for (c, d, _) in near {
                if let t = SegmentGeometry.intersectionParameter(a, b, c, d) {
                    crossings[edge, default: []].append(graph.fraction(onEdge: Int(edge), segment: Int(segment), parameter: t))
                }
            }
            let samples = max(1, Int((a.distance(to: b) / sampleMetres).rounded(.up)))
            for k in 0...samples {
                let t = Double(k) / Double(samples)
                let p = SegmentGeometry.point(at: t, a, b)
                guard near.contains(where: { SegmentGeometry.distance(p, $0.0, $0.1) <= touchMetres }) else { continue }
                touches[edge, default: []].append(graph.fraction(onEdge: Int(edge), segment: Int(segment), parameter: t))
            }
        }
        var points: [PlaceSnap] = []
        for edge in Set(crossings.keys).union(touches.keys).sorted() {
            let edgeMetres = graph.edgeMetres[Int(edge)]
            var kept: [Float] = []
            var last = -Float.infinity
            for f in (crossings[edge] ?? []).sorted() where (f - last) * edgeMetres >= 1 {
                kept.append(f)
                last = f
            }
            let crossingsOnly = kept
            var lastTouch = -Float.infinity
            for f in (touches[edge] ?? []).sorted() {
                let spacing = Float(spacingMetres) - 0.01   // a centimetre of slack for Float fractions
                guard crossingsOnly.allSatisfy({ abs($0 - f) * edgeMetres >= spacing }),
                      (f - lastTouch) * edgeMetres >= spacing else { continue }
                kept.append(f)
                lastTouch = f
            }
            for f in kept.sorted() { points.append(PlaceSnap(edge: edge, fraction: f, offsetMetres: 0)) }
        }
        return points
    }

    /// Fallback for a park no edge comes near: the network point nearest to any boundary
    /// vertex within `limitMetres`, with the off-network walk as offset; nil if none.
    public func nearestApproach(to polygon: PlanarPolygon, limitMetres: Double, usableEdges: [Bool]? = nil) -> PlaceSnap? {
        var best: PlaceSnap?
        for ring in polygon.outerRings {
            for p in ring {
                guard let snap = snapper.snap(p, limitMetres: limitMetres, usableEdges: usableEdges) else { continue }
                if best == nil || snap.offsetMetres < best!.offsetMetres { best = snap }
            }
        }
        return best
    }
}

/// A polygon with holes in projected metres: outer rings and inner rings, each closed
/// (first position equals last). Point tests use the even-odd rule over all rings, which is
/// what OSM multipolygons mean.
public struct PlanarPolygon: Sendable, Equatable {
    /// Outer rings; each has ≥ 4 positions and repeats its first position last.
    public let outerRings: [[PlanarPoint]]
    /// Holes; same ring rules as `outerRings`.
    public let innerRings: [[PlanarPoint]]
    /// Box around all outer rings.
    public let bounds: BoundingBox

    public init(outerRings: [[PlanarPoint]], innerRings: [[PlanarPoint]] = []) {
        self.outerRings = outerRings
        self.innerRings = innerRings
        var box = BoundingBox()
        for ring in outerRings { for p in ring { box.add(p) } }
        bounds = box
    }

    /// Area in square metres: outer areas less hole areas (shoelace formula).
    public var areaSquareMetres: Double {
        let outer = outerRings.reduce(0) { $0 + abs(Self.signedArea($1)) }
        let inner = innerRings.reduce(0) { $0 + abs(Self.signedArea($1)) }
        return max(0, outer - inner)
    }

    /// Area-weighted centre of the outer rings (falls back to the first vertex for degenerate rings).
    /// Vertices are measured from the first vertex, not from the projection's origin: products of
    /// absolute UTM coordinates (millions of metres) round enough to put a small polygon's centre
    /// metres off (over 200 m for a 4 m² shed), the smaller the polygon the farther.
    public var centroid: PlanarPoint {
        guard let origin = outerRings.first?.first else { return PlanarPoint(x: 0, y: 0) }
        var cx = 0.0, cy = 0.0, total = 0.0
        for ring in outerRings {
            for i in 0..<(ring.count - 1) {
                let ax = ring[i].x - origin.x, ay = ring[i].y - origin.y
                let bx = ring[i + 1].x - origin.x, by = ring[i + 1].y - origin.y
                let cross = ax * by - bx * ay
                cx += (ax + bx) * cross
                cy += (ay + by) * cross
                total += cross
            }
        }
        if total == 0 { return origin }
        return PlanarPoint(x: origin.x + cx / (3 * total), y: origin.y + cy / (3 * total))
    }

    /// Even-odd point-in-polygon over all rings; points on the boundary may go either way.
    public func contains(_ p: PlanarPoint) -> Bool {
        guard bounds.contains(p) else { return false }
        var inside = false
        for ring in outerRings where Self.ringCrossings(ring, p) { inside.toggle() }
        for ring in innerRings where Self.ringCrossings(ring, p) { inside.toggle() }
        return inside
    }

    /// Every boundary segment of every ring, for crossing and distance tests.
    public func forEachBoundarySegment(_ body: (PlanarPoint, PlanarPoint) -> Void) {
        func walk(_ ring: [PlanarPoint]) { for i in 0..<(ring.count - 1) { body(ring[i], ring[i + 1]) } }
        outerRings.forEach(walk)
        innerRings.forEach(walk)
    }

    /// Whether some boundary segment lies within `metres` of `p` (`distanceToBoundary(p) <=
    /// metres`), stopping at the first such segment; segments whose box is clearly farther
    /// are not measured.
    public func boundaryIsWithin(_ metres: Double, of p: PlanarPoint) -> Bool {
        func near(_ ring: [PlanarPoint]) -> Bool {
            for i in 0..<(ring.count - 1) where Self.segment(ring[i], ring[i + 1], isWithin: metres, of: p) { return true }
            return false
        }
        return outerRings.contains(where: near) || innerRings.contains(where: near)
    }

    /// Whether the segment `a`–`b` lies within `metres` of `p`; one whose box is clearly farther
    /// is not measured. The one near-boundary test (`PolygonBands` asks it too).
    @inline(__always)
    static func segment(_ a: PlanarPoint, _ b: PlanarPoint, isWithin metres: Double, of p: PlanarPoint) -> Bool {
        let reach = metres + 1e-6
        if min(a.x, b.x) - p.x > reach || p.x - max(a.x, b.x) > reach
            || min(a.y, b.y) - p.y > reach || p.y - max(a.y, b.y) > reach { return false }
        return SegmentGeometry.distance(p, a, b) <= metres
    }

    /// Distance from `p` to the nearest boundary segment, in metres.
    public func distanceToBoundary(_ p: PlanarPoint) -> Double {
        var best = Double.infinity
        forEachBoundarySegment { a, b in best = min(best, SegmentGeometry.distance(p, a, b)) }
        return best
    }

    static func signedArea(_ ring: [PlanarPoint]) -> Double {
        guard ring.count >= 4 else { return 0 }
        var sum = 0.0
        for i in 0..<(ring.count - 1) {
            sum += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y
        }
        return sum / 2
    }

    /// True when a ray from `p` towards +x crosses the ring an odd number of times.
    static func ringCrossings(_ ring: [PlanarPoint], _ p: PlanarPoint) -> Bool {
        var odd = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            if rayCrosses(from: p, ring[i], ring[j]) { odd.toggle() }
            j = i
        }
        return odd
    }

    /// Whether a ray from `p` towards +x crosses the ring's pair `a` (the later position), `b`
    /// (the one before it). The one crossing test (`PolygonBands` asks it too).
    @inline(__always)
    static func rayCrosses(from p: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint) -> Bool {
        guard (a.y > p.y) != (b.y > p.y) else { return false }
        return p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x)
    }
}

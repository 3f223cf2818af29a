/// Closest-point and intersection arithmetic on planar segments.
public enum SegmentGeometry {
    /// The parameter t ∈ [0, 1] of the point on segment a→b closest to `p`.
    @inlinable
    public static func closestParameter(_ p: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        if lengthSquared == 0 { return 0 }
        let t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared
        return min(1, max(0, t))
    }

    /// The point at parameter `t` on a→b.
    @inlinable
    public static func point(at t: Double, _ a: PlanarPoint, _ b: PlanarPoint) -> PlanarPoint {
        PlanarPoint(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))
    }

    /// Distance from `p` to segment a→b, in metres.
    @inlinable
    public static func distance(_ p: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint) -> Double {
        p.distance(to: point(at: closestParameter(p, a, b), a, b))
    }

    /// Parameter along a→b where it properly crosses or touches c→d, or nil when they do not meet
    /// (parallel overlapping segments are reported as not crossing; the touch test finds them).
    public static func intersectionParameter(_ a: PlanarPoint, _ b: PlanarPoint,
                                             _ c: PlanarPoint, _ d: PlanarPoint) -> Double? {
        let rX = b.x - a.x, rY = b.y - a.y
        let sX = d.x - c.x, sY = d.y - c.y
        let denominator = rX * sY - rY * sX
        if denominator == 0 { return nil }
        let qpX = c.x - a.x, qpY = c.y - a.y
        let t = (qpX * sY - qpY * sX) / denominator
        let u = (qpX * rY - qpY * rX) / denominator
        guard t >= 0, t <= 1, u >= 0, u <= 1 else { return nil }
        return t
    }

    /// Parameter on a→b of the point nearest to segment c→d, and that distance in metres.
    /// For non-crossing segments the minimum lies at one of the four endpoint projections.
    public static func closestApproach(_ a: PlanarPoint, _ b: PlanarPoint,
                                       _ c: PlanarPoint, _ d: PlanarPoint) -> (t: Double, metres: Double) {
        if let t = intersectionParameter(a, b, c, d) { return (t, 0) }
        var best = (t: 0.0, metres: Double.infinity)
        for (t, p) in [(0.0, a), (1.0, b)] {
            let m = distance(p, c, d)
            if m < best.metres { best = (t, m) }
        }
        for q in [c, d] {
            let t = closestParameter(q, a, b)
            let m = q.distance(to: point(at: t, a, b))
            if m < best.metres { best = (t, m) }
        }
        return best
    }
}

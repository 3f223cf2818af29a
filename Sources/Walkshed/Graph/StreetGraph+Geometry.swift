/// Geometry along an edge: planar lengths, fractions, positions and partial polylines.
extension StreetGraph {
    /// Planar length of edge `e`'s geometry, in metres.
    public func planarMetres(ofEdge e: Int) -> Double {
        var sum = 0.0
        let n = pointCount(ofEdge: e)
        for k in 0..<(n - 1) { sum += point(k, ofEdge: e).distance(to: point(k + 1, ofEdge: e)) }
        return sum
    }

    /// Fraction along edge `e` of the point at `parameter` on segment `segment` (see
    /// `firstSegment(ofEdge:)`; it must belong to `e`).
    public func fraction(onEdge e: Int, segment: Int, parameter: Double) -> Float {
        let n = pointCount(ofEdge: e), within = segment - firstSegment(ofEdge: e)
        precondition(within >= 0 && within < n - 1, "segment must belong to the edge")
        var before = 0.0, total = 0.0
        for k in 0..<(n - 1) {
            let length = point(k, ofEdge: e).distance(to: point(k + 1, ofEdge: e))
            if k < within { before += length }
            if k == within { before += parameter * length }
            total += length
        }
        return total > 0 ? Float(min(1, max(0, before / total))) : 0
    }

    /// Projected position of the point at `fraction` along edge `e`.
    public func position(onEdge e: Int, fraction: Float) -> PlanarPoint {
        let n = pointCount(ofEdge: e)
        let target = Double(fraction) * planarMetres(ofEdge: e)
        var walked = 0.0
        for k in 0..<(n - 1) {
            let a = point(k, ofEdge: e), b = point(k + 1, ofEdge: e)
            let length = a.distance(to: b)
            if walked + length >= target, length > 0 {
                return SegmentGeometry.point(at: (target - walked) / length, a, b)
            }
            walked += length
        }
        return point(n - 1, ofEdge: e)
    }

    /// The geometry of edge `e` between fractions `from` and `to` of its length (planar).
    public func polyline(ofEdge e: Int, from: Float, to: Float) -> [PlanarPoint] {
        let n = pointCount(ofEdge: e)
        let total = planarMetres(ofEdge: e)
        let start = Double(from) * total, end = Double(to) * total
        var out = [position(onEdge: e, fraction: from)]
        var walked = 0.0
        for k in 0..<(n - 1) {
            let next = point(k + 1, ofEdge: e)
            walked += point(k, ofEdge: e).distance(to: next)
            if walked > start && walked < end { out.append(next) }
        }
        out.append(position(onEdge: e, fraction: to))
        return out
    }
}

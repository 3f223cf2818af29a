/// Where a place attaches to the network: a point on an edge and the straight walk to it.
public struct PlaceSnap: Sendable, Hashable {
    /// The edge the place attaches to.
    public var edge: Int32
    /// Share of the edge's length from its tail to the attachment point, 0...1.
    public var fraction: Float
    /// Straight-line metres from the place to the attachment point, walked at profile speed.
    public var offsetMetres: Float

    public init(edge: Int32, fraction: Float, offsetMetres: Float) {
        self.edge = edge
        self.fraction = fraction
        self.offsetMetres = offsetMetres
    }

    /// One place per node, on the node itself (the end of its first arc's edge, no offset), so
    /// place answers equal node answers; `nil` for a node without arcs. The places of the
    /// per-node benchmarks and of `walkshed export --neutral`.
    public static func atNodes(of graph: StreetGraph) -> [PlaceSnap?] {
        (0..<graph.nodeCount).map { u in
            let first = Int(graph.firstOut[u])
            guard first < Int(graph.firstOut[u + 1]) else { return nil }
            return PlaceSnap(edge: graph.arcEdge[first], fraction: graph.isBackward(arc: first) ? 1 : 0, offsetMetres: 0)
        }
    }
}

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
}

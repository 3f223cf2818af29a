/// Where greenway edges come within a distance of areas (parks, green spaces): per area, the
/// closest point of each greenway edge that touches it.
public struct GreenwayTouches: Sendable {
    /// One greenway edge touching one area, at the edge's point nearest to it.
    public struct Touch: Sendable, Equatable {
        public var edge: Int32
        /// Fraction along the edge (0 tail … 1 head) of the touching point.
        public var fraction: Float
        /// Straight metres from that point to the area (0 inside it).
        public var metres: Double
    }

    /// Per area, the greenway edges touching it, ascending by edge.
    public let touches: [[Touch]]

    /// Greenway edges of `network` with a point within `touchMetres` of each of `areas`.
    public init(areas: [PlanarPolygon], network: GreenwayNetwork, graph: StreetGraph, index: EdgeSegmentIndex, touchMetres: Double) {
        touches = areas.map { area in
            var best: [Int32: Touch] = [:]
            index.forEachSegment(in: area.bounds.expanded(by: touchMetres)) { edge, segment in
                guard network.componentOfEdge[Int(edge)] >= 0 else { return }
                let (a, b) = graph.segment(Int(segment), ofEdge: Int(edge))
                let (t, metres) = Self.approach(a, b, to: area)
                guard metres <= touchMetres else { return }
                let touch = Touch(edge: edge, fraction: graph.fraction(onEdge: Int(edge), segment: Int(segment), parameter: t), metres: metres)
                if let known = best[edge], known.metres <= metres { return }
                best[edge] = touch
            }
            return best.keys.sorted().map { best[$0]! }
        }
    }

    /// The components each area touches, ascending.
    public func components(of network: GreenwayNetwork) -> [[Int32]] {
        touches.map { Array(Set($0.map { network.componentOfEdge[Int($0.edge)] })).sorted() }
    }

    /// Parameter on a→b of its point nearest to `area`, and the distance (0 when inside or crossing).
    static func approach(_ a: PlanarPoint, _ b: PlanarPoint, to area: PlanarPolygon) -> (t: Double, metres: Double) {
        if area.contains(a) { return (0, 0) }
        if area.contains(b) { return (1, 0) }
        var best = (t: 0.0, metres: Double.infinity)
        area.forEachBoundarySegment { c, d in
            let found = SegmentGeometry.closestApproach(a, b, c, d)
            if found.metres < best.metres { best = found }
        }
        return best
    }
}

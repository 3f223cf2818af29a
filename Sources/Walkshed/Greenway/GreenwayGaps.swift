/// Break points of a greenway network: pairs of components that come within a straight-line
/// distance of each other, with the gap's geometry and its length over ordinary streets.
public struct GreenwayGap: Sendable, Equatable {
    /// The two components, `first < second`.
    public var first: Int32
    public var second: Int32
    /// The gap runs from the point at `fromFraction` along greenway edge `fromEdge` (a vertex
    /// of it: a node or a shape point) to the point at `toFraction` along greenway edge
    /// `toEdge` of the other component: their closest approach (between polylines it always
    /// lies at a vertex of one of them).
    public var fromEdge: Int32
    public var fromFraction: Float
    public var toEdge: Int32
    public var toFraction: Float
    /// Straight-line metres of the gap.
    public var straightMetres: Double
    /// Metres between its ends over the walk network today (any edge the profile may use);
    /// `.infinity` when not joined within the search limit.
    public var streetMetres: Double

    /// Finds, for every pair of components within `maxStraightMetres`, their closest approach
    /// from a greenway vertex to a greenway segment of the other (ties: lower edge, then lower
    /// vertex, then lower segment), and its length on the network within `streetLimitMetres`.
    /// Sorted by components.
    public static func find(network: GreenwayNetwork, graph: StreetGraph, index: EdgeSegmentIndex, costs: ProfileCosts,
                            maxStraightMetres: Double, streetLimitMetres: Double) -> [GreenwayGap] {
        var best: [Int64: GreenwayGap] = [:]
        for edges in network.componentEdges {
            for from in edges {
                let cu = network.componentOfEdge[Int(from)]
                let fractions = graph.vertexFractions(ofEdge: Int(from))
                for (k, fraction) in fractions.enumerated() {
                    let p = graph.point(k, ofEdge: Int(from))
                    let box = BoundingBox(minX: p.x - maxStraightMetres, minY: p.y - maxStraightMetres,
                                          maxX: p.x + maxStraightMetres, maxY: p.y + maxStraightMetres)
                    index.forEachSegment(in: box) { edge, segment in
                        let cv = network.componentOfEdge[Int(edge)]
                        guard cv >= 0, cv != cu else { return }
                        let (a, b) = graph.segment(Int(segment), ofEdge: Int(edge))
                        let t = SegmentGeometry.closestParameter(p, a, b)
                        let metres = p.distance(to: SegmentGeometry.point(at: t, a, b))
                        guard metres <= maxStraightMetres else { return }
                        let key = Int64(min(cu, cv)) << 32 | Int64(max(cu, cv))
                        if let known = best[key], known.straightMetres <= metres { return }
                        best[key] = GreenwayGap(first: min(cu, cv), second: max(cu, cv), fromEdge: from, fromFraction: fraction, toEdge: edge,
                                                toFraction: graph.fraction(onEdge: Int(edge), segment: Int(segment), parameter: t),
                                                straightMetres: metres, streetMetres: .infinity)
                    }
                }
            }
        }
        let metresCosts = ProfileCosts.metres(like: costs, graph: graph)
        var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
        return best.keys.sorted().map { key in
            var gap = best[key]!
            let from = Int(gap.fromEdge), f = Double(gap.fromFraction), fromLength = Double(graph.edgeMetres[from])
            workspace.search(graph, costs: metresCosts, from: [SearchSource(node: graph.edgeTail[from], seconds: Float(f * fromLength)),
                                                                SearchSource(node: graph.edgeHead[from], seconds: Float((1 - f) * fromLength))],
                             direction: .outward, limitSeconds: Float(streetLimitMetres))
            let e = Int(gap.toEdge), g = Double(gap.toFraction), length = Double(graph.edgeMetres[e])
            let metres = min(workspace.seconds[Int(graph.edgeTail[e])] + g * length, workspace.seconds[Int(graph.edgeHead[e])] + (1 - g) * length)
            gap.streetMetres = metres <= streetLimitMetres ? metres : .infinity
            return gap
        }
    }

    /// The gap's ends, projected metres.
    public func ends(graph: StreetGraph) -> (from: PlanarPoint, to: PlanarPoint) {
        (graph.position(onEdge: Int(fromEdge), fraction: fromFraction), graph.position(onEdge: Int(toEdge), fraction: toFraction))
    }
}

extension StreetGraph {
    /// Fraction along edge `e` (by planar length) of each point of its polyline: 0 first, 1 last.
    public func vertexFractions(ofEdge e: Int) -> [Float] {
        let n = pointCount(ofEdge: e)
        var lengths = [0.0]
        for k in 0..<(n - 1) { lengths.append(lengths[k] + point(k, ofEdge: e).distance(to: point(k + 1, ofEdge: e))) }
        let total = lengths[n - 1]
        return lengths.enumerated().map { k, l in k == n - 1 ? 1 : total > 0 ? Float(l / total) : 0 }
    }
}

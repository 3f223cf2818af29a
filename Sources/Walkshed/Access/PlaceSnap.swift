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

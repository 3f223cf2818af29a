import Walkshed

/// Builds small graphs by hand: nodes at planar positions (metres) and straight edges whose
/// length is given exactly (so hand-derived answers are exact), or the straight-line length.
public enum TinyNetwork {
    /// A graph with straight-line geometry; `metres` defaults to the planar distance.
    public static func graph(nodes: [(Double, Double)], edges: [(Int, Int, Float?)],
                             classes: [EdgeClass]? = nil) -> StreetGraph {
        let nx = nodes.map(\.0), ny = nodes.map(\.1)
        var gFirst: [Int32] = [0], px: [Double] = [], py: [Double] = []
        var metres: [Float] = []
        for (u, v, m) in edges {
            px += [nx[u], nx[v]]; py += [ny[u], ny[v]]
            gFirst.append(Int32(px.count))
            let straight = PlanarPoint(x: nx[u], y: ny[u]).distance(to: PlanarPoint(x: nx[v], y: ny[v]))
            metres.append(m ?? Float(straight))
        }
        return StreetGraph(nodeX: nx, nodeY: ny, edgeTail: edges.map { Int32($0.0) }, edgeHead: edges.map { Int32($0.1) },
                           edgeMetres: metres, edgeClass: classes ?? edges.map { _ in .street },
                           edgeFlags: edges.map { _ in [] }, edgeWayID: edges.indices.map { Int64($0 + 1) },
                           geometryFirst: gFirst, pointX: px, pointY: py)
    }

    /// A random connected-or-not graph of `nodeCount` nodes with integer edge lengths 1...maxMetres
    /// at unit positions, so every shortest-path sum is exact in `Float`.
    public static func random(nodeCount: Int, edgeCount: Int, maxMetres: Int, rng: inout SeededRandom) -> StreetGraph {
        let nodes = (0..<nodeCount).map { _ in (Double(Int.random(in: 0...1000, using: &rng)), Double(Int.random(in: 0...1000, using: &rng))) }
        var edges: [(Int, Int, Float?)] = []
        for _ in 0..<edgeCount {
            let u = Int.random(in: 0..<nodeCount, using: &rng), v = Int.random(in: 0..<nodeCount, using: &rng)
            edges.append((u, v, Float(Int.random(in: 1...maxMetres, using: &rng))))
        }
        return graph(nodes: nodes, edges: edges)
    }
}

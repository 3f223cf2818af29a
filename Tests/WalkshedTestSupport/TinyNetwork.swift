import Walkshed

/// Builds small graphs by hand: nodes at planar positions (metres) and straight edges whose
/// length is given exactly (so hand-derived answers are exact), or the straight-line length.
public enum TinyNetwork {
    /// A graph with straight-line geometry; `metres` defaults to the planar distance.
    public static func graph(nodes: [(Double, Double)], edges: [(Int, Int, Float?)],
                             classes: [EdgeClass]? = nil) -> StreetGraph {
        let nx = nodes.map(\.0), ny = nodes.map(\.1)
        var metres: [Float] = []
        for (u, v, m) in edges {
            let straight = PlanarPoint(x: nx[u], y: ny[u]).distance(to: PlanarPoint(x: nx[v], y: ny[v]))
            metres.append(m ?? Float(straight))
        }
        let arrays = EdgeArrays(tails: edges.map { Int32($0.0) }, heads: edges.map { Int32($0.1) }, metres: metres,
                                classes: classes ?? edges.map { _ in .street }, flags: edges.map { _ in [] },
                                wayIDs: edges.indices.map { Int64($0 + 1) }, interiorFirst: [Int32](repeating: 0, count: edges.count + 1),
                                interiorX: [], interiorY: [])
        return StreetGraph(nodeX: nx, nodeY: ny, edges: arrays)
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

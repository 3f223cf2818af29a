/// The greenway edges a profile may use, as a network of their own: its connected
/// components (edges joined at shared nodes), longest first.
///
/// Invariants: `componentOfEdge[e]` is −1 exactly for edges that are not usable greenway;
/// a node's greenway edges all share its `componentOfNode`; component 0 is the longest
/// (ties: the one whose first edge comes first), and `componentEdges[c]` is ascending.
public struct GreenwayNetwork: Sendable {
    /// Per graph edge, its component, or −1.
    public let componentOfEdge: [Int32]
    /// Per graph node, the component of its greenway edges, or −1 for a node on none.
    public let componentOfNode: [Int32]
    /// Per component, its edges.
    public let componentEdges: [[Int32]]
    /// Per component, its length in metres.
    public let componentMetres: [Double]

    /// Components of the edges flagged `.greenway` that `usableEdges` allows.
    public init(graph: StreetGraph, usableEdges: [Bool]) {
        var sets = DisjointSets(count: graph.nodeCount)
        let greenway = (0..<graph.edgeCount).filter { graph.edgeFlags[$0].contains(.greenway) && usableEdges[$0] }
        for e in greenway { sets.union(graph.edgeTail[e], graph.edgeHead[e]) }
        // Group edges by root, in edge order; then order groups longest first.
        var groupOfRoot: [Int32: Int] = [:], groups: [[Int32]] = []
        for e in greenway {
            let r = sets.root(graph.edgeTail[e])
            if let g = groupOfRoot[r] { groups[g].append(Int32(e)) } else { groupOfRoot[r] = groups.count; groups.append([Int32(e)]) }
        }
        let metres = groups.map { $0.reduce(0.0) { $0 + Double(graph.edgeMetres[Int($1)]) } }
        let order = groups.indices.sorted { metres[$0] != metres[$1] ? metres[$0] > metres[$1] : groups[$0][0] < groups[$1][0] }
        var ofEdge = [Int32](repeating: -1, count: graph.edgeCount), ofNode = [Int32](repeating: -1, count: graph.nodeCount)
        for (c, g) in order.enumerated() {
            for e in groups[g] {
                ofEdge[Int(e)] = Int32(c)
                ofNode[Int(graph.edgeTail[Int(e)])] = Int32(c)
                ofNode[Int(graph.edgeHead[Int(e)])] = Int32(c)
            }
        }
        componentOfEdge = ofEdge
        componentOfNode = ofNode
        componentEdges = order.map { groups[$0] }
        componentMetres = order.map { metres[$0] }
    }

    public var componentCount: Int { componentEdges.count }
    /// Metres of greenway in all components.
    public var totalMetres: Double { componentMetres.reduce(0, +) }
    /// Share of the greenway length in the longest component (0 with no greenway).
    public var largestComponentShare: Double { totalMetres > 0 ? componentMetres[0] / totalMetres : 0 }
    /// Mean length of continuous greenway reachable from a greenway point (a point taken
    /// uniformly along all greenway): Σ L² / Σ L over components, in metres.
    public var meanContinuousMetres: Double {
        totalMetres > 0 ? componentMetres.reduce(0) { $0 + $1 * $1 } / totalMetres : 0
    }
    /// The greenway nodes (on at least one greenway edge), ascending.
    public var nodes: [Int32] { componentOfNode.indices.filter { componentOfNode[$0] >= 0 }.map(Int32.init) }
}

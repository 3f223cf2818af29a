/// What `largestComponent()` removed.
public struct ComponentReport: Sendable, Equatable {
    /// Connected components before filtering.
    public var componentCount: Int
    public var droppedNodes: Int
    public var droppedEdges: Int
    /// Length of the dropped edges, in metres.
    public var droppedMetres: Double

    public init(componentCount: Int, droppedNodes: Int, droppedEdges: Int, droppedMetres: Double) {
        self.componentCount = componentCount
        self.droppedNodes = droppedNodes
        self.droppedEdges = droppedEdges
        self.droppedMetres = droppedMetres
    }
}

extension StreetGraph {
    /// Component number of every node (0 ..< count), numbered by lowest node id.
    public func componentLabels() -> (labels: [Int32], count: Int) {
        ConnectedComponents.labels(nodeCount: nodeCount, tails: edgeTail, heads: edgeHead)
    }

    /// The largest connected component (most nodes; ties to the one with the lowest node id),
    /// renumbered in the original node order, and what was dropped.
    public func largestComponent() -> (graph: StreetGraph, report: ComponentReport) {
        let (keep, count) = largestComponentNodes()
        guard count > 1 else {
            return (self, ComponentReport(componentCount: count, droppedNodes: 0, droppedEdges: 0, droppedMetres: 0))
        }
        let kept = subgraph(keepingNodes: keep)
        return (kept, droppedReport(keeping: kept, componentCount: count))
    }

    /// Which nodes the largest component holds (most nodes; ties to the one with the lowest
    /// node id), and how many components there are.
    public func largestComponentNodes() -> (keep: [Bool], componentCount: Int) {
        let (labels, count) = componentLabels()
        return (ConnectedComponents.largest(labels: labels, count: count), count)
    }

    /// What keeping only `kept` (a subgraph of this graph) drops.
    func droppedReport(keeping kept: StreetGraph, componentCount: Int) -> ComponentReport {
        ComponentReport(componentCount: componentCount, droppedNodes: nodeCount - kept.nodeCount,
                        droppedEdges: edgeCount - kept.edgeCount, droppedMetres: totalMetres() - kept.totalMetres())
    }

    /// The graph restricted to nodes with `keep[u]` and edges with both ends kept, renumbered
    /// in original order.
    public func subgraph(keepingNodes keep: [Bool]) -> StreetGraph {
        var newID = [Int32](repeating: -1, count: nodeCount)
        var nx: [Double] = [], ny: [Double] = []
        for u in 0..<nodeCount where keep[u] {
            newID[u] = Int32(nx.count)
            nx.append(nodeX[u]); ny.append(nodeY[u])
        }
        var edges = EdgeArrays()
        for e in 0..<edgeCount where newID[Int(edgeTail[e])] >= 0 && newID[Int(edgeHead[e])] >= 0 {
            edges.copy(e, from: self, flags: edgeFlags[e])
            edges.tails[edges.count - 1] = newID[Int(edgeTail[e])]
            edges.heads[edges.count - 1] = newID[Int(edgeHead[e])]
        }
        return StreetGraph(nodeX: nx, nodeY: ny, edges: edges)
    }
}

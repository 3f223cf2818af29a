/// A broken structural invariant of a `StreetGraph`, named in words.
public struct GraphError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension StreetGraph {
    /// Walks every array and throws naming the first invariant that does not hold.
    /// - Complexity: O(nodes + arcs + geometry points).
    public func checkInvariants() throws {
        guard firstOut.count == nodeCount + 1 else { throw GraphError("firstOut.count must be nodeCount + 1") }
        guard firstOut.first == 0 else { throw GraphError("firstOut[0] must be 0") }
        for u in 0..<nodeCount where firstOut[u] > firstOut[u + 1] {
            throw GraphError("firstOut must be non-decreasing (node \(u))")
        }
        guard Int(firstOut[nodeCount]) == arcCount else { throw GraphError("firstOut.last must be arcCount") }
        guard arcCount == 2 * edgeCount else { throw GraphError("every edge must give exactly two arcs") }
        for a in 0..<arcCount {
            guard head[a] >= 0 && Int(head[a]) < nodeCount else { throw GraphError("head[\(a)] must be a node") }
            guard arcEdge[a] >= 0 && Int(arcEdge[a]) < edgeCount else { throw GraphError("arcEdge[\(a)] must be an edge") }
        }
        guard interiorFirst.count == edgeCount + 1, interiorFirst.first == 0,
              Int(interiorFirst.last!) == interiorX.count, interiorY.count == interiorX.count else {
            throw GraphError("interiorFirst must be a CSR offset array over the interior points")
        }
        for e in 0..<edgeCount {
            guard edgeMetres[e].isFinite && edgeMetres[e] >= 0 else { throw GraphError("edge \(e) length must be finite and ≥ 0") }
            guard interiorFirst[e] <= interiorFirst[e + 1] else { throw GraphError("interiorFirst must be non-decreasing (edge \(e))") }
        }
    }
}

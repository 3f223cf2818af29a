/// Node renumbering for memory locality: nodes near each other in space get near ids, so a
/// search's wavefront touches fewer cache lines of `firstOut`, `head`, costs and labels.
extension StreetGraph {
    /// The same network with node `u` renamed `newID[u]` (a permutation of `0 ..< nodeCount`);
    /// edges keep their ids, geometry and attributes, arcs are rebuilt in the new order.
    public func renumbered(_ newID: [Int32]) -> StreetGraph {
        precondition(newID.count == nodeCount, "one new id per node")
        var nx = [Double](repeating: 0, count: nodeCount), ny = nx
        for u in 0..<nodeCount {
            nx[Int(newID[u])] = nodeX[u]
            ny[Int(newID[u])] = nodeY[u]
        }
        let edges = EdgeArrays(tails: edgeTail.map { newID[Int($0)] }, heads: edgeHead.map { newID[Int($0)] }, metres: edgeMetres,
                               classes: edgeClass, flags: edgeFlags, wayIDs: Array(edgeWayID),
                               interiorFirst: interiorFirst, interiorX: interiorX, interiorY: interiorY)
        return StreetGraph(nodeX: nx, nodeY: ny, edges: edges)
    }

    /// New ids in Hilbert-curve order of the node positions (a 2¹⁶ × 2¹⁶ grid over the
    /// network's box; ties by old id), for `renumbered`.
    public func hilbertOrder() -> [Int32] {
        let box = bounds
        let side = 65_536.0
        let scale = max(box.maxX - box.minX, box.maxY - box.minY, 1) / (side - 1)
        var keyed: [(key: UInt64, node: Int32)] = []
        keyed.reserveCapacity(nodeCount)
        for u in 0..<nodeCount {
            let x = UInt32(((nodeX[u] - box.minX) / scale).rounded(.down)), y = UInt32(((nodeY[u] - box.minY) / scale).rounded(.down))
            keyed.append((StreetGraph.hilbertIndex(x: x, y: y, bits: 16), Int32(u)))
        }
        keyed.sort { $0.key < $1.key || ($0.key == $1.key && $0.node < $1.node) }
        var newID = [Int32](repeating: 0, count: nodeCount)
        for (rank, entry) in keyed.enumerated() { newID[Int(entry.node)] = Int32(rank) }
        return newID
    }

    /// Distance of cell (x, y) along the Hilbert curve filling a 2^bits square (the classic
    /// rotate-and-flip walk from the top quadrant down).
    static func hilbertIndex(x: UInt32, y: UInt32, bits: Int) -> UInt64 {
        var x = UInt64(x), y = UInt64(y), d: UInt64 = 0
        var s = UInt64(1) << (bits - 1)
        while s > 0 {
            let rx: UInt64 = (x & s) > 0 ? 1 : 0, ry: UInt64 = (y & s) > 0 ? 1 : 0
            d += s * s * ((3 * rx) ^ ry)
            if ry == 0 {
                if rx == 1 { x = s - 1 - (x & (s - 1)); y = s - 1 - (y & (s - 1)) }
                swap(&x, &y)
            }
            s >>= 1
        }
        return d
    }
}

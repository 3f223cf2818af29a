/// The simplified walk network as compact arrays: a CSR adjacency over nodes plus
/// struct-of-arrays edge attributes and edge geometry.
///
/// Nodes are intersections and dead ends. Each undirected edge `e` joins `edgeTail[e]` to
/// `edgeHead[e]` and appears as two arcs, one leaving each end (a loop appears twice at its node).
/// Invariants (checked by `checkInvariants()`): `firstOut.count == nodeCount + 1`,
/// `firstOut[0] == 0`, `firstOut` non-decreasing, `firstOut.last == arcCount`,
/// every `head` in `0 ..< nodeCount`, lengths finite and ≥ 0, geometry of edge `e` starts at
/// its tail's position and ends at its head's.
public struct StreetGraph: Sendable {
    /// Number of nodes.
    public let nodeCount: Int
    /// CSR offsets: arcs leaving node `u` are `firstOut[u] ..< firstOut[u+1]`.
    public let firstOut: [Int32]
    /// Node each arc enters.
    public let head: [Int32]
    /// Edge each arc belongs to.
    public let arcEdge: [Int32]
    /// True when the arc runs from the edge's head to its tail.
    public let arcIsBackward: [Bool]

    /// Projected node position, in metres.
    public let nodeX: [Double]
    public let nodeY: [Double]

    /// Edge endpoints; the edge's geometry runs from tail to head.
    public let edgeTail: [Int32]
    public let edgeHead: [Int32]
    /// Great-circle length of the edge's geometry, in metres.
    public let edgeMetres: [Float]
    public let edgeClass: [EdgeClass]
    public var edgeFlags: [EdgeFlags]
    /// OSM way the edge was cut from (0 for edges a planner added).
    public let edgeWayID: [Int64]

    /// CSR over edge geometry: edge `e` has points `geometryFirst[e] ..< geometryFirst[e+1]` (≥ 2).
    public let geometryFirst: [Int32]
    public let pointX: [Double]
    public let pointY: [Double]

    public var arcCount: Int { head.count }
    public var edgeCount: Int { edgeTail.count }

    /// Builds the CSR arrays from edges. Arcs leave each node in increasing edge order.
    public init(nodeX: [Double], nodeY: [Double], edgeTail: [Int32], edgeHead: [Int32],
                edgeMetres: [Float], edgeClass: [EdgeClass], edgeFlags: [EdgeFlags], edgeWayID: [Int64],
                geometryFirst: [Int32], pointX: [Double], pointY: [Double]) {
        precondition(nodeX.count == nodeY.count)
        precondition(edgeTail.count == edgeHead.count && edgeTail.count == edgeMetres.count)
        precondition(geometryFirst.count == edgeTail.count + 1)
        let n = nodeX.count
        nodeCount = n
        var first = [Int32](repeating: 0, count: n + 1)
        for e in 0..<edgeTail.count {
            first[Int(edgeTail[e]) + 1] += 1
            first[Int(edgeHead[e]) + 1] += 1
        }
        for u in 0..<n { first[u + 1] += first[u] }
        var fill = first
        let arcTotal = Int(first[n])
        var head = [Int32](repeating: 0, count: arcTotal)
        var arcEdge = [Int32](repeating: 0, count: arcTotal)
        var backward = [Bool](repeating: false, count: arcTotal)
        for e in 0..<edgeTail.count {
            let t = Int(edgeTail[e]), h = Int(edgeHead[e])
            let forwardSlot = Int(fill[t]); fill[t] += 1
            head[forwardSlot] = Int32(h); arcEdge[forwardSlot] = Int32(e)
            let backwardSlot = Int(fill[h]); fill[h] += 1
            head[backwardSlot] = Int32(t); arcEdge[backwardSlot] = Int32(e); backward[backwardSlot] = true
        }
        self.firstOut = first
        self.head = head
        self.arcEdge = arcEdge
        self.arcIsBackward = backward
        self.nodeX = nodeX
        self.nodeY = nodeY
        self.edgeTail = edgeTail
        self.edgeHead = edgeHead
        self.edgeMetres = edgeMetres
        self.edgeClass = edgeClass
        self.edgeFlags = edgeFlags
        self.edgeWayID = edgeWayID
        self.geometryFirst = geometryFirst
        self.pointX = pointX
        self.pointY = pointY
    }

    /// Projected position of node `u`.
    public func position(of u: Int) -> PlanarPoint { PlanarPoint(x: nodeX[u], y: nodeY[u]) }

    /// Geometry point `i` (see `geometryFirst`).
    public func geometryPoint(_ i: Int) -> PlanarPoint { PlanarPoint(x: pointX[i], y: pointY[i]) }

    /// Box around all node and geometry positions.
    public var bounds: BoundingBox {
        var box = BoundingBox()
        for i in 0..<pointX.count { box.add(geometryPoint(i)) }
        return box
    }

    /// Total length of edges matching `include`, in metres.
    public func totalMetres(where include: (Int) -> Bool = { _ in true }) -> Double {
        var sum = 0.0
        for e in 0..<edgeCount where include(e) { sum += Double(edgeMetres[e]) }
        return sum
    }
}

/// A graph's edges as struct-of-arrays, the one input `StreetGraph.init` takes: every
/// builder (OSM ways, network edits, components, renumbering, `.wsn` files, the synthetic
/// city) fills one. Edge `e` runs from `tails[e]` to `heads[e]`, `metres[e]` long, with interior
/// points `interiorFirst[e] ..< interiorFirst[e+1]` of `interiorX`/`interiorY` (projected
/// metres, tail to head; none for a straight edge).
public struct EdgeArrays: Sendable {
    public var tails: [Int32] = [], heads: [Int32] = [], metres: [Float] = []
    public var classes: [EdgeClass] = [], flags: [EdgeFlags] = [], wayIDs: [Int64] = []
    public var interiorFirst: [Int32] = [0], interiorX: [Double] = [], interiorY: [Double] = []

    public init() {}

    /// Whole columns at once (a file's sections, a renumbered graph's): nothing is copied.
    public init(tails: [Int32], heads: [Int32], metres: [Float], classes: [EdgeClass], flags: [EdgeFlags], wayIDs: [Int64],
                interiorFirst: [Int32], interiorX: [Double], interiorY: [Double]) {
        self.tails = tails; self.heads = heads; self.metres = metres
        self.classes = classes; self.flags = flags; self.wayIDs = wayIDs
        self.interiorFirst = interiorFirst; self.interiorX = interiorX; self.interiorY = interiorY
    }

    public var count: Int { tails.count }

    init(reservingFor graph: StreetGraph) {
        tails.reserveCapacity(graph.edgeCount); heads.reserveCapacity(graph.edgeCount); metres.reserveCapacity(graph.edgeCount)
        classes.reserveCapacity(graph.edgeCount); flags.reserveCapacity(graph.edgeCount); wayIDs.reserveCapacity(graph.edgeCount)
        interiorFirst.reserveCapacity(graph.edgeCount + 1)
        interiorX.reserveCapacity(graph.interiorX.count); interiorY.reserveCapacity(graph.interiorY.count)
    }

    /// Appends edges `range` of `graph` with their geometry, edge `e` under `flags[e]`: one
    /// copy per column, for the long runs of edges an edit leaves as they were.
    mutating func copy(_ range: Range<Int>, from graph: StreetGraph, flags edgeFlags: [EdgeFlags]) {
        guard !range.isEmpty else { return }
        tails.append(contentsOf: graph.edgeTail[range]); heads.append(contentsOf: graph.edgeHead[range])
        metres.append(contentsOf: graph.edgeMetres[range]); classes.append(contentsOf: graph.edgeClass[range])
        flags.append(contentsOf: edgeFlags[range]); wayIDs.append(contentsOf: graph.edgeWayID[range])
        let i0 = Int(graph.interiorFirst[range.lowerBound]), i1 = Int(graph.interiorFirst[range.upperBound])
        let shift = Int32(interiorX.count) - Int32(i0)
        interiorX.append(contentsOf: graph.interiorX[i0..<i1]); interiorY.append(contentsOf: graph.interiorY[i0..<i1])
        interiorFirst.append(contentsOf: graph.interiorFirst[(range.lowerBound + 1)...range.upperBound].lazy.map { $0 + shift })
    }

    /// Appends edge `e` of `graph` with its geometry, under `flags`.
    mutating func copy(_ e: Int, from graph: StreetGraph, flags edgeFlags: EdgeFlags) {
        tails.append(graph.edgeTail[e]); heads.append(graph.edgeHead[e]); metres.append(graph.edgeMetres[e])
        classes.append(graph.edgeClass[e]); flags.append(edgeFlags); wayIDs.append(graph.edgeWayID[e])
        let i0 = Int(graph.interiorFirst[e]), i1 = Int(graph.interiorFirst[e + 1])
        interiorX.append(contentsOf: graph.interiorX[i0..<i1]); interiorY.append(contentsOf: graph.interiorY[i0..<i1])
        interiorFirst.append(Int32(interiorX.count))
    }

    /// Adds an edge whose polyline is `points` (≥ 2), the first at `tail`'s position and the
    /// last at `head`'s: only the points between are kept.
    public mutating func append(tail: Int32, head: Int32, metres m: Float, edgeClass: EdgeClass, flags f: EdgeFlags, wayID: Int64,
                                points: [PlanarPoint]) {
        append(tail: tail, head: head, metres: m, edgeClass: edgeClass, flags: f, wayID: wayID, interior: points.dropFirst().dropLast())
    }

    /// Adds an edge with the points strictly between its ends (none for a straight edge).
    @inlinable
    public mutating func append(tail: Int32, head: Int32, metres m: Float, edgeClass: EdgeClass, flags f: EdgeFlags, wayID: Int64,
                                interior: some Sequence<PlanarPoint>) {
        tails.append(tail); heads.append(head); metres.append(m)
        classes.append(edgeClass); flags.append(f); wayIDs.append(wayID)
        for p in interior { interiorX.append(p.x); interiorY.append(p.y) }
        interiorFirst.append(Int32(interiorX.count))
    }

    /// Appends every edge of `other`, after these.
    mutating func append(contentsOf other: EdgeArrays) {
        let base = Int32(interiorX.count)
        tails += other.tails; heads += other.heads; metres += other.metres
        classes += other.classes; flags += other.flags; wayIDs += other.wayIDs
        interiorX += other.interiorX; interiorY += other.interiorY
        interiorFirst += other.interiorFirst.dropFirst().map { $0 + base }
    }
}

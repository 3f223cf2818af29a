/// One walkable way as handed to the builder: indices into the builder's point list, in order.
public struct WayPolyline: Sendable {
    /// The OSM way (0 for planner-drawn links).
    public var wayID: Int64
    /// Indices into the point arrays given to `GraphBuilder`; consecutive repeats are ignored.
    public var points: [Int32]
    public var edgeClass: EdgeClass
    public var flags: EdgeFlags

    public init(wayID: Int64, points: [Int32], edgeClass: EdgeClass, flags: EdgeFlags = []) {
        self.wayID = wayID
        self.points = points
        self.edgeClass = edgeClass
        self.flags = flags
    }
}

/// Turns ways into the simplified graph: nodes are points where ways end, meet or cross
/// themselves; each run of degree-2 points between two nodes becomes one edge whose length is
/// the summed great-circle length and whose geometry keeps every point.
public struct GraphBuilder {
    /// Longitude/latitude of each point, for great-circle lengths.
    public let coordinates: [GeoCoordinate]
    /// Projected position of each point, for geometry.
    public let planar: [PlanarPoint]

    public init(coordinates: [GeoCoordinate], planar: [PlanarPoint]) {
        precondition(coordinates.count == planar.count)
        self.coordinates = coordinates
        self.planar = planar
    }

    /// Builds the graph. Node numbering follows first appearance in `ways`, so the same input
    /// always gives the same ids. An edge passing a point in `raisedKerbs` inside its geometry,
    /// or a crossing edge touching one at either end, gets `.raisedKerb`. Edge lengths are
    /// summed on `threads` threads, each edge's in order along it: the graph is the same for
    /// any thread count.
    /// - Complexity: O(total way points).
    public func build(_ ways: consuming [WayPolyline], raisedKerbs: Set<Int32> = [], threads: Int = 1) -> StreetGraph {
        build(ways, raisedKerbs: raisedKerbs, threads: threads, largestComponentOnly: false).graph
    }

    /// `build(...).largestComponent()`, the same graph and report, without first making the
    /// geometry of the edges it drops (nor holding two graphs at once).
    public func buildLargestComponent(_ ways: consuming [WayPolyline], raisedKerbs: Set<Int32> = [],
                                      threads: Int = 1) -> (graph: StreetGraph, report: ComponentReport) {
        let (graph, report) = build(ways, raisedKerbs: raisedKerbs, threads: threads, largestComponentOnly: true)
        return (graph, report!)
    }

    private func build(_ givenWays: consuming [WayPolyline], raisedKerbs: Set<Int32>, threads: Int,
                       largestComponentOnly: Bool) -> (graph: StreetGraph, report: ComponentReport?) {
        var ways = givenWays   // let go of before the interior arrays are filled
        // Each way's points without consecutive repeats, end to end: way `w`'s are
        // `wayPoints[wayFirst[w] ..< wayFirst[w + 1]]` (none for a way of fewer than two).
        var wayPoints: [Int32] = [], wayFirst = [0]
        wayPoints.reserveCapacity(ways.reduce(0) { $0 + $1.points.count })
        wayFirst.reserveCapacity(ways.count + 1)
        var useCount = [UInt8](repeating: 0, count: planar.count)
        var isNode = [Bool](repeating: false, count: planar.count)
        for way in ways {
            let points = Self.withoutRepeats(way.points)
            if points.count >= 2 {
                isNode[Int(points.first!)] = true
                isNode[Int(points.last!)] = true
                for p in points {
                    let i = Int(p)
                    if useCount[i] < 2 { useCount[i] += 1 }
                    if useCount[i] >= 2 { isNode[i] = true }
                }
                wayPoints += points
            }
            wayFirst.append(wayPoints.count)
        }

        var nodeOfPoint = [Int32](repeating: -1, count: planar.count)
        var nodeX: [Double] = [], nodeY: [Double] = []
        func node(for p: Int32) -> Int32 {
            let i = Int(p)
            if nodeOfPoint[i] < 0 {
                nodeOfPoint[i] = Int32(nodeX.count)
                nodeX.append(planar[i].x)
                nodeY.append(planar[i].y)
            }
            return nodeOfPoint[i]
        }

        var isKerb = [Bool](repeating: false, count: raisedKerbs.isEmpty ? 0 : planar.count)
        for p in raisedKerbs where Int(p) < isKerb.count { isKerb[Int(p)] = true }
        var edges = EdgeArrays()
        // Edge `e` runs along `wayPoints[pieceFirst[e] ... pieceLast[e]]`.
        var pieceFirst: [Int] = [], pieceLast: [Int] = []
        for (w, way) in ways.enumerated() where wayFirst[w + 1] > wayFirst[w] {
            var start = wayFirst[w]
            for k in (start + 1) ..< wayFirst[w + 1] where isNode[Int(wayPoints[k])] {
                var edgeFlags = way.flags
                if !isKerb.isEmpty {
                    let atEnd = isKerb[Int(wayPoints[start])] || isKerb[Int(wayPoints[k])]
                    if wayPoints[(start + 1) ..< k].contains(where: { isKerb[Int($0)] }) || (atEnd && way.edgeClass == .crossing) {
                        edgeFlags.insert(.raisedKerb)
                    }
                }
                edges.tails.append(node(for: wayPoints[start]))
                edges.heads.append(node(for: wayPoints[k]))
                edges.classes.append(way.edgeClass)
                edges.flags.append(edgeFlags)
                edges.wayIDs.append(way.wayID)
                pieceFirst.append(start)
                pieceLast.append(k)
                start = k
            }
        }
        // What only the walk above needed goes before the interior arrays arrive (a regional
        // graph's peak memory is here).
        ways = []
        useCount = []
        isNode = []
        nodeOfPoint = []
        isKerb = []
        // Lengths, edge by edge in parallel: each edge writes only its own slot.
        let lonLat = coordinates, positions = planar, points = wayPoints
        do {
            let firsts = pieceFirst, lasts = pieceLast, edgeCount = edges.tails.count
            edges.metres = ParallelSearch.filling(count: edgeCount, initial: 0, itemCount: edgeCount, threads: threads) { range, metres in
                for e in range {
                    var length = 0.0
                    for j in (firsts[e] + 1) ... lasts[e] {
                        length += GreatCircle.metres(lonLat[Int(points[j - 1])], lonLat[Int(points[j])])
                    }
                    metres.write(e, Float(length))
                }
            }
        }
        // The largest component, found on the graph without geometry: what `largestComponent`
        // keeps (nodes and edges in their order) and reports.
        var report: ComponentReport?
        if largestComponentOnly {
            edges.interiorFirst = [Int32](repeating: 0, count: edges.tails.count + 1)
            let whole = StreetGraph(nodeX: nodeX, nodeY: nodeY, edges: edges)
            let (keep, componentCount) = whole.largestComponentNodes()
            if componentCount > 1 {
                var newID = [Int32](repeating: -1, count: nodeX.count)
                var keptX: [Double] = [], keptY: [Double] = []
                for u in nodeX.indices where keep[u] {
                    newID[u] = Int32(keptX.count)
                    keptX.append(nodeX[u])
                    keptY.append(nodeY[u])
                }
                var kept = EdgeArrays()
                var keptFirst: [Int] = [], keptLast: [Int] = []
                for e in 0 ..< edges.tails.count where keep[Int(edges.tails[e])] && keep[Int(edges.heads[e])] {
                    kept.tails.append(newID[Int(edges.tails[e])])
                    kept.heads.append(newID[Int(edges.heads[e])])
                    kept.metres.append(edges.metres[e])
                    kept.classes.append(edges.classes[e])
                    kept.flags.append(edges.flags[e])
                    kept.wayIDs.append(edges.wayIDs[e])
                    keptFirst.append(pieceFirst[e])
                    keptLast.append(pieceLast[e])
                }
                kept.interiorFirst = [Int32](repeating: 0, count: kept.tails.count + 1)
                report = whole.droppedReport(keeping: StreetGraph(nodeX: keptX, nodeY: keptY, edges: kept), componentCount: componentCount)
                (nodeX, nodeY, edges, pieceFirst, pieceLast) = (keptX, keptY, kept, keptFirst, keptLast)
            } else {
                report = ComponentReport(componentCount: componentCount, droppedNodes: 0, droppedEdges: 0, droppedMetres: 0)
            }
        }
        // Interior points (those strictly between an edge's ends), edge by edge in parallel.
        var interiorFirst = [Int32](repeating: 0, count: edges.tails.count + 1)
        for e in 0 ..< edges.tails.count { interiorFirst[e + 1] = interiorFirst[e] + Int32(pieceLast[e] - pieceFirst[e] - 1) }
        let interiorCount = Int(interiorFirst[edges.tails.count])
        let firsts = pieceFirst, lasts = pieceLast, starts = interiorFirst, edgeCount = edges.tails.count
        edges.interiorFirst = interiorFirst
        // One axis at a time: the builder never holds a second copy of either.
        for isX in [true, false] {
            let interior = ParallelSearch.filling(count: interiorCount, initial: 0.0, itemCount: edgeCount, threads: threads) { range, slots in
                for e in range {
                    var slot = Int(starts[e])
                    for j in (firsts[e] + 1) ..< lasts[e] {
                        slots.write(slot, isX ? positions[Int(points[j])].x : positions[Int(points[j])].y)
                        slot += 1
                    }
                }
            }
            if isX { edges.interiorX = interior } else { edges.interiorY = interior }
        }
        return (StreetGraph(nodeX: nodeX, nodeY: nodeY, edges: edges), report)
    }

    static func withoutRepeats(_ points: [Int32]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(points.count)
        for p in points where out.last != p { out.append(p) }
        return out
    }
}

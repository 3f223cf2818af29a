/// The simplified graph before its geometry: nodes, and edges with their lengths, each edge
/// still a run `points[pieceFirst[e] ... pieceLast[e]]` of the builder's point indices.
/// `GraphBuilder` makes one from ways, may keep only its largest component, then fills the
/// interior points: a regional graph's geometry is made once, for the edges kept.
struct GraphSkeleton {
    var nodeX: [Double] = [], nodeY: [Double] = []
    /// Every column but the interior points (filled with the geometry).
    var edges = EdgeArrays()
    /// Each way's points without consecutive repeats, end to end.
    var points: [Int32] = []
    var pieceFirst: [Int] = [], pieceLast: [Int] = []

    /// The skeleton as a graph without interior points (straight edges between the nodes).
    var straightGraph: StreetGraph {
        var straight = edges
        straight.interiorFirst = [Int32](repeating: 0, count: edges.count + 1)
        return StreetGraph(nodeX: nodeX, nodeY: nodeY, edges: straight)
    }

    /// The largest component, as `StreetGraph.largestComponent` finds, keeps (through
    /// `subgraph`: nodes and edges in their order) and reports it.
    func keepingLargestComponent() -> (GraphSkeleton, ComponentReport) {
        let whole = straightGraph
        let (keep, componentCount) = whole.largestComponentNodes()
        guard componentCount > 1 else {
            return (self, ComponentReport(componentCount: componentCount, droppedNodes: 0, droppedEdges: 0, droppedMetres: 0))
        }
        let straightKept = whole.subgraph(keepingNodes: keep)
        let keptEdges = edges.tails.indices.filter { keep[Int(edges.tails[$0])] }   // an edge's ends share a component
        let kept = GraphSkeleton(nodeX: straightKept.nodeX, nodeY: straightKept.nodeY,
                                 edges: EdgeArrays(tails: straightKept.edgeTail, heads: straightKept.edgeHead, metres: straightKept.edgeMetres,
                                                   classes: straightKept.edgeClass, flags: straightKept.edgeFlags,
                                                   wayIDs: Array(straightKept.edgeWayID), interiorFirst: [0], interiorX: [], interiorY: []),
                                 points: points, pieceFirst: keptEdges.map { pieceFirst[$0] }, pieceLast: keptEdges.map { pieceLast[$0] })
        return (kept, whole.droppedReport(keeping: straightKept, componentCount: componentCount))
    }
}

extension GraphBuilder {
    /// Nodes where ways end, meet or cross themselves; an edge per run between two nodes, with
    /// its flags and its great-circle length summed along it (on `threads` threads).
    /// The ways (and the walk's arrays) are gone when it returns.
    func skeleton(of givenWays: consuming [WayPolyline], raisedKerbs: Set<Int32>, threads: Int) -> GraphSkeleton {
        var ways = givenWays
        var skeleton = GraphSkeleton()
        // Way `w`'s points are `skeleton.points[wayFirst[w] ..< wayFirst[w + 1]]` (none for a way of fewer than two).
        var wayFirst = [0]
        skeleton.points.reserveCapacity(ways.reduce(0) { $0 + $1.points.count })
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
                skeleton.points += points
            }
            wayFirst.append(skeleton.points.count)
        }
        useCount = []

        var nodeOfPoint = [Int32](repeating: -1, count: planar.count)
        func node(for p: Int32) -> Int32 {
            let i = Int(p)
            if nodeOfPoint[i] < 0 {
                nodeOfPoint[i] = Int32(skeleton.nodeX.count)
                skeleton.nodeX.append(planar[i].x)
                skeleton.nodeY.append(planar[i].y)
            }
            return nodeOfPoint[i]
        }
        var isKerb = [Bool](repeating: false, count: raisedKerbs.isEmpty ? 0 : planar.count)
        for p in raisedKerbs where Int(p) < isKerb.count { isKerb[Int(p)] = true }
        let points = skeleton.points
        for (w, way) in ways.enumerated() where wayFirst[w + 1] > wayFirst[w] {
            var start = wayFirst[w]
            for k in (start + 1) ..< wayFirst[w + 1] where isNode[Int(points[k])] {
                var edgeFlags = way.flags
                if !isKerb.isEmpty {
                    let atEnd = isKerb[Int(points[start])] || isKerb[Int(points[k])]
                    if points[(start + 1) ..< k].contains(where: { isKerb[Int($0)] }) || (atEnd && way.edgeClass == .crossing) {
                        edgeFlags.insert(.raisedKerb)
                    }
                }
                skeleton.edges.tails.append(node(for: points[start]))
                skeleton.edges.heads.append(node(for: points[k]))
                skeleton.edges.classes.append(way.edgeClass)
                skeleton.edges.flags.append(edgeFlags)
                skeleton.edges.wayIDs.append(way.wayID)
                skeleton.pieceFirst.append(start)
                skeleton.pieceLast.append(k)
                start = k
            }
        }
        ways = []   // the runs are in `skeleton.points` now
        // Lengths, edge by edge in parallel: each edge writes only its own slot.
        let lonLat = coordinates, firsts = skeleton.pieceFirst, lasts = skeleton.pieceLast, edgeCount = skeleton.edges.count
        skeleton.edges.metres = ParallelSearch.filling(count: edgeCount, initial: 0, itemCount: edgeCount, threads: threads) { range, metres in
            for e in range {
                var length = 0.0
                for j in (firsts[e] + 1) ... lasts[e] {
                    length += GreatCircle.metres(lonLat[Int(points[j - 1])], lonLat[Int(points[j])])
                }
                metres.write(e, Float(length))
            }
        }
        return skeleton
    }

    /// The graph of `skeleton`, its interior points (those strictly between an edge's ends)
    /// filled edge by edge on `threads` threads.
    func graph(of skeleton: consuming GraphSkeleton, threads: Int) -> StreetGraph {
        var edges = skeleton.edges
        let firsts = skeleton.pieceFirst, lasts = skeleton.pieceLast, points = skeleton.points, positions = planar
        var interiorFirst = [Int32](repeating: 0, count: edges.count + 1)
        for e in 0 ..< edges.count { interiorFirst[e + 1] = interiorFirst[e] + Int32(lasts[e] - firsts[e] - 1) }
        let interiorCount = Int(interiorFirst[edges.count]), starts = interiorFirst, edgeCount = edges.count
        edges.interiorFirst = interiorFirst
        // One axis at a time: no second copy of either is ever held.
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
        return StreetGraph(nodeX: skeleton.nodeX, nodeY: skeleton.nodeY, edges: edges)
    }
}

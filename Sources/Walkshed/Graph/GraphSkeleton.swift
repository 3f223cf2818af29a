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

    /// The largest component (most nodes; ties to the one with the lowest node id), nodes and
    /// edges kept in their order as `StreetGraph.largestComponent` keeps them, and what was
    /// dropped. Found on the edge list (`ConnectedComponents`): no adjacency is built for a
    /// graph about to be cut.
    func keepingLargestComponent() -> (GraphSkeleton, ComponentReport) {
        let (labels, componentCount) = ConnectedComponents.labels(nodeCount: nodeX.count, tails: edges.tails, heads: edges.heads)
        guard componentCount > 1 else {
            return (self, ComponentReport(componentCount: componentCount, droppedNodes: 0, droppedEdges: 0, droppedMetres: 0))
        }
        let keep = ConnectedComponents.largest(labels: labels, count: componentCount)
        var newID = [Int32](repeating: -1, count: nodeX.count)
        var kept = GraphSkeleton()
        for u in nodeX.indices where keep[u] {
            newID[u] = Int32(kept.nodeX.count)
            kept.nodeX.append(nodeX[u])
            kept.nodeY.append(nodeY[u])
        }
        let keptEdges = edges.tails.indices.filter { keep[Int(edges.tails[$0])] }   // an edge's ends share a component
        kept.edges = EdgeArrays(tails: keptEdges.map { newID[Int(edges.tails[$0])] }, heads: keptEdges.map { newID[Int(edges.heads[$0])] },
                                metres: keptEdges.map { edges.metres[$0] }, classes: keptEdges.map { edges.classes[$0] },
                                flags: keptEdges.map { edges.flags[$0] }, wayIDs: keptEdges.map { edges.wayIDs[$0] },
                                interiorFirst: [0], interiorX: [], interiorY: [])
        kept.points = points
        kept.pieceFirst = keptEdges.map { pieceFirst[$0] }
        kept.pieceLast = keptEdges.map { pieceLast[$0] }
        // The dropped length as `StreetGraph.droppedReport` sums it.
        func walkableMetres(_ edges: EdgeArrays) -> Double { StreetGraph.walkableMetres(edges.metres, edges.flags) }
        let report = ComponentReport(componentCount: componentCount, droppedNodes: nodeX.count - kept.nodeX.count,
                                     droppedEdges: edges.count - kept.edges.count,
                                     droppedMetres: walkableMetres(edges) - walkableMetres(kept.edges))
        return (kept, report)
    }
}

extension GraphBuilder {
    /// Nodes where ways end, meet or cross themselves; an edge per run between two nodes, with
    /// its flags and its great-circle length summed along it (on `threads` threads).
    /// The ways (and the walk's arrays) are gone when it returns.
    func skeleton(of givenWays: consuming [WayPolyline], raisedKerbs: Set<Int32>, threads: Int) -> GraphSkeleton {
        var ways = givenWays
        // Way `w`'s points, consecutive repeats dropped, are `runs[wayFirst[w] ..< wayFirst[w + 1]]`
        // (none for a way of fewer than two).
        var runs: [Int32] = []
        var wayFirst = [0]
        runs.reserveCapacity(ways.reduce(0) { $0 + $1.points.count })
        wayFirst.reserveCapacity(ways.count + 1)
        var useCount = [UInt8](repeating: 0, count: planar.count)
        var isNode = [Bool](repeating: false, count: planar.count)
        for w in ways.indices {
            let start = runs.count
            for p in ways[w].points where runs.count == start || runs[runs.count - 1] != p { runs.append(p) }
            guard runs.count - start >= 2 else {
                runs.removeLast(runs.count - start)
                wayFirst.append(start)
                continue
            }
            isNode[Int(runs[start])] = true
            isNode[Int(runs[runs.count - 1])] = true
            for k in start..<runs.count {
                let i = Int(runs[k])
                if useCount[i] < 2 { useCount[i] += 1 }
                if useCount[i] >= 2 { isNode[i] = true }
            }
            wayFirst.append(runs.count)
        }
        useCount = []

        var nodeOfPoint = [Int32](repeating: -1, count: planar.count)
        var nodeX: [Double] = [], nodeY: [Double] = []
        var edges = EdgeArrays()
        var pieceFirst: [Int] = [], pieceLast: [Int] = []
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
        for w in ways.indices where wayFirst[w + 1] > wayFirst[w] {
            let wayFlags = ways[w].flags, edgeClass = ways[w].edgeClass, wayID = ways[w].wayID
            var start = wayFirst[w]
            for k in (start + 1) ..< wayFirst[w + 1] where isNode[Int(runs[k])] {
                var edgeFlags = wayFlags
                if !isKerb.isEmpty {
                    let atEnd = isKerb[Int(runs[start])] || isKerb[Int(runs[k])]
                    if runs[(start + 1) ..< k].contains(where: { isKerb[Int($0)] }) || (atEnd && edgeClass == .crossing) {
                        edgeFlags.insert(.raisedKerb)
                    }
                }
                edges.tails.append(node(for: runs[start]))
                edges.heads.append(node(for: runs[k]))
                edges.classes.append(edgeClass)
                edges.flags.append(edgeFlags)
                edges.wayIDs.append(wayID)
                pieceFirst.append(start)
                pieceLast.append(k)
                start = k
            }
        }
        ways = []   // their points are in `runs` now
        var skeleton = GraphSkeleton(nodeX: nodeX, nodeY: nodeY, edges: edges, points: runs, pieceFirst: pieceFirst, pieceLast: pieceLast)
        // Lengths, edge by edge in parallel: each edge writes only its own slot.
        let lonLat = coordinates, points = skeleton.points, firsts = skeleton.pieceFirst, lasts = skeleton.pieceLast, edgeCount = skeleton.edges.count
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

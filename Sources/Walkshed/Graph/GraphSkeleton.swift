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
    /// graph about to be cut. The kept edges' columns are copied on `threads` threads.
    func keepingLargestComponent(threads: Int = 1) -> (GraphSkeleton, ComponentReport) {
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
        // `column[e]` of every kept edge `e`, in order.
        func keptColumn<T: Sendable>(_ column: [T], _ initial: T) -> [T] {
            ParallelSearch.filling(count: keptEdges.count, initial: initial, itemCount: keptEdges.count, threads: threads) { range, out in
                for k in range { out.write(k, column[keptEdges[k]]) }
            }
        }
        // The new id of the node `ends[e]` of every kept edge `e`, in order.
        let renumber = newID
        func keptEnds(_ ends: [Int32]) -> [Int32] {
            ParallelSearch.filling(count: keptEdges.count, initial: 0, itemCount: keptEdges.count, threads: threads) { range, out in
                for k in range { out.write(k, renumber[Int(ends[keptEdges[k]])]) }
            }
        }
        kept.edges = EdgeArrays(tails: keptEnds(edges.tails), heads: keptEnds(edges.heads), metres: keptColumn(edges.metres, 0),
                                classes: keptColumn(edges.classes, .street), flags: keptColumn(edges.flags, []),
                                wayIDs: keptColumn(edges.wayIDs, 0), interiorFirst: [0], interiorX: [], interiorY: [])
        kept.points = points
        kept.pieceFirst = keptColumn(pieceFirst, 0)
        kept.pieceLast = keptColumn(pieceLast, 0)
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
    /// its flags and its great-circle length summed along it. Every step runs way by way, edge by
    /// edge or in contiguous parts of the edges on `threads` threads, each writing only its own
    /// slots (the nodes are numbered by `FirstMeetingNumbering`): the skeleton is the same for
    /// any thread count.
    /// The ways (and the walk's arrays) are gone when it returns.
    func skeleton(of givenWays: consuming [WayPolyline], raisedKerbs: Set<Int32>, threads: Int) -> GraphSkeleton {
        var ways = givenWays
        // Way `w`'s points, consecutive repeats dropped, are `runs[wayFirst[w] ..< wayFirst[w + 1]]`
        // (none for a way of fewer than two).
        let (runs, wayFirst) = Self.runs(of: ways, threads: threads)
        let wayClass = ways.map(\.edgeClass), wayFlags = ways.map(\.flags), wayIDs = ways.map(\.wayID)
        ways = []   // their points are in `runs` now
        let isNode = Self.nodeMarks(runs: runs, wayFirst: wayFirst, pointCount: planar.count, threads: threads)

        // Each way's edges end where its run meets a node: counted, then placed, way by way.
        let wayCount = wayFirst.count - 1
        let edgesPerWay = ParallelSearch.filling(count: wayCount, initial: 0, itemCount: wayCount, threads: threads) { range, counts in
            for w in range where wayFirst[w + 1] > wayFirst[w] {
                counts.write(w, (wayFirst[w] + 1 ..< wayFirst[w + 1]).reduce(0) { $0 + (isNode[Int(runs[$1])] ? 1 : 0) })
            }
        }
        var edgeFirst = [Int](repeating: 0, count: wayCount + 1)
        for w in 0..<wayCount { edgeFirst[w + 1] = edgeFirst[w] + edgesPerWay[w] }
        let edgeCount = edgeFirst[wayCount], firstEdges = edgeFirst
        // Edge `e` is the piece `runs[pieceFirst[e] ... pieceLast[e]]`.
        let pieceLast = ParallelSearch.filling(count: edgeCount, initial: 0, itemCount: wayCount, threads: threads) { range, lasts in
            for w in range {
                var e = firstEdges[w]
                for k in wayFirst[w] + 1 ..< max(wayFirst[w] + 1, wayFirst[w + 1]) where isNode[Int(runs[k])] {
                    lasts.write(e, k)
                    e += 1
                }
            }
        }
        // A way's first edge starts where its run does, each later one where the one before ends.
        let pieceFirst = ParallelSearch.filling(count: edgeCount, initial: 0, itemCount: wayCount, threads: threads) { range, firsts in
            for w in range {
                for e in firstEdges[w] ..< firstEdges[w + 1] { firsts.write(e, e == firstEdges[w] ? wayFirst[w] : pieceLast[e - 1]) }
            }
        }
        // Each edge carries its way's class, flags and id.
        func byEdge<T: Sendable>(_ byWay: [T], _ initial: T) -> [T] {
            ParallelSearch.filling(count: edgeCount, initial: initial, itemCount: wayCount, threads: threads) { range, out in
                for w in range {
                    for e in firstEdges[w] ..< firstEdges[w + 1] { out.write(e, byWay[w]) }
                }
            }
        }
        var edges = EdgeArrays()
        edges.classes = byEdge(wayClass, .street)
        edges.flags = byEdge(wayFlags, [])
        edges.wayIDs = byEdge(wayIDs, 0)
        if !raisedKerbs.isEmpty {
            Self.markRaisedKerbs(raisedKerbs, on: &edges, runs: runs, pieceFirst: pieceFirst, pieceLast: pieceLast,
                                 pointCount: planar.count, threads: threads)
        }

        // Nodes numbered as edges first meet them, tail before head.
        let numbering = FirstMeetingNumbering(points: runs, pieceFirst: pieceFirst, pieceLast: pieceLast,
                                              pointCount: planar.count, threads: threads)
        edges.tails = numbering.tails
        edges.heads = numbering.heads
        let nodePoints = numbering.nodePoints, positions = planar
        let nodeX = ParallelSearch.filling(count: nodePoints.count, initial: 0.0, itemCount: nodePoints.count, threads: threads) { range, out in
            for n in range { out.write(n, positions[Int(nodePoints[n])].x) }
        }
        let nodeY = ParallelSearch.filling(count: nodePoints.count, initial: 0.0, itemCount: nodePoints.count, threads: threads) { range, out in
            for n in range { out.write(n, positions[Int(nodePoints[n])].y) }
        }
        var skeleton = GraphSkeleton(nodeX: nodeX, nodeY: nodeY, edges: edges, points: runs, pieceFirst: pieceFirst, pieceLast: pieceLast)
        // Lengths, edge by edge in parallel: each edge writes only its own slot, and works out
        // each point's latitude cosine once for the segments either side.
        let lonLat = coordinates, points = skeleton.points, firsts = skeleton.pieceFirst, lasts = skeleton.pieceLast
        skeleton.edges.metres = ParallelSearch.filling(count: edgeCount, initial: 0, itemCount: edgeCount, threads: threads) { range, metres in
            for e in range {
                var length = 0.0
                var from = lonLat[Int(points[firsts[e]])], cosineFrom = GreatCircle.cosineOfLatitude(from)
                for j in (firsts[e] + 1) ... lasts[e] {
                    let to = lonLat[Int(points[j])], cosineTo = GreatCircle.cosineOfLatitude(to)
                    length += GreatCircle.metres(from, to, cosines: (cosineFrom, cosineTo))
                    (from, cosineFrom) = (to, cosineTo)
                }
                metres.write(e, Float(length))
            }
        }
        return skeleton
    }

    /// Every way's points without consecutive repeats, end to end, and where each way's begin
    /// (`wayFirst`, one more than the ways); a way of fewer than two such points has none.
    private static func runs(of ways: [WayPolyline], threads: Int) -> (runs: [Int32], wayFirst: [Int]) {
        @Sendable func runLength(_ points: [Int32]) -> Int {
            guard !points.isEmpty else { return 0 }
            var n = 1
            for k in 1..<points.count where points[k] != points[k - 1] { n += 1 }
            return n >= 2 ? n : 0
        }
        let lengths = ParallelSearch.filling(count: ways.count, initial: 0, itemCount: ways.count, threads: threads) { range, lengths in
            for w in range { lengths.write(w, runLength(ways[w].points)) }
        }
        var wayFirst = [Int](repeating: 0, count: ways.count + 1)
        for w in ways.indices { wayFirst[w + 1] = wayFirst[w] + lengths[w] }
        let firsts = wayFirst
        let runs = ParallelSearch.filling(count: wayFirst[ways.count], initial: Int32(0), itemCount: ways.count, threads: threads) { range, runs in
            for w in range where firsts[w + 1] > firsts[w] {
                let points = ways[w].points
                var slot = firsts[w]
                for k in points.indices where k == 0 || points[k] != points[k - 1] {
                    runs.write(slot, points[k])
                    slot += 1
                }
            }
        }
        return (runs, wayFirst)
    }

    /// Per point, whether it is a node: the end of a run, or met twice by the runs (a crossing,
    /// or a way passing itself). Uses are counted (up to two) over one contiguous part of the
    /// ways per thread and summed per point, so marks do not depend on the thread count.
    private static func nodeMarks(runs: [Int32], wayFirst: [Int], pointCount: Int, threads: Int) -> [Bool] {
        let wayCount = wayFirst.count - 1
        let parts = max(1, min(threads, wayCount))
        let usesByPart = ParallelSearch.map(itemCount: parts, threads: threads) { t in
            var uses = [UInt8](repeating: 0, count: pointCount)
            for w in ParallelSearch.chunk(t, of: wayCount, in: parts) where wayFirst[w + 1] > wayFirst[w] {
                for k in wayFirst[w] ..< wayFirst[w + 1] where uses[Int(runs[k])] < 2 { uses[Int(runs[k])] += 1 }
                uses[Int(runs[wayFirst[w]])] = 2
                uses[Int(runs[wayFirst[w + 1] - 1])] = 2
            }
            return uses
        }
        return ParallelSearch.filling(count: pointCount, initial: false, itemCount: pointCount, threads: threads) { range, marks in
            for p in range {
                var uses = 0
                for part in usesByPart { uses += Int(part[p]) }
                if uses >= 2 { marks.write(p, true) }
            }
        }
    }

    /// Adds `raisedKerb` to every edge with a kerb strictly inside it, and to crossings with
    /// one at an end.
    private static func markRaisedKerbs(_ raisedKerbs: Set<Int32>, on edges: inout EdgeArrays, runs: [Int32],
                                        pieceFirst: [Int], pieceLast: [Int], pointCount: Int, threads: Int) {
        var isKerb = [Bool](repeating: false, count: pointCount)
        for p in raisedKerbs where p >= 0 && Int(p) < pointCount { isKerb[Int(p)] = true }
        let kerb = isKerb, classes = edges.classes
        ParallelSearch.fill(&edges.flags, itemCount: pieceFirst.count, threads: threads) { range, flags in
            for e in range {
                let first = pieceFirst[e], last = pieceLast[e]
                let atEnd = kerb[Int(runs[first])] || kerb[Int(runs[last])]
                if runs[(first + 1) ..< last].contains(where: { kerb[Int($0)] }) || (atEnd && classes[e] == .crossing) {
                    var raised = flags.buffer[e]
                    raised.insert(.raisedKerb)
                    flags.write(e, raised)
                }
            }
        }
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

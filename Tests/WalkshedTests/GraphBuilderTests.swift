import Testing
import Walkshed
import WalkshedTestSupport

/// Points on the equator 0.001° of longitude apart: 111.195 m each on the 6,371,008.8 m sphere
/// (6,371,008.8 × 0.001 × π / 180).
let step = 6_371_008.8 * 0.001 * Double.pi / 180

func equatorBuilder(_ count: Int) -> GraphBuilder {
    let coordinates = (0..<count).map { GeoCoordinate(longitude: Double($0) * 0.001, latitude: 0) }
    let planar = (0..<count).map { PlanarPoint(x: Double($0) * 100, y: 0) }
    return GraphBuilder(coordinates: coordinates, planar: planar)
}

//  way 1:  p0 ── p1 ── p2 ── p3
//  way 2:              p2 ── p4
//  p1 joins only two segments of one way, so it is geometry, not a node.
@Test func degreeTwoChainsBecomeOneEdge() throws {
    let graph = equatorBuilder(5).build([
        WayPolyline(wayID: 1, points: [0, 1, 2, 3], edgeClass: .footway),
        WayPolyline(wayID: 2, points: [2, 4], edgeClass: .street),
    ])
    try graph.checkInvariants()
    #expect(graph.nodeCount == 4)          // p0, p2, p3, p4
    #expect(graph.edgeCount == 3)          // p0–p2, p2–p3, p2–p4
    #expect(Array(graph.edgeWayID) == [1, 1, 2])
    #expect(graph.edgeClass == [.footway, .footway, .street])
    #expect(abs(Double(graph.edgeMetres[0]) - 2 * step) < 0.01)
    #expect(abs(Double(graph.edgeMetres[1]) - step) < 0.01)
    #expect(graph.interiorFirst == [0, 1, 1, 1])   // p0–p2 keeps p1 in its geometry; the others are straight
    #expect(graph.interiorX == [100] && graph.interiorY == [0])
    #expect(graph.points(ofEdge: 0) == [PlanarPoint(x: 0, y: 0), PlanarPoint(x: 100, y: 0), PlanarPoint(x: 200, y: 0)])
    #expect(graph.points(ofEdge: 2) == [PlanarPoint(x: 200, y: 0), PlanarPoint(x: 400, y: 0)])
    // Segments in edge order: p0–p1, p1–p2 (edge 0), p2–p3 (edge 1), p2–p4 (edge 2).
    #expect(graph.segmentCount == 4 && (0...3).map { graph.firstSegment(ofEdge: $0) } == [0, 2, 3, 4])
    #expect(graph.segment(1, ofEdge: 0) == (start: PlanarPoint(x: 100, y: 0), end: PlanarPoint(x: 200, y: 0)))
}

//  p0 ── p1 ── p2 ── p0   (a closed way) plus a repeated point p1 p1 that must be ignored.
@Test func closedWayBecomesLoopAtItsStart() throws {
    let graph = equatorBuilder(3).build([WayPolyline(wayID: 7, points: [0, 1, 1, 2, 0], edgeClass: .path)])
    try graph.checkInvariants()
    #expect(graph.nodeCount == 1)
    #expect(graph.edgeCount == 1)
    #expect(graph.edgeTail == [0] && graph.edgeHead == [0])
    #expect(graph.arcCount == 2)
}

//  component 1: p0 ── p1 ── p2      component 2: p3 ── p4
@Test func largestComponentIsKeptAndTheRestReported() throws {
    let graph = equatorBuilder(5).build([
        WayPolyline(wayID: 1, points: [0, 1], edgeClass: .street),
        WayPolyline(wayID: 2, points: [1, 2], edgeClass: .street),
        WayPolyline(wayID: 3, points: [3, 4], edgeClass: .street),
    ])
    let (kept, report) = graph.largestComponent()
    try kept.checkInvariants()
    #expect(kept.nodeCount == 3 && kept.edgeCount == 2)
    #expect(report.componentCount == 2 && report.droppedNodes == 2 && report.droppedEdges == 1)
    #expect(abs(report.droppedMetres - step) < 0.01)
    #expect(Array(kept.edgeWayID) == [1, 2])
}

@Test func brokenInvariantIsNamed() {
    let bad = StreetGraph(nodeX: [0, 1], nodeY: [0, 0], edges: EdgeArrays(tails: [0], heads: [1], metres: [-1], classes: [.street], flags: [[]],
                                                                       wayIDs: [1], interiorFirst: [0, 0], interiorX: [], interiorY: []))
    #expect(throws: GraphError("edge 0 length must be finite and ≥ 0")) { try bad.checkInvariants() }
}

/// Every edge has exactly one forward arc, leaving its tail for its head, and one backward arc,
/// leaving its head for its tail — loops and parallel edges included.
@Test func eachEdgeHasOneForwardAndOneBackwardArc() {
    var rng = SeededRandom(seed: 5)
    let random = TinyNetwork.random(nodeCount: 40, edgeCount: 160, maxMetres: 30, rng: &rng)
    let loops = TinyNetwork.graph(nodes: [(0, 0), (10, 0), (10, 10)],
                                  edges: [(0, 0, 5), (0, 1, nil), (1, 0, nil), (1, 1, 7), (1, 2, nil), (2, 2, 3), (0, 0, 4)])
    for graph in [random, loops] {
        var forward = [Int](repeating: 0, count: graph.edgeCount), backward = forward
        for u in 0..<graph.nodeCount {
            for a in Int(graph.firstOut[u])..<Int(graph.firstOut[u + 1]) {
                let e = Int(graph.arcEdge[a])
                if graph.isBackward(arc: a) {
                    backward[e] += 1
                    #expect(Int(graph.edgeHead[e]) == u && graph.head[a] == graph.edgeTail[e])
                } else {
                    forward[e] += 1
                    #expect(Int(graph.edgeTail[e]) == u && graph.head[a] == graph.edgeHead[e])
                }
            }
        }
        #expect(forward.allSatisfy { $0 == 1 } && backward.allSatisfy { $0 == 1 })
    }
}

/// Way ids keep their exact values in 4 bytes per edge: small ids, planner-added 0, ids past
/// 2^32 in several runs, negative ids (unsaved editor objects), and none at all.
@Test(arguments: 0..<20)
func edgeWayIDsAreExact(seed: Int) {
    var rng = SeededRandom(seed: UInt64(900 + seed))
    var ids: [Int64] = []
    for _ in 0..<Int.random(in: 0...400, using: &rng) {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: ids.append(0)
        case 1: ids.append(Int64.random(in: (1 << 32)...(1 << 40), using: &rng))
        case 2: ids.append(-Int64.random(in: 1...100_000, using: &rng))
        case 3 where !ids.isEmpty: ids.append(ids.last!)
        default: ids.append(Int64.random(in: 1...4_000_000_000, using: &rng))
        }
    }
    let compact = EdgeWayIDs(ids)
    #expect(Array(compact) == ids, "seed \(seed)")
    #expect(compact.count == ids.count && (0..<ids.count).allSatisfy { compact[$0] == ids[$0] })
    #expect(EdgeWayIDs([Int64.max, Int64.min, 1 << 32, (1 << 32) - 1]).map { $0 } == [Int64.max, Int64.min, 1 << 32, (1 << 32) - 1])
}

/// `count` random points near Helsinki, with unrelated random planar positions within 5 km
/// (the builder reads lengths from the one and geometry from the other).
func scatteredPoints(_ count: Int, using generator: inout SeededRandom) -> (coordinates: [GeoCoordinate], planar: [PlanarPoint]) {
    let coordinates = (0..<count).map { _ in
        GeoCoordinate(longitude: Double.random(in: 24.9...24.95, using: &generator), latitude: Double.random(in: 60.1...60.15, using: &generator))
    }
    let planar = (0..<count).map { _ in PlanarPoint(x: Double.random(in: 0...5_000, using: &generator), y: Double.random(in: 0...5_000, using: &generator)) }
    return (coordinates, planar)
}

/// Building only the largest component gives exactly `build(...).largestComponent()`: the same
/// nodes, edges, geometry and report, on random ways over scattered points (several components,
/// ties between equal ones, repeated points, kerbs), for one thread and for three.
@Test(arguments: 0..<60)
func largestComponentBuiltDirectlyEqualsBuiltThenFiltered(seed: UInt64) throws {
    var generator = SeededRandom(seed: 700 + seed)
    let pointCount = Int.random(in: 2...60, using: &generator)
    let (coordinates, planar) = scatteredPoints(pointCount, using: &generator)
    let ways = (0..<Int.random(in: 0...25, using: &generator)).map { w in
        WayPolyline(wayID: Int64(w), points: (0..<Int.random(in: 1...6, using: &generator)).map { _ in Int32.random(in: 0..<Int32(pointCount), using: &generator) },
                    edgeClass: [.street, .footway, .crossing].randomElement(using: &generator)!, flags: w.isMultiple(of: 4) ? .acrossArea : [])
    }
    let kerbs = Set((0..<3).map { _ in Int32.random(in: 0..<Int32(pointCount), using: &generator) })
    let builder = GraphBuilder(coordinates: coordinates, planar: planar)
    let (expected, expectedReport) = builder.build(ways, raisedKerbs: kerbs).largestComponent()
    for threads in [1, 3] {
        let (graph, report) = builder.buildLargestComponent(ways, raisedKerbs: kerbs, threads: threads)
        try graph.checkInvariants()
        #expect(report == expectedReport, "seed \(seed)")
        #expect(graph.nodeX == expected.nodeX && graph.nodeY == expected.nodeY, "seed \(seed)")
        #expect(graph.edgeTail == expected.edgeTail && graph.edgeHead == expected.edgeHead && graph.edgeMetres == expected.edgeMetres, "seed \(seed)")
        #expect(graph.edgeClass == expected.edgeClass && graph.edgeFlags == expected.edgeFlags && Array(graph.edgeWayID) == Array(expected.edgeWayID), "seed \(seed)")
        #expect(graph.interiorFirst == expected.interiorFirst && graph.interiorX == expected.interiorX && graph.interiorY == expected.interiorY, "seed \(seed)")
    }
}

/// Component labels (found by union–find on the edge list) equal those of a depth-first search
/// over the adjacency lists, numbered by each component's lowest node: random sparse graphs
/// with isolated nodes, loops and parallel edges.
@Test(arguments: 0..<80)
func componentLabelsEqualADepthFirstSearch(seed: UInt64) {
    var rng = SeededRandom(seed: 4_200 + seed)
    let nodeCount = Int.random(in: 1...80, using: &rng)
    let graph = TinyNetwork.random(nodeCount: nodeCount, edgeCount: Int.random(in: 0...nodeCount, using: &rng), maxMetres: 20, rng: &rng)
    var expected = [Int32](repeating: -1, count: graph.nodeCount)
    var count: Int32 = 0
    for s in 0..<graph.nodeCount where expected[s] < 0 {
        expected[s] = count
        var stack = [s]
        while let u = stack.popLast() {
            for a in Int(graph.firstOut[u])..<Int(graph.firstOut[u + 1]) where expected[Int(graph.head[a])] < 0 {
                expected[Int(graph.head[a])] = count
                stack.append(Int(graph.head[a]))
            }
        }
        count += 1
    }
    let (labels, labelCount) = graph.componentLabels()
    #expect(labels == expected && labelCount == Int(count), "seed \(seed)")
}

/// The graph equals what a plain walk over the ways gives — nodes at the ends of ways and at
/// points used twice, numbered in the order edges first meet them; an edge per run between two
/// nodes, with a raised kerb where one lies inside it or, for a crossing, at an end — for one
/// thread, two, three and five: random ways with repeated points, loops and one-point ways.
@Test(arguments: 0..<40)
func graphEqualsAPlainWalkOverTheWays(seed: UInt64) throws {
    var generator = SeededRandom(seed: 1_300 + seed)
    let pointCount = Int.random(in: 2...400, using: &generator)
    let (coordinates, planar) = scatteredPoints(pointCount, using: &generator)
    let ways = (0..<Int.random(in: 0...150, using: &generator)).map { w in
        var points = (0..<Int.random(in: 1...12, using: &generator)).map { _ in Int32.random(in: 0..<Int32(pointCount), using: &generator) }
        if Bool.random(using: &generator) { points.insert(points[0], at: 1) }   // a repeat, ignored
        if Int.random(in: 0..<5, using: &generator) == 0 { points.append(points[0]) }   // a loop
        return WayPolyline(wayID: Int64(w) * 7 - 40, points: points, edgeClass: [.street, .footway, .crossing].randomElement(using: &generator)!,
                           flags: w.isMultiple(of: 4) ? .acrossArea : [])
    }
    let kerbs = Set((0..<Int.random(in: 0...6, using: &generator)).map { _ in Int32.random(in: 0..<Int32(pointCount), using: &generator) })

    // The plain walk.
    let runs = ways.map { way in way.points.indices.filter { $0 == 0 || way.points[$0 - 1] != way.points[$0] }.map { Int(way.points[$0]) } }
    var uses = [Int](repeating: 0, count: pointCount), isNode = [Bool](repeating: false, count: pointCount)
    for run in runs where run.count >= 2 {
        isNode[run.first!] = true
        isNode[run.last!] = true
        for p in run { uses[p] += 1 }
    }
    for p in 0..<pointCount where uses[p] >= 2 { isNode[p] = true }
    var nodeOfPoint: [Int: Int32] = [:], nodePoints: [Int] = []
    func node(_ p: Int) -> Int32 {
        if let n = nodeOfPoint[p] { return n }
        nodeOfPoint[p] = Int32(nodePoints.count)
        nodePoints.append(p)
        return Int32(nodePoints.count - 1)
    }
    var tails: [Int32] = [], heads: [Int32] = [], classes: [EdgeClass] = [], flags: [EdgeFlags] = [], wayIDs: [Int64] = []
    var metres: [Float] = [], pieces: [[PlanarPoint]] = []
    for (w, run) in runs.enumerated() where run.count >= 2 {
        var start = 0
        for k in 1..<run.count where isNode[run[k]] {
            let piece = Array(run[start...k])
            var edgeFlags = ways[w].flags
            let kerbAtEnd = kerbs.contains(Int32(piece.first!)) || kerbs.contains(Int32(piece.last!))
            if piece.dropFirst().dropLast().contains(where: { kerbs.contains(Int32($0)) }) || (kerbAtEnd && ways[w].edgeClass == .crossing) {
                edgeFlags.insert(.raisedKerb)
            }
            tails.append(node(run[start]))
            heads.append(node(run[k]))
            classes.append(ways[w].edgeClass)
            flags.append(edgeFlags)
            wayIDs.append(ways[w].wayID)
            metres.append(Float(zip(piece, piece.dropFirst()).reduce(0.0) { $0 + GreatCircle.metres(coordinates[$1.0], coordinates[$1.1]) }))
            pieces.append(piece.map { planar[$0] })
            start = k
        }
    }

    // Five threads cut the edges into five parts to number the nodes.
    for threads in [1, 2, 3, 5] {
        let graph = GraphBuilder(coordinates: coordinates, planar: planar).build(ways, raisedKerbs: kerbs, threads: threads)
        try graph.checkInvariants()
        #expect(graph.nodeX == nodePoints.map { planar[$0].x } && graph.nodeY == nodePoints.map { planar[$0].y }, "seed \(seed), \(threads) threads")
        #expect(graph.edgeTail == tails && graph.edgeHead == heads && graph.edgeMetres == metres, "seed \(seed), \(threads) threads")
        #expect(graph.edgeClass == classes && graph.edgeFlags == flags && Array(graph.edgeWayID) == wayIDs, "seed \(seed), \(threads) threads")
        #expect((0..<graph.edgeCount).map { graph.points(ofEdge: $0) } == pieces, "seed \(seed), \(threads) threads")
    }
}

import Testing
@testable import Walkshed
import WalkshedTestSupport

//   A(0,0) ────100──── B(100,0) ────100──── C(200,0)
//                 place p (20,5)        • destination q (150,10)
//                                    place r (180,-5)
let line = TinyNetwork.graph(nodes: [(0, 0), (100, 0), (200, 0)], edges: [(0, 1, nil), (1, 2, nil)])

@Test func snapProjectsOntoTheSegmentNotTheNearestNode() throws {
    let snapper = Snapper(graph: line)
    let p = try #require(snapper.snap(PlanarPoint(x: 20, y: 5), limitMetres: 300))
    #expect(p == PlaceSnap(edge: 0, fraction: 0.2, offsetMetres: 5))
    let q = try #require(snapper.snap(PlanarPoint(x: 150, y: 10), limitMetres: 300))
    #expect(q == PlaceSnap(edge: 1, fraction: 0.5, offsetMetres: 10))
    // Beyond the end the projection clamps to the end point.
    let beyond = try #require(snapper.snap(PlanarPoint(x: -30, y: 0), limitMetres: 300))
    #expect(beyond == PlaceSnap(edge: 0, fraction: 0, offsetMetres: 30))
    #expect(snapper.snap(PlanarPoint(x: 100, y: 301), limitMetres: 300) == nil)
}

@Test func nearestTimeTakesTheBetterEndOrTheSameEdge() throws {
    let costs = ProfileCosts(graph: line, profile: oneMetrePerSecond)
    let set = DestinationSet(kind: .service(.food), destinationCount: 1,
                             accessPoints: [.init(destination: 0, snap: PlaceSnap(edge: 1, fraction: 0.5, offsetMetres: 10))])
    var workspace = SearchWorkspace(nodeCount: 3)
    let times = NearestTimes(graph: line, costs: costs, destinations: set, workspace: &workspace)
    // Seeds: B = 50 + 10 = 60, C = 50 + 10 = 60; A = 160.
    #expect(times.nodeSeconds == [160, 60, 60])
    // p: 5 off-network, then via B: 80 + 60 = 145 (via A: 20 + 160 = 180).
    #expect(times.seconds(from: PlaceSnap(edge: 0, fraction: 0.2, offsetMetres: 5), graph: line, costs: costs) == 145)
    // r on q's edge: straight along it, 30 + 5 + 10 = 45 (via C: 20 + 60 + 5 = 85).
    #expect(times.seconds(from: PlaceSnap(edge: 1, fraction: 0.8, offsetMetres: 5), graph: line, costs: costs) == 45)
}

@Test func unreachableIsInfinityNotZero() {
    let costs = ProfileCosts(graph: line, profile: oneMetrePerSecond)
    let empty = DestinationSet(kind: .service(.healthcare), destinationCount: 0, accessPoints: [])
    var workspace = SearchWorkspace(nodeCount: 3)
    let times = NearestTimes(graph: line, costs: costs, destinations: empty, workspace: &workspace)
    #expect(times.seconds(from: PlaceSnap(edge: 0, fraction: 0.5, offsetMetres: 0), graph: line, costs: costs) == .infinity)
}

@Test(arguments: 0..<200)
func nearestPlaceTimeMatchesBruteForceOverAllAccessPoints(seed: Int) {
    var rng = SeededRandom(seed: UInt64(5000 + seed))
    let n = Int.random(in: 2...20, using: &rng)
    let graph = TinyNetwork.random(nodeCount: n, edgeCount: Int.random(in: 1...(2 * n), using: &rng), maxMetres: 40, rng: &rng)
    let costs = ProfileCosts(graph: graph, profile: oneMetrePerSecond)
    let quarters: [Float] = [0, 0.25, 0.5, 0.75, 1]
    func randomSnap() -> PlaceSnap {
        PlaceSnap(edge: Int32(Int.random(in: 0..<graph.edgeCount, using: &rng)),
                  fraction: quarters.randomElement(using: &rng)!, offsetMetres: Float(Int.random(in: 0...5, using: &rng)))
    }
    let points = (0..<Int.random(in: 1...4, using: &rng)).map { DestinationSet.AccessPoint(destination: Int32($0), snap: randomSnap()) }
    let set = DestinationSet(kind: .custom("x"), destinationCount: points.count, accessPoints: points)
    var workspace = SearchWorkspace(nodeCount: n)
    let times = NearestTimes(graph: graph, costs: costs, destinations: set, workspace: &workspace)
    let all = BruteForce.allPairsSeconds(graph, costs: costs)
    for _ in 0..<5 {
        let place = randomSnap()
        // Reference: every combination of leaving the place's edge and entering a destination's edge.
        let pe = Int(place.edge), pm = Double(graph.edgeMetres[pe]), pf = Double(place.fraction)
        var reference = Double.infinity
        for point in points {
            let de = Int(point.snap.edge), dm = Double(graph.edgeMetres[de]), df = Double(point.snap.fraction)
            var viaNetwork = Double.infinity
            for (u, a) in [(Int(graph.edgeTail[pe]), pf * pm), (Int(graph.edgeHead[pe]), (1 - pf) * pm)] {
                for (v, b) in [(Int(graph.edgeTail[de]), df * dm), (Int(graph.edgeHead[de]), (1 - df) * dm)] {
                    viaNetwork = min(viaNetwork, a + all[u][v] + b)
                }
            }
            if de == pe { viaNetwork = min(viaNetwork, abs(df - pf) * pm) }
            reference = min(reference, viaNetwork + Double(place.offsetMetres) + Double(point.snap.offsetMetres))
        }
        let got = Double(times.seconds(from: place, graph: graph, costs: costs))
        #expect(got == reference, "seed \(seed)")
    }
}

/// The bucket index finds the same segment as a scan of every segment (nearest within the
/// limit, ties to the lower segment id), over clustered networks with wide empty stretches
/// between them, points far outside the grid, limits from 10 m to none, odd bucket sizes and
/// edges a profile may not use.
@Test(arguments: 0..<150)
func nearestSegmentMatchesAScanOfEverySegment(seed: Int) {
    var rng = SeededRandom(seed: UInt64(9100 + seed))
    var nodes: [(Double, Double)] = [], edges: [(Int, Int, Float?)] = []
    for _ in 0..<Int.random(in: 1...3, using: &rng) {
        let cx = Double(Int.random(in: 0...6000, using: &rng)), cy = Double(Int.random(in: 0...6000, using: &rng))
        let first = nodes.count, count = Int.random(in: 2...12, using: &rng)
        for _ in 0..<count { nodes.append((cx + Double(Int.random(in: 0...300, using: &rng)), cy + Double(Int.random(in: 0...300, using: &rng)))) }
        for _ in 0..<Int.random(in: 1...(2 * count), using: &rng) {
            edges.append((first + Int.random(in: 0..<count, using: &rng), first + Int.random(in: 0..<count, using: &rng), nil))
        }
    }
    let graph = TinyNetwork.graph(nodes: nodes, edges: edges)
    let index = EdgeSegmentIndex(graph: graph, bucketMetres: [7.0, 50, 100, 333][seed % 4])
    let allowed: [Bool]? = seed % 3 == 0 ? (0..<graph.edgeCount).map { _ in Bool.random(using: &rng) } : nil
    for _ in 0..<60 {
        let p = PlanarPoint(x: Double(Int.random(in: -2000...8000, using: &rng)) + 0.5, y: Double(Int.random(in: -2000...8000, using: &rng)) + 0.25)
        let limit = [10.0, 120, 300, 2500, .infinity][Int.random(in: 0..<5, using: &rng)]
        var expected: (edge: Int32, segment: Int32, metres: Double)?
        for e in 0..<graph.edgeCount where allowed?[e] ?? true {
            for s in graph.firstSegment(ofEdge: e)..<graph.firstSegment(ofEdge: e + 1) {
                let (a, b) = graph.segment(s, ofEdge: e)
                let m = p.distance(to: SegmentGeometry.point(at: SegmentGeometry.closestParameter(p, a, b), a, b))
                guard m <= limit else { continue }
                if let best = expected, m > best.metres || (m == best.metres && Int32(s) >= best.segment) { continue }
                expected = (Int32(e), Int32(s), m)
            }
        }
        let hit = index.nearest(to: p, limitMetres: limit, allowed: allowed)
        #expect(hit?.edge == expected?.edge && hit?.segment == expected?.segment && hit?.metres == expected?.metres,
                "seed \(seed), point \(p), limit \(limit): \(String(describing: hit)) vs \(String(describing: expected))")
    }
}

/// Built in parts on several threads (a network of more than 65,536 segments, jittered so
/// many segments span two buckets), the index lists the same segments in the same order in
/// every bucket as when built on one.
@Test func segmentIndexIsTheSameOnAnyThreadCount() {
    var rng = SeededRandom(seed: 77)
    let side = 190
    var nodes: [(Double, Double)] = [], edges: [(Int, Int, Float?)] = []
    for row in 0..<side {
        for column in 0..<side {
            nodes.append((Double(column) * 37 + Double(Int.random(in: 0...20, using: &rng)), Double(row) * 41 + Double(Int.random(in: 0...20, using: &rng))))
            if column > 0 { edges.append((row * side + column - 1, row * side + column, nil)) }
            if row > 0 { edges.append(((row - 1) * side + column, row * side + column, nil)) }
        }
    }
    let graph = TinyNetwork.graph(nodes: nodes, edges: edges)
    #expect(graph.segmentCount > 1 << 16)
    let one = EdgeSegmentIndex(graph: graph, bucketMetres: 50, threads: 1)
    for threads in [2, 3] {
        let many = EdgeSegmentIndex(graph: graph, bucketMetres: 50, threads: threads)
        #expect(many.bucketFirst == one.bucketFirst && many.bucketSegments == one.bucketSegments, "\(threads) threads")
    }
    // Every segment is listed in each bucket its box overlaps, once.
    #expect(one.bucketSegments.count > graph.segmentCount)
}

/// The two-scan distance transform gives each bucket its Chebyshev distance to the nearest
/// bucket holding a segment (255 at or beyond 255, and everywhere when none holds one), as a
/// scan over every occupied bucket finds it.
@Test(arguments: 0..<40)
func emptyRingsAreChebyshevDistancesToOccupiedBuckets(seed: UInt64) {
    var generator = SeededRandom(seed: seed)
    let columns = Int.random(in: 1...300, using: &generator), rows = Int.random(in: 1...40, using: &generator)
    let occupied = (0..<Int.random(in: 0...6, using: &generator)).map { _ in Int.random(in: 0..<(columns * rows), using: &generator) }
    var first = [Int32](repeating: 0, count: columns * rows + 1)
    for b in 0..<(columns * rows) { first[b + 1] = first[b] + (occupied.contains(b) ? 1 : 0) }
    let rings = EdgeSegmentIndex.emptyRings(columns: columns, rows: rows, bucketFirst: first)
    for b in 0..<(columns * rows) {
        let nearest = occupied.map { max(abs($0 / columns - b / columns), abs($0 % columns - b % columns)) }.min()
        #expect(Int(rings[b]) == min(255, nearest ?? 255), "seed \(seed), bucket \(b)")
    }
}

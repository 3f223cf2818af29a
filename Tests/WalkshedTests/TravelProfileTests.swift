import Testing
import Walkshed
import WalkshedTestSupport

/// A random graph whose edges get random classes and flags.
func randomMixedGraph(seed: Int) -> StreetGraph {
    var rng = SeededRandom(seed: UInt64(seed))
    let n = Int.random(in: 2...25, using: &rng)
    let base = TinyNetwork.random(nodeCount: n, edgeCount: Int.random(in: 1...(3 * n), using: &rng), maxMetres: 30, rng: &rng)
    let classes = (0..<base.edgeCount).map { _ in [EdgeClass.street, .footway, .steps, .path, .cycleway].randomElement(using: &rng)! }
    var graph = TinyNetwork.graph(nodes: (0..<n).map { (base.nodeX[$0], base.nodeY[$0]) },
                                  edges: (0..<base.edgeCount).map { (Int(base.edgeTail[$0]), Int(base.edgeHead[$0]), base.edgeMetres[$0]) },
                                  classes: classes)
    for e in 0..<graph.edgeCount {
        if Bool.random(using: &rng) { graph.edgeFlags[e].insert(.bicycleAllowed) }
        if Int.random(in: 0..<5, using: &rng) == 0 { graph.edgeFlags[e].insert(.wheelchairNo) }
        if Int.random(in: 0..<5, using: &rng) == 0 { graph.edgeFlags[e].insert(.steepIncline) }
    }
    return graph
}

/// The graph without the edges `keep` rejects, with the same node ids.
func graphKeeping(_ g: StreetGraph, _ keep: (Int) -> Bool) -> StreetGraph {
    let kept = (0..<g.edgeCount).filter(keep)
    return TinyNetwork.graph(nodes: (0..<g.nodeCount).map { (g.nodeX[$0], g.nodeY[$0]) },
                             edges: kept.map { (Int(g.edgeTail[$0]), Int(g.edgeHead[$0]), g.edgeMetres[$0]) })
}

/// A wheelchair never uses steps, `wheelchair=no` or steep edges: its times equal walking times
/// (at the same speed) on the graph with those edges deleted. Likewise a bike and its ways.
@Test(arguments: 0..<200)
func profilesAvoidTheirForbiddenEdges(seed: Int) {
    let graph = randomMixedGraph(seed: seed)
    let cases: [(TravelProfile, (Int) -> Bool)] = [
        (.wheelchair(kilometresPerHour: 3.6), { graph.edgeClass[$0] != .steps && graph.edgeFlags[$0].isDisjoint(with: [.wheelchairNo, .steepIncline]) }),
        (.bike(kilometresPerHour: 3.6), { graph.edgeClass[$0] != .steps && graph.edgeFlags[$0].contains(.bicycleAllowed) }),
    ]
    for (profile, allowed) in cases {
        let reduced = graphKeeping(graph, allowed)
        let walker = TravelProfile(name: "reference", metresPerSecond: 1)
        var a = SearchWorkspace(nodeCount: graph.nodeCount), b = SearchWorkspace(nodeCount: graph.nodeCount)
        a.search(graph, costs: ProfileCosts(graph: graph, profile: profile), from: [SearchSource(node: 0, seconds: 0)])
        b.search(reduced, costs: ProfileCosts(graph: reduced, profile: walker), from: [SearchSource(node: 0, seconds: 0)])
        // Same speeds (1 m/s): compare after scaling the profile's seconds.
        let scale: Double = profile.metresPerSecond
        let mismatch = zip(a.seconds, b.seconds).contains { (x: Double, y: Double) -> Bool in
            if x.isFinite != y.isFinite { return true }
            return x.isFinite && abs(x * scale - y) > 0.01
        }
        #expect(!mismatch, "seed \(seed), \(profile.name)")
    }
}

//   sidewalk  A(0,0) ─────────── B(100,0)
//   steps     C(0,10) ────────── D(100,10)     place P at (50, 8): 2 m from the steps, 8 m from the sidewalk
@Test func placesSnapOnlyToEdgesTheProfileMayUse() throws {
    let graph = TinyNetwork.graph(nodes: [(0, 0), (100, 0), (0, 10), (100, 10)], edges: [(0, 1, nil), (2, 3, nil)],
                                  classes: [.sidewalk, .steps])
    let snapper = Snapper(graph: graph)
    let walk = ProfileCosts(graph: graph, profile: .walk()), wheel = ProfileCosts(graph: graph, profile: .wheelchair())
    #expect(walk.usableEdges == [true, true] && wheel.usableEdges == [true, false])
    #expect(try #require(snapper.snap(PlanarPoint(x: 50, y: 8), limitMetres: 30, usableEdges: walk.usableEdges)).edge == 1)
    let wheelSnap = try #require(snapper.snap(PlanarPoint(x: 50, y: 8), limitMetres: 30, usableEdges: wheel.usableEdges))
    #expect(wheelSnap == PlaceSnap(edge: 0, fraction: 0.5, offsetMetres: 8))
}

//  way 1 (footway):  p0 ── p1(kerb) ── p2      p1 is inside the edge: flagged
//  way 2 (crossing): p2 ── p3(kerb)            the crossing ends at a kerb: flagged
//  way 3 (sidewalk): p3 ── p4                  a sidewalk touching the kerb at its end: not flagged
@Test func raisedKerbsFlagTheEdgesThatCrossThem() {
    let graph = equatorBuilder(5).build([
        WayPolyline(wayID: 1, points: [0, 1, 2], edgeClass: .footway),
        WayPolyline(wayID: 2, points: [2, 3], edgeClass: .crossing),
        WayPolyline(wayID: 3, points: [3, 4], edgeClass: .sidewalk),
    ], raisedKerbs: [1, 3])
    #expect(graph.edgeFlags.map { $0.contains(.raisedKerb) } == [true, true, false])
}

@Test func presetsFollowTheTable() {
    #expect(TravelProfile.preset("walk")!.metresPerSecond * 60 * 15 == 1_200)
    #expect(abs(TravelProfile.preset("senior")!.metresPerSecond * 60 * 15 - 900) < 1e-9)
    #expect(abs(TravelProfile.preset("bike")!.metresPerSecond * 60 * 15 - 3_750) < 1e-9)
    #expect(TravelProfile.preset("wheelchair")!.forbiddenClasses == [.steps])
    #expect(TravelProfile.preset("hovercraft") == nil)
}

import Testing
import Walkshed
import WalkshedTestSupport

/// A projection for hand-made networks: their planar metres sit in UTM zone 31 N.
let testProjection = UTMProjection(zone: 31, isNorth: true)

private func fullSearch(_ graph: StreetGraph, _ costs: ProfileCosts, _ sources: [SearchSource]) -> [Double] {
    var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
    workspace.search(graph, costs: costs, from: sources)
    return workspace.seconds
}

@Test func aPathAcrossTwoStreetsCutsThemAndJoinsAtTheCrossings() throws {
    //  0 ─────── 1        street y = 0, x 0…200
    //      |              drawn path x = 100, y -50…150 crosses both streets
    //  2 ─────── 3        street y = 100
    let graph = TinyNetwork.graph(nodes: [(0, 0), (200, 0), (0, 100), (200, 100)], edges: [(0, 1, 200), (2, 3, 200)])
    var edits = NetworkEdits()
    edits.paths = [DrawnPath(points: [PlanarPoint(x: 100, y: -50), PlanarPoint(x: 100, y: 150)], edgeClass: .footway, flags: .greenway)]
    let edited = try NetworkEditor.apply(edits, to: graph, projection: testProjection)
    let g = edited.graph
    #expect(edited.cutEdges == [true, true])
    // Old nodes keep their ids; two cut nodes and two free path ends follow.
    #expect(g.nodeCount == 8)
    #expect((0..<4).allSatisfy { g.nodeX[$0] == graph.nodeX[$0] && g.nodeY[$0] == graph.nodeY[$0] })
    #expect(g.position(of: 4) == PlanarPoint(x: 100, y: 0) && g.position(of: 5) == PlanarPoint(x: 100, y: 100))
    // Each street became two halves of 100 m; the path three pieces: 50 m, 100 m, 50 m.
    #expect(g.edgeCount == 7)
    #expect(Array(g.edgeMetres[0..<4]) == [100, 100, 100, 100])
    #expect(g.edgeWayID[4...].allSatisfy { $0 == 0 } && g.edgeClass[4...].allSatisfy { $0 == .footway })
    let pathMetres = g.edgeMetres[4...].map(Double.init)
    #expect(pathMetres.count == 3 && abs(pathMetres.reduce(0, +) - 200) < 1.5)   // great-circle vs UTM scale
    #expect(throws: Never.self) { try g.checkInvariants() }
    // From the path's south end to node 3: 50 + 100 along the path, then 100 east.
    let costs = ProfileCosts(graph: g, profile: oneMetrePerSecond)
    let seconds = fullSearch(g, costs, [SearchSource(node: 3, seconds: 0)])
    let southEnd = (0..<g.nodeCount).first { g.position(of: $0) == PlanarPoint(x: 100, y: -50) }!
    #expect(abs(seconds[southEnd] - (Double(g.edgeMetres[4]) + Double(g.edgeMetres[5]) + 100)) < 1e-9)
}

@Test func linkEndsMustBeNearTheNetwork() {
    let graph = TinyNetwork.graph(nodes: [(0, 0), (200, 0)], edges: [(0, 1, 200)])
    var edits = NetworkEdits()
    edits.paths = [DrawnPath(points: [PlanarPoint(x: 50, y: 10), PlanarPoint(x: 50, y: 90)], edgeClass: .crossing,
                             joinsCrossings: false, endsMustJoin: true)]
    #expect(throws: NetworkEditError.self) { try NetworkEditor.apply(edits, to: graph, projection: testProjection) }
    // Within 15 m, the near end joins through a connector to the cut point (50, 0).
    edits.paths[0].endsMustJoin = false
    let g = try! NetworkEditor.apply(edits, to: graph, projection: testProjection).graph
    #expect(g.nodeCount == 4 && g.edgeCount == 3)
    #expect(g.position(of: 2) == PlanarPoint(x: 50, y: 0))
}

@Test func closingWaysAndAreasFlagsTheirEdges() throws {
    let graph = TinyNetwork.graph(nodes: [(0, 0), (100, 0), (200, 0), (300, 0)], edges: [(0, 1, 100), (1, 2, 100), (2, 3, 100)])
    var edits = NetworkEdits()
    edits.closedWayIDs = [1]   // TinyNetwork numbers ways from 1
    edits.closedAreas = [PlanarPolygon(outerRings: [[PlanarPoint(x: 240, y: -10), PlanarPoint(x: 260, y: -10),
                                                     PlanarPoint(x: 260, y: 10), PlanarPoint(x: 240, y: 10)]])]
    let edited = try NetworkEditor.apply(edits, to: graph, projection: testProjection)
    #expect(edited.closedEdgeCount == 2)
    #expect(edited.graph.edgeFlags.map { $0.contains(.closed) } == [true, false, true])
    let costs = ProfileCosts(graph: edited.graph, profile: oneMetrePerSecond)
    #expect(costs.usableEdges == [false, true, false])
}

/// Random networks, random closures, random drawn paths and changed destinations: the
/// incremental update equals a full search on the edited network, to the bit.
@Test(arguments: 0..<300) func incrementalUpdateEqualsFullSearch(seed: UInt64) throws {
    var r = RandomDestinations(seed: seed)
    let graph = r.graph, costs = r.costs
    var rng = r.rng
    var edits = NetworkEdits()
    for e in 0..<graph.edgeCount where Int.random(in: 0..<6, using: &rng) == 0 { edits.closedWayIDs.insert(OSMWayID(graph.edgeWayID[e])) }
    if Bool.random(using: &rng) {
        let c = PlanarPoint(x: Double.random(in: 0...1000, using: &rng), y: Double.random(in: 0...1000, using: &rng))
        edits.closedAreas = [PlanarPolygon(outerRings: [[c, PlanarPoint(x: c.x + 150, y: c.y), PlanarPoint(x: c.x + 150, y: c.y + 150),
                                                         PlanarPoint(x: c.x, y: c.y + 150)]])]
    }
    for _ in 0..<Int.random(in: 0...3, using: &rng) {
        var points: [PlanarPoint] = []
        for _ in 0..<Int.random(in: 2...4, using: &rng) {
            if Bool.random(using: &rng) {
                let e = Int.random(in: 0..<graph.edgeCount, using: &rng)
                points.append(graph.position(onEdge: e, fraction: Float(Int.random(in: 0...8, using: &rng)) / 8))
            } else {
                points.append(PlanarPoint(x: Double(Int.random(in: 0...1000, using: &rng)), y: Double(Int.random(in: 0...1000, using: &rng))))
            }
        }
        edits.paths.append(DrawnPath(points: points, edgeClass: .footway, joinsCrossings: Bool.random(using: &rng)))
    }
    let edited = try NetworkEditor.apply(edits, to: graph, projection: testProjection)
    let newGraph = edited.graph
    #expect(throws: Never.self) { try newGraph.checkInvariants() }
    let newCosts = ProfileCosts(graph: newGraph, profile: costs.profile)

    // Destinations: kept where their edge was not cut, re-snapped where it was, some dropped, one added.
    let snapper = Snapper(graph: newGraph)
    var points: [DestinationSet.AccessPoint] = []
    for p in r.points where Int.random(in: 0..<5, using: &rng) > 0 {
        if edited.cutEdges[Int(p.snap.edge)] {
            if let s = snapper.snap(graph.position(onEdge: Int(p.snap.edge), fraction: p.snap.fraction), limitMetres: 1) {
                points.append(.init(destination: p.destination, snap: PlaceSnap(edge: s.edge, fraction: s.fraction, offsetMetres: p.snap.offsetMetres)))
            }
        } else {
            points.append(p)
        }
    }
    points.append(.init(destination: 0, snap: PlaceSnap(edge: Int32(Int.random(in: 0..<newGraph.edgeCount, using: &rng)),
                                                        fraction: 0.5, offsetMetres: 3)))
    let newSet = DestinationSet(kind: .custom("x"), destinationCount: r.set.destinationCount, accessPoints: points)

    let before = SearchState(graph: graph, costs: costs, sources: r.set.searchSources(graph: graph, costs: costs))
    let after = SearchState(graph: newGraph, costs: newCosts, sources: newSet.searchSources(graph: newGraph, costs: newCosts))
    let beforeSeconds = fullSearch(graph, costs, before.sources)
    let update = IncrementalSearch.update(before: before, beforeSeconds: beforeSeconds, after: after, cutEdges: edited.cutEdges)
    let expected = fullSearch(newGraph, newCosts, after.sources)
    #expect(update.seconds == expected, "seed \(seed)")
    _ = r.randomSnap()
}

/// An edit that changes nothing recomputes nothing; a far-away new seed recomputes only its
/// neighbourhood.
@Test func incrementalUpdateTouchesOnlyWhatChanges() throws {
    // A line of 101 nodes, 10 m apart; the destination at node 0.
    let nodes = (0...100).map { (Double($0) * 10, 0.0) }
    let graph = TinyNetwork.graph(nodes: nodes, edges: (0..<100).map { ($0, $0 + 1, 10) })
    let costs = ProfileCosts(graph: graph, profile: oneMetrePerSecond)
    let sources = [SearchSource(node: 0, seconds: 0)]
    let before = SearchState(graph: graph, costs: costs, sources: sources)
    let seconds = fullSearch(graph, costs, sources)
    let unchanged = try NetworkEditor.apply(NetworkEdits(), to: graph, projection: testProjection)
    let same = IncrementalSearch.update(before: before, beforeSeconds: seconds, after: before, cutEdges: unchanged.cutEdges)
    #expect(same.seconds == seconds && same.recomputedNodes == 0)
    // A second destination at node 100 improves nodes 51…100 only (node 50 ties and stays).
    let after = SearchState(graph: graph, costs: costs, sources: sources + [SearchSource(node: 100, seconds: 0)])
    let update = IncrementalSearch.update(before: before, beforeSeconds: seconds, after: after, cutEdges: unchanged.cutEdges)
    #expect(update.seconds == fullSearch(graph, costs, after.sources))
    #expect(update.recomputedNodes == 50)
    // Closing way 11 (edge 10–11) cuts nodes 11…100 off: 90 affected nodes, plus node 10 re-relaxed.
    var edits = NetworkEdits(); edits.closedWayIDs = [11]
    let closed = try NetworkEditor.apply(edits, to: graph, projection: testProjection)
    let closedCosts = ProfileCosts(graph: closed.graph, profile: oneMetrePerSecond)
    let cut = IncrementalSearch.update(before: before, beforeSeconds: seconds,
                                       after: SearchState(graph: closed.graph, costs: closedCosts, sources: sources), cutEdges: closed.cutEdges)
    #expect(cut.seconds == fullSearch(closed.graph, closedCosts, sources))
    #expect(cut.seconds[10] == 100 && cut.seconds[11] == .infinity && cut.recomputedNodes == 91)
}

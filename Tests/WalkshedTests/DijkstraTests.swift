import Testing
import Walkshed
import WalkshedTestSupport

/// Speed 1 m/s, so seconds equal metres and answers read straight off the drawing.
let oneMetrePerSecond = TravelProfile(name: "test", metresPerSecond: 1)

//   A ──100── B ──50── C
//   │                  │
//  300                100
//   │                  │
//   D ───────400────── E
let squareGraph = TinyNetwork.graph(
    nodes: [(0, 0), (100, 0), (150, 0), (0, -300), (150, -100)],
    edges: [(0, 1, 100), (1, 2, 50), (0, 3, 300), (2, 4, 100), (3, 4, 400)])
let (A, B, C, D, E): (Int32, Int32, Int32, Int32, Int32) = (0, 1, 2, 3, 4)

@Test func singleSourceTimesFollowTheDrawing() {
    let costs = ProfileCosts(graph: squareGraph, profile: oneMetrePerSecond)
    var workspace = SearchWorkspace(nodeCount: squareGraph.nodeCount)
    workspace.search(squareGraph, costs: costs, from: [SearchSource(node: A, seconds: 0)])
    // A 0; B 100; C 100+50; E 150+100; D min(300, 250+400).
    #expect(workspace.seconds == [0, 100, 150, 300, 250])
}

@Test func multiSourceSeedsCarryTheirOffsets() {
    let costs = ProfileCosts(graph: squareGraph, profile: oneMetrePerSecond)
    var workspace = SearchWorkspace(nodeCount: squareGraph.nodeCount)
    workspace.search(squareGraph, costs: costs, from: [SearchSource(node: A, seconds: 0), SearchSource(node: E, seconds: 10)])
    // C = min(150 via A, 10+100 via E) = 110; B = min(100, 110+50) = 100; D = min(300, 10+400) = 300.
    #expect(workspace.seconds == [0, 100, 110, 300, 10])
}

@Test func limitLeavesFartherNodesUnreached() {
    let costs = ProfileCosts(graph: squareGraph, profile: oneMetrePerSecond)
    var workspace = SearchWorkspace(nodeCount: squareGraph.nodeCount)
    workspace.search(squareGraph, costs: costs, from: [SearchSource(node: A, seconds: 0)], limitSeconds: 120)
    #expect(workspace.seconds == [0, 100, .infinity, .infinity, .infinity])
    // The workspace resets only what it touched and gives the full answer on the next search.
    workspace.search(squareGraph, costs: costs, from: [SearchSource(node: D, seconds: 0)])
    #expect(workspace.seconds == [300, 400, 450, 0, 400])
}

@Test func forbiddenEdgesAreNotUsed() {
    let noSteps = TravelProfile(name: "wheelchair-like", metresPerSecond: 1, forbiddenClasses: [.steps])
    //   A ──100(steps)── B, and the long way round A ─ D ─ E ─ C ─ B = 300+400+100+50.
    let graph = TinyNetwork.graph(nodes: [(0, 0), (100, 0), (150, 0), (0, -300), (150, -100)],
                                  edges: [(0, 1, 100), (1, 2, 50), (0, 3, 300), (2, 4, 100), (3, 4, 400)],
                                  classes: [.steps, .street, .street, .street, .street])
    var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
    workspace.search(graph, costs: ProfileCosts(graph: graph, profile: noSteps), from: [SearchSource(node: A, seconds: 0)])
    #expect(workspace.seconds[Int(B)] == 850)
}

@Test(arguments: 0..<300)
func dijkstraMatchesBellmanFord(seed: Int) {
    var rng = SeededRandom(seed: UInt64(seed))
    let n = Int.random(in: 2...30, using: &rng)
    let graph = TinyNetwork.random(nodeCount: n, edgeCount: Int.random(in: 0...(3 * n), using: &rng), maxMetres: 20, rng: &rng)
    let costs = ProfileCosts(graph: graph, profile: oneMetrePerSecond)
    // One workspace that lists touched nodes and one that does not (a reset then sweeps all).
    var workspace = SearchWorkspace(nodeCount: n), unlisted = SearchWorkspace(nodeCount: n, listsTouchedNodes: false)
    for round in 0..<3 {   // several searches in one workspace: the reset must leave no trace
        let sources = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
            SearchSource(node: Int32(Int.random(in: 0..<n, using: &rng)), seconds: Float(Int.random(in: 0...10, using: &rng)))
        }
        let limit: Float = round == 1 ? Float(Int.random(in: 0...40, using: &rng)) : .infinity
        workspace.search(graph, costs: costs, from: sources, limitSeconds: limit)
        unlisted.search(graph, costs: costs, from: sources, limitSeconds: limit)
        let expected = BruteForce.secondsToNearest(graph, costs: costs, sources: sources).map { $0 <= Double(limit) ? $0 : .infinity }
        #expect(workspace.seconds == expected, "seed \(seed), round \(round)")
        #expect(unlisted.seconds == expected, "seed \(seed), round \(round)")
    }
}

@Test(arguments: 0..<100)
func outwardSearchMatchesFloydWarshall(seed: Int) {
    var rng = SeededRandom(seed: UInt64(1000 + seed))
    let n = Int.random(in: 2...25, using: &rng)
    let graph = TinyNetwork.random(nodeCount: n, edgeCount: 2 * n, maxMetres: 50, rng: &rng)
    let costs = ProfileCosts(graph: graph, profile: oneMetrePerSecond)
    let all = BruteForce.allPairsSeconds(graph, costs: costs)
    var workspace = SearchWorkspace(nodeCount: n)
    let s = Int.random(in: 0..<n, using: &rng)
    workspace.search(graph, costs: costs, from: [SearchSource(node: Int32(s), seconds: 0)], direction: .outward)
    #expect(workspace.seconds == all[s], "seed \(seed)")
}

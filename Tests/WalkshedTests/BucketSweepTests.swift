import Testing
import Walkshed
import WalkshedTestSupport

/// The band-by-band search gives a Dijkstra search's labels bit for bit: random graphs with
/// fractional lengths at speeds whose times do not add exactly, zero-length edges, forbidden
/// steps (no arc), sources carrying seconds from 0 to far beyond the rest (which wait outside
/// the ring of bands), limits that cut the search, and both directions.
@Test(arguments: 0..<300)
func bucketSweepEqualsDijkstraBitForBit(seed: Int) {
    var rng = SeededRandom(seed: UInt64(7_000 + seed))
    let n = Int.random(in: 1...60, using: &rng)
    let nodes = (0..<n).map { _ in (Double.random(in: 0...500, using: &rng), Double.random(in: 0...500, using: &rng)) }
    let edges: [(Int, Int, Float?)] = (0..<Int.random(in: 0...(3 * n), using: &rng)).map { _ in
        (Int.random(in: 0..<n, using: &rng), Int.random(in: 0..<n, using: &rng),
         Bool.random(using: &rng) && Int.random(in: 0..<8, using: &rng) == 0 ? 0 : Float.random(in: 0.01...80, using: &rng))
    }
    let classes = edges.map { _ in Int.random(in: 0..<6, using: &rng) == 0 ? EdgeClass.steps : .street }
    let graph = TinyNetwork.graph(nodes: nodes, edges: edges, classes: classes)
    let profile = TravelProfile(name: "test", metresPerSecond: [1, 1.33, 0.9, 4.17].randomElement(using: &rng)!,
                                forbiddenClasses: Bool.random(using: &rng) ? [.steps] : [])
    let costs = ProfileCosts(graph: graph, profile: profile)
    var workspace = SearchWorkspace(nodeCount: n)
    for round in 0..<3 {
        let sources = (0..<Int.random(in: 0...5, using: &rng)).map { _ in
            SearchSource(node: Int32(Int.random(in: 0..<n, using: &rng)),
                         seconds: round == 2 ? Float.random(in: 0...100_000, using: &rng) : Float.random(in: 0...30, using: &rng))
        }
        let limit: Float = round == 1 ? Float.random(in: 0...150, using: &rng) : .infinity
        let direction: SearchDirection = Bool.random(using: &rng) ? .outward : .towardSources
        workspace.search(graph, costs: costs, from: sources, direction: direction, limitSeconds: limit)
        let swept = BucketSweep.seconds(graph, costs: costs, from: sources, direction: direction, limitSeconds: limit)
        #expect(swept.map(\.bitPattern) == workspace.seconds.map(\.bitPattern), "seed \(seed), round \(round)")
    }
}

/// On a long path whose one arc is far longer than the others (a ferry among footpaths), the
/// ring of bands spans the long arc and the answer is still exact; a graph without a usable
/// arc leaves every node but the sources unreached.
@Test func bucketSweepHandlesOneLongArcAndNoArcs() {
    let lengths: [Float] = (0..<200).map { $0 == 100 ? 50_000 : Float(1 + $0 % 7) * 3.7 }
    let path = TinyNetwork.graph(nodes: (0...200).map { (Double($0), 0) }, edges: lengths.enumerated().map { ($0.offset, $0.offset + 1, $0.element) })
    let costs = ProfileCosts(graph: path, profile: TravelProfile(name: "walk", metresPerSecond: 1.33))
    var workspace = SearchWorkspace(nodeCount: path.nodeCount)
    let sources = [SearchSource(node: 0, seconds: 0), SearchSource(node: 150, seconds: 2.5)]
    workspace.search(path, costs: costs, from: sources)
    #expect(BucketSweep.seconds(path, costs: costs, from: sources) == workspace.seconds)
    #expect(workspace.seconds[200] > 0 && workspace.seconds[200].isFinite)

    let steps = TinyNetwork.graph(nodes: [(0, 0), (10, 0), (20, 0)], edges: [(0, 1, 10), (1, 2, 10)], classes: [.steps, .steps])
    let wheelchair = ProfileCosts(graph: steps, profile: TravelProfile(name: "wheelchair", metresPerSecond: 1, forbiddenClasses: [.steps]))
    #expect(BucketSweep.seconds(steps, costs: wheelchair, from: [SearchSource(node: 1, seconds: 4)]) == [.infinity, 4, .infinity])
}

import Testing
@testable import Walkshed
import WalkshedTestSupport

/// A random network at 1 m/s with some edges flagged greenway.
func randomGreenways(seed: UInt64) -> (StreetGraph, ProfileCosts, [PlaceSnap?], SeededRandom) {
    var instance = RandomDestinations(seed: seed)
    var graph = instance.graph
    for e in 0..<graph.edgeCount where Bool.random(using: &instance.rng) { graph.edgeFlags[e].insert(.greenway) }
    let costs = ProfileCosts(graph: graph, profile: TravelProfile(name: "test", metresPerSecond: 1))
    let places: [PlaceSnap?] = (0..<6).map { _ in instance.randomSnap() } + [nil]
    return (graph, costs, places, instance.rng)
}

@Test(arguments: 0..<120)
func greenwayReachMatchesSampledBruteForce(seed: Int) {
    var (graph, costs, places, rng) = randomGreenways(seed: UInt64(40_000 + seed))
    let budget = Double(Int.random(in: 5...60, using: &rng))
    let result = GreenwayAccess(places: places, graph: graph, costs: costs, budgetSeconds: budget, threads: 2)
    let all = BruteForce.allPairsSeconds(graph, costs: costs)
    let samples = 400
    for (i, place) in places.enumerated() {
        guard let place else {
            #expect(result.seconds[i] == .infinity && result.reachableMetres[i] == 0)
            continue
        }
        let pe = Int(place.edge), pm = Double(graph.edgeMetres[pe]), pf = Double(place.fraction), off = Double(place.offsetMetres)
        let exits = [(Int(graph.edgeTail[pe]), pf * pm), (Int(graph.edgeHead[pe]), (1 - pf) * pm)]
        var nearest = Double.infinity, metres = 0.0, tolerance = 1e-6
        for e in 0..<graph.edgeCount where graph.edgeFlags[e].contains(.greenway) {
            let length = Double(graph.edgeMetres[e]), tail = Int(graph.edgeTail[e]), head = Int(graph.edgeHead[e])
            func time(toPosition x: Double) -> Double {
                var t = Double.infinity
                for (u, a) in exits { t = min(t, a + all[u][tail] + x, a + all[u][head] + length - x) }
                if e == pe { t = min(t, abs(x - pf * pm)) }
                return t + off
            }
            nearest = min(nearest, e == pe ? off : min(time(toPosition: 0), time(toPosition: length)))
            var reached = 0
            for s in 0..<samples where time(toPosition: (Double(s) + 0.5) / Double(samples) * length) <= budget { reached += 1 }
            metres += Double(reached) / Double(samples) * length
            tolerance += 2 * length / Double(samples)
        }
        #expect(result.seconds[i] == nearest, "seed \(seed), place \(i)")
        #expect(abs(result.reachableMetres[i] - metres) <= tolerance, "seed \(seed), place \(i): \(result.reachableMetres[i]) vs \(metres)")
    }
}

@Test func greenwayReachOnAHandDrawnLine() {
    // 0 ──100── 1 ══200══ 2 ──100── 3   (══ greenway), walking at 1 m/s, budget 250 s.
    var graph = TinyNetwork.graph(nodes: [(0, 0), (100, 0), (300, 0), (400, 0)], edges: [(0, 1, nil), (1, 2, nil), (2, 3, nil)])
    graph.edgeFlags[1].insert(.greenway)
    let costs = ProfileCosts(graph: graph, profile: TravelProfile(name: "test", metresPerSecond: 1))
    let places: [PlaceSnap?] = [PlaceSnap(edge: 0, fraction: 0, offsetMetres: 0),     // node 0: 100 m to the greenway, reaches 150 m of it
                                PlaceSnap(edge: 1, fraction: 0.5, offsetMetres: 10),   // on it, 10 m off: reaches all 200 m
                                PlaceSnap(edge: 2, fraction: 1, offsetMetres: 50)]     // node 3: 100 + 50 m away, reaches 100 m
    let result = GreenwayAccess(places: places, graph: graph, costs: costs, budgetSeconds: 250, threads: 1)
    #expect(result.seconds == [100, 10, 150])
    #expect(result.reachableMetres == [150, 200, 100])
}

@Test func greenwayReachDoesNotDependOnThreads() {
    var rng = SeededRandom(seed: 5)
    var graph = TinyNetwork.random(nodeCount: 300, edgeCount: 900, maxMetres: 200, rng: &rng)
    for e in 0..<graph.edgeCount where e % 3 == 0 { graph.edgeFlags[e].insert(.greenway) }
    let costs = ProfileCosts(graph: graph, profile: .walk())
    let places: [PlaceSnap?] = (0..<400).map { _ in PlaceSnap(edge: Int32(Int.random(in: 0..<900, using: &rng)), fraction: 0.3, offsetMetres: 2) }
    let one = GreenwayAccess(places: places, graph: graph, costs: costs, budgetSeconds: 600, threads: 1)
    let two = GreenwayAccess(places: places, graph: graph, costs: costs, budgetSeconds: 600, threads: 2)
    #expect(one.reachableMetres.map(\.bitPattern) == two.reachableMetres.map(\.bitPattern) && one.seconds == two.seconds)
    #expect(one.reachableMetres.reduce(0, +) > 0)
}

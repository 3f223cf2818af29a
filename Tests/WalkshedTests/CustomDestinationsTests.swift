import Testing
import Walkshed
import WalkshedTestSupport

/// Weighted destinations count their weight: the weighted sum (step decay) at each place is the
/// sum of the weights of the destinations within the threshold, by brute force; counts stay
/// distinct destinations, and unweighted sets keep the same counts when counted beside one.
@Test(arguments: 0..<120)
func weightedCountsMatchBruteForce(seed: Int) {
    var instance = RandomDestinations(seed: UInt64(40_000 + seed))
    let weights = (0..<instance.set.destinationCount).map { _ in Double(Int.random(in: 1...5, using: &instance.rng)) }
    let weighted = DestinationSet(kind: .custom("w"), destinationCount: instance.set.destinationCount, accessPoints: instance.points,
                                  weights: weights)
    let places: [PlaceSnap?] = (0..<6).map { _ in instance.randomSnap() } + [nil]
    let threshold = Double(Int.random(in: 10...60, using: &instance.rng))
    let both = DestinationCounts.forSets([instance.set, weighted], places: places, graph: instance.graph, costs: instance.costs,
                                         thresholdSeconds: threshold, decay: .step, threads: 2)
    let alone = DestinationCounts(places: places, graph: instance.graph, costs: instance.costs, destinations: instance.set,
                                  thresholdSeconds: threshold, decay: .step, threads: 1)
    let all = BruteForce.allPairsSeconds(instance.graph, costs: instance.costs)
    for (i, place) in places.enumerated() {
        #expect(both[0].count(at: i) == alone.count(at: i) && both[0].weight(at: i) == alone.weight(at: i), "seed \(seed), place \(i)")
        guard let place else { #expect(both[1].weight(at: i) == 0); continue }
        let seconds = instance.secondsPerDestination(from: place, allPairs: all)
        let within = seconds.indices.filter { seconds[$0] <= threshold }
        #expect(Int(both[1].count(at: i)) == within.count, "seed \(seed), place \(i)")
        #expect(both[1].weight(at: i) == within.reduce(0) { $0 + weights[$1] }, "seed \(seed), place \(i)")
    }
}

///   0 ---100 m--- 1 ---100 m--- 2        a user's point 10 m off the middle of 0–1;
///                                         a user's square around node 2
/// A point is reached like a service (snapped to its edge), a polygon like a park (at its
/// access points, 0 minutes inside); the set is the kind `.custom("mine")`.
@Test func customPointsAndPolygonsAreReachedLikeServicesAndParks() {
    let graph = TinyNetwork.graph(nodes: [(0, 0), (100, 0), (200, 0)], edges: [(0, 1, nil), (1, 2, nil)])
    let costs = ProfileCosts(graph: graph, profile: TravelProfile(name: "test", metresPerSecond: 1))
    let square = PlanarPolygon(outerRings: [[PlanarPoint(x: 190, y: -10), PlanarPoint(x: 210, y: -10), PlanarPoint(x: 210, y: 10),
                                             PlanarPoint(x: 190, y: 10), PlanarPoint(x: 190, y: -10)]])
    let mine = CustomDestinations(name: "mine", points: [PlanarPoint(x: 50, y: 10)], polygons: [square],
                                  references: ["a.csv:2", "b.geojson: feature 0"])
    let snapper = Snapper(graph: graph)
    var diagnostics = Diagnostics()
    let set = DestinationSet.custom(mine, snapper: snapper, snapLimitMetres: 50, usableEdges: nil, diagnostics: &diagnostics)
    let service = ServicePoint(category: .food, position: PlanarPoint(x: 50, y: 10), osmReference: "node/1", name: "")
    let food = DestinationSet.services([service], category: .food, snapper: snapper, snapLimitMetres: 50, diagnostics: &diagnostics)
    #expect(set.kind == .custom("mine") && set.name == "mine" && set.destinationCount == 2 && set.areas.count == 1)
    #expect(set.accessPoints.filter { $0.destination == 0 }.map(\.snap) == food.accessPoints.map(\.snap))
    #expect(set.accessPoints.contains { $0.destination == 1 } && diagnostics.total == 0)

    var options = CoverageOptions()
    options.cellMetres = 20
    options.snapLimitMetres = 30
    let result = CoverageAnalysis.run(graph: graph, costs: costs, destinations: [food, set], options: options,
                                      population: [PlanarPoint(x: 0, y: 0), PlanarPoint(x: 200, y: 0)])
    let minutes = result.populationLayers.first { $0.measure == .minutes(.custom("mine")) }!
    // From node 0: 50 m along the edge and 10 m off it to the point, at 1 m/s; node 2 is inside the square.
    #expect(abs(minutes.values[0] - 1) < 1e-5 && minutes.values[1] == 0)
    // categories_within counts the built-in kinds only: food is within the budget of both.
    let within = result.populationLayers.first { $0.measure == .categoriesWithin }!
    #expect(within.values == [1, 1])
}

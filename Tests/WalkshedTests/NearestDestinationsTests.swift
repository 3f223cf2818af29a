import Testing
import Walkshed
import WalkshedTestSupport

//   A ──100── B ──100── C ──100── D        speed 1 m/s
//   park 0 has two entrances: at A and at D; shop-like destination 1 at C.
@Test func aDestinationWithTwoEntrancesCountsOnce() {
    let graph = TinyNetwork.graph(nodes: [(0, 0), (100, 0), (200, 0), (300, 0)], edges: [(0, 1, nil), (1, 2, nil), (2, 3, nil)])
    let set = DestinationSet(kind: .park, destinationCount: 2, accessPoints: [
        .init(destination: 0, snap: PlaceSnap(edge: 0, fraction: 0, offsetMetres: 0)),
        .init(destination: 0, snap: PlaceSnap(edge: 2, fraction: 1, offsetMetres: 0)),
        .init(destination: 1, snap: PlaceSnap(edge: 1, fraction: 1, offsetMetres: 0)),
    ])
    let costs = ProfileCosts(graph: graph, profile: oneMetrePerSecond)
    let nearest = NearestDestinations(graph: graph, costs: costs, destinations: set, k: 2)
    // From B: destination 1 (C) at 100, destination 0 at 100 via A — the entrance at D (200) does not count again.
    let fromB = nearest.nearest(from: PlaceSnap(edge: 0, fraction: 1, offsetMetres: 0), graph: graph, costs: costs)
    #expect(fromB.map(\.destination) == [0, 1] && fromB.map(\.seconds) == [100, 100])
    let k1 = NearestDestinations(graph: graph, costs: costs, destinations: set, k: 1)
    #expect(k1.nearest(from: PlaceSnap(edge: 2, fraction: 0.5, offsetMetres: 10), graph: graph, costs: costs).map(\.seconds) == [60])
}

@Test(arguments: 0..<200)
func kNearestDistinctMatchesBruteForce(seed: Int) {
    var instance = RandomDestinations(seed: UInt64(9000 + seed))
    let k = Int.random(in: 1...4, using: &instance.rng)
    let nearest = NearestDestinations(graph: instance.graph, costs: instance.costs, destinations: instance.set, k: k)
    let all = BruteForce.allPairsSeconds(instance.graph, costs: instance.costs)
    for _ in 0..<4 {
        let place = instance.randomSnap()
        let expected = instance.secondsPerDestination(from: place, allPairs: all).filter(\.isFinite).sorted().prefix(k).map { $0 }
        let got = nearest.nearest(from: place, graph: instance.graph, costs: instance.costs).map { Double($0.seconds) }
        #expect(got == expected, "seed \(seed), k \(k)")
    }
}

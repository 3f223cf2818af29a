import Testing
import Walkshed
import WalkshedTestSupport

//   A ──100── B ──100── C ──100── D        speed 1 m/s
//   park 0 has two entrances: at A and at D; shop-like destination 1 at C.
@Test func aDestinationWithTwoEntrancesCountsOnce() {
    let graph = TinyNetwork.graph(nodes: [(0, 0), (100, 0), (200, 0), (300, 0)], edges: [(0, 1, nil), (1, 2, nil), (2, 3, nil)])
    let set = DestinationSet(name: "park", destinationCount: 2, accessPoints: [
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
    var rng = SeededRandom(seed: UInt64(9000 + seed))
    let n = Int.random(in: 2...18, using: &rng)
    let graph = TinyNetwork.random(nodeCount: n, edgeCount: Int.random(in: 1...(2 * n), using: &rng), maxMetres: 30, rng: &rng)
    let costs = ProfileCosts(graph: graph, profile: oneMetrePerSecond)
    let quarters: [Float] = [0, 0.25, 0.5, 0.75, 1]
    func randomSnap() -> PlaceSnap {
        PlaceSnap(edge: Int32(Int.random(in: 0..<graph.edgeCount, using: &rng)), fraction: quarters.randomElement(using: &rng)!,
                  offsetMetres: Float(Int.random(in: 0...4, using: &rng)))
    }
    let destinationCount = Int.random(in: 1...6, using: &rng)
    let points = (0..<Int.random(in: destinationCount...(2 * destinationCount), using: &rng)).map { i in
        DestinationSet.AccessPoint(destination: Int32(i < destinationCount ? i : Int.random(in: 0..<destinationCount, using: &rng)),
                                   snap: randomSnap())
    }
    let set = DestinationSet(name: "x", destinationCount: destinationCount, accessPoints: points)
    let k = Int.random(in: 1...4, using: &rng)
    let nearest = NearestDestinations(graph: graph, costs: costs, destinations: set, k: k)
    let all = BruteForce.allPairsSeconds(graph, costs: costs)
    for _ in 0..<4 {
        let place = randomSnap()
        let pe = Int(place.edge), pm = Double(graph.edgeMetres[pe]), pf = Double(place.fraction)
        var perDestination = [Double](repeating: .infinity, count: destinationCount)
        for point in points {
            let de = Int(point.snap.edge), dm = Double(graph.edgeMetres[de]), df = Double(point.snap.fraction)
            var t = Double.infinity
            for (u, a) in [(Int(graph.edgeTail[pe]), pf * pm), (Int(graph.edgeHead[pe]), (1 - pf) * pm)] {
                for (v, b) in [(Int(graph.edgeTail[de]), df * dm), (Int(graph.edgeHead[de]), (1 - df) * dm)] { t = min(t, a + all[u][v] + b) }
            }
            if de == pe { t = min(t, abs(df - pf) * pm) }
            t += Double(place.offsetMetres) + Double(point.snap.offsetMetres)
            perDestination[Int(point.destination)] = min(perDestination[Int(point.destination)], t)
        }
        let expected = perDestination.filter(\.isFinite).sorted().prefix(k).map { $0 }
        let got = nearest.nearest(from: place, graph: graph, costs: costs).map { Double($0.seconds) }
        #expect(got == expected, "seed \(seed), k \(k)")
    }
}

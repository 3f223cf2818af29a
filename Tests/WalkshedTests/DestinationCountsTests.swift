import Testing
import Walkshed
import WalkshedTestSupport

@Test(arguments: 0..<150)
func countsAndDecayMatchBruteForce(seed: Int) {
    var rng = SeededRandom(seed: UInt64(20_000 + seed))
    let n = Int.random(in: 2...16, using: &rng)
    let graph = TinyNetwork.random(nodeCount: n, edgeCount: Int.random(in: 1...(2 * n), using: &rng), maxMetres: 30, rng: &rng)
    let costs = ProfileCosts(graph: graph, profile: oneMetrePerSecond)
    let quarters: [Float] = [0, 0.25, 0.5, 0.75, 1]
    func randomSnap() -> PlaceSnap {
        PlaceSnap(edge: Int32(Int.random(in: 0..<graph.edgeCount, using: &rng)), fraction: quarters.randomElement(using: &rng)!,
                  offsetMetres: Float(Int.random(in: 0...4, using: &rng)))
    }
    let destinationCount = Int.random(in: 1...5, using: &rng)
    let points = (0..<Int.random(in: destinationCount...(2 * destinationCount), using: &rng)).map { i in
        DestinationSet.AccessPoint(destination: Int32(i < destinationCount ? i : Int.random(in: 0..<destinationCount, using: &rng)),
                                   snap: randomSnap())
    }
    let set = DestinationSet(name: "x", destinationCount: destinationCount, accessPoints: points)
    let places: [PlaceSnap?] = (0..<6).map { _ in randomSnap() } + [nil]   // the last place never snapped
    let threshold = Double(Int.random(in: 10...60, using: &rng))
    let decay = DecayFunction.linear
    let result = DestinationCounts(places: places, graph: graph, costs: costs, destinations: set,
                                   thresholdSeconds: threshold, decay: decay, threads: 2)
    let all = BruteForce.allPairsSeconds(graph, costs: costs)
    for (i, place) in places.enumerated() {
        guard let place else { #expect(result.counts[i] == 0 && result.weights[i] == 0); continue }
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
        let within = perDestination.filter { $0 <= threshold }
        let weight = within.reduce(0) { $0 + decay.weight(minutes: $1 / 60, thresholdMinutes: threshold / 60) }
        #expect(Int(result.counts[i]) == within.count, "seed \(seed), place \(i)")
        #expect(abs(result.weights[i] - weight) < 1e-6, "seed \(seed), place \(i)")
    }
}

@Test func countsDoNotDependOnThreads() {
    var rng = SeededRandom(seed: 77)
    let graph = TinyNetwork.random(nodeCount: 300, edgeCount: 900, maxMetres: 200, rng: &rng)
    let costs = ProfileCosts(graph: graph, profile: .walk())
    let points = (0..<500).map { i in
        DestinationSet.AccessPoint(destination: Int32(i % 200), snap: PlaceSnap(edge: Int32(Int.random(in: 0..<900, using: &rng)), fraction: 0.5, offsetMetres: 3))
    }
    let set = DestinationSet(name: "x", destinationCount: 200, accessPoints: points)
    let places: [PlaceSnap?] = (0..<400).map { _ in PlaceSnap(edge: Int32(Int.random(in: 0..<900, using: &rng)), fraction: 0.25, offsetMetres: 1) }
    let one = DestinationCounts(places: places, graph: graph, costs: costs, destinations: set, thresholdSeconds: 600,
                                decay: .exponential(halfLifeMinutes: 5), threads: 1)
    let two = DestinationCounts(places: places, graph: graph, costs: costs, destinations: set, thresholdSeconds: 600,
                                decay: .exponential(halfLifeMinutes: 5), threads: 2)
    #expect(one.counts == two.counts && one.weights.map(\.bitPattern) == two.weights.map(\.bitPattern))
    #expect(one.counts.reduce(0, +) > 0)
}

/// Each kind against its formula at hand-picked points (threshold 15 minutes).
@Test func decayFunctionsFollowTheirFormulas() {
    let T = 15.0
    #expect(DecayFunction.step.weight(minutes: 15, thresholdMinutes: T) == 1)
    #expect(DecayFunction.step.weight(minutes: 15.01, thresholdMinutes: T) == 0)
    #expect(DecayFunction.linear.weight(minutes: 5, thresholdMinutes: T) == 1 - 5.0 / 15)
    #expect(DecayFunction.exponential(halfLifeMinutes: 5).weight(minutes: 10, thresholdMinutes: T) == 0.25)
    #expect(abs(DecayFunction.gaussian(sigmaMinutes: 5).weight(minutes: 5, thresholdMinutes: T) - 0.6065306597126334) < 1e-15)   // e^-½
    #expect(DecayFunction.logistic(midpointMinutes: 7.5, steepnessPerMinute: 1).weight(minutes: 7.5, thresholdMinutes: T) == 0.5)
    #expect(DecayFunction.parse("exponential", thresholdMinutes: T) == .exponential(halfLifeMinutes: 5))
    #expect(DecayFunction.parse("gaussian", thresholdMinutes: T) == .gaussian(sigmaMinutes: 7.5))
    #expect(DecayFunction.parse("logistic:6:2", thresholdMinutes: T) == .logistic(midpointMinutes: 6, steepnessPerMinute: 2))
    #expect(DecayFunction.parse("linear:3", thresholdMinutes: T) == nil)
    #expect(DecayFunction.parse("exponential:-1", thresholdMinutes: T) == nil)
}

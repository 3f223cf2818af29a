import Testing
import Walkshed
import WalkshedTestSupport

@Test(arguments: 0..<150)
func countsAndDecayMatchBruteForce(seed: Int) {
    var instance = RandomDestinations(seed: UInt64(20_000 + seed))
    let places: [PlaceSnap?] = (0..<6).map { _ in instance.randomSnap() } + [nil]   // the last place never snapped
    let threshold = Double(Int.random(in: 10...60, using: &instance.rng))
    let decay = seed.isMultiple(of: 2) ? DecayFunction.step : .linear   // a bit per place, or best times per place
    let result = DestinationCounts(places: places, graph: instance.graph, costs: instance.costs, destinations: instance.set,
                                   thresholdSeconds: threshold, decay: decay, threads: 2)
    let all = BruteForce.allPairsSeconds(instance.graph, costs: instance.costs)
    for (i, place) in places.enumerated() {
        guard let place else { #expect(result.counts[i] == 0 && result.weight(at: i) == 0); continue }
        let within = instance.secondsPerDestination(from: place, allPairs: all).filter { $0 <= threshold }
        let weight = within.reduce(0) { $0 + decay.weight(minutes: $1 / 60, thresholdMinutes: threshold / 60) }
        #expect(Int(result.counts[i]) == within.count, "seed \(seed), place \(i)")
        #expect(abs(result.weight(at: i) - weight) < 1e-6, "seed \(seed), place \(i)")
    }
}

@Test func countsDoNotDependOnThreads() {
    var rng = SeededRandom(seed: 77)
    let graph = TinyNetwork.random(nodeCount: 300, edgeCount: 900, maxMetres: 200, rng: &rng)
    let costs = ProfileCosts(graph: graph, profile: .walk())
    let points = (0..<500).map { i in
        DestinationSet.AccessPoint(destination: Int32(i % 200), snap: PlaceSnap(edge: Int32(Int.random(in: 0..<900, using: &rng)), fraction: 0.5, offsetMetres: 3))
    }
    let set = DestinationSet(kind: .custom("x"), destinationCount: 200, accessPoints: points)
    let places: [PlaceSnap?] = (0..<400).map { _ in PlaceSnap(edge: Int32(Int.random(in: 0..<900, using: &rng)), fraction: 0.25, offsetMetres: 1) }
    let one = DestinationCounts(places: places, graph: graph, costs: costs, destinations: set, thresholdSeconds: 600,
                                decay: .exponential(halfLifeMinutes: 5), threads: 1)
    let two = DestinationCounts(places: places, graph: graph, costs: costs, destinations: set, thresholdSeconds: 600,
                                decay: .exponential(halfLifeMinutes: 5), threads: 2)
    #expect(one.counts == two.counts && one.weights.map(\.bitPattern) == two.weights.map(\.bitPattern))
    #expect(one.counts.reduce(0, +) > 0)
    // The step decay counts with a bit per place, the others through best times: same counts.
    for threads in [1, 2] {
        let step = DestinationCounts(places: places, graph: graph, costs: costs, destinations: set, thresholdSeconds: 600,
                                     decay: .step, threads: threads)
        #expect(step.counts == one.counts && step.weights == one.counts.map(Double.init), "\(threads) threads")
    }
}

/// Several sets counted together (2 and 3 workers, step and linear decay) equal each set
/// counted alone with one thread, bit for bit; a set with a single destination and an empty set
/// among them keep their own answers.
@Test(arguments: [DecayFunction.step, .linear])
func setsCountedTogetherEqualSetsCountedAlone(decay: DecayFunction) {
    var rng = SeededRandom(seed: 78)
    let graph = TinyNetwork.random(nodeCount: 200, edgeCount: 600, maxMetres: 150, rng: &rng)
    let costs = ProfileCosts(graph: graph, profile: .walk())
    func randomSet(_ name: String, destinations: Int) -> DestinationSet {
        let points = (0..<(destinations * 2)).map { i in
            DestinationSet.AccessPoint(destination: Int32(i % max(1, destinations)),
                                       snap: PlaceSnap(edge: Int32(Int.random(in: 0..<600, using: &rng)), fraction: 0.3, offsetMetres: 2))
        }
        return DestinationSet(kind: .custom(name), destinationCount: destinations, accessPoints: destinations == 0 ? [] : points)
    }
    let sets = [randomSet("a", destinations: 1), randomSet("b", destinations: 0), randomSet("c", destinations: 37), randomSet("d", destinations: 5)]
    let places: [PlaceSnap?] = (0..<250).map { i in i % 50 == 0 ? nil : PlaceSnap(edge: Int32(Int.random(in: 0..<600, using: &rng)), fraction: 0.6, offsetMetres: 4) }
    let alone = sets.map { DestinationCounts(places: places, graph: graph, costs: costs, destinations: $0, thresholdSeconds: 500, decay: decay, threads: 1) }
    for threads in [2, 3] {
        let together = DestinationCounts.forSets(sets, places: places, graph: graph, costs: costs, thresholdSeconds: 500,
                                                 decay: decay, threads: threads)
        for k in sets.indices {
            #expect(together[k].counts == alone[k].counts, "set \(k), \(threads) threads")
            #expect(together[k].weights.map(\.bitPattern) == alone[k].weights.map(\.bitPattern), "set \(k), \(threads) threads")
        }
    }
    #expect(alone[1].counts.allSatisfy { $0 == 0 } && alone[2].counts.reduce(0, +) > 100)
    if decay == .step {
        #expect(alone[2].weights == alone[2].counts.map(Double.init), "step weights are the counts")
    } else {
        #expect(alone[2].weights != alone[2].counts.map(Double.init), "linear weights fall below the counts")
    }
}

/// Nearest times and counts drawn from one pool (1, 2 and 3 workers, with and without a search
/// limit) equal `NearestTimes` and `DestinationCounts.forSets` run apart, bit for bit.
@Test(arguments: [Float.infinity, 400])
func nearestAndCountsTogetherEqualThemApart(limitSeconds: Float) {
    var rng = SeededRandom(seed: 79)
    let graph = TinyNetwork.random(nodeCount: 300, edgeCount: 800, maxMetres: 150, rng: &rng)
    let costs = ProfileCosts(graph: graph, profile: .walk())
    let sets = (0..<5).map { k in
        let destinations = [1, 3, 8, 20, 2][k]
        let points = (0..<(destinations * 2)).map { i in
            DestinationSet.AccessPoint(destination: Int32(i % destinations),
                                       snap: PlaceSnap(edge: Int32(Int.random(in: 0..<800, using: &rng)), fraction: 0.25, offsetMetres: 3))
        }
        return DestinationSet(kind: .custom("set\(k)"), destinationCount: destinations, accessPoints: points)
    }
    let places: [PlaceSnap?] = (0..<400).map { i in i % 40 == 0 ? nil : PlaceSnap(edge: Int32(Int.random(in: 0..<800, using: &rng)), fraction: 0.7, offsetMetres: 5) }
    var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
    let times = sets.map { NearestTimes(graph: graph, costs: costs, destinations: $0, limitSeconds: limitSeconds, workspace: &workspace) }
    let counts = DestinationCounts.forSets(Array(sets.prefix(4)), places: places, graph: graph, costs: costs, thresholdSeconds: 600,
                                           decay: .linear, threads: 1)
    for threads in [1, 2, 3] {
        let both = NearestAndCounts(graph: graph, costs: costs, nearest: sets, limitSeconds: limitSeconds, counting: Array(sets.prefix(4)),
                                    places: places, thresholdSeconds: 600, decay: .linear, threads: threads)
        #expect(both.times.map { $0.nodeSeconds.map(\.bitPattern) } == times.map { $0.nodeSeconds.map(\.bitPattern) }, "\(threads) threads")
        #expect(both.counts.map(\.counts) == counts.map(\.counts), "\(threads) threads")
        #expect(both.counts.map { $0.weights.map(\.bitPattern) } == counts.map { $0.weights.map(\.bitPattern) }, "\(threads) threads")
    }
    #expect(counts[3].counts.reduce(0, +) > 200 && times[0].nodeSeconds.contains { $0.isFinite })
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

/// A set of 70,000 destinations on one short street, all within reach of every place: each
/// place counts all of them, more than 2 bytes hold, with one and two workers (each worker
/// hands its 2-byte counts to the totals before they can overflow). A set of 300 keeps its
/// counts in 2 bytes and gives the same answers as a set of 300 counted on its own.
@Test func countsPastTwoBytesStayExact() {
    let graph = TinyNetwork.graph(nodes: [(0, 0), (100, 0), (200, 0)], edges: [(0, 1, nil), (1, 2, nil)])
    let costs = ProfileCosts(graph: graph, profile: .walk())
    func set(_ n: Int) -> DestinationSet {
        DestinationSet(kind: .custom("\(n)"), destinationCount: n, accessPoints: (0..<n).map { d in
            DestinationSet.AccessPoint(destination: Int32(d), snap: PlaceSnap(edge: 0, fraction: Float(d % 100) / 100, offsetMetres: 1))
        })
    }
    let places: [PlaceSnap?] = [PlaceSnap(edge: 0, fraction: 0.5, offsetMetres: 2), nil, PlaceSnap(edge: 1, fraction: 0.9, offsetMetres: 0)]
    let small = DestinationCounts(places: places, graph: graph, costs: costs, destinations: set(300), thresholdSeconds: 600,
                                  decay: .step, threads: 1)
    for threads in [1, 2] {
        let both = DestinationCounts.forSets([set(70_000), set(300)], places: places, graph: graph, costs: costs,
                                             thresholdSeconds: 600, decay: .step, threads: threads)
        #expect(both[0].counts == [70_000, 0, 70_000], "\(threads) threads")
        #expect(both[0].weight(at: 2) == 70_000)
        #expect(both[1].counts == [300, 0, 300] && both[1].counts == small.counts, "\(threads) threads")
    }
}

/// Places and access points exactly at a node walk none of their edge, even an edge the
/// profile may not use: A ── 100 m street ── B ── 100 m steps ── C, without steps, 1 m/s.
/// The destination stands at B on the steps (fraction 0), 2 m off; places at A (on the street),
/// at B and at C (on the steps, fractions 0 and 1), 1 m off.
@Test func placesAndPointsAtNodesWalkNoneOfTheirEdge() {
    let graph = TinyNetwork.graph(nodes: [(0, 0), (100, 0), (200, 0)], edges: [(0, 1, 100), (1, 2, 100)], classes: [.street, .steps])
    let costs = ProfileCosts(graph: graph, profile: TravelProfile(name: "no steps", metresPerSecond: 1, forbiddenClasses: [.steps]))
    let set = DestinationSet(kind: .custom("d"), destinationCount: 1, accessPoints: [
        DestinationSet.AccessPoint(destination: 0, snap: PlaceSnap(edge: 1, fraction: 0, offsetMetres: 2)),
    ])
    let places: [PlaceSnap?] = [PlaceSnap(edge: 0, fraction: 0, offsetMetres: 1), PlaceSnap(edge: 1, fraction: 0, offsetMetres: 1),
                                PlaceSnap(edge: 1, fraction: 1, offsetMetres: 1)]
    for (decay, threshold) in [(DecayFunction.step, 103.0), (.step, 102.9), (.linear, 206)] {
        let counts = DestinationCounts(places: places, graph: graph, costs: costs, destinations: set, thresholdSeconds: threshold,
                                       decay: decay, threads: 1)
        // A: 1 + 100 + 2 = 103 s; B: 1 + 2 = 3 s; C: the steps are the only way, so never.
        #expect(counts.counts == [threshold >= 103 ? 1 : 0, 1, 0], "\(decay) within \(threshold) s")
    }
    var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
    let times = NearestTimes(graph: graph, costs: costs, destinations: set, workspace: &workspace)
    #expect(times.nodeSeconds == [102, 2, .infinity])
    #expect(places.map { times.seconds(from: $0!, graph: graph, costs: costs) } == [103, 3, .infinity])
    let nearest = NearestDestinations(graph: graph, costs: costs, destinations: set, k: 1, limitSeconds: 1_000)
    #expect(places.map { nearest.nearest(from: $0!, graph: graph, costs: costs).first?.seconds } == [103, 3, nil])
}

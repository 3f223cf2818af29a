import Walkshed

/// A random small network at 1 m/s with a destination set whose destinations have one or more
/// access points, snapped at quarter fractions with integer offsets (so sums are exact).
public struct RandomDestinations {
    public let graph: StreetGraph
    public let costs: ProfileCosts
    public let points: [DestinationSet.AccessPoint]
    public let set: DestinationSet
    public var rng: SeededRandom

    public init(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let n = Int.random(in: 2...18, using: &rng)
        let graph = TinyNetwork.random(nodeCount: n, edgeCount: Int.random(in: 1...(2 * n), using: &rng), maxMetres: 30, rng: &rng)
        self.graph = graph
        costs = ProfileCosts(graph: graph, profile: TravelProfile(name: "test", metresPerSecond: 1))
        let count = Int.random(in: 1...6, using: &rng)
        var points: [DestinationSet.AccessPoint] = []
        for i in 0..<Int.random(in: count...(2 * count), using: &rng) {
            let d = i < count ? i : Int.random(in: 0..<count, using: &rng)
            points.append(DestinationSet.AccessPoint(destination: Int32(d), snap: Self.randomSnap(graph, &rng)))
        }
        self.rng = rng
        self.points = points
        set = DestinationSet(kind: .custom("x"), destinationCount: count, accessPoints: points)
    }

    /// A random place on a random edge.
    public mutating func randomSnap() -> PlaceSnap { Self.randomSnap(graph, &rng) }

    static func randomSnap(_ graph: StreetGraph, _ rng: inout SeededRandom) -> PlaceSnap {
        let quarters: [Float] = [0, 0.25, 0.5, 0.75, 1]
        return PlaceSnap(edge: Int32(Int.random(in: 0..<graph.edgeCount, using: &rng)), fraction: quarters.randomElement(using: &rng)!,
                         offsetMetres: Float(Int.random(in: 0...4, using: &rng)))
    }

    /// Brute force: seconds from `place` to each destination (the best access point), trying
    /// every way off the place's edge and onto the destination's, or straight along a shared edge.
    public func secondsPerDestination(from place: PlaceSnap, allPairs all: [[Double]]) -> [Double] {
        let pe = Int(place.edge), pm = Double(graph.edgeMetres[pe]), pf = Double(place.fraction)
        var result = [Double](repeating: .infinity, count: set.destinationCount)
        for point in points {
            let de = Int(point.snap.edge), dm = Double(graph.edgeMetres[de]), df = Double(point.snap.fraction)
            var t = Double.infinity
            for (u, a) in [(Int(graph.edgeTail[pe]), pf * pm), (Int(graph.edgeHead[pe]), (1 - pf) * pm)] {
                for (v, b) in [(Int(graph.edgeTail[de]), df * dm), (Int(graph.edgeHead[de]), (1 - df) * dm)] { t = min(t, a + all[u][v] + b) }
            }
            if de == pe { t = min(t, abs(df - pf) * pm) }
            t += Double(place.offsetMetres) + Double(point.snap.offsetMetres)
            result[Int(point.destination)] = min(result[Int(point.destination)], t)
        }
        return result
    }
}

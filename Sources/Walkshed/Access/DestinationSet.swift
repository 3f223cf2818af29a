/// One kind of destination (parks, or one service category) as points on the network.
///
/// A destination may have several access points (a park's entrances); it still counts once.
/// Access points are sorted by edge, then destination, then fraction, so lookups by edge are
/// a bit test and a binary search, and every result is deterministic.
public struct DestinationSet: Sendable {
    /// One entrance of one destination.
    public struct AccessPoint: Sendable, Hashable {
        /// Index of the destination within its set.
        public var destination: Int32
        public var snap: PlaceSnap
        public init(destination: Int32, snap: PlaceSnap) {
            self.destination = destination
            self.snap = snap
        }
    }

    public let kind: DestinationKind
    /// Short name used for files and columns (`park`, `food`).
    public var name: String { kind.name }
    /// Number of destinations (some may have no access point and stay unreachable).
    public let destinationCount: Int
    public let accessPoints: [AccessPoint]
    /// Outlines of area destinations (parks, user polygons): a place inside one is 0 minutes
    /// from it (`AreaMembers`). They belong to the last `areas.count` destinations, in order.
    /// Empty for point destinations.
    public let areas: [PlanarPolygon]
    /// Per destination, its weight in weighted counts (a user's weight column); nil: each
    /// destination weighs 1.
    public let weights: [Double]?
    /// Bit `e` set when edge `e` holds an access point (bits past the end: none does), so the
    /// many places on edges without one skip the search among the points: a grid's cells look
    /// once per set, and most edges hold none.
    let edgeHasPoints: [UInt64]

    public init(kind: DestinationKind, destinationCount: Int, accessPoints: [AccessPoint], areas: [PlanarPolygon] = [],
                weights: [Double]? = nil) {
        precondition(weights == nil || weights!.count == destinationCount, "one weight per destination")
        precondition(areas.count <= destinationCount, "areas belong to the last destinations")
        self.kind = kind
        self.areas = areas
        self.weights = weights
        self.destinationCount = destinationCount
        let sorted = accessPoints.sorted {
            ($0.snap.edge, $0.destination, $0.snap.fraction, $0.snap.offsetMetres) <
                ($1.snap.edge, $1.destination, $1.snap.fraction, $1.snap.offsetMetres)
        }
        self.accessPoints = sorted
        precondition(sorted.first.map { $0.snap.edge >= 0 } ?? true, "access points lie on edges")
        var bits = [UInt64](repeating: 0, count: Int(sorted.last.map { $0.snap.edge / 64 + 1 } ?? 0))
        for point in sorted { bits[Int(point.snap.edge / 64)] |= 1 << UInt64(point.snap.edge % 64) }
        edgeHasPoints = bits
    }

    /// Number of destinations with at least one access point.
    public var reachableDestinationCount: Int { Set(accessPoints.map(\.destination)).count }

    /// Search seeds: each access point seeds both ends of its edge with the time to walk from
    /// that end to it (plus its off-network offset).
    public func searchSources(graph: StreetGraph, costs: ProfileCosts) -> [SearchSource] {
        var sources: [SearchSource] = []
        sources.reserveCapacity(accessPoints.count * 2)
        for point in accessPoints { sources += Self.seeds(of: point, graph: graph, costs: costs) }
        return sources
    }

    /// The seeds of one access point: the tail, then the head of its edge, each with the
    /// seconds from that end to the point; an end the profile cannot walk from is left out.
    public static func seeds(of point: AccessPoint, graph: StreetGraph, costs: ProfileCosts) -> [SearchSource] {
        let e = Int(point.snap.edge), f = point.snap.fraction
        let off = costs.offNetworkSeconds(point.snap.offsetMetres)
        let fromTail = costs.secondsFromTail(ofEdge: e, to: f) + off
        let fromHead = costs.secondsFromHead(ofEdge: e, to: f) + off
        var seeds: [SearchSource] = []
        if fromTail.isFinite { seeds.append(SearchSource(node: graph.edgeTail[e], seconds: fromTail)) }
        if fromHead.isFinite { seeds.append(SearchSource(node: graph.edgeHead[e], seconds: fromHead)) }
        return seeds
    }

    /// Access points on edge `e` (possibly none).
    public func accessPoints(onEdge e: Int32) -> ArraySlice<AccessPoint> {
        let word = Int(e / 64)
        guard e >= 0 && word < edgeHasPoints.count && edgeHasPoints[word] & (1 << UInt64(e % 64)) != 0 else { return [] }
        // The points are sorted by edge: the first on `e`, then those after it on `e`.
        var low = 0, high = accessPoints.count
        while low < high {
            let middle = (low + high) / 2
            if accessPoints[middle].snap.edge < e { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < accessPoints.count && accessPoints[end].snap.edge == e { end += 1 }
        return accessPoints[low..<end]
    }
}

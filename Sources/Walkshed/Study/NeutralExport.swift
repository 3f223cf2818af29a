/// The walk graph's search seeds and Walkshed's own answers, in metres, for peer tools to do
/// exactly the same work and check against (W1: nearest, W2: counts within 1,200 m).
public struct NeutralExport: Sendable {
    /// The kinds exported, each with seeds: park, food, healthcare, education, transit.
    public static let kindNames = ["park", "food", "healthcare", "education", "transit"]
    /// Search within this many metres for the W2 counts.
    public static let countMetres = 1_200.0

    /// The exported destination sets (kinds with at least one access point), in `kindNames` order.
    public var sets: [DestinationSet]
    /// Per set, every seed: access point, destination and node with the metres from it.
    public var seeds: [[(destination: Int32, source: SearchSource)]]
    /// Per set, per node, metres to the nearest seed (infinity when unreachable).
    public var nearestMetres: [[Double]]
    /// Per set, per node, destinations within `countMetres`, each at its nearest seed.
    public var counts: [[Int32]]

    /// Searches by metres (a profile of 1 m/s on the walk network), snapping at 300 m.
    public init(city: City) {
        let graph = city.graph
        let costs = ProfileCosts(graph: graph, profile: TravelProfile(name: "metres", metresPerSecond: 1))
        var diagnostics = Diagnostics()
        sets = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: 300, diagnostics: &diagnostics)
            .filter { Self.kindNames.contains($0.name) && !$0.accessPoints.isEmpty }
        seeds = sets.map { set in
            set.accessPoints.flatMap { point in
                DestinationSet.seeds(of: point, graph: graph, costs: costs).map { (point.destination, $0) }
            }
        }
        nearestMetres = sets.map { NearestTimes(graph: graph, costs: costs, destinations: $0).nodeSeconds }
        let places = PlaceSnap.atNodes(of: graph)
        counts = DestinationCounts.forSets(sets, places: places, graph: graph, costs: costs, thresholdSeconds: Self.countMetres,
                                           decay: .step, threads: 1).map(\.counts)
    }
}

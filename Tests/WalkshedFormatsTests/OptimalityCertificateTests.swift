import Testing
import Walkshed
import WalkshedFormats
import WalkshedTestSupport

/// RoutingKit's certificate: after a search towards the sources, every arc u→v satisfies
/// d[u] ≤ cost(u→v) + d[v], and every reached node that is not a seed has a tight arc.
/// Sums are compared with 1 ms of slack.
func checkCertificate(_ path: String) throws {
    let (city, _) = try OSMCityLoader.load(path)
    let graph = city.graph
    try graph.checkInvariants()
    let costs = ProfileCosts(graph: graph, profile: .walk())
    var diagnostics = Diagnostics()
    let snapper = Snapper(graph: graph)
    let set = DestinationSet.services(city.services, category: .transit, snapper: snapper, snapLimitMetres: 300, diagnostics: &diagnostics)
    #expect(set.accessPoints.count > 10)
    let sources = set.searchSources(graph: graph, costs: costs)
    var seed = [Double](repeating: .infinity, count: graph.nodeCount)
    for s in sources { seed[Int(s.node)] = min(seed[Int(s.node)], Double(s.seconds)) }
    var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
    workspace.search(graph, costs: costs, from: sources)
    let d = workspace.seconds
    var violations = 0, untight = 0, reached = 0
    for u in 0..<graph.nodeCount {
        var tight = d[u] == seed[Int(u)]
        for a in Int(graph.firstOut[u])..<Int(graph.firstOut[u + 1]) {
            // Walking u → v costs the arc's own time; the search relaxed it from v's side.
            let via = Double(costs.arcSeconds[a]) + d[Int(graph.head[a])]
            if d[u] > via + 0.001 { violations += 1 }
            if abs(d[u] - via) <= 0.001 { tight = true }
        }
        if d[u].isFinite { reached += 1; if !tight { untight += 1 } }
    }
    #expect(violations == 0 && untight == 0)
    #expect(reached == graph.nodeCount)   // one component: everything is reached
}

@Test func certificateHoldsOnTheHelsinkiSample() throws {
    try checkCertificate(RepositoryPaths.network("helsinki.osm.pbf"))
}

@Test(.enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/data"))
func certificateHoldsOnPortoAlegre() throws {
    try checkCertificate(RepositoryPaths.sharedData("porto-alegre.osm.pbf"))
}

import Foundation
import Testing
@testable import Walkshed
import WalkshedTestSupport

@Test func toblerFollowsItsFormula() {
    #expect(Tobler.kilometresPerHour(slope: -0.05) == 6)
    #expect(abs(Tobler.kilometresPerHour(slope: 0) - 6 * exp(-0.175)) < 1e-12)          // 5.04 km/h on the flat
    #expect(abs(Tobler.kilometresPerHour(slope: 0.1) - 6 * exp(-0.525)) < 1e-12)
    #expect(abs(Tobler.kilometresPerHour(slope: -0.3) - 6 * exp(-0.875)) < 1e-12)
    #expect(Tobler.speedFactor(slope: 0) == 1)
    for s in stride(from: -0.5, through: 0.5, by: 0.01) {
        // symmetric about −0.05, decreasing away from it
        #expect(abs(Tobler.speedFactor(slope: -0.05 + s) - Tobler.speedFactor(slope: -0.05 - s)) < 1e-12)
    }
}

@Test func uphillAndDownhillDifferOnAHandDrawnSlope() {
    // One 100 m edge rising 10 m from tail to head (slope 0.1), walked at 4.8 km/h (75 s on the flat).
    let graph = TinyNetwork.graph(nodes: [(0, 0), (100, 0)], edges: [(0, 1, 100)])
    let rising: (PlanarPoint) -> Double? = { $0.x / 10 }
    let walk = ProfileCosts(graph: graph, profile: .walk(), elevation: rising)
    #expect(abs(Double(walk.forwardSeconds[0]) - 75 * exp(0.35)) < 1e-3)   // uphill: factor e^(−0.35)
    #expect(abs(Double(walk.backwardSeconds[0]) - 75) < 1e-4)              // downhill at −0.1: factor 1
    // The arcs follow: node 0 → 1 is uphill whichever way the arc is stored.
    for a in 0..<graph.arcCount {
        let uphill = graph.head[a] == 1
        #expect(walk.arcSeconds[a] == (uphill ? walk.forwardSeconds[0] : walk.backwardSeconds[0]))
        #expect(walk.arcReverseSeconds[a] == (uphill ? walk.backwardSeconds[0] : walk.forwardSeconds[0]))
    }
    // On the flat both directions take 75 s and the two arc arrays are one.
    let flat = ProfileCosts(graph: graph, profile: .walk())
    #expect(flat.arcSeconds == [flat.forwardSeconds[0], flat.forwardSeconds[0]] && flat.arcReverseSeconds == flat.arcSeconds)
    #expect(abs(Double(flat.forwardSeconds[0]) - 75) < 1e-4)
    // 10 % is steeper than a wheelchair's 8 %: the edge is closed to it; 5 % is not.
    #expect(!ProfileCosts(graph: graph, profile: .wheelchair(), elevation: rising).usableEdges[0])
    #expect(ProfileCosts(graph: graph, profile: .wheelchair(), elevation: { $0.x / 20 }).usableEdges[0])
    // Outside the model the ground counts as flat.
    #expect(abs(Double(ProfileCosts(graph: graph, profile: .walk(), elevation: { _ in nil }).forwardSeconds[0]) - 75) < 1e-4)
}

@Test(arguments: 0..<150)
func slopedSearchesMatchBruteForce(seed: Int) {
    var rng = SeededRandom(seed: UInt64(60_000 + seed))
    let n = Int.random(in: 2...16, using: &rng)
    let graph = TinyNetwork.random(nodeCount: n, edgeCount: Int.random(in: 1...(2 * n), using: &rng), maxMetres: 300, rng: &rng)
    let heights = (0..<n).map { _ in Double.random(in: 0...30, using: &rng) }
    let positions = (0..<n).map { PlanarPoint(x: graph.nodeX[$0], y: graph.nodeY[$0]) }
    let elevation: (PlanarPoint) -> Double? = { p in positions.firstIndex(of: p).map { heights[$0] } }
    let costs = ProfileCosts(graph: graph, profile: .walk(), elevation: elevation)
    let sources = [SearchSource(node: Int32(Int.random(in: 0..<n, using: &rng)), seconds: 0)]
    var workspace = SearchWorkspace(nodeCount: n)
    workspace.search(graph, costs: costs, from: sources)
    let brute = BruteForce.secondsToNearest(graph, costs: costs, sources: sources)
    for u in 0..<n {
        #expect(workspace.seconds[u] == brute[u] || abs(workspace.seconds[u] - brute[u]) < 1e-6 * max(1, brute[u]), "seed \(seed) node \(u)")
    }
}

@Test func elevationIsBilinearBetweenCellCentres() {
    let zone = UTMProjection(zone: 35, isNorth: true)
    // 2 × 2 cells of 10 m from (1000, 2000): top row 10, 20; bottom row 30, 40 (centres at 1005/1015, 2005/2015).
    let grid = ElevationGrid(coordinates: .utm(zone), xLowerLeft: 1000, yLowerLeft: 2000, cellSize: 10, columns: 2, rows: 2,
                             metres: [10, 20, 30, 40])
    #expect(grid.elevation(at: PlanarPoint(x: 1005, y: 2015), projection: zone) == 10)
    #expect(grid.elevation(at: PlanarPoint(x: 1015, y: 2005), projection: zone) == 40)
    #expect(grid.elevation(at: PlanarPoint(x: 1010, y: 2010), projection: zone) == 25)
    #expect(grid.elevation(at: PlanarPoint(x: 1012.5, y: 2015), projection: zone) == 17.5)
    #expect(grid.elevation(at: PlanarPoint(x: 1001, y: 2010), projection: zone) == nil)   // outside the centres
    let gap = ElevationGrid(coordinates: .utm(zone), xLowerLeft: 1000, yLowerLeft: 2000, cellSize: 10, columns: 2, rows: 2,
                            metres: [10, .nan, 30, 40])
    #expect(gap.elevation(at: PlanarPoint(x: 1010, y: 2010), projection: zone) == nil)
    // The same model in degrees answers for the same ground.
    let c = zone.unproject(PlanarPoint(x: 1010, y: 2010))
    let degrees = ElevationGrid(coordinates: .degrees, xLowerLeft: c.longitude - 1, yLowerLeft: c.latitude - 1, cellSize: 1,
                                columns: 2, rows: 2, metres: [10, 20, 30, 40])
    #expect(abs(degrees.elevation(at: PlanarPoint(x: 1010, y: 2010), projection: zone)! - 25) < 1e-9)
}

import Testing
import Walkshed
import WalkshedTestSupport

@Test func cellsGetMinutesToTheNearestDestinationAndZeroInsideAPark() throws {
    // The park network above, at 1 m/s; 50 m cells; one food shop at P1.
    var diagnostics = Diagnostics()
    let snapper = Snapper(graph: parkNetwork)
    let parks = DestinationSet.parks([Park(osmReference: "way/1", kind: "park", name: "", polygon: squarePark)],
                                     finder: ParkAccessFinder(snapper: snapper), snapLimitMetres: 30, diagnostics: &diagnostics)
    let food = DestinationSet.services([ServicePoint(category: .food, position: PlanarPoint(x: 150, y: 50), osmReference: "node/1", name: "")],
                                       category: .food, snapper: snapper, snapLimitMetres: 30, diagnostics: &diagnostics)
    var options = CoverageOptions()
    options.cellMetres = 50
    options.snapLimitMetres = 30
    options.budgetMinutes = 2
    let result = CoverageAnalysis.run(graph: parkNetwork, costs: ProfileCosts(graph: parkNetwork, profile: oneMetrePerSecond),
                                      destinations: [parks, food], options: options)
    let grid = result.grid
    // Grid covers the network box (-50…150, -40…50) grown by 30 m, on 50 m multiples: x -100…200, y -100…100.
    #expect(grid.originX == -100 && grid.originY == -100 && grid.columns == 6 && grid.rows == 4)
    func cell(_ x: Double, _ y: Double) -> Int {
        let column = Int((x - grid.originX) / 50), row = grid.rows - 1 - Int((y - grid.originY) / 50)
        return row * grid.columns + column
    }
    let park = result.layers[0].values, shop = result.layers[1].values, count = result.layers[2].values
    // Centre (25,75) is inside the park: 0 minutes. Centre (-25,25) snaps to the path 25 m away
    // at x = -25, 25 m from the west crossing: 50 s.
    #expect(park[cell(25, 75)] == 0)
    #expect(park[cell(-25, 25)] == Float(50) / 60)
    // (125,25): 25 m to the path at x = 125, 25 m on to P1: 50 s to the shop.
    #expect(shop[cell(125, 25)] == Float(50) / 60)
    // (-75,75) is 39 m from the nearest edge (beyond 30 m): NODATA everywhere.
    #expect(park[cell(-75, 75)].isNaN && count[cell(-75, 75)].isNaN)
    #expect(count[cell(125, 25)] == 2)
}

@Test(arguments: [2, 3, 4])
func anyThreadCountGivesBitIdenticalLayers(threads: Int) {
    var rng = SeededRandom(seed: 42)
    // A 60 × 60 jittered street grid, 100 m blocks, with random shops.
    var nodes: [(Double, Double)] = [], edges: [(Int, Int, Float?)] = []
    let side = 60
    for r in 0..<side { for c in 0..<side {
        nodes.append((Double(c) * 100 + Double.random(in: -20...20, using: &rng), Double(r) * 100 + Double.random(in: -20...20, using: &rng)))
        if c > 0 { edges.append((r * side + c - 1, r * side + c, nil)) }
        if r > 0 { edges.append(((r - 1) * side + c, r * side + c, nil)) }
    } }
    let graph = TinyNetwork.graph(nodes: nodes, edges: edges)
    let snapper = Snapper(graph: graph)
    var diagnostics = Diagnostics()
    let shops = (0..<40).map { i in
        ServicePoint(category: .food, position: PlanarPoint(x: Double.random(in: 0...5900, using: &rng), y: Double.random(in: 0...5900, using: &rng)),
                     osmReference: "node/\(i)", name: "")
    }
    let sets = [DestinationSet.services(shops, category: .food, snapper: snapper, snapLimitMetres: 300, diagnostics: &diagnostics)]
    let costs = ProfileCosts(graph: graph, profile: .walk())
    var options = CoverageOptions()
    options.threads = 1
    let one = CoverageAnalysis.run(graph: graph, costs: costs, destinations: sets, options: options)
    options.threads = threads
    let many = CoverageAnalysis.run(graph: graph, costs: costs, destinations: sets, options: options)
    for (a, b) in zip(one.layers, many.layers) {
        #expect(a.values.map(\.bitPattern) == b.values.map(\.bitPattern))
    }
    #expect(one.cellsOnNetwork > 3_000)
}

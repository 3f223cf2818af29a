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
    #expect(park[cell(-25, 25)] == MinuteRounding.minutes(seconds: 50))
    // (125,25): 25 m to the path at x = 125, 25 m on to P1: 50 s to the shop.
    #expect(shop[cell(125, 25)] == MinuteRounding.minutes(seconds: 50))
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

/// One rule of "reached" per kind: a cell inside a park is 0 minutes from it, so the park counts
/// within any threshold (and weighs fully), and is its nearest park at 0 minutes, even when the
/// walk to the park's entrance is longer than the threshold. A park 1 km square, entered only
/// where a path from the street crosses its south edge; a cell 900 m up that path, inside it.
@Test func aCellInsideAParkCountsItInEveryMeasure() throws {
    let graph = TinyNetwork.graph(nodes: [(0, 0), (3000, 0), (1500, 0), (1500, 1050)], edges: [(0, 2, nil), (2, 1, nil), (2, 3, nil)])
    let square = [(1000.0, 100.0), (2000, 100), (2000, 1100), (1000, 1100), (1000, 100)].map { PlanarPoint(x: $0.0, y: $0.1) }
    let park = Park(osmReference: "way/1", kind: "park", name: "Big", polygon: PlanarPolygon(outerRings: [square]))
    let city = City(projection: UTMProjection(zone: 35, isNorth: true), graph: graph, parks: [park], services: [])
    var options = CoverageOptions()
    options.cellMetres = 100
    options.countWithinMinutes = [5]
    options.decay = .linear
    options.nearestK = 1
    let resident = PlanarPoint(x: 1500, y: 1000)
    let study = Study(city: city, residents: Residents(source: "test", positions: [resident], counts: [1]))
    let result = try study.analyze(profile: .walk(), options: options, progress: SilentProgress()).result
    let grid = result.grid
    let cell = (0..<grid.cellCount).min { grid.centre(ofCell: $0).distance(to: resident) < grid.centre(ofCell: $1).distance(to: resident) }!
    #expect(grid.centre(ofCell: cell).distance(to: resident) < 71)
    func value(_ measure: Measure, _ layers: [CoverageLayer], _ i: Int) -> Float? { layers.first { $0.measure == measure }?.values[i] }
    for (layers, i) in [(result.layers, cell), (result.populationLayers, 0)] {
        #expect(value(.minutes(.park), layers, i) == 0)
        #expect(value(.count(.park), layers, i) == 1)
        #expect(value(.weighted(.park), layers, i) == 1)
        #expect(value(.meanNearest(.park, k: 1), layers, i) == 0)
    }
    // Outside the park the walk decides: a cell 50 m from the entrance counts it within 5 minutes.
    let outside = (0..<grid.cellCount).first { grid.centre(ofCell: $0).distance(to: PlanarPoint(x: 1550, y: 50)) < 1 }!
    #expect(value(.count(.park), result.layers, outside) == 1)
}

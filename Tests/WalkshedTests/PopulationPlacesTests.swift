import Testing
import Walkshed
import WalkshedTestSupport

/// Population points placed at every cell centre must get exactly the cells' values.
@Test func populationPointsAreEvaluatedLikeCells() {
    var diagnostics = Diagnostics()
    let snapper = Snapper(graph: parkNetwork)
    let food = DestinationSet.services([ServicePoint(category: .food, position: PlanarPoint(x: 150, y: 50), osmReference: "node/1", name: "")],
                                       category: .food, snapper: snapper, snapLimitMetres: 30, diagnostics: &diagnostics)
    let parks = DestinationSet.parks([Park(osmReference: "way/1", kind: "park", name: "", polygon: squarePark)],
                                     finder: ParkAccessFinder(snapper: snapper), snapLimitMetres: 30, diagnostics: &diagnostics)
    var options = CoverageOptions()
    options.cellMetres = 25
    options.snapLimitMetres = 30
    let costs = ProfileCosts(graph: parkNetwork, profile: oneMetrePerSecond)
    let first = CoverageAnalysis.run(graph: parkNetwork, costs: costs, destinations: [parks, food], options: options)
    let centres = (0..<first.grid.cellCount).map(first.grid.centre(ofCell:))
    let second = CoverageAnalysis.run(graph: parkNetwork, costs: costs, destinations: [parks, food], options: options, population: centres)
    #expect(second.populationSnapped == first.snapped)
    for (cells, points) in zip(first.layers, second.populationLayers) {
        #expect(cells.name == points.name)
        #expect(cells.values.map(\.bitPattern) == points.values.map(\.bitPattern))
    }
}

import Testing
import Walkshed
import WalkshedTestSupport

//            (0,100) ┌────────────┐ (100,100)
//                    │    park    │
//   P0 (-50,50) ─────┼────────────┼───── P1 (150,50)   path crosses at x = 0 and x = 100
//                    │            │
//             (0,0)  └────────────┘ (100,0)
//   R0 (-50,-15) ───────────────────────── R1 (150,-15)  road 15 m south: touches (≤ 20 m)
//   F0 (-50,-40) ───────────────────────── F1 (150,-40)  road 40 m south: no access
let parkNetwork = TinyNetwork.graph(
    nodes: [(-50, 50), (150, 50), (-50, -15), (150, -15), (-50, -40), (150, -40)],
    edges: [(0, 1, nil), (2, 3, nil), (4, 5, nil)])
let squarePark = PlanarPolygon(outerRings: [[(0.0, 0.0), (100, 0), (100, 100), (0, 100), (0, 0)].map { PlanarPoint(x: $0.0, y: $0.1) }])

@Test func accessPointsAreCrossingsAndTouchesNotTheCentroid() {
    let finder = ParkAccessFinder(snapper: Snapper(graph: parkNetwork))
    let points = finder.accessPoints(of: squarePark)
    // Path: 200 m long, crossings 50 m and 150 m from its tail; its touch samples all lie within
    // 25 m of a crossing. Road (sampled every 5 m from x = -50): within 20 m of the boundary
    // for x in [-13.2, 113.2] (the corner (0,0) is 18.0 m from (-10,-15), 21.2 m from (-15,-15)),
    // so entrances at x = -10, 15, 40, 65, 90. The far road is 40 m away: no access.
    #expect(points == [PlaceSnap(edge: 0, fraction: 0.25, offsetMetres: 0),
                       PlaceSnap(edge: 0, fraction: 0.75, offsetMetres: 0)]
                      + [0.2, 0.325, 0.45, 0.575, 0.7].map { PlaceSnap(edge: 1, fraction: $0, offsetMetres: 0) })
}

@Test func parkTimesComeFromTheNearestEntrance() {
    var diagnostics = Diagnostics()
    let park = Park(osmReference: "way/1", kind: "park", name: "Square", polygon: squarePark)
    let set = DestinationSet.parks([park], finder: ParkAccessFinder(snapper: Snapper(graph: parkNetwork)),
                                   snapLimitMetres: 300, diagnostics: &diagnostics)
    #expect(set.destinationCount == 1 && set.accessPoints.count == 7 && diagnostics.total == 0)
    let costs = ProfileCosts(graph: parkNetwork, profile: oneMetrePerSecond)
    var workspace = SearchWorkspace(nodeCount: parkNetwork.nodeCount)
    let times = NearestTimes(graph: parkNetwork, costs: costs, destinations: set, workspace: &workspace)
    // P0 and P1 are 50 m from a crossing; R0 (x = -50) 40 m from the entrance at x = -10;
    // R1 (x = 150) 60 m from the one at x = 90; F0 and F1 are a separate component.
    let expected: [Double] = [50, 50, 40, 60, .infinity, .infinity]
    #expect(zip(times.nodeSeconds, expected).allSatisfy { $0 == $1 || abs($0 - $1) < 0.001 })   // Float fractions
}

@Test func parkWithNoEdgeNearItIsEnteredOffNetworkAndWarned() {
    var diagnostics = Diagnostics()
    let far = PlanarPolygon(outerRings: [[(0.0, 200.0), (50, 200), (50, 250), (0, 250), (0, 200)].map { PlanarPoint(x: $0.0, y: $0.1) }])
    let set = DestinationSet.parks([Park(osmReference: "way/9", kind: "garden", name: "", polygon: far)],
                                   finder: ParkAccessFinder(snapper: Snapper(graph: parkNetwork)),
                                   snapLimitMetres: 300, diagnostics: &diagnostics)
    // Nearest boundary vertex (0,200) is 150 m above the path at x = 0, a quarter along it.
    #expect(set.accessPoints.map(\.snap) == [PlaceSnap(edge: 0, fraction: 0.25, offsetMetres: 150)])
    #expect(diagnostics.count("park reached off-network") == 1)
}

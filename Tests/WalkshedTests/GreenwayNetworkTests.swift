import Testing
@testable import Walkshed
import WalkshedTestSupport

/// Hand-made greenways (metres; origin at 500,000 E, 6,600,000 N of UTM 35N):
///
///     6 ======================= 7        C: greenway 6–7, 400 m; park P2 10 m north of x 200
///     |            [P2]                  (parks are triangles whose tip points at the greenway)
///     |                                     (street 0–6, 300 m)
///     |    [P0]               [P1]
///     0 ==== 1 ==== 2   3 ======== 4      A: greenway 0–1–2, 200 m; B: greenway 3–4, 140 m
///                    \ /                  P0 10 m north of x 50, P1 10 m north of x 340
///                     5                   street 2–5–3 (each 104.4 m): the 60 m gap 2–3 is 208.8 m on streets
///
/// Components longest first: C = 0 (400 m), A = 1 (200 m), B = 2 (140 m).
func handMadeGreenways() -> City {
    let ox = 500_000.0, oy = 6_600_000.0
    let nodes = [(0.0, 0.0), (100, 0), (200, 0), (260, 0), (400, 0), (230, -100), (0, 300), (400, 300)].map { ($0.0 + ox, $0.1 + oy) }
    var graph = TinyNetwork.graph(nodes: nodes, edges: [(0, 1, nil), (1, 2, nil), (3, 4, nil), (2, 5, nil), (5, 3, nil), (6, 7, nil), (0, 6, nil)],
                                  classes: [.path, .path, .path, .street, .street, .path, .street])
    for e in [0, 1, 2, 5] { graph.edgeFlags[e].insert(.greenway) }
    // Triangles pointing at their greenway, so each touches it at one point.
    func triangle(_ x: Double, _ y: Double) -> PlanarPolygon {
        PlanarPolygon(outerRings: [[PlanarPoint(x: ox + x, y: oy + y), PlanarPoint(x: ox + x + 10, y: oy + y + 20),
                                    PlanarPoint(x: ox + x - 10, y: oy + y + 20), PlanarPoint(x: ox + x, y: oy + y)]])
    }
    let parks = [triangle(50, 10), triangle(340, 10), triangle(200, 310)].enumerated().map {
        Park(osmReference: "way/\($0.offset + 1)", kind: "park", name: "P\($0.offset)", polygon: $0.element)
    }
    return City(projection: UTMProjection(zone: 35, isNorth: true), graph: graph, parks: parks, services: [])
}

@Test func componentsGapsAndParkGroupsOfAHandMadeNetwork() throws {
    let city = handMadeGreenways()
    var options = GreenwayOptions()
    options.gapMetres = 100
    options.maxStreetMetres = 100
    let report = try Study(city: city).greenways(profile: .walk(), options: options, progress: SilentProgress())
    let n = report.network
    #expect(n.componentCount == 3 && n.componentMetres == [400, 200, 140])
    #expect(n.componentEdges == [[5], [0, 1], [2]])
    #expect(abs(n.largestComponentShare - 400.0 / 740) < 1e-12)
    #expect(abs(n.meanContinuousMetres - (400.0 * 400 + 200 * 200 + 140 * 140) / 740) < 1e-9)
    #expect(report.components.map(\.parks) == [[2], [0], [1]])
    // One break point: node 2 to node 3, 60 m straight, 2 × √(30² + 100²) on streets.
    #expect(report.breakPoints.count == 1)
    let gap = report.breakPoints[0].gap
    #expect(gap.first == 1 && gap.second == 2 && abs(gap.straightMetres - 60) < 1e-6)
    #expect(abs(gap.streetMetres - 2 * (30.0 * 30 + 100 * 100).squareRoot()) < 1e-3)
    #expect(report.breakPoints[0].joinedMetres == 340 && report.breakPoints[0].joinedParks == [0, 1])
    // No street stretch of ≤ 100 m joins two greenway nodes: three groups of one park.
    #expect(report.routes.connectors.isEmpty && report.parkLinks.links.isEmpty)
    #expect(report.parkLinks.groupOfPark == [0, 1, 2] && abs(report.parkLinks.largestGroupShare - 1.0 / 3) < 1e-12)

    // Streets up to 250 m: the 2–5–3 stretch joins A and B, so P0 and P1 meet:
    // P0 → node 1 (10 + 50) → node 2 (100) → node 3 (208.8) → P1 (80 + 10) = 458.8 m.
    options.maxStreetMetres = 250
    let joined = try Study(city: city).greenways(profile: .walk(), options: options, progress: SilentProgress())
    #expect(joined.routes.connectors.count == 1)
    #expect(joined.parkLinks.links.count == 1)
    let link = joined.parkLinks.links[0]
    #expect(link.first == 0 && link.second == 1 && abs(link.metres - (60 + 100 + 2 * (30.0 * 30 + 100 * 100).squareRoot() + 90)) < 1e-3)
    #expect(joined.parkLinks.groupOfPark == [0, 0, 1])
    // Within 300 m of street the 0–6 street joins C too: one group.
    options.maxStreetMetres = 300
    #expect(try Study(city: city).greenways(profile: .walk(), options: options, progress: SilentProgress()).parkLinks.groupOfPark == [0, 0, 0])
}

/// Greenway-only park minutes on the hand-made network. Node 5 is 104.4 m from greenway nodes
/// 2 and 3 alike; the tie goes to 3, nearer a park along greenway (90 m against 160 m).
@Test func greenwayOnlyAccessTakesTheNearestGreenwayThenStaysOnIt() throws {
    let city = handMadeGreenways(), graph = city.graph
    let costs = ProfileCosts(graph: graph, profile: .walk())
    let network = GreenwayNetwork(graph: graph, usableEdges: costs.usableEdges)
    let touches = GreenwayTouches(areas: city.parks.map(\.polygon), network: network, graph: graph, index: Snapper(graph: graph).index, touchMetres: 25)
    let access = GreenwayOnlyAccess(graph: graph, costs: costs, network: network, parkTouches: touches.touches, parkAreas: city.parks.map(\.polygon))
    let speed = TravelProfile.walk().metresPerSecond
    #expect(access.entry[5] == 3)
    #expect(abs(access.entrySeconds[5] - (30.0 * 30 + 100 * 100).squareRoot() / speed) < 1e-3)
    #expect(abs(access.greenwaySeconds[3] - 90 / speed) < 1e-3 && abs(access.greenwaySeconds[2] - 160 / speed) < 1e-3)
    // A place 5 m off the street 2–5 near node 5 walks to 5, then to greenway node 3, then to P1.
    let place = PlaceSnap(edge: 3, fraction: 1, offsetMetres: 5)
    let seconds = access.seconds(from: place, inside: false, graph: graph, costs: costs, network: network)
    #expect(abs(seconds - (5 + (30.0 * 30 + 100 * 100).squareRoot() + 90) / speed) < 1e-3)
    // From node 0, the nearest greenway is its own: A, where P0 is 60 m away.
    #expect(access.entry[0] == 0 && abs(access.greenwaySeconds[0] - 60 / speed) < 1e-3)
    // Node 6 is on C: P2 is 200 m along it, then 10 m in.
    #expect(abs(access.greenwaySeconds[6] - 210 / speed) < 1e-3)
}

/// Against brute force on random networks with integer lengths (seconds = metres): per node,
/// the nearest greenway node over any edge (ties to the one nearer a park along greenway,
/// then the lower), then the greenway-only distance to a park node. 200 seeds.
@Test func greenwayOnlyAccessMatchesBruteForce() throws {
    for seed in 0..<200 as Range<UInt64> {
        var rng = SeededRandom(seed: seed)
        let n = Int.random(in: 5...24, using: &rng)
        var graph = TinyNetwork.random(nodeCount: n, edgeCount: Int.random(in: n...(3 * n), using: &rng), maxMetres: 6, rng: &rng)
        for e in 0..<graph.edgeCount where Int.random(in: 0..<10, using: &rng) < 4 { graph.edgeFlags[e].insert(.greenway) }
        let metres = graph.edgeMetres
        let costs = ProfileCosts(graph: graph, profile: .walk(), forwardSeconds: metres, backwardSeconds: metres)
        let network = GreenwayNetwork(graph: graph, usableEdges: costs.usableEdges)
        // Parks touch a few greenway edges at their tails.
        let greenwayEdges = (0..<graph.edgeCount).filter { network.componentOfEdge[$0] >= 0 }
        let touched = greenwayEdges.filter { _ in Int.random(in: 0..<4, using: &rng) == 0 }
        let touches = touched.map { [GreenwayTouches.Touch(edge: Int32($0), fraction: 0, metres: 0)] }
        let access = GreenwayOnlyAccess(graph: graph, costs: costs, network: network, parkTouches: touches, parkAreas: touches.map { _ in PlanarPolygon(outerRings: []) })

        func allPairs(_ use: (Int) -> Bool) -> [[Double]] {
            var d = (0..<n).map { i in (0..<n).map { $0 == i ? 0.0 : .infinity } }
            for e in 0..<graph.edgeCount where use(e) {
                let u = Int(graph.edgeTail[e]), v = Int(graph.edgeHead[e]), m = Double(metres[e])
                d[u][v] = min(d[u][v], m); d[v][u] = min(d[v][u], m)
            }
            for k in 0..<n { for i in 0..<n { for j in 0..<n where d[i][k] + d[k][j] < d[i][j] { d[i][j] = d[i][k] + d[k][j] } } }
            return d
        }
        let any = allPairs { _ in true }, green = allPairs { network.componentOfEdge[$0] >= 0 }
        let parkNodes = touched.map { Int(graph.edgeTail[$0]) }
        let toPark = (0..<n).map { g in parkNodes.map { green[g][$0] }.min() ?? .infinity }
        let greenwayNodes = network.nodes.map(Int.init)
        for x in 0..<n {
            let nearest = greenwayNodes.map { any[x][$0] }.min() ?? .infinity
            guard nearest.isFinite else {
                #expect(access.entry[x] == -1, "seed \(seed) node \(x)")
                continue
            }
            let chosen = greenwayNodes.filter { any[x][$0] == nearest }.min { (toPark[$0], $0) < (toPark[$1], $1) }!
            #expect(access.entrySeconds[x] == nearest, "seed \(seed) node \(x)")
            #expect(access.entry[x] == Int32(chosen), "seed \(seed) node \(x)")
            #expect(access.greenwaySeconds[chosen] == toPark[chosen], "seed \(seed) node \(chosen)")
        }
    }
}

/// The suggested link closes the one gap; applying the scenario it writes and measuring the
/// network again finds A and B joined into one 400 m component (200 + 60 + 140).
@Test func suggestedGreenwayLinksCloseTheirGapsWhenApplied() throws {
    let city = handMadeGreenways()
    var options = GreenwayOptions()
    options.gapMetres = 100
    let report = try Study(city: city).greenways(profile: .walk(), options: options, progress: SilentProgress())
    let parks = try report.suggestLinks(objective: .parks, count: 5, city: city)
    #expect(parks.before == 0 && parks.picks.count == 1 && parks.picks[0].gain == 1 && parks.picks[0].value == 1)
    let length = try report.suggestLinks(objective: .length, count: 5, city: city)
    #expect(abs(length.before - 219_600.0 / 740) < 1e-9 && abs(length.picks[0].gain - 2 * 200 * 140 / 740.0) < 1e-9)
    #expect(throws: StudyError.self) { try report.suggestLinks(objective: .residents, count: 5, city: city) }

    let edited = try parks.scenario.apply(to: city).city
    let after = try Study(city: edited).greenways(profile: .walk(), options: options, progress: SilentProgress())
    #expect(after.network.componentCount == 2)
    // The 60 m link's length is measured on the ellipsoid, a few decimetres off the plane's.
    #expect(after.network.componentMetres.count == 2 && after.network.componentMetres.allSatisfy { abs($0 - 400) < 0.5 })
    #expect(after.breakPoints.isEmpty)
    #expect(after.components.map(\.parks).sorted { $0.count < $1.count } == [[2], [0, 1]])
    let again = try after.suggestLinks(objective: .parks, count: 5, city: edited)
    #expect(again.before == 1 && again.picks.isEmpty)
}

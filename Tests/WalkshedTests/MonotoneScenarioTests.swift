import Testing
@testable import Walkshed
import WalkshedTestSupport

/// A random street network of `nodeCount` nodes within a 2 km square (UTM zone 35N, planar
/// metres), each joined to its two or three nearest neighbours by straight edges, with parks
/// and services of every category at random nodes' sides.
private func randomCity(seed: UInt64, nodeCount: Int) -> City {
    var rng = SeededRandom(seed: seed)
    let origin = (500_000.0, 6_670_000.0)
    let nodes = (0..<nodeCount).map { _ in (origin.0 + Double.random(in: 0...2000, using: &rng), origin.1 + Double.random(in: 0...2000, using: &rng)) }
    var edges: [(Int, Int, Float?)] = []
    for u in nodes.indices {
        let here = PlanarPoint(x: nodes[u].0, y: nodes[u].1)
        func distance(_ v: Int) -> Double { here.distance(to: PlanarPoint(x: nodes[v].0, y: nodes[v].1)) }
        let nearest = nodes.indices.filter { $0 != u }.sorted { distance($0) < distance($1) }
        for v in nearest.prefix(Int.random(in: 2...3, using: &rng)) where u < v { edges.append((u, v, nil)) }
    }
    let graph = TinyNetwork.graph(nodes: nodes, edges: edges)
    func near() -> PlanarPoint {
        let (x, y) = nodes[Int.random(in: 0..<nodeCount, using: &rng)]
        return PlanarPoint(x: x + Double.random(in: -40...40, using: &rng), y: y + Double.random(in: -40...40, using: &rng))
    }
    let parks = (0..<3).map { k -> Park in
        let c = near()
        let ring = [(-50.0, -50.0), (50, -50), (50, 50), (-50, 50), (-50, -50)].map { PlanarPoint(x: c.x + $0.0, y: c.y + $0.1) }
        return Park(osmReference: "way/\(k + 1)", kind: "park", name: "P\(k)", polygon: PlanarPolygon(outerRings: [ring]))
    }
    let services = ServiceCategory.allCases.flatMap { category in
        (0..<2).map { k in ServicePoint(category: category, position: near(), osmReference: "node/\(category.code)\(k)", name: "") }
    }
    return City(projection: UTMProjection(zone: 35, isNorth: true), graph: graph, parks: parks, services: services)
}

/// Per place and measure, minutes before and after; `slower` counts places whose time grew
/// (or that lost their value), `faster` the reverse.
private func changes(_ before: [CoverageLayer], _ after: [CoverageLayer]) -> (slower: Int, faster: Int, categoriesFell: Int) {
    var slower = 0, faster = 0, fell = 0
    for (a, b) in zip(before, after) {
        precondition(a.measure == b.measure)
        for (x, y) in zip(a.values, b.values) {
            if a.measure == .categoriesWithin {
                if y < x { fell += 1 }
            } else if x.isFinite && (!y.isFinite || y > x) {
                slower += 1
            } else if y.isFinite && (!x.isFinite || y < x) {
                faster += 1
            }
        }
    }
    return (slower, faster, fell)
}

/// Adding paths, links, parks and services never makes a place slower (cells and residents,
/// every kind, `categories_within` never falls), on 30 random networks with random additions:
/// a path drawn next to a place takes its attachment over, and without the former attachment
/// kept, places beside a path that joins the network far away got slower. A closure may make
/// places slower, and the comparison counts every one of them as `slower`.
@Test func addingToACityNeverMakesAPlaceSlower() throws {
    var slowerAfterClosures = 0
    for seed in UInt64(0)..<30 {
        let city = randomCity(seed: seed, nodeCount: 60)
        var rng = SeededRandom(seed: 1000 + seed)
        let box = city.extent
        func point() -> PlanarPoint {
            PlanarPoint(x: Double.random(in: box.minX...box.maxX, using: &rng), y: Double.random(in: box.minY...box.maxY, using: &rng))
        }
        let residents = (0..<150).map { _ in point() }
        let study = Study(city: city, residents: Residents(source: "test", positions: residents, counts: residents.map { _ in 1 }))
        var options = CoverageOptions()
        options.cellMetres = 100
        options.threads = 2
        let baseline = try ScenarioBaseline(study: study, profile: .walk(), options: options, progress: SilentProgress())
        let p = city.projection
        var additions: [ScenarioEdit] = []
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let a = point()
            // Long detours as well as short links: a path may pass a place and join far from it.
            let path = [a, PlanarPoint(x: a.x + Double.random(in: -600...600, using: &rng), y: a.y + Double.random(in: -600...600, using: &rng)), point()]
            additions.append(.addPath(points: path.map(p.unproject), edgeClass: .path, greenway: Bool.random(using: &rng)))
        }
        // A link between the ends of two random edges (every node of the graph may not have one).
        let u = city.graph.position(of: Int(city.graph.head[Int.random(in: 0..<city.graph.head.count, using: &rng)]))
        let v = city.graph.position(of: Int(city.graph.head[Int.random(in: 0..<city.graph.head.count, using: &rng)]))
        additions.append(.addLink(from: p.unproject(u), to: p.unproject(v), edgeClass: .crossing))
        let c = point()
        additions.append(.addPark(name: "new", kind: "park", polygon: GeoPolygon(outerRings: [
            [(0.0, 0.0), (80, 0), (80, 80), (0, 80), (0, 0)].map { p.unproject(PlanarPoint(x: c.x + $0.0, y: c.y + $0.1)) }])))
        additions.append(.addServices([ScenarioService(category: .food, name: "shop", coordinate: p.unproject(point()))]))

        let added = try baseline.outcome(of: Scenario(name: "added", edits: additions), progress: SilentProgress())
        let before = ScenarioBaseline.compared(baseline.analysis.result.layers)
        let beforeResidents = ScenarioBaseline.compared(baseline.analysis.result.populationLayers)
        let cells = changes(before, added.cellLayers), people = changes(beforeResidents, added.residentLayers)
        #expect(cells.slower == 0 && people.slower == 0, "seed \(seed): \(cells.slower) cell and \(people.slower) resident times grew")
        #expect(cells.categoriesFell == 0 && people.categoriesFell == 0, "seed \(seed)")
        for change in added.cellChanges + (added.residentChanges ?? []) { #expect(change.slower == 0, "seed \(seed): \(change.measure)") }

        // A closure: every place whose time grew is counted slower.
        let closed = try baseline.outcome(of: Scenario(name: "closed", edits: [
            .closeWays([OSMWayID(city.graph.edgeWayID[Int.random(in: 0..<city.graph.edgeCount, using: &rng)])])]), progress: SilentProgress())
        let grew = changes(before, closed.cellLayers)
        let counted = closed.cellChanges.filter { $0.measure != .categoriesWithin }.reduce(0.0) { $0 + $1.slower }
        #expect(Double(grew.slower) == counted, "seed \(seed)")
        slowerAfterClosures += grew.slower
    }
    #expect(slowerAfterClosures > 0, "some closures made places slower, so the count is exercised")
}

/// By hand: a cell 30 m from a street and 10 m from a new path that joins the network only
/// 1 km away keeps its time to the shop on the street (it still walks to the street).
@Test func aPathDrawnBesideAPlaceDoesNotSlowIt() throws {
    let origin = PlanarPoint(x: 500_000, y: 6_670_000)
    // A street from (0,0) to (400,0) with a shop at its middle; a long spur north from (400,0).
    let graph = TinyNetwork.graph(nodes: [(origin.x, origin.y), (origin.x + 400, origin.y), (origin.x + 400, origin.y + 1000)],
                                  edges: [(0, 1, nil), (1, 2, nil)])
    let city = City(projection: UTMProjection(zone: 35, isNorth: true), graph: graph, parks: [],
                    services: [ServicePoint(category: .food, position: PlanarPoint(x: origin.x + 200, y: origin.y), osmReference: "node/1", name: "")])
    let home = PlanarPoint(x: origin.x + 200, y: origin.y + 30)
    let study = Study(city: city, residents: Residents(source: "test", positions: [home], counts: [1]))
    var options = CoverageOptions()
    options.threads = 1
    let baseline = try ScenarioBaseline(study: study, profile: .walk(), options: options, progress: SilentProgress())
    let before = try #require(baseline.analysis.result.populationLayers.first { $0.measure == .minutes(.service(.food)) }?.values.first)
    #expect(abs(Double(before) - 30 / 1.3333333 / 60) < 0.01)
    // The path runs east–west 20 m north of the home and joins only the spur at its east end.
    let path = [PlanarPoint(x: origin.x + 100, y: origin.y + 50), PlanarPoint(x: origin.x + 400, y: origin.y + 50)]
    let p = city.projection
    let outcome = try baseline.outcome(of: Scenario(name: "path", edits: [.addPath(points: path.map(p.unproject), edgeClass: .path, greenway: true)]),
                                       progress: SilentProgress())
    let after = try #require(outcome.residentLayers.first { $0.measure == .minutes(.service(.food)) }?.values.first)
    #expect(after == before)
}

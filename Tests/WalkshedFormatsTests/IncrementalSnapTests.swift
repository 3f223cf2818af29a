import Testing
@testable import Walkshed
import WalkshedFormats
import WalkshedTestSupport

/// Random network edits on the Helsinki sample (a path of three points anywhere in the city, a
/// crossing between two nodes, a closed way): the cell and resident snaps updated near the
/// changed edges equal a fresh snapping of the edited graph, place for place, for 40 seeds.
@Test func updatedSnapsEqualAFreshSnappingAfterRandomEdits() throws {
    let city = try OSMCityLoader.load(RepositoryPaths.network("helsinki.osm.pbf")).city
    let graph = city.graph, box = city.extent
    var options = CoverageOptions()
    options.area = box
    let costs = ProfileCosts(graph: graph, profile: .walk())
    var random = SeededRandom(seed: 7)
    let residents = (0..<300).map { _ in
        PlanarPoint(x: Double.random(in: box.minX...box.maxX, using: &random), y: Double.random(in: box.minY...box.maxY, using: &random))
    }
    let snapper = Snapper(graph: graph)
    let baseline = CoverageAnalysis.snapPlaces(graph: graph, costs: costs, options: options, population: residents, snapper: snapper)
    let grid = GridGeometry(covering: box.expanded(by: options.snapLimitMetres), cellMetres: options.cellMetres)
    var resnappedAny = 0
    for seed in 0..<40 {
        var rng = SeededRandom(seed: UInt64(seed))
        func point() -> PlanarPoint {
            PlanarPoint(x: Double.random(in: box.minX...box.maxX, using: &rng), y: Double.random(in: box.minY...box.maxY, using: &rng))
        }
        let a = point()
        let path = [a, PlanarPoint(x: a.x + Double.random(in: -400...400, using: &rng), y: a.y + Double.random(in: -400...400, using: &rng)), point()]
        let u = graph.position(of: Int.random(in: 0..<graph.nodeCount, using: &rng))
        let v = graph.position(of: Int.random(in: 0..<graph.nodeCount, using: &rng))
        var edits: [ScenarioEdit] = [.addPath(points: path.map(city.projection.unproject), edgeClass: .path, greenway: seed % 2 == 0),
                                     .closeWays([OSMWayID(graph.edgeWayID[Int.random(in: 0..<graph.edgeCount, using: &rng)])])]
        if seed % 3 == 0 { edits.append(.addLink(from: city.projection.unproject(u), to: city.projection.unproject(v), edgeClass: .crossing)) }
        let applied = try Scenario(name: "s\(seed)", edits: edits).apply(to: city, snapper: snapper)
        let edited = applied.city.graph
        let newCosts = ProfileCosts(graph: edited, profile: .walk())
        let editedSnapper = Snapper(graph: edited)
        let fresh = CoverageAnalysis.snapPlaces(graph: edited, costs: newCosts, options: options, population: residents, snapper: editedSnapper)
        let updated = baseline.updated(for: applied.network, snapper: editedSnapper, grid: grid, population: residents,
                                       limitMetres: options.snapLimitMetres, usableEdges: newCosts.usableEdges, threads: 2)
        #expect(updated.cells == fresh.cells, "seed \(seed): cells")
        #expect(updated.population == fresh.population, "seed \(seed): residents")
        resnappedAny += zip(baseline.cells, fresh.cells).filter { $0 != $1 }.count
    }
    #expect(resnappedAny > 100, "the edits moved some snaps (\(resnappedAny)), so the test sees updates")
}

/// What a scenario reports through `ScenarioBaseline` (snaps reused or updated, times updated
/// incrementally) equals a full analysis of the city as the scenario leaves it: every layer,
/// over cells and residents, bit for bit (for a scenario that only adds, with each place's
/// baseline minutes kept where better, as `ScenarioBaseline.noSlower` says); for the Helsinki scenario of paths, a closure, a
/// park and services, for a park alone (which reuses every snap), and for 12 random scenarios
/// (one with a new speed, which evaluates every cell).
@Test func scenarioBaselineOutcomesEqualAFullAnalysisOfTheEditedCity() throws {
    let city = try OSMCityLoader.load(RepositoryPaths.network("helsinki.osm.pbf")).city
    let graph = city.graph, box = city.extent
    var random = SeededRandom(seed: 3)
    let positions = (0..<200).map { _ in
        PlanarPoint(x: Double.random(in: box.minX...box.maxX, using: &random), y: Double.random(in: box.minY...box.maxY, using: &random))
    }
    let study = Study(city: city, residents: Residents(source: "test", positions: positions, counts: positions.indices.map { Double($0 % 7 + 1) }))
    var options = CoverageOptions()
    options.threads = 2
    let baseline = try ScenarioBaseline(study: study, profile: .walk(), options: options, progress: SilentProgress())
    let start = graph.position(of: graph.nodeCount / 3), projection = city.projection
    let square = [(-60.0, -60.0), (60, -60), (60, 60), (-60, 60), (-60, -60)]
        .map { projection.unproject(PlanarPoint(x: start.x + 500 + $0.0, y: start.y + $0.1)) }
    // Random scenarios: paths, crossings, closures, parks, new and removed services, a speed.
    var rng = SeededRandom(seed: 11)
    func point() -> PlanarPoint {
        PlanarPoint(x: Double.random(in: box.minX...box.maxX, using: &rng), y: Double.random(in: box.minY...box.maxY, using: &rng))
    }
    var randomScenarios: [Scenario] = []
    for k in 0..<12 {
        let a = point(), c = point()
        let ring = [(0.0, 0.0), (90, 0), (90, 90), (0, 90), (0, 0)].map { projection.unproject(PlanarPoint(x: c.x + $0.0, y: c.y + $0.1)) }
        var edits: [ScenarioEdit] = [
            .addPath(points: [a, point()].map(projection.unproject), edgeClass: .footway, greenway: k % 2 == 0),
            .addPark(name: "R\(k)", kind: "park", polygon: GeoPolygon(outerRings: [ring])),
            .addServices([ScenarioService(category: ServiceCategory.allCases[k % ServiceCategory.allCases.count], name: "S",
                                          coordinate: projection.unproject(point()))]),
        ]
        if k % 3 == 0 { edits.append(.closeWays([OSMWayID(graph.edgeWayID[Int.random(in: 0..<graph.edgeCount, using: &rng)])])) }
        if k % 4 == 1 { edits.append(.removeServices(references: [city.services[k * 7 % city.services.count].osmReference], area: nil)) }
        if k == 5 { edits.append(.setSpeed(profile: "walk", kilometresPerHour: 4)) }
        if k % 2 == 1 { edits.removeFirst() }   // no network change: every snap is reused
        randomScenarios.append(Scenario(name: "random\(k)", edits: edits))
    }
    let scenarios = randomScenarios + [
        Scenario(name: "mixed", edits: [
            .addPath(points: [start, PlanarPoint(x: start.x + 300, y: start.y + 150), PlanarPoint(x: start.x + 350, y: start.y + 400)]
                .map(projection.unproject), edgeClass: .path, greenway: true),
            .closeWays([OSMWayID(graph.edgeWayID[graph.edgeCount / 2])]),
            .addPark(name: "P", kind: "park", polygon: GeoPolygon(outerRings: [square])),
            .addServices([ScenarioService(category: .healthcare, name: "H", coordinate: projection.unproject(start))]),
        ]),
        Scenario(name: "park", edits: [.addPark(name: "P", kind: "park", polygon: GeoPolygon(outerRings: [square]))]),
    ]
    for scenario in scenarios {
        let outcome = try baseline.outcome(of: scenario, progress: SilentProgress())
        let full = try study.analyze(profile: outcome.profile, options: options, progress: SilentProgress(), stagePrefix: "", on: outcome.applied.city)
        // A scenario that only adds keeps each place's baseline minutes where they are better.
        func asCompared(_ layers: [CoverageLayer], baseline base: [CoverageLayer]) -> [CoverageLayer] {
            let compared = ScenarioBaseline.compared(layers)
            return scenario.onlyAdds ? ScenarioBaseline.noSlower(compared, than: ScenarioBaseline.compared(base), budgetMinutes: 15) : compared
        }
        let expected = ScenarioComparison.differenceLayers(baseline: ScenarioBaseline.compared(baseline.analysis.result.layers),
                                                           scenario: asCompared(full.result.layers, baseline: baseline.analysis.result.layers))
        #expect(outcome.differenceLayers.count == 10 && expected.count == 10)
        for (a, b) in zip(outcome.differenceLayers, expected) {
            #expect(a.values.map(\.bitPattern) == b.values.map(\.bitPattern), "\(scenario.name): \(a.name)")
        }
        let residents = ScenarioComparison.compare(baseline: ScenarioBaseline.compared(baseline.analysis.result.populationLayers),
                                                   scenario: asCompared(full.result.populationLayers,
                                                                        baseline: baseline.analysis.result.populationLayers),
                                                   weights: study.residents!.counts, budgetMinutes: 15)
        #expect(outcome.residentChanges == residents, "\(scenario.name)")
        #expect(outcome.differenceLayers.contains { $0.values.contains { $0 != 0 && !$0.isNaN } }, "\(scenario.name) changes something")
    }
}

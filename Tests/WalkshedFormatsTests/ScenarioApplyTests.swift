import Testing
import Walkshed
import WalkshedFormats
import WalkshedTestSupport

/// The Helsinki sample with a scenario built from its own geometry: a 1.4 ha park square at
/// the node farthest from any park, a 400 m greenway, one closed way, one new food shop and
/// one removed transit stop.
private struct HelsinkiScenario {
    let city: City
    let scenario: Scenario
    var options = CoverageOptions()

    init() throws {
        let city = try OSMCityLoader.load(RepositoryPaths.network("helsinki.osm.pbf")).city
        self.city = city
        options.area = city.extent
        options.threads = 2
        let graph = city.graph
        let costs = ProfileCosts(graph: graph, profile: .walk())
        var diagnostics = Diagnostics()
        let sets = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: 300, diagnostics: &diagnostics)
        let baseline = SearchBaseline(graph: graph, costs: costs, sets: sets, threads: 1)
        let far = (0..<graph.nodeCount).max { baseline.times[0].nodeSeconds[$0] < baseline.times[0].nodeSeconds[$1] }!
        let centre = graph.position(of: far)
        let projection = city.projection
        let square = [(-60.0, -60.0), (60, -60), (60, 60), (-60, 60), (-60, -60)]
            .map { projection.unproject(PlanarPoint(x: centre.x + $0.0, y: centre.y + $0.1)) }
        let start = graph.position(of: graph.nodeCount / 3)
        let path = [start, PlanarPoint(x: start.x + 300, y: start.y + 150), PlanarPoint(x: start.x + 350, y: start.y + 400)]
        let closedWay = OSMWayID(graph.edgeWayID[graph.edgeCount / 2])
        let stop = city.services.first { $0.category == .transit }!
        scenario = Scenario(name: "test", edits: [
            .addPark(name: "New park", kind: "park", polygon: GeoPolygon(outerRings: [square])),
            .addPath(points: path.map(city.projection.unproject), edgeClass: .path, greenway: true),
            .closeWays([closedWay]),
            .addServices([ScenarioService(category: .food, name: "Kiosk", coordinate: city.projection.unproject(start))]),
            .removeServices(references: [stop.osmReference], area: nil),
        ])
    }
}

@Test func scenarioOnTheSampleEqualsAFullRecomputation() throws {
    let setup = try HelsinkiScenario()
    let city = setup.city, options = setup.options
    let applied = try setup.scenario.apply(to: city)
    #expect(applied.parksAdded == 1 && applied.servicesAdded == 1 && applied.servicesRemoved == 1)
    #expect(applied.network.closedEdgeCount >= 1 && applied.network.addedMetres > 400)
    #expect(applied.network.cutEdges.contains(true))

    let costs = ProfileCosts(graph: city.graph, profile: .walk())
    var diagnostics = Diagnostics()
    let sets = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: 300, diagnostics: &diagnostics)
    let baseline = SearchBaseline(graph: city.graph, costs: costs, sets: sets, threads: 2)

    let edited = applied.city
    let newCosts = ProfileCosts(graph: edited.graph, profile: .walk())
    let newSets = edited.destinationSets(usableEdges: newCosts.usableEdges, snapLimitMetres: 300, diagnostics: &diagnostics)
    let (times, recomputed) = baseline.updatedTimes(network: applied.network, costs: newCosts, sets: newSets, threads: 2)
    let incremental = CoverageAnalysis.run(graph: edited.graph, costs: newCosts, destinations: newSets,
                                           options: options, precomputedTimes: times)
    let full = CoverageAnalysis.run(graph: edited.graph, costs: newCosts, destinations: newSets,
                                    options: options)
    for (a, b) in zip(incremental.layers, full.layers) {
        #expect(a.name == b.name)
        #expect(a.values.map(\.bitPattern) == b.values.map(\.bitPattern), "\(a.name)")
    }
    // The edits are local: most nodes of most sets keep their baseline time untouched.
    #expect(recomputed.allSatisfy { $0 < edited.graph.nodeCount })
    #expect(recomputed[0] > 0)   // the park set changed
    // Something changed for the park layer: the new park brings cells within reach.
    let before = CoverageAnalysis.run(graph: city.graph, costs: costs, destinations: sets, options: options)
    let parkBefore = before.layers[0].values, parkAfter = full.layers[0].values
    #expect(zip(parkBefore, parkAfter).contains { $0.isFinite && $1.isFinite && $1 < $0 - 1 })
}

/// A park added by scenario gives exactly the times of a city that had the park from the start.
@Test func aScenarioParkEqualsACityRebuiltWithThePark() throws {
    let setup = try HelsinkiScenario()
    let city = setup.city
    let parkOnly = Scenario(name: "park", edits: [setup.scenario.edits[0]])
    let applied = try parkOnly.apply(to: city)
    var rebuilt = city
    rebuilt.parks.append(applied.city.parks.last!)

    let costs = ProfileCosts(graph: city.graph, profile: .walk())
    var diagnostics = Diagnostics()
    let sets = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: 300, diagnostics: &diagnostics)
    let baseline = SearchBaseline(graph: city.graph, costs: costs, sets: sets, threads: 1)
    let newSets = applied.city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: 300, diagnostics: &diagnostics)
    let (times, recomputed) = baseline.updatedTimes(network: applied.network, costs: costs, sets: newSets, threads: 1)
    #expect(recomputed.dropFirst().allSatisfy { $0 == 0 })   // only the park set moves
    let rebuiltSets = rebuilt.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: 300, diagnostics: &diagnostics)
    var workspace = SearchWorkspace(nodeCount: city.graph.nodeCount)
    let rebuiltTimes = NearestTimes(graph: city.graph, costs: costs, destinations: rebuiltSets[0], workspace: &workspace)
    #expect(times[0].nodeSeconds == rebuiltTimes.nodeSeconds)
    #expect(times[0].nodeSeconds.indices.contains { times[0].nodeSeconds[$0] < baseline.times[0].nodeSeconds[$0] })
}

@Test func scenarioEditsThatCannotApplySayWhich() throws {
    let city = try OSMCityLoader.load(RepositoryPaths.network("helsinki.osm.pbf")).city
    func failure(_ edit: ScenarioEdit) -> String {
        do { _ = try Scenario(name: "bad", edits: [.closeWays([]), edit]).apply(to: city); return "applied" } catch { return "\(error)" }
    }
    #expect(failure(.closeWays([1])) == "edits[1]: way 1 is not part of the walk network")
    #expect(failure(.removeServices(references: ["node/1"], area: nil)) == "edits[1]: no service 'node/1' in the city")
    let far = GeoCoordinate(longitude: 0, latitude: 0)
    #expect(failure(.addLink(from: far, to: far, edgeClass: .crossing)).hasPrefix("edits[1]: its end at"))
}

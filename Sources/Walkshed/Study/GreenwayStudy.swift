/// What `Study.greenways` measures, and its distances.
public struct GreenwayOptions: Sendable {
    /// Budget for "residents within reach of a component", in minutes.
    public var budgetMinutes = 15.0
    /// A greenway touches a park or green space when it passes within this many metres.
    public var touchMetres = 25.0
    /// Two components closer than this in a straight line make a break point, metres.
    public var gapMetres = 100.0
    /// A break point's street length is searched up to this many metres (farther: not joined).
    public var streetLimitMetres = 3_000.0
    /// Park-to-park routes: at most this long, metres...
    public var parkRouteMetres = 5_000.0
    /// ...with street stretches of at most this many metres between greenway pieces.
    public var maxStreetMetres = 100.0
    public var cellMetres = 100.0
    public var snapLimitMetres = 300.0
    public var threads = 1

    public init() {}
}

/// One component of the greenway network and what it joins.
public struct GreenwayComponent: Sendable {
    public var id: Int32
    public var metres: Double
    /// Parks and green spaces it touches (indices into `City.parks`, `City.greenSpaces`).
    public var parks: [Int32]
    public var greenSpaces: [Int32]
    /// Residents within the budget of it (nil without residents); the resident points, ascending.
    public var residents: Double?
    public var residentPoints: [Int32]
}

/// A break point and what closing it would join.
public struct GreenwayBreakPoint: Sendable {
    public var gap: GreenwayGap
    /// Greenway metres of the two components together.
    public var joinedMetres: Double
    /// Parks touching either component.
    public var joinedParks: [Int32]
    /// Residents within the budget of either (nil without residents).
    public var joinedResidents: Double?
}

/// The greenway network of a study: its components, break points, park-to-park routes, and
/// park access along greenways only beside access over any street.
public struct GreenwayReport: Sendable {
    public var profile: TravelProfile
    public var options: GreenwayOptions
    public var network: GreenwayNetwork
    public var components: [GreenwayComponent]
    /// Most continuity gained first (the product of the two components' lengths), then the
    /// shorter gap.
    public var breakPoints: [GreenwayBreakPoint]
    public var parkLinks: ParkGreenwayLinks
    public var routes: GreenwayRoutes
    /// Cells: `park_minutes` (over any street) and `greenway_park_minutes` (the greenway-only rule).
    public var grid: GridGeometry
    public var cellLayers: [CoverageLayer]
    /// Per cell, whether it is on the network (the cells shares are taken over).
    public var cellsSnapped: [Bool]
    /// The same per resident point (`[]` without residents, or with none).
    public var residentLayers: [CoverageLayer]
    /// Residents in all (nil without residents), and per resident point.
    public var residents: Double?
    public var residentWeights: [Double]?
    /// Where the residents came from (`Residents.source`); nil without residents.
    public var residentSource: String?
    public var diagnostics: Diagnostics

    /// Greenway metres per resident (nil without residents or with none).
    public var metresPerResident: Double? { residents.flatMap { $0 > 0 ? network.totalMetres / $0 : nil } }
}

extension Study {
    /// Analyses the greenway network: components with their length, the parks and green
    /// spaces they touch and the residents within `options.budgetMinutes` of them; break
    /// points between components and what closing each joins; park-to-park routes along
    /// greenways; and park minutes over any street beside greenway-only park minutes.
    /// - Throws: `StudyCancelled`.
    public func greenways(profile: TravelProfile, options: GreenwayOptions, progress: any StudyProgress) throws -> GreenwayReport {
        let graph = city.graph, costs = costs(for: profile)
        progress.begin("greenway network: components and what they touch")
        let network = GreenwayNetwork(graph: graph, usableEdges: costs.usableEdges)
        let snapper = Snapper(graph: graph)
        let index = snapper.index
        let parkTouches = GreenwayTouches(areas: city.parks.map(\.polygon), network: network, graph: graph, index: index, touchMetres: options.touchMetres)
        let greenTouches = GreenwayTouches(areas: city.greenSpaces.map(\.polygon), network: network, graph: graph, index: index,
                                           touchMetres: options.touchMetres)
        var components = network.componentEdges.indices.map { c in
            GreenwayComponent(id: Int32(c), metres: network.componentMetres[c], parks: [], greenSpaces: [], residents: nil, residentPoints: [])
        }
        for (p, list) in parkTouches.components(of: network).enumerated() { for c in list { components[Int(c)].parks.append(Int32(p)) } }
        for (g, list) in greenTouches.components(of: network).enumerated() { for c in list { components[Int(c)].greenSpaces.append(Int32(g)) } }
        try progress.checkCancelled()

        var coverage = CoverageOptions()
        coverage.cellMetres = options.cellMetres
        coverage.snapLimitMetres = options.snapLimitMetres
        coverage.threads = options.threads
        coverage.area = gridArea
        progress.begin("snapping cells and residents")
        let snaps = CoverageAnalysis.snapPlaces(graph: graph, costs: costs, options: coverage, population: residentPositions, snapper: snapper)
        if let residents {
            progress.begin("residents within \(options.budgetMinutes) minutes of each of \(components.count) components")
            var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
            for c in components.indices {
                let points = network.componentEdges[c].flatMap { e in
                    [DestinationSet.AccessPoint(destination: 0, snap: PlaceSnap(edge: e, fraction: 0, offsetMetres: 0)),
                     DestinationSet.AccessPoint(destination: 0, snap: PlaceSnap(edge: e, fraction: 1, offsetMetres: 0))]
                }
                let set = DestinationSet(kind: .custom("greenway"), destinationCount: 1, accessPoints: points)
                let budget = options.budgetMinutes * 60
                let times = NearestTimes(graph: graph, costs: costs, destinations: set, limitSeconds: Float(budget), workspace: &workspace)
                components[c].residentPoints = snaps.population.indices.filter { i in
                    guard let snap = snaps.population[i] else { return false }
                    return times.seconds(from: snap, graph: graph, costs: costs) <= budget
                }.map(Int32.init)
                components[c].residents = components[c].residentPoints.reduce(0.0) { $0 + residents.counts[Int($1)] }
                try progress.checkCancelled()
            }
        }

        progress.begin("break points within \(Int(options.gapMetres)) m")
        let gaps = GreenwayGap.find(network: network, graph: graph, index: index, costs: costs, maxStraightMetres: options.gapMetres,
                                    streetLimitMetres: options.streetLimitMetres)
        let breakPoints = gaps.map { gap in
            let a = components[Int(gap.first)], b = components[Int(gap.second)]
            return GreenwayBreakPoint(gap: gap, joinedMetres: a.metres + b.metres, joinedParks: Array(Set(a.parks + b.parks)).sorted(),
                                      joinedResidents: residents.map { people in
                                          Set(a.residentPoints + b.residentPoints).sorted().reduce(0.0) { $0 + people.counts[Int($1)] }
                                      })
        }.sorted { a, b in
            // Most continuity gained first: closing a gap between components of L₁ and L₂
            // metres raises Σ L² (and so the mean continuous length) by 2 L₁ L₂.
            let ga = components[Int(a.gap.first)].metres * components[Int(a.gap.second)].metres
            let gb = components[Int(b.gap.first)].metres * components[Int(b.gap.second)].metres
            return (gb, a.gap.straightMetres, a.gap.first, a.gap.second) < (ga, b.gap.straightMetres, b.gap.first, b.gap.second)
        }
        try progress.checkCancelled()

        progress.begin("park-to-park routes along greenways")
        let routes = GreenwayRoutes(graph: graph, network: network, usableEdges: costs.usableEdges, maxStreetMetres: options.maxStreetMetres)
        let links = ParkGreenwayLinks(parkTouches: parkTouches.touches, graph: graph, routes: routes, maxMetres: options.parkRouteMetres)

        progress.begin("park minutes over any street and along greenways only")
        var diagnostics = loadDiagnostics
        let parkSet = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: options.snapLimitMetres, snapper: snapper,
                                           diagnostics: &diagnostics)[0]
        let anyStreet = CoverageAnalysis.run(graph: graph, costs: costs, destinations: [parkSet], options: coverage, population: residentPositions,
                                             precomputedSnaps: snaps)
        let greenwayOnly = GreenwayOnlyAccess(graph: graph, costs: costs, network: network, parkTouches: parkTouches.touches,
                                              parkAreas: city.parks.map(\.polygon))
        func greenwayMinutes(_ places: [PlaceSnap?], positions: [PlanarPoint]) -> [Float] {
            ParallelSearch.map(itemCount: places.count, threads: options.threads) { i in
                let inside = self.city.parks.contains { $0.polygon.bounds.contains(positions[i]) && $0.polygon.contains(positions[i]) }
                let s = greenwayOnly.seconds(from: places[i], inside: inside, graph: graph, costs: costs, network: network)
                return s.isFinite ? MinuteRounding.minutes(seconds: s) : .nan
            }
        }
        let grid = anyStreet.grid
        let cellPositions = (0..<grid.cellCount).map { grid.centre(ofCell: $0) }
        let parkLayer = anyStreet.layers.first { $0.measure == .minutes(.park) }!
        let cellLayers = [parkLayer, CoverageLayer(.greenwayParkMinutes, values: greenwayMinutes(snaps.cells, positions: cellPositions))]
        let residentLayers = residentPositions.isEmpty ? [] : [anyStreet.populationLayers.first { $0.measure == .minutes(.park) }!,
                                                      CoverageLayer(.greenwayParkMinutes, values: greenwayMinutes(snaps.population, positions: residentPositions))]
        return GreenwayReport(profile: profile, options: options, network: network, components: components, breakPoints: breakPoints,
                              parkLinks: links, routes: routes, grid: grid, cellLayers: cellLayers, cellsSnapped: snaps.cells.map { $0 != nil },
                              residentLayers: residentLayers,
                              residents: residents?.total, residentWeights: residents?.counts, residentSource: residents?.source,
                              diagnostics: diagnostics)
    }
}

/// Distances and counts behind the standard indicators; every distance in metres. Each is a
/// default a caller can change.
public struct IndicatorOptions: Sendable {
    /// SDG 11.7.1: network walk to public open space (any park).
    public var openSpaceMetres = 400.0
    /// SDG 11.2.1: network walk to a low-capacity (bus, tram) and a high-capacity (rail, metro,
    /// ferry) stop.
    public var lowCapacityMetres = 500.0
    public var highCapacityMetres = 1_000.0
    /// WHO Europe: straight line to green space of at least 0.5 ha and of at least 1 ha.
    public var whoMetres = 300.0
    /// 3-30-300's "300": network walk to a park or green space of at least `threeThirtyHectares`.
    public var threeThirtyMetres = 300.0
    public var threeThirtyHectares = 1.0
    /// ParkServe: a 10-minute walk, ½ mile, from park access points.
    public var parkServeMetres = 805.0
    /// 15-minute city: mean time to the k nearest of each category, and the budget of F15.
    public var nearestK = 20
    public var budgetMinutes = 15.0
    /// Residents farther than this from every usable edge are off the network (no access).
    public var snapLimitMetres = 300.0
    /// Worker threads; results do not depend on it.
    public var threads = 1

    public init() {}
}

/// One indicator for one profile.
public struct IndicatorValue: Sendable, Equatable {
    /// Stable identifier (`sdg_11_7_1`, `f15`).
    public let id: String
    public let title: String
    public let profile: String
    /// A share of residents (0...1), minutes, or a Gini index; nil when undefined (no residents,
    /// or no resident with a value).
    public let value: Double?
    /// `share`, `minutes` or `gini`.
    public let unit: String
    public let definition: String
}

/// The standard indicators (../shared/DOMAIN.md) for residents at points, one profile at a
/// time: network walks use the profile's usable edges with lengths in metres; the 15-minute
/// measures use its speed. Residents off the network count as without access.
public struct StandardIndicators: Sendable {
    public let values: [IndicatorValue]
    /// Per resident point, `<profile>_<measure>`: network metres to open space, to green space
    /// ≥ the 3-30-300 size, to low- and high-capacity stops; straight-line metres to green space
    /// ≥ 0.5 and ≥ 1 ha; the mean minutes to the k nearest of each set and `proximity_minutes`.
    public let pointLayers: [CoverageLayer]

    /// Evaluates `profile` for `residents` at `points` (projected metres).
    /// With `elevation`, times follow Tobler's function (and a profile's `maxSlope` closes
    /// steep edges to the distance measures too).
    public init(city: City, profile: TravelProfile, points: [PlanarPoint], residents: [Double],
                options: IndicatorOptions, elevation: ((PlanarPoint) -> Double?)? = nil, diagnostics: inout Diagnostics) {
        precondition(points.count == residents.count)
        let graph = city.graph
        let minutes = elevation.map { ProfileCosts(graph: graph, profile: profile, elevation: $0) }
            ?? ProfileCosts(graph: graph, profile: profile)
        // A second per metre on the same usable edges: search times are distances.
        let metres = ProfileCosts.metres(like: minutes, graph: graph)
        let snapper = Snapper(graph: graph)
        let snaps = ParallelSearch.map(itemCount: points.count, threads: options.threads) {
            snapper.snap(points[$0], limitMetres: options.snapLimitMetres, usableEdges: metres.usableEdges)
        }
        let sets = city.destinationSets(usableEdges: metres.usableEdges, snapLimitMetres: options.snapLimitMetres,
                                        diagnostics: &diagnostics)
        let finder = ParkAccessFinder(snapper: snapper)
        let bigGreen = (city.parks + city.greenSpaces).filter { $0.areaSquareMetres >= options.threeThirtyHectares * 10_000 }
        var quiet = Diagnostics()   // the same parks already warned through `sets`
        let green = DestinationSet.parks(bigGreen, finder: finder, snapLimitMetres: options.snapLimitMetres,
                                         usableEdges: metres.usableEdges, diagnostics: &quiet)
        func stops(_ capacity: TransitCapacity) -> DestinationSet {
            let chosen = city.services.filter { $0.category == .transit && $0.transitCapacity == capacity }
            let set = DestinationSet.services(chosen, category: .transit, snapper: snapper, snapLimitMetres: options.snapLimitMetres,
                                              usableEdges: metres.usableEdges, diagnostics: &quiet)
            if chosen.isEmpty { diagnostics.warn("no \(capacity.rawValue)-capacity transit", "no \(capacity.rawValue)-capacity transit stops; SDG 11.2.1 counts only the other kind") }
            return DestinationSet(kind: .custom("transit_\(capacity.rawValue)"), destinationCount: set.destinationCount, accessPoints: set.accessPoints)
        }
        let openSpace = Self.networkMetres(sets[0], polygons: city.parks.map(\.polygon), snaps: snaps, points: points,
                                           graph: graph, costs: metres, limit: max(options.openSpaceMetres, options.parkServeMetres))
        let greenMetres = Self.networkMetres(green, polygons: bigGreen.map(\.polygon), snaps: snaps, points: points,
                                             graph: graph, costs: metres, limit: options.threeThirtyMetres)
        let low = Self.networkMetres(stops(.low), polygons: [], snaps: snaps, points: points, graph: graph, costs: metres,
                                     limit: options.lowCapacityMetres)
        let high = Self.networkMetres(stops(.high), polygons: [], snaps: snaps, points: points, graph: graph, costs: metres,
                                      limit: options.highCapacityMetres)
        let allGreen = city.parks + city.greenSpaces
        let who05 = StraightLineDistances.nearest(from: points, to: allGreen.filter { $0.areaSquareMetres >= 5_000 }.map(\.polygon),
                                                  limitMetres: options.whoMetres)
        let who1 = StraightLineDistances.nearest(from: points, to: allGreen.filter { $0.areaSquareMetres >= 10_000 }.map(\.polygon),
                                                 limitMetres: options.whoMetres)

        // The 15-minute measures use the categories the city has: one with no destination at
        // all would leave every proximity time undefined.
        let present = sets.filter { $0.destinationCount > 0 }
        let nearest = ParallelSearch.map(itemCount: present.count, threads: options.threads) { i in
            NearestDestinations(graph: graph, costs: minutes, destinations: present[i], k: options.nearestK)
        }
        let members = present.map { AreaMembers.points(of: $0, positions: points, snaps: snaps) }
        let meanLayers = present.isEmpty ? [] : PlaceEvaluation.meanNearestLayers(snaps: snaps, nearest: nearest, inside: members,
                                                                                  graph: graph, costs: minutes, threads: options.threads)
        let proximity = meanLayers.last ?? CoverageLayer(.proximityMinutes, values: [Float](repeating: .nan, count: points.count))
        let summary = PopulationSummary(layer: proximity, residents: residents, budgetMinutes: options.budgetMinutes,
                                        setCount: present.count)

        func share(_ test: (Int) -> Bool) -> Double? {
            let total = residents.reduce(0, +)
            guard total > 0 else { return nil }
            var meeting = 0.0
            for i in residents.indices where test(i) { meeting += residents[i] }
            return meeting / total
        }
        func km(_ m: Double) -> String { m >= 1_000 ? "\(m / 1_000) km" : "\(Int(m)) m" }
        let name = profile.name
        let hectares = options.threeThirtyHectares
        var values = [
            IndicatorValue(id: "sdg_11_7_1", title: "SDG 11.7.1 open space within \(km(options.openSpaceMetres))", profile: name,
                           value: share { openSpace[$0] <= options.openSpaceMetres }, unit: "share",
                           definition: "share of residents within a \(km(options.openSpaceMetres)) network walk of a public park, garden, playground or recreation ground (from its access points; 0 inside it)"),
            IndicatorValue(id: "sdg_11_2_1", title: "SDG 11.2.1 transit within \(km(options.lowCapacityMetres)) / \(km(options.highCapacityMetres))", profile: name,
                           value: share { low[$0] <= options.lowCapacityMetres || high[$0] <= options.highCapacityMetres }, unit: "share",
                           definition: "share of residents within a \(km(options.lowCapacityMetres)) network walk of a low-capacity stop (bus, tram) or \(km(options.highCapacityMetres)) of a high-capacity one (rail, metro, ferry)"),
            IndicatorValue(id: "who_green_0_5ha", title: "WHO green space ≥ 0.5 ha within \(km(options.whoMetres)) straight line", profile: name,
                           value: share { who05[$0] <= options.whoMetres }, unit: "share",
                           definition: "share of residents within \(km(options.whoMetres)) in a straight line of a park or green space (forest, wood, grass, meadow, heath, scrub) of at least 0.5 ha"),
            IndicatorValue(id: "who_green_1ha", title: "WHO green space ≥ 1 ha within \(km(options.whoMetres)) straight line", profile: name,
                           value: share { who1[$0] <= options.whoMetres }, unit: "share",
                           definition: "share of residents within \(km(options.whoMetres)) in a straight line of a park or green space of at least 1 ha"),
            IndicatorValue(id: "rule_3_30_300", title: "3-30-300: green space within \(km(options.threeThirtyMetres)) walk", profile: name,
                           value: share { greenMetres[$0] <= options.threeThirtyMetres }, unit: "share",
                           definition: "share of residents within a \(km(options.threeThirtyMetres)) network walk of a park or green space of at least \(hectares) ha"),
            IndicatorValue(id: "parkserve_10_minutes", title: "ParkServe park within a 10-minute walk (\(km(options.parkServeMetres)))", profile: name,
                           value: share { openSpace[$0] <= options.parkServeMetres }, unit: "share",
                           definition: "share of residents within a \(km(options.parkServeMetres)) network walk of a park, measured from its access points"),
        ]
        for set in sets {
            let layer = present.firstIndex { $0.name == set.name }.map { meanLayers[$0] }
            values.append(IndicatorValue(id: "mean\(options.nearestK)_\(set.name)", title: "15-min: mean time to the \(options.nearestK) nearest \(set.name)",
                                         profile: name, value: layer.flatMap { Self.weightedMean($0.values, residents) }, unit: "minutes",
                                         definition: "population-weighted mean over residents of the mean \(name) time to the \(options.nearestK) nearest \(set.name) destinations (fewer when fewer are reachable; none in the extract: no value)"))
        }
        values += [
            IndicatorValue(id: "proximity_time", title: "15-min: proximity time (population-weighted mean)", profile: name,
                           value: Self.weightedMean(proximity.values, residents), unit: "minutes",
                           definition: "per resident, the mean over the categories present in the extract (\(present.map(\.name).joined(separator: ", "))) of the mean time to the \(options.nearestK) nearest; weighted mean over residents who reach every one"),
            IndicatorValue(id: "f15", title: "15-min: F15, proximity time ≤ \(Int(options.budgetMinutes)) min", profile: name,
                           value: residents.reduce(0, +) > 0 ? summary.share : nil, unit: "share",
                           definition: "share of residents whose proximity time is at most \(Int(options.budgetMinutes)) minutes (Bruno et al., Nature Cities 2024)"),
            IndicatorValue(id: "proximity_gini", title: "15-min: Gini of proximity time", profile: name, value: summary.gini, unit: "gini",
                           definition: "population-weighted Gini index of proximity time over residents who reach every category (0 equal, 1 concentrated)"),
        ]
        self.values = values
        func layer(_ measure: String, _ v: [Double]) -> CoverageLayer {
            CoverageLayer(.perResident("\(name)_\(measure)", .metres), values: v.map { $0.isFinite ? Float($0) : .nan })
        }
        pointLayers = [
            layer("open_space_metres", openSpace), layer("green_\(Self.hectaresLabel(hectares))ha_metres", greenMetres),
            layer("transit_low_metres", low), layer("transit_high_metres", high),
            layer("green_0_5ha_straight_metres", who05), layer("green_1ha_straight_metres", who1),
        ] + meanLayers.map { CoverageLayer(.perResident("\(name)_\($0.name)", $0.unit), values: $0.values) }
    }

    static func hectaresLabel(_ hectares: Double) -> String {
        hectares == hectares.rounded() ? "\(Int(hectares))" : "\(hectares)".replacingDot()
    }

    /// Network metres from each snapped point to the nearest destination of `set` within
    /// `limit`; 0 for a point inside one of `polygons`; `.infinity` for none or no snap.
    static func networkMetres(_ set: DestinationSet, polygons: [PlanarPolygon], snaps: [PlaceSnap?], points: [PlanarPoint],
                              graph: StreetGraph, costs: ProfileCosts, limit: Double) -> [Double] {
        var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
        let times = NearestTimes(graph: graph, costs: costs, destinations: set, limitSeconds: Float(limit), workspace: &workspace)
        let inside = StraightLineDistances.nearest(from: points, to: polygons, limitMetres: 1e-9)
        return snaps.indices.map { i in
            if inside[i] == 0 { return 0 }
            guard let snap = snaps[i] else { return .infinity }
            return times.seconds(from: snap, graph: graph, costs: costs)
        }
    }

    /// Σ wᵢ xᵢ / Σ wᵢ over points with a value; nil when their weight is 0.
    static func weightedMean(_ values: [Float], _ weights: [Double]) -> Double? {
        var sum = 0.0, weight = 0.0
        for (v, w) in zip(values, weights) where !v.isNaN { sum += Double(v) * w; weight += w }
        return weight > 0 ? sum / weight : nil
    }
}

extension String {
    func replacingDot() -> String { String(map { $0 == "." ? "_" : $0 }) }
}

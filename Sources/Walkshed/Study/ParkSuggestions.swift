/// Settings of `Study.suggestParks`; distances in metres, areas in hectares.
public struct ParkSuggestionOptions: Sendable {
    /// How many parks to pick.
    public var count = 5
    public var budgetMinutes = 15.0
    /// Side of the candidate grid (and of the marginal-gain grid), in metres.
    public var spacingMetres = 200.0
    /// Area of each grid square; file candidates smaller than this are skipped.
    public var minimumHectares = 0.5
    public var snapLimitMetres = 300.0
    public var threads = 1
    /// Candidate polygons with names; nil: squares on a grid.
    public var candidates: [(name: String, polygon: GeoPolygon)]?
    /// Where grid squares may lie (their centres, projected metres); nil: the whole city.
    public var area: BoundingBox?

    public init() {}
}

/// Parks picked by lazy greedy maximum coverage, each maximising residents newly within the
/// budget of any park.
public struct ParkSuggestions: Sendable {
    public var profile: TravelProfile
    public var budgetMinutes: Double
    /// Every candidate considered: its name (`cell 12` for grid squares) and outline.
    public var candidateNames: [String]
    public var candidatePolygons: [PlanarPolygon]
    /// The picks, best first; `cumulative` counts only residents no earlier pick brings.
    public var picks: [GreedyPick]
    /// Residents within the budget of a park today, and all residents.
    public var coveredNow: Double
    public var totalResidents: Double
    /// For grid candidates over the whole city: per candidate cell, the residents a park there
    /// alone would bring (NaN where no candidate could be placed); nil for file candidates or
    /// an `area`.
    public var marginalGain: CoverageLayer?
    /// The grid `marginalGain` lies on.
    public var grid: GridGeometry

    /// Share of all residents within reach after the first `rank + 1` picks.
    public func cumulativeShare(afterPick rank: Int) -> Double {
        totalResidents > 0 ? (coveredNow + picks[rank].cumulative) / totalResidents : 0
    }
}

extension Study {
    /// Memory per grid candidate besides its cell: the square, its access points and the
    /// residents it covers, as an upper bound.
    static let bytesPerCandidate = 400.0

    /// Bytes `suggestParks` with grid candidates is expected to need (the grid's analysis and
    /// the candidates), and how many sites the grid has; checked before any search
    /// (`--spacing-m 0.5` over a city centre is 16 million candidates, gigabytes).
    public func estimatedParkSuggestionBytes(options: ParkSuggestionOptions) -> (bytes: Double, sites: Double) {
        var grid = CoverageOptions()
        grid.cellMetres = options.spacingMetres
        grid.snapLimitMetres = options.snapLimitMetres
        grid.threads = options.threads
        let (engine, cells) = estimatedAnalysisBytes(options: grid)
        return (engine + cells * Self.bytesPerCandidate, cells)
    }

    /// Where new parks would bring the most residents within `options.budgetMinutes`.
    /// - Throws: `StudyError.needsResidents` without residents; `StudyCancelled`.
    public func suggestParks(profile: TravelProfile, options: ParkSuggestionOptions, progress: any StudyProgress) throws -> ParkSuggestions {
        guard let residents else { throw StudyError.needsResidents("suggesting parks") }
        let base = try SuggestionBaseline(study: self, residents: residents, profile: profile, kind: .park,
                                          budgetMinutes: options.budgetMinutes, cellMetres: options.spacingMetres,
                                          snapLimitMetres: options.snapLimitMetres, threads: options.threads, progress: progress)
        let area = options.minimumHectares * 10_000
        var names: [String] = [], polygons: [PlanarPolygon] = []
        if let file = options.candidates {
            for (name, polygon) in file {
                let planar = polygon.projected(city.projection)
                if planar.areaSquareMetres >= area { names.append(name); polygons.append(planar) }
            }
        } else {
            polygons = ParkCandidates.squares(on: base.grid, areaSquareMetres: area)
            names = polygons.indices.map { "cell \($0)" }
            if let view = options.area {
                let kept = polygons.indices.filter { view.contains(polygons[$0].centroid) }
                names = kept.map { names[$0] }
                polygons = kept.map { polygons[$0] }
            }
        }
        progress.begin("evaluating \(polygons.count) candidate parks")
        let parks = city.parks
        let inPark = polygons.map { p in parks.contains { $0.polygon.bounds.contains(p.centroid) && $0.polygon.contains(p.centroid) } }
        let candidates = ParkCandidates(polygons: polygons, graph: city.graph, costs: base.costs, snapLimitMetres: options.snapLimitMetres,
                                        places: base.snaps, positions: residents.positions, uncovered: base.uncovered,
                                        budgetSeconds: options.budgetMinutes * 60, threads: options.threads)
        let covers = candidates.covers.enumerated().map { inPark[$0.offset] ? [] : ($0.element ?? []) }
        try progress.checkCancelled()
        progress.begin("choosing \(options.count) parks (lazy greedy)")
        let picks = CoverageGreedy.lazy(covers: covers, weights: residents.counts, count: options.count)
        var marginalGain: CoverageLayer?
        if options.candidates == nil && options.area == nil {
            let gains = covers.enumerated().map { c, cover -> Float in
                candidates.covers[c] == nil || inPark[c] ? .nan : Float(cover.reduce(0.0) { $0 + residents.counts[Int($1)] })
            }
            marginalGain = CoverageLayer(.marginalGain, values: gains)
        }
        return ParkSuggestions(profile: profile, budgetMinutes: options.budgetMinutes, candidateNames: names, candidatePolygons: polygons,
                               picks: picks, coveredNow: base.coveredNow, totalResidents: base.totalResidents,
                               marginalGain: marginalGain, grid: base.grid)
    }
}

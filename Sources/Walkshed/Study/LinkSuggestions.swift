/// Settings of `Study.suggestLinks`; distances in metres.
public struct LinkSuggestionOptions: Sendable {
    /// How many links to pick.
    public var count = 5
    public var budgetMinutes = 15.0
    /// Longest link, in a straight line.
    public var maxLinkMetres = 200.0
    /// Today's walk between the ends must exceed this many times the link.
    public var detourFactor = 3.0
    /// The destination kind whose access counts.
    public var destinationKind = DestinationKind.park
    public var snapLimitMetres = 300.0
    public var threads = 1

    public init() {}
}

/// One suggested link, with what the first picks up to it bring when built together.
public struct SuggestedLink: Sendable {
    public var link: LinkCandidates.Link
    public var from: GeoCoordinate
    public var to: GeoCoordinate
    /// Residents this link adds to the earlier picks, by the greedy's estimate.
    public var gainResidents: Double
    /// Residents within the budget with this and every earlier link built, computed exactly
    /// on the edited network, and their share of all residents.
    public var cumulativeResidents: Double
    public var cumulativeShare: Double
}

/// Missing path links ranked by residents gained per metre built.
public struct LinkSuggestions: Sendable {
    public var profile: TravelProfile
    public var options: LinkSuggestionOptions
    public var candidateCount: Int
    public var coveredNow: Double
    public var totalResidents: Double
    public var links: [SuggestedLink]
}

extension Study {
    /// Pairs of nodes near in a straight line but far on the network, picked greedily by
    /// residents gained per metre; the coverage of the first k built together is recomputed
    /// exactly (incremental searches on the edited network).
    /// - Throws: `StudyError` without residents or for an unknown kind; `StudyCancelled`.
    public func suggestLinks(profile: TravelProfile, options: LinkSuggestionOptions, progress: any StudyProgress) throws -> LinkSuggestions {
        guard let residents else { throw StudyError.needsResidents("suggesting links") }
        let base = try SuggestionBaseline(study: self, residents: residents, profile: profile, kind: options.destinationKind,
                                          budgetMinutes: options.budgetMinutes, cellMetres: 100,
                                          snapLimitMetres: options.snapLimitMetres, threads: options.threads, progress: progress)
        progress.begin("finding links under \(Int(options.maxLinkMetres.rounded())) m with a detour over \(options.detourFactor)×")
        let candidates = LinkCandidates(graph: city.graph, costs: base.costs, projection: city.projection, maxMetres: options.maxLinkMetres,
                                        detourFactor: options.detourFactor, times: base.searches.times[0], places: base.snaps,
                                        uncovered: base.uncovered, budgetSeconds: options.budgetMinutes * 60, threads: options.threads)
        let chosen = LinkGreedy.pick(candidates, weights: residents.counts, count: options.count)
        try progress.checkCancelled()
        progress.begin("building the top \(chosen.count) links together")
        var edits: [ScenarioEdit] = [], links: [SuggestedLink] = []
        for (k, gain) in chosen {
            let link = candidates.links[k]
            let a = city.projection.unproject(city.graph.position(of: Int(link.from)))
            let b = city.projection.unproject(city.graph.position(of: Int(link.to)))
            edits.append(.addLink(from: a, to: b, edgeClass: .footway))
            let applied = try Scenario(name: "links", edits: edits).apply(to: city)
            let newCosts = costs(for: profile, on: applied.city)
            var diagnostics = Diagnostics()
            let newSets = destinationSets(costs: newCosts, snapLimitMetres: options.snapLimitMetres, on: applied.city, diagnostics: &diagnostics)
            let set = newSets[base.setIndex]
            let (times, _) = base.searches.updatedTimes(network: applied.network, costs: newCosts, sets: [set], threads: options.threads)
            let result = CoverageAnalysis.run(graph: applied.city.graph, costs: newCosts, destinations: [set],
                                              options: base.options,
                                              population: residents.positions, precomputedTimes: times)
            let cumulative = zip(result.populationLayers.first { $0.measure == .minutes(set.kind) }!.values, residents.counts)
                .reduce(0.0) { $0 + ($1.0 <= Float(options.budgetMinutes) ? $1.1 : 0) }
            links.append(SuggestedLink(link: link, from: a, to: b, gainResidents: gain, cumulativeResidents: cumulative,
                                       cumulativeShare: base.totalResidents > 0 ? cumulative / base.totalResidents : 0))
            try progress.checkCancelled()
        }
        return LinkSuggestions(profile: profile, options: options, candidateCount: candidates.links.count, coveredNow: base.coveredNow,
                               totalResidents: base.totalResidents, links: links)
    }
}

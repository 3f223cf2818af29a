/// What a greenway link should do most: join parks, join greenway length, or bring more
/// continuous greenway to more residents.
public enum GreenwayLinkObjective: String, Sendable, CaseIterable {
    /// Pairs of parks joined along greenway: Σ over groups of C(parks touching the group, 2).
    case parks
    /// Mean continuous greenway from a greenway point: Σ L² / Σ L over groups, metres.
    case length
    /// Resident-kilometres: Σ over groups of (residents within the budget of it) × its km.
    case residents
}

/// Break points chosen greedily to close, each with its gain and the running total.
public struct GreenwayLinkSuggestions: Sendable {
    public struct Pick: Sendable {
        public var breakPoint: GreenwayBreakPoint
        /// The objective's increase from this link, given the earlier picks.
        public var gain: Double
        /// The objective after this and every earlier pick.
        public var value: Double
    }

    public var objective: GreenwayLinkObjective
    /// The objective today.
    public var before: Double
    public var picks: [Pick]
    /// The picks as a scenario: one straight greenway path (class `path`) per gap, from its
    /// vertex on one component to its point on the other; `walkshed scenario` and `walkshed
    /// serve` take it as it is.
    public var scenario: Scenario
}

extension Study {
    /// The greenway network analysed (`greenways`), then `count` break points chosen to close
    /// for `objective` (`GreenwayReport.suggestLinks`).
    /// - Throws: `StudyError.needsResidents` for the residents objective without residents;
    ///   `StudyCancelled`.
    public func suggestGreenwayLinks(profile: TravelProfile, options: GreenwayOptions, objective: GreenwayLinkObjective, count: Int,
                                     progress: any StudyProgress) throws -> GreenwayLinkSuggestions {
        try greenways(profile: profile, options: options, progress: progress).suggestLinks(objective: objective, count: count, city: city)
    }
}

extension GreenwayReport {
    /// Picks up to `count` break points one at a time, each the one whose closing raises
    /// `objective` most given the earlier picks (ties: the shorter gap, then the earlier break
    /// point); stops when none gains. Gaps under 1 m (components crossing without a junction)
    /// need a junction rather than a path and are not proposed.
    /// - Throws: `StudyError.needsResidents` for the residents objective without residents.
    public func suggestLinks(objective: GreenwayLinkObjective, count: Int, city: City) throws -> GreenwayLinkSuggestions {
        if objective == .residents && residentWeights == nil { throw StudyError.needsResidents("greenway links for residents") }
        var groups = GreenwayGroups(report: self)
        let before = groups.value(objective)
        var picks: [GreenwayLinkSuggestions.Pick] = []
        var open = breakPoints.indices.filter { breakPoints[$0].gap.straightMetres >= 1 }
        while picks.count < count {
            var best: (gain: Double, metres: Double, index: Int)?
            for k in open {
                let gap = breakPoints[k].gap
                guard let gain = groups.gain(joining: gap.first, gap.second, objective) else { continue }
                if best == nil || (gain, -gap.straightMetres, -k) > (best!.gain, -best!.metres, -best!.index) { best = (gain, gap.straightMetres, k) }
            }
            guard let chosen = best, chosen.gain > 0 else { break }
            let gap = breakPoints[chosen.index].gap
            groups.join(gap.first, gap.second)
            picks.append(.init(breakPoint: breakPoints[chosen.index], gain: chosen.gain, value: groups.value(objective)))
            open.removeAll { $0 == chosen.index }
        }
        let edits = picks.map { pick -> ScenarioEdit in
            let (from, to) = pick.breakPoint.gap.ends(graph: city.graph)
            // Degrees to 7 decimals (about a centimetre): the path's ends join edges within metres.
            func rounded(_ p: PlanarPoint) -> GeoCoordinate {
                let c = city.projection.unproject(p)
                return GeoCoordinate(longitude: (c.longitude * 1e7).rounded() / 1e7, latitude: (c.latitude * 1e7).rounded() / 1e7)
            }
            return .addPath(points: [rounded(from), rounded(to)], edgeClass: .path, greenway: true)
        }
        return GreenwayLinkSuggestions(objective: objective, before: before, picks: picks,
                                       scenario: Scenario(name: "greenway-links-\(objective.rawValue)", edits: edits))
    }
}

/// Components joined into groups by closed gaps, with what each group holds.
struct GreenwayGroups {
    var sets: DisjointSets
    var metres: [Double]
    var parks: [Set<Int32>]
    var residents: [Set<Int32>]
    let weights: [Double]
    let totalMetres: Double

    init(report: GreenwayReport) {
        sets = DisjointSets(count: report.components.count)
        metres = report.components.map(\.metres)
        parks = report.components.map { Set($0.parks) }
        residents = report.components.map { Set($0.residentPoints) }
        weights = report.residentWeights ?? []
        totalMetres = report.network.totalMetres
    }

    /// Residents at `points`, summed in point order (a set's own order changes run to run).
    func weight(_ points: Set<Int32>) -> Double { points.sorted().reduce(0) { $0 + weights[Int($1)] } }
    static func pairs(_ n: Int) -> Double { Double(n * (n - 1) / 2) }

    /// The objective's increase if the groups of `a` and `b` were joined; nil when they are one.
    mutating func gain(joining a: Int32, _ b: Int32, _ objective: GreenwayLinkObjective) -> Double? {
        let ra = Int(sets.root(a)), rb = Int(sets.root(b))
        guard ra != rb else { return nil }
        switch objective {
        case .parks:
            return Self.pairs(parks[ra].union(parks[rb]).count) - Self.pairs(parks[ra].count) - Self.pairs(parks[rb].count)
        case .length:
            return totalMetres > 0 ? 2 * metres[ra] * metres[rb] / totalMetres : 0
        case .residents:
            let joined = weight(residents[ra].union(residents[rb])) * (metres[ra] + metres[rb])
            return (joined - weight(residents[ra]) * metres[ra] - weight(residents[rb]) * metres[rb]) / 1000
        }
    }

    mutating func join(_ a: Int32, _ b: Int32) {
        guard let (kept, absorbed) = sets.union(a, b) else { return }
        let (keep, drop) = (Int(kept), Int(absorbed))
        metres[keep] += metres[drop]
        parks[keep].formUnion(parks[drop])
        residents[keep].formUnion(residents[drop])
    }

    /// The objective over the current groups.
    mutating func value(_ objective: GreenwayLinkObjective) -> Double {
        let roots = Set(metres.indices.map { sets.root(Int32($0)) }).sorted()
        switch objective {
        case .parks: return roots.reduce(0) { $0 + Self.pairs(parks[Int($1)].count) }
        case .length: return totalMetres > 0 ? roots.reduce(0) { $0 + metres[Int($1)] * metres[Int($1)] } / totalMetres : 0
        case .residents: return roots.reduce(0) { $0 + weight(residents[Int($1)]) * metres[Int($1)] } / 1000
        }
    }
}

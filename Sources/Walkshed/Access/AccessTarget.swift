/// A declarative accessibility target `walkshed check` verifies, e.g. "80 % of residents within
/// 15 minutes' walk of a park".
public struct AccessTarget: Sendable, Equatable {
    /// What the share is taken over.
    public enum Basis: String, Sendable {
        /// Residents (population points; those off the network count as not meeting it).
        case population
        /// Grid cells within the snap limit of the network.
        case cells
    }

    /// Shown in reports; defaults to a description of the rule.
    public var name: String
    /// `.minutes` of a kind, `.greenwayMinutes` or `.categoriesWithin`.
    public var measure: Measure
    public var profile: String
    /// The time budget in minutes.
    public var withinMinutes: Double
    /// For `categories_within`: how many categories must be within the budget (nil: all).
    public var atLeastCategories: Int?
    public var basis: Basis
    /// The share (0...1) that must meet the rule.
    public var minimumShare: Double

    public init(name: String, measure: Measure, profile: String, withinMinutes: Double, atLeastCategories: Int? = nil,
                basis: Basis, minimumShare: Double) {
        self.name = name
        self.measure = measure
        self.profile = profile
        self.withinMinutes = withinMinutes
        self.atLeastCategories = atLeastCategories
        self.basis = basis
        self.minimumShare = minimumShare
    }

    /// Whether one place meets the rule, given its layers by name (minutes; NaN unreachable).
    /// `setLayers` are the minutes layers of every kind, for `categories_within`.
    func meets(place i: Int, layer: CoverageLayer?, setLayers: [CoverageLayer]) -> Bool {
        if measure == .categoriesWithin {
            let within = setLayers.reduce(0) { $0 + ($1.values[i] <= Float(withinMinutes) ? 1 : 0) }
            return within >= (atLeastCategories ?? setLayers.count)
        }
        guard let value = layer?.values[i], !value.isNaN else { return false }
        return value <= Float(withinMinutes)
    }

    /// The share of places meeting the rule: over `residents` (all of them) for the population
    /// basis, over snapped cells for the cell basis. `kinds` are the destination kinds whose
    /// minutes layers `categories_within` counts.
    public func measuredShare(layers: [CoverageLayer], kinds: [DestinationKind], snapped: [Bool], residents: [Double]?) -> Double {
        let layer = layers.first { $0.measure == measure }
        let setLayers = kinds.compactMap { kind in layers.first { $0.measure == .minutes(kind) } }
        var total = 0.0, meeting = 0.0
        for i in snapped.indices {
            let weight = basis == .population ? residents?[i] ?? 0 : (snapped[i] ? 1 : 0)
            total += weight
            if weight > 0 && snapped[i] && meets(place: i, layer: layer, setLayers: setLayers) { meeting += weight }
        }
        return total > 0 ? meeting / total : 0
    }
}

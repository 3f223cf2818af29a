/// How many residents meet one measure, weighted by the residents at each point.
public struct PopulationSummary: Sendable, Equatable {
    public var name: String
    /// All residents given, reachable or not.
    public var residents: Double
    /// Residents at points with a value (snapped, and something reachable).
    public var residentsWithData: Double
    /// Residents meeting the budget (minutes ≤ budget; for `categories_within`, every set).
    public var residentsMeetingBudget: Double
    /// `residentsMeetingBudget / residents` (0 with no residents).
    public var share: Double
    /// Population-weighted median and 90th percentile of the value; nil when that resident
    /// has no value (unreachable or off the network).
    public var median: Double?
    public var percentile90: Double?
    /// Population-weighted Gini index of the value over residents with a value (0: everyone
    /// equal, → 1: concentrated); nil with none, or when every value is 0.
    public var gini: Double?

    /// Summarises `layer` over points holding `residents`; `setCount` is the number of
    /// destination sets (for `categories_within`).
    public init(layer: CoverageLayer, residents: [Double], budgetMinutes: Double, setCount: Int) {
        precondition(layer.values.count == residents.count)
        name = layer.name
        var total = 0.0, withData = 0.0, meeting = 0.0
        var valued: [(value: Float, residents: Double)] = []
        for (v, r) in zip(layer.values, residents) {
            total += r
            guard !v.isNaN else { continue }
            withData += r
            valued.append((v, r))
            let meets = layer.meetsBudget(v, budgetMinutes: budgetMinutes, setCount: setCount)
            if meets { meeting += r }
        }
        self.residents = total
        residentsWithData = withData
        residentsMeetingBudget = meeting
        share = total > 0 ? meeting / total : 0
        valued.sort { $0.value < $1.value }
        func percentile(_ p: Double) -> Double? {
            guard total > 0 else { return nil }
            var cumulative = 0.0
            for entry in valued {
                cumulative += entry.residents
                if cumulative >= p * total { return Double(entry.value) }
            }
            return nil   // the p-th resident has no value
        }
        median = percentile(0.5)
        percentile90 = percentile(0.9)
        gini = Self.gini(valued)
    }

    /// Σᵢ Σⱼ wᵢ wⱼ |xᵢ − xⱼ| / (2 W² μ), computed on ascending values as
    /// Σᵢ wᵢ (xᵢ Pᵢ − Qᵢ) / (W Σ w x), with Pᵢ, Qᵢ the weight and weighted sum before i.
    static func gini(_ sorted: [(value: Float, residents: Double)]) -> Double? {
        var before = 0.0, weightedBefore = 0.0, numerator = 0.0
        for entry in sorted {
            let x = Double(entry.value), w = entry.residents
            numerator += w * (x * before - weightedBefore)
            before += w
            weightedBefore += w * x
        }
        guard before > 0, weightedBefore > 0 else { return nil }
        return numerator / (before * weightedBefore)
    }
}

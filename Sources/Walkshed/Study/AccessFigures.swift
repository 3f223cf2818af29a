/// One city, as it is or as a scenario leaves it, summed up at one time budget: what a batch
/// over many cities tabulates side by side. Measures are the built-in kinds' minutes, then
/// `all_kinds_minutes` (per place, the time to the farthest of the nearest of every built-in
/// kind: within the budget exactly when every kind is).
public struct AccessFigures: Sendable {
    /// `baseline`, or the scenario's name.
    public var scenario: String
    public var budgetMinutes: Double
    /// Cells counted: inside the boundary, and on the network in the baseline or with a value here.
    public var cells: Int
    /// Per measure (`measureNames`), the share of counted cells within the budget (0…1).
    public var cellShares: [Double]
    /// Residents inside the boundary; nil without residents.
    public var residents: Double?
    /// Per measure, the share of residents within the budget (off the network: not within).
    public var residentShares: [Double]?
    /// Per measure, the population-weighted median minutes; nil where the median resident
    /// reaches nothing of that kind.
    public var residentMedians: [Double?]?
    /// The standard indicators (SDG 11.7.1 … F15) of this city and budget; empty without residents.
    public var indicators: [IndicatorValue]
    /// The targets of this profile and the share each measured.
    public var targets: [MeasuredTarget]

    /// The measures of `cellShares`, `residentShares` and `residentMedians`, in order.
    public static let measureNames = DestinationKind.builtIn.map { Measure.minutes($0).name } + ["all_kinds_minutes"]

    /// Per place, the minutes of each built-in kind, then the farthest of them (NaN when any
    /// kind is unreachable), taken from analysis `layers` of `count` places (with no places,
    /// an analysis has no layers).
    static func measureValues(_ layers: [CoverageLayer], count: Int) -> [[Float]] {
        let kinds = DestinationKind.builtIn.map { kind in layers.first { $0.measure == .minutes(kind) }?.values ?? [] }
        precondition(kinds.allSatisfy { $0.count == count }, "an analysis layer per built-in kind, one value per place")
        let farthest = (0..<count).map { i in kinds.reduce(Float(0)) { $0.isNaN || $1[i].isNaN ? .nan : Swift.max($0, $1[i]) } }
        return kinds + [farthest]
    }

    /// Shares within `budgetMinutes` of `counted` places, per measure.
    static func cellShares(_ values: [[Float]], counted: [Bool], budgetMinutes: Double) -> (cells: Int, shares: [Double]) {
        let cells = counted.reduce(0) { $0 + ($1 ? 1 : 0) }
        let budget = Float(budgetMinutes)
        let shares = values.map { layer in
            var within = 0
            for i in layer.indices where counted[i] && layer[i] <= budget { within += 1 }
            return cells == 0 ? 0 : Double(within) / Double(cells)
        }
        return (cells, shares)
    }

    /// Shares within `budgetMinutes` and weighted medians over residents, per measure.
    static func residentFigures(_ values: [[Float]], residents: [Double], budgetMinutes: Double) -> (shares: [Double], medians: [Double?]) {
        let summaries = zip(measureNames, values).map { name, layer in
            PopulationSummary(layer: CoverageLayer(.perResident(name, .minutes), values: layer), residents: residents,
                              budgetMinutes: budgetMinutes, setCount: 0)
        }
        return (summaries.map(\.share), summaries.map(\.median))
    }
}

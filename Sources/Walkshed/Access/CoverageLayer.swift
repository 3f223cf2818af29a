/// One measure over places (grid cells or population points): a value per place, `Float.nan`
/// where there is no data (the place is beyond the snap limit, or nothing is reachable).
public struct CoverageLayer: Sendable {
    public let measure: Measure
    public let values: [Float]

    public init(_ measure: Measure, values: [Float]) {
        self.measure = measure
        self.values = values
    }

    /// File and column name (`park_minutes`, `categories_within`).
    public var name: String { measure.name }
    public var unit: Measure.Unit { measure.unit }

    /// Cells holding a value.
    public var cellsWithData: Int { values.reduce(0) { $0 + ($1.isNaN ? 0 : 1) } }

    /// Digits after the point in text outputs: minutes 2, weights 3, counts 0.
    public var decimals: Int {
        switch unit {
        case .minutes: 2
        case .weight: 3
        default: 0
        }
    }

    /// Whether `value` meets the budget: minutes within it; `categories_within` every one of
    /// `setCount` sets; a count at least one destination; a weight above zero.
    public func meetsBudget(_ value: Float, budgetMinutes: Double, setCount: Int) -> Bool {
        Self.meetsBudget(value, unit: unit, budgetMinutes: budgetMinutes, setCount: setCount)
    }

    /// `meetsBudget` for a layer of `unit` (found once, not per value: a measure's unit is a
    /// switch over its cases).
    @inline(__always)
    static func meetsBudget(_ value: Float, unit: Measure.Unit, budgetMinutes: Double, setCount: Int) -> Bool {
        switch unit {
        case .minutes: value <= Float(budgetMinutes)
        case .categories: value >= Float(setCount)
        default: value > 0
        }
    }
}

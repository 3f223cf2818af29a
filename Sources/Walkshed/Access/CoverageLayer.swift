/// One measure over places (grid cells or population points): a value per place, `Float.nan`
/// where there is no data (the place is beyond the snap limit, or nothing is reachable).
public struct CoverageLayer: Sendable {
    /// File and column name (`park_minutes`, `categories_within`).
    public let name: String
    /// Unit of the values (`minutes`, `categories`).
    public let unit: String
    public let values: [Float]

    public init(name: String, unit: String, values: [Float]) {
        self.name = name
        self.unit = unit
        self.values = values
    }

    /// Cells holding a value.
    public var cellsWithData: Int { values.reduce(0) { $0 + ($1.isNaN ? 0 : 1) } }

    /// Digits after the point in text outputs: minutes 2, weights 3, counts 0.
    public var decimals: Int {
        switch unit {
        case "minutes": 2
        case "weight": 3
        default: 0
        }
    }

    /// Whether `value` meets the budget: minutes within it; `categories_within` every one of
    /// `setCount` sets; a count at least one destination; a weight above zero.
    public func meetsBudget(_ value: Float, budgetMinutes: Double, setCount: Int) -> Bool {
        switch unit {
        case "minutes": value <= Float(budgetMinutes)
        case "categories": value >= Float(setCount)
        default: value > 0
        }
    }
}

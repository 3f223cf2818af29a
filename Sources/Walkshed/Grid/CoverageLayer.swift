/// One measure over the grid: a value per cell, `Float.nan` where there is no data (the cell
/// is beyond the snap limit, or no destination is reachable).
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
}

/// Share of cells meeting a budget, for one layer.
public struct LayerSummary: Sendable, Equatable {
    public var name: String
    /// Snapped cells (the cells a share is taken over).
    public var cellsOnNetwork: Int
    /// Snapped cells where the layer has a value.
    public var cellsWithData: Int
    /// Snapped cells meeting the budget (minutes ≤ budget, or every category within it).
    public var cellsMeetingBudget: Int
    /// `cellsMeetingBudget / cellsOnNetwork` (0 when there are no cells).
    public var shareMeetingBudget: Double
    /// Mean over cells with data (minutes or categories); nil with none.
    public var mean: Double?
    /// Median over cells with data; nil with none.
    public var median: Double?
}

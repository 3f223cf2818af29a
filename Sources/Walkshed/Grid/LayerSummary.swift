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

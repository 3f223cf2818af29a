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
}

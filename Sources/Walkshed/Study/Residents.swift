/// Where people live: one point per resident group, with how many live there.
///
/// Positions are in the study's projected metres; `counts` are residents (not necessarily
/// whole numbers: a census hexagon's share, a building's estimate).
public struct Residents: Sendable {
    /// Where the population came from, for summaries (`"porto-alegre.hexgrid.csv"`,
    /// `"residential buildings"`).
    public var source: String
    public var positions: [PlanarPoint]
    /// Residents at each position; `counts.count == positions.count`.
    public var counts: [Double]

    public init(source: String, positions: [PlanarPoint], counts: [Double]) {
        precondition(positions.count == counts.count, "one count per position")
        self.source = source
        self.positions = positions
        self.counts = counts
    }

    /// All residents.
    public var total: Double { counts.reduce(0, +) }
}

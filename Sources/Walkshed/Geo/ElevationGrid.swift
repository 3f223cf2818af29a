/// A digital elevation model on a regular grid, in metres above a datum, sampled bilinearly
/// between cell centres.
public struct ElevationGrid: Sendable {
    /// How grid coordinates relate to the city's: longitude/latitude degrees, or a UTM zone.
    public enum Coordinates: Sendable, Equatable {
        case degrees
        case utm(UTMProjection)
    }

    public let coordinates: Coordinates
    /// Lower-left corner of the lower-left cell and the cell side, in grid units.
    public let xLowerLeft: Double
    public let yLowerLeft: Double
    public let cellSize: Double
    public let columns: Int
    public let rows: Int
    /// Row-major, row 0 at the top (north); `.nan` where the model has no data.
    public let metres: [Float]

    public init(coordinates: Coordinates, xLowerLeft: Double, yLowerLeft: Double, cellSize: Double, columns: Int, rows: Int,
                metres: [Float]) {
        precondition(metres.count == columns * rows && cellSize > 0)
        self.coordinates = coordinates
        self.xLowerLeft = xLowerLeft
        self.yLowerLeft = yLowerLeft
        self.cellSize = cellSize
        self.columns = columns
        self.rows = rows
        self.metres = metres
    }

    /// Elevation at a point of the city (projected with `projection`), or nil outside the grid
    /// or next to a NODATA cell.
    public func elevation(at p: PlanarPoint, projection: UTMProjection) -> Double? {
        let (x, y): (Double, Double)
        switch coordinates {
        case .degrees:
            let c = projection.unproject(p)
            (x, y) = (c.longitude, c.latitude)
        case .utm(let own) where own == projection:
            (x, y) = (p.x, p.y)
        case .utm(let own):
            let q = own.project(projection.unproject(p))
            (x, y) = (q.x, q.y)
        }
        // Fractional column and row between cell centres; rows count down from the top.
        let column = (x - xLowerLeft) / cellSize - 0.5
        let rowFromBottom = (y - yLowerLeft) / cellSize - 0.5
        guard column >= 0, rowFromBottom >= 0, column <= Double(columns - 1), rowFromBottom <= Double(rows - 1) else { return nil }
        let c0 = min(Int(column), max(0, columns - 2)), b0 = min(Int(rowFromBottom), max(0, rows - 2))
        let c1 = min(c0 + 1, columns - 1), b1 = min(b0 + 1, rows - 1)
        let fx = column - Double(c0), fy = rowFromBottom - Double(b0)
        func at(_ c: Int, _ b: Int) -> Double { Double(metres[(rows - 1 - b) * columns + c]) }
        let v00 = at(c0, b0), v10 = at(c1, b0), v01 = at(c0, b1), v11 = at(c1, b1)
        let value = (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy
        return value.isNaN ? nil : value
    }
}

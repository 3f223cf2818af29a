#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Square cells in projected metres. Row 0 is the northernmost row, as in ESRI ASCII grids;
/// cell `i` is row `i / columns`, column `i % columns`.
public struct GridGeometry: Sendable, Hashable {
    /// West edge of the grid, in metres (easting).
    public let originX: Double
    /// South edge of the grid, in metres (northing).
    public let originY: Double
    /// Side of a cell, in metres.
    public let cellMetres: Double
    public let columns: Int
    public let rows: Int

    public init(originX: Double, originY: Double, cellMetres: Double, columns: Int, rows: Int) {
        precondition(cellMetres > 0 && columns > 0 && rows > 0)
        precondition(!columns.multipliedReportingOverflow(by: rows).overflow, "grid too large")
        self.originX = originX
        self.originY = originY
        self.cellMetres = cellMetres
        self.columns = columns
        self.rows = rows
    }

    /// The grid covering `box` with edges on multiples of `cellMetres`.
    public init(covering box: BoundingBox, cellMetres: Double) {
        precondition(!box.isEmpty && box.minX.isFinite && box.maxY.isFinite, "grid needs a non-empty, finite box")
        let x0 = floor(box.minX / cellMetres) * cellMetres
        let y0 = floor(box.minY / cellMetres) * cellMetres
        let columns = max(1, Int(ceil((box.maxX - x0) / cellMetres)))
        let rows = max(1, Int(ceil((box.maxY - y0) / cellMetres)))
        self.init(originX: x0, originY: y0, cellMetres: cellMetres, columns: columns, rows: rows)
    }

    public var cellCount: Int { columns * rows }

    /// Centre of cell `i`, in metres.
    public func centre(ofCell i: Int) -> PlanarPoint {
        let row = i / columns, column = i % columns
        return PlanarPoint(x: originX + (Double(column) + 0.5) * cellMetres,
                           y: originY + (Double(rows - row) - 0.5) * cellMetres)
    }

    /// The four corners of cell `i` counter-clockwise from south-west, in metres.
    public func corners(ofCell i: Int) -> [PlanarPoint] {
        let row = i / columns, column = i % columns
        let west = originX + Double(column) * cellMetres, south = originY + Double(rows - row - 1) * cellMetres
        return [PlanarPoint(x: west, y: south), PlanarPoint(x: west + cellMetres, y: south),
                PlanarPoint(x: west + cellMetres, y: south + cellMetres), PlanarPoint(x: west, y: south + cellMetres)]
    }

    /// Cells whose centres fall inside `box`, as (row range, column range).
    public func cellRanges(in box: BoundingBox) -> (rows: ClosedRange<Int>, columns: ClosedRange<Int>)? {
        let c0 = max(0, Int(ceil((box.minX - originX) / cellMetres - 0.5)))
        let c1 = min(columns - 1, Int(floor((box.maxX - originX) / cellMetres - 0.5)))
        let southRow0 = max(0, Int(ceil((box.minY - originY) / cellMetres - 0.5)))
        let southRow1 = min(rows - 1, Int(floor((box.maxY - originY) / cellMetres - 0.5)))
        guard c0 <= c1, southRow0 <= southRow1 else { return nil }
        return ((rows - 1 - southRow1)...(rows - 1 - southRow0), c0...c1)
    }

    /// The cells whose centre lies inside `polygon`, ascending.
    public func cells(inside polygon: PlanarPolygon) -> [Int] {
        guard let ranges = cellRanges(in: polygon.bounds) else { return [] }
        var inside: [Int] = []
        for row in ranges.rows {
            for column in ranges.columns where polygon.contains(centre(ofCell: row * columns + column)) { inside.append(row * columns + column) }
        }
        return inside
    }
}

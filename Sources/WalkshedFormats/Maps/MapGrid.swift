import Foundation
import Walkshed

/// A grid read back from an ESRI ASCII grid for drawing: values row by row, top row first,
/// NaN where the file says NODATA. Coordinates are the grid's own (projected metres).
public struct MapGrid: Sendable {
    /// The file name without `.asc` (`park_minutes`, `food_minutes_change`).
    public var name: String
    public var header: AsciiGridHeader
    public var values: [Float]

    public init(name: String, header: AsciiGridHeader, values: [Float]) {
        precondition(values.count == header.rows * header.columns, "one value per cell")
        self.name = name
        self.header = header
        self.values = values
    }

    /// `layer` over `grid` as its `.asc` file holds it (what `read` returns for the file):
    /// values at the decimals they are written with, the header at 3.
    public init(writing layer: CoverageLayer, grid: GridGeometry) {
        func written(_ v: Double) -> Double { FixedPoint.asWritten(v, decimals: 3) }
        let header = AsciiGridHeader(columns: grid.columns, rows: grid.rows, xLowerLeft: written(grid.originX), yLowerLeft: written(grid.originY),
                                     cellSize: written(grid.cellMetres), noData: Double(AsciiGridWriter.noData)!)
        self.init(name: layer.name, header: header, values: layer.values.map { $0.isNaN ? .nan : Float(FixedPoint.asWritten(Double($0), decimals: layer.decimals)) })
    }

    /// Most cells a map grid may have (2²⁶, 256 MB of values).
    public static let maxCells = 1 << 26

    /// Reads `path`: an ESRI ASCII grid, or a GeoTIFF (`.tif`).
    /// - Throws: `InputFileError`, `AsciiGridError`, `GeoTIFFError`.
    public static func read(_ path: String) throws -> MapGrid {
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        if GeoRasterFile.isGeoTIFF(path) {
            let raster = try GeoTIFFReader.read(path, maxCells: maxCells)
            return MapGrid(name: name, header: raster.header, values: raster.values)
        }
        var reader = try AsciiGridReader(path: path)
        defer { reader.close() }
        let header = try reader.readHeader()
        guard header.rows * header.columns <= maxCells else {
            throw InputFileError(path: path, message: "\(header.rows) × \(header.columns) cells is more than a map draws (\(maxCells))")
        }
        var values = [Float](repeating: .nan, count: header.rows * header.columns)
        try reader.readValues(header) { row, column, value in values[row * header.columns + column] = Float(value) }
        return MapGrid(name: name, header: header, values: values)
    }
}

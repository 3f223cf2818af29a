import Foundation
import Walkshed

/// Reads a digital elevation model (metres) from a GeoTIFF, or from an ESRI ASCII grid in
/// degrees or in a UTM zone named by the `.prj` beside it (as for population grids). At most
/// `maxCells` cells.
public enum ElevationGridReader {
    /// Largest model accepted: 2²⁷ cells (512 MiB of elevations).
    public static let maxCells = 1 << 27

    /// - Throws: `InputFileError`, `AsciiGridError`, `GeoTIFFError`.
    public static func read(_ path: String) throws -> ElevationGrid {
        let raster = try GeoRasterFile.read(path, maxCells: maxCells)
        let header = raster.header
        if let k = raster.values.firstIndex(where: { !$0.isNaN && !ValidRange.elevationMetres.contains(Double($0)) }) {
            throw InputFileError(path: path, message: "row \(k / header.columns + 1), column \(k % header.columns + 1): elevation \(raster.values[k]) m "
                                 + "is beyond \(ValidRange.text(ValidRange.elevationMetres)) m")
        }
        return ElevationGrid(coordinates: raster.projection.map { .utm($0) } ?? .degrees, xLowerLeft: header.xLowerLeft,
                             yLowerLeft: header.yLowerLeft, cellSize: header.cellSize, columns: header.columns, rows: header.rows,
                             metres: raster.values)
    }
}

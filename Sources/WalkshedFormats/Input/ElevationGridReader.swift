import Foundation
import Walkshed

/// Reads a digital elevation model from an ESRI ASCII grid (metres), in degrees or in a UTM
/// zone named by the `.prj` beside it (as for population grids). At most `maxCells` cells.
public enum ElevationGridReader {
    /// Largest model accepted: 2²⁷ cells (512 MiB of elevations).
    public static let maxCells = 1 << 27

    /// - Throws: `InputFileError`, `AsciiGridError`.
    public static func read(_ path: String) throws -> ElevationGrid {
        let prjPath = (path as NSString).deletingPathExtension + ".prj"
        let zone = try FileManager.default.contents(atPath: prjPath).flatMap { data in
            try PopulationGridReader.utmZone(inProjection: String(decoding: data, as: UTF8.self), path: prjPath)
        }
        var reader = try AsciiGridReader(path: path)
        defer { reader.close() }
        let header = try reader.readHeader()
        guard header.columns * header.rows <= maxCells else {
            throw AsciiGridError(path: path, line: 1, message: "\(header.columns) × \(header.rows) cells is more than the \(maxCells) accepted for an elevation model")
        }
        var metres = [Float](repeating: .nan, count: header.columns * header.rows)
        try reader.readValues(header) { row, column, value in metres[row * header.columns + column] = Float(value) }
        return ElevationGrid(coordinates: zone.map { .utm($0) } ?? .degrees, xLowerLeft: header.xLowerLeft, yLowerLeft: header.yLowerLeft,
                             cellSize: header.cellSize, columns: header.columns, rows: header.rows, metres: metres)
    }
}

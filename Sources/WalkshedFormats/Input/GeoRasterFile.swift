import Foundation
import Walkshed

/// Reads an input raster (population counts, elevations) from a GeoTIFF or an ESRI ASCII grid
/// with its optional `.prj`, chosen by the file's extension, with the CRS checked: WGS 84
/// degrees or a WGS 84 UTM zone.
public enum GeoRasterFile {
    /// True for `.tif` and `.tiff` names.
    public static func isGeoTIFF(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".tif") || lower.hasSuffix(".tiff")
    }

    /// True for the raster files `--population` and `--dem` take.
    public static func isRaster(_ path: String) -> Bool { isGeoTIFF(path) || path.lowercased().hasSuffix(".asc") }

    /// - Throws: `InputFileError`, `AsciiGridError`, `GeoTIFFError`.
    public static func read(_ path: String, maxCells: Int) throws -> GeoRaster {
        if isGeoTIFF(path) { return try GeoTIFFReader.read(path, maxCells: maxCells) }
        let projection = try projectionBeside(path)
        var reader = try AsciiGridReader(path: path)
        defer { reader.close() }
        let header = try reader.readHeader()
        guard header.columns.multipliedReportingOverflow(by: header.rows).partialValue <= maxCells else {
            throw AsciiGridError(path: path, line: 1, message: "\(header.columns) × \(header.rows) cells is more than the \(maxCells) accepted")
        }
        var values = [Float](repeating: .nan, count: header.columns * header.rows)
        try reader.readValues(header) { row, column, value in values[row * header.columns + column] = Float(value) }
        return GeoRaster(header: header, values: values, projection: projection)
    }

    /// The UTM zone the `.prj` beside an ASCII grid names; nil without one or for WGS 84
    /// degrees; throws for any other projection.
    static func projectionBeside(_ path: String) throws -> UTMProjection? {
        let prjPath = (path as NSString).deletingPathExtension + ".prj"
        return try FileManager.default.contents(atPath: prjPath).flatMap { data in
            try PopulationGridReader.utmZone(inProjection: String(decoding: data, as: UTF8.self), path: prjPath)
        }
    }
}

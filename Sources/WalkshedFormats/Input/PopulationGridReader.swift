import Foundation
import Walkshed

/// Reads residents from a grid of counts per cell (WorldPop, GHS-POP and census grids): one
/// point per cell centre holding residents (> 0). An ESRI ASCII grid is in longitude/latitude
/// degrees (WGS 84) unless a `.prj` beside it names a WGS 84 UTM zone (`WGS_1984_UTM_Zone_23S`,
/// `UTM zone 23S`); a GeoTIFF says its CRS in its GeoKeys (EPSG 4326 or a UTM zone). Any other
/// projection is refused.
public enum PopulationGridReader {
    /// Most cells of a population GeoTIFF (2²⁸, 1 GiB of float32 values).
    public static let maxGeoTIFFCells = 1 << 28

    /// Reads `path` (and `path` with `.prj` for `.asc`, when present).
    /// - Throws: `InputFileError`, `AsciiGridError`, `GeoTIFFError`.
    public static func read(_ path: String) throws -> PopulationTable {
        var cells: [(row: Int, column: Int, residents: Double)] = []
        var negative: (row: Int, column: Int, value: Double)?
        func add(_ row: Int, _ column: Int, _ value: Double) {
            if !ValidRange.residents.contains(value) { negative = negative ?? (row, column, value) } else if value > 0 { cells.append((row, column, value)) }
        }
        let header: AsciiGridHeader, projection: UTMProjection?
        if GeoRasterFile.isGeoTIFF(path) {
            let raster = try GeoTIFFReader.read(path, maxCells: maxGeoTIFFCells)
            (header, projection) = (raster.header, raster.projection)
            for (i, v) in raster.values.enumerated() where !v.isNaN { add(i / header.columns, i % header.columns, Double(v)) }
        } else {
            projection = try GeoRasterFile.projectionBeside(path)
            var reader = try AsciiGridReader(path: path)
            defer { reader.close() }
            header = try reader.read { row, column, value in add(row, column, value) }
        }
        if let negative {
            throw InputFileError(path: path, message: "row \(negative.row + 1), column \(negative.column + 1): population \(negative.value) is "
                                 + (negative.value < 0 ? "negative" : "beyond \(ValidRange.text(ValidRange.residents)) in one cell"))
        }
        var table = PopulationTable(header: ["lon", "lat", "population", "row", "column"], rows: [], coordinates: [], residents: [])
        for cell in cells {
            let (x, y) = header.centre(row: cell.row, column: cell.column)
            let coordinate = projection.map { $0.unproject(PlanarPoint(x: x, y: y)) } ?? GeoCoordinate(longitude: x, latitude: y)
            guard abs(coordinate.longitude) <= 180, abs(coordinate.latitude) <= 90 else {
                throw InputFileError(path: path, message: "row \(cell.row + 1), column \(cell.column + 1): centre (\(x), \(y)) is not a longitude and latitude; add a .prj naming the UTM zone")
            }
            table.rows.append([FixedPoint.format(coordinate.longitude, decimals: 7), FixedPoint.format(coordinate.latitude, decimals: 7),
                               FixedPoint.format(cell.residents, decimals: 3), "\(cell.row + 1)", "\(cell.column + 1)"])
            table.coordinates.append(coordinate)
            table.residents.append(cell.residents)
        }
        return table
    }

    /// The UTM zone a `.prj` names, nil for geographic WGS 84; throws for anything else.
    static func utmZone(inProjection text: String, path: String) throws -> UTMProjection? {
        try ProjectionText.utmZone(text, path: path)
    }
}

import Walkshed

/// ESRI ASCII raster (`.asc`): a six-line header then one line per row, north to south.
/// NODATA cells hold -9999.
public enum AsciiGridWriter {
    public static let noData = "-9999"

    /// The `.asc` text of `layer` over `grid`; minutes with 2 decimals, counts as integers.
    public static func text(_ layer: CoverageLayer, grid: GridGeometry) -> TextBuffer {
        let decimals = layer.decimals
        var out = TextBuffer(capacity: grid.cellCount * 6 + 200)
        out.append("ncols        \(grid.columns)\n")
        out.append("nrows        \(grid.rows)\n")
        out.append("xllcorner    \(FixedPoint.format(grid.originX, decimals: 3))\n")
        out.append("yllcorner    \(FixedPoint.format(grid.originY, decimals: 3))\n")
        out.append("cellsize     \(FixedPoint.format(grid.cellMetres, decimals: 3))\n")
        out.append("NODATA_value \(noData)\n")
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let v = layer.values[row * grid.columns + column]
                if column > 0 { out.append(byte: UInt8(ascii: " ")) }
                if v.isNaN { out.append(noData) } else { out.append(v, decimals: decimals) }
            }
            out.append(byte: UInt8(ascii: "\n"))
        }
        return out
    }

    /// ESRI WKT for a UTM zone on WGS 84, as written beside `.asc` files.
    public static func projectionText(_ projection: UTMProjection) -> String {
        let name = "WGS_1984_UTM_Zone_\(projection.zone)\(projection.isNorth ? "N" : "S")"
        return "PROJCS[\"\(name)\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
            + "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],"
            + "PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",\(FixedPoint.format(projection.falseNorthing, decimals: 1))],"
            + "PARAMETER[\"Central_Meridian\",\(FixedPoint.format(projection.centralMeridian, decimals: 1))],"
            + "PARAMETER[\"Scale_Factor\",0.9996],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]\n"
    }
}

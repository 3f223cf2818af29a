import Walkshed

/// Per-cell tables: one CSV and one RFC 7946 GeoJSON FeatureCollection, both listing only
/// cells attached to the network (others are NODATA in every measure).
public enum CellTableWriter {
    /// CSV with header `cell,row,col,x,y,lon,lat,<layer>…`; x/y in projected metres, lon/lat
    /// in degrees (6 decimals), minutes with 2 decimals, empty where a layer has no value.
    public static func csv(_ result: CoverageResult, projection: UTMProjection) -> String {
        let grid = result.grid
        var out = "cell,row,col,x,y,lon,lat," + result.layers.map(\.name).joined(separator: ",") + "\n"
        for i in 0..<grid.cellCount where result.snapped[i] {
            let centre = grid.centre(ofCell: i)
            let geo = projection.unproject(centre)
            out += "\(i),\(i / grid.columns),\(i % grid.columns),"
            out += FixedPoint.format(centre.x, decimals: 1) + "," + FixedPoint.format(centre.y, decimals: 1) + ","
            out += FixedPoint.format(geo.longitude, decimals: 6) + "," + FixedPoint.format(geo.latitude, decimals: 6)
            for layer in result.layers {
                let v = layer.values[i]
                out += "," + (v.isNaN ? "" : FixedPoint.format(v, decimals: layer.unit == "minutes" ? 2 : 0))
            }
            out += "\n"
        }
        return out
    }

    /// GeoJSON (RFC 7946): one Polygon feature per cell, exterior ring counter-clockwise in
    /// longitude/latitude (WGS 84), properties as in the CSV with `null` for no value.
    public static func geoJSON(_ result: CoverageResult, projection: UTMProjection) -> String {
        let grid = result.grid
        var out = "{\"type\":\"FeatureCollection\",\"features\":[\n"
        var first = true
        for i in 0..<grid.cellCount where result.snapped[i] {
            if !first { out += ",\n" }
            first = false
            let ring = grid.corners(ofCell: i).map(projection.unproject)
            let positions = (ring + [ring[0]]).map {
                "[\(FixedPoint.format($0.longitude, decimals: 6)),\(FixedPoint.format($0.latitude, decimals: 6))]"
            }
            out += "{\"type\":\"Feature\",\"id\":\(i),\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[["
            out += positions.joined(separator: ",") + "]]},\"properties\":{"
            out += "\"cell\":\(i),\"row\":\(i / grid.columns),\"col\":\(i % grid.columns)"
            for layer in result.layers {
                let v = layer.values[i]
                out += ",\"\(layer.name)\":" + (v.isNaN ? "null" : FixedPoint.format(v, decimals: layer.unit == "minutes" ? 2 : 0))
            }
            out += "}}"
        }
        out += "\n]}\n"
        return out
    }
}

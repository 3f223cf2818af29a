import Walkshed

/// Per-cell tables: one CSV and one RFC 7946 GeoJSON FeatureCollection, both listing only
/// cells attached to the network (others are NODATA in every measure).
public enum CellTableWriter {
    /// CSV with header `cell,row,col,x,y,lon,lat,<layer>…`; x/y in projected metres, lon/lat
    /// in degrees (6 decimals), minutes with 2 decimals, empty where a layer has no value.
    public static func csv(_ result: CoverageResult, projection: UTMProjection) -> TextBuffer {
        let grid = result.grid
        var out = TextBuffer(capacity: result.cellsOnNetwork * 100)
        out.append("cell,row,col,x,y,lon,lat," + result.layers.map(\.name).joined(separator: ",") + "\n")
        for i in 0..<grid.cellCount where result.snapped[i] {
            let centre = grid.centre(ofCell: i)
            let geo = projection.unproject(centre)
            out.append(i); out.append(byte: comma)
            out.append(i / grid.columns); out.append(byte: comma)
            out.append(i % grid.columns); out.append(byte: comma)
            out.append(centre.x, decimals: 1); out.append(byte: comma)
            out.append(centre.y, decimals: 1); out.append(byte: comma)
            out.append(geo.longitude, decimals: 6); out.append(byte: comma)
            out.append(geo.latitude, decimals: 6)
            for layer in result.layers {
                out.append(byte: comma)
                let v = layer.values[i]
                if !v.isNaN { out.append(v, decimals: decimals(layer)) }
            }
            out.append(byte: UInt8(ascii: "\n"))
        }
        return out
    }

    /// GeoJSON (RFC 7946): one Polygon feature per cell, exterior ring counter-clockwise in
    /// longitude/latitude (WGS 84), properties as in the CSV with `null` for no value.
    public static func geoJSON(_ result: CoverageResult, projection: UTMProjection) -> TextBuffer {
        let grid = result.grid
        var out = TextBuffer(capacity: result.cellsOnNetwork * 400)
        out.append("{\"type\":\"FeatureCollection\",\"features\":[\n")
        let keys = result.layers.map { ",\"\($0.name)\":" }
        var first = true
        for i in 0..<grid.cellCount where result.snapped[i] {
            if !first { out.append(",\n") }
            first = false
            let ring = grid.corners(ofCell: i).map(projection.unproject)
            out.append("{\"type\":\"Feature\",\"id\":"); out.append(i)
            out.append(",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[")
            for (k, position) in (ring + [ring[0]]).enumerated() {
                if k > 0 { out.append(byte: comma) }
                out.append(byte: UInt8(ascii: "["))
                out.append(position.longitude, decimals: 6); out.append(byte: comma)
                out.append(position.latitude, decimals: 6)
                out.append(byte: UInt8(ascii: "]"))
            }
            out.append("]]},\"properties\":{\"cell\":"); out.append(i)
            out.append(",\"row\":"); out.append(i / grid.columns)
            out.append(",\"col\":"); out.append(i % grid.columns)
            for (layer, key) in zip(result.layers, keys) {
                out.append(key)
                let v = layer.values[i]
                if v.isNaN { out.append("null") } else { out.append(v, decimals: decimals(layer)) }
            }
            out.append("}}")
        }
        out.append("\n]}\n")
        return out
    }

    static let comma = UInt8(ascii: ",")

    static func decimals(_ layer: CoverageLayer) -> Int { layer.decimals }
}

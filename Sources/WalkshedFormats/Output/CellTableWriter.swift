import Walkshed

/// Per-cell tables: one CSV and one RFC 7946 GeoJSON FeatureCollection, both listing only
/// cells attached to the network (others are NODATA in every measure).
///
/// Each writer hands its text to `flush` whenever the buffer passes `flushBytes` (and once at
/// the end), so a million-cell GeoJSON (0.4 GB) never sits in memory whole; without a `flush`
/// the whole text is returned.
public enum CellTableWriter {
    /// Buffer size at which the streaming writers hand their text on.
    public static let flushBytes = 4 << 20

    /// The CSV as one buffer (small outputs, tests).
    public static func csv(_ result: CoverageResult, projection: UTMProjection) -> TextBuffer {
        var whole = TextBuffer()
        writeCSV(result, projection: projection, flushBytes: .max) { whole = copy $0 }
        return whole
    }

    /// The GeoJSON as one buffer (small outputs, tests).
    public static func geoJSON(_ result: CoverageResult, projection: UTMProjection) -> TextBuffer {
        var whole = TextBuffer()
        writeGeoJSON(result, projection: projection, flushBytes: .max) { whole = copy $0 }
        return whole
    }

    /// CSV with header `cell,row,col,x,y,lon,lat,<layer>…`; x/y in projected metres, lon/lat
    /// in degrees (6 decimals), minutes with 2 decimals, empty where a layer has no value.
    public static func writeCSV(_ result: CoverageResult, projection: UTMProjection, flushBytes: Int = flushBytes,
                                flush: (borrowing TextBuffer) throws -> Void) rethrows {
        let grid = result.grid
        var out = TextBuffer(capacity: min(flushBytes, result.cellsOnNetwork * 100) + 1_024)
        out.append("cell,row,col,x,y,lon,lat,snap_metres," + result.layers.map(\.name).joined(separator: ",") + "\n")
        for i in 0..<grid.cellCount where result.snapped[i] {
            let centre = grid.centre(ofCell: i)
            let geo = projection.unproject(centre)
            out.append(i); out.append(byte: comma)
            out.append(i / grid.columns); out.append(byte: comma)
            out.append(i % grid.columns); out.append(byte: comma)
            out.append(centre.x, decimals: 1); out.append(byte: comma)
            out.append(centre.y, decimals: 1); out.append(byte: comma)
            out.append(geo.longitude, decimals: 6); out.append(byte: comma)
            out.append(geo.latitude, decimals: 6); out.append(byte: comma)
            out.append(result.snapMetres[i], decimals: 1)
            for layer in result.layers {
                out.append(byte: comma)
                let v = layer.values[i]
                if !v.isNaN { out.append(v, decimals: decimals(layer)) }
            }
            out.append(byte: UInt8(ascii: "\n"))
            if out.count >= flushBytes { try flush(out); out.removeAll() }
        }
        try flush(out)
    }

    /// GeoJSON (RFC 7946): one Polygon feature per cell, exterior ring counter-clockwise in
    /// longitude/latitude (WGS 84), properties as in the CSV with `null` for no value.
    public static func writeGeoJSON(_ result: CoverageResult, projection: UTMProjection, flushBytes: Int = flushBytes,
                                    flush: (borrowing TextBuffer) throws -> Void) rethrows {
        let grid = result.grid
        var out = TextBuffer(capacity: min(flushBytes, result.cellsOnNetwork * 400) + 1_024)
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
            out.append(",\"snap_metres\":"); out.append(result.snapMetres[i], decimals: 1)
            for (layer, key) in zip(result.layers, keys) {
                out.append(key)
                let v = layer.values[i]
                if v.isNaN { out.append("null") } else { out.append(v, decimals: decimals(layer)) }
            }
            out.append("}}")
            if out.count >= flushBytes { try flush(out); out.removeAll() }
        }
        out.append("\n]}\n")
        try flush(out)
    }

    static let comma = UInt8(ascii: ",")

    static func decimals(_ layer: CoverageLayer) -> Int { layer.decimals }
}

import Walkshed

/// An isochrone as an RFC 7946 FeatureCollection in WGS 84: per budget, largest first, one
/// `area` feature (Polygon or MultiPolygon: the reached edges buffered, exterior rings
/// counter-clockwise) and one `edge` LineString per reached edge piece.
public enum IsochroneGeoJSON {
    /// - Parameters:
    ///   - outlines: one per budget of `isochrone`, same order.
    ///   - start: the requested start, echoed in every feature's properties.
    public static func text(_ isochrone: Isochrone, outlines: [BufferOutline], graph: StreetGraph, projection: UTMProjection,
                            start: GeoCoordinate, profile: String, bufferMetres: Double) -> TextBuffer {
        text([(id: nil, isochrone: isochrone, outlines: outlines, start: start)], graph: graph, projection: projection, profile: profile,
             bufferMetres: bufferMetres)
    }

    /// Isochrones from several starts in one collection, start by start; each feature carries
    /// its start's `id` (when given) beside `from`.
    public static func text(_ starts: [(id: String?, isochrone: Isochrone, outlines: [BufferOutline], start: GeoCoordinate)], graph: StreetGraph,
                            projection: UTMProjection, profile: String, bufferMetres: Double) -> TextBuffer {
        var out = TextBuffer(capacity: 1 << 16)
        out.append("{\"type\":\"FeatureCollection\",\"features\":[\n")
        var first = true
        for entry in starts {
            appendFeatures(entry.isochrone, outlines: entry.outlines, graph: graph, projection: projection, start: entry.start, id: entry.id,
                           profile: profile, bufferMetres: bufferMetres, first: &first, to: &out)
        }
        out.append("\n]}\n")
        return out
    }

    static func appendFeatures(_ isochrone: Isochrone, outlines: [BufferOutline], graph: StreetGraph, projection: UTMProjection,
                               start: GeoCoordinate, id: String?, profile: String, bufferMetres: Double, first: inout Bool,
                               to out: inout TextBuffer) {
        func position(_ p: PlanarPoint) {
            let c = projection.unproject(p)
            out.append("["); out.append(c.longitude, decimals: 7); out.append(","); out.append(c.latitude, decimals: 7); out.append("]")
        }
        func ring(_ points: [PlanarPoint]) {
            out.append("[")
            for (k, p) in points.enumerated() { if k > 0 { out.append(",") }; position(p) }
            out.append("]")
        }
        func properties(_ k: Int, kind: String) {
            out.append("\"properties\":{")
            if let id { out.append("\"id\":\(JSONValue.quoted(id)),") }
            out.append("\"kind\":\"\(kind)\",\"minutes\":")
            out.append(isochrone.budgetsSeconds[k] / 60, decimals: 2)
            out.append(",\"profile\":\(JSONValue.quoted(profile)),\"from\":[")
            out.append(start.longitude, decimals: 7); out.append(","); out.append(start.latitude, decimals: 7); out.append("]")
        }
        for k in isochrone.budgetsSeconds.indices.reversed() {
            let polygons = outlines[k].polygons
            if !first { out.append(",\n") }
            first = false
            out.append("{\"type\":\"Feature\",")
            properties(k, kind: "area")
            out.append(",\"buffer_metres\":"); out.append(bufferMetres, decimals: 1)
            out.append(",\"raster_metres\":"); out.append(outlines[k].cellMetres, decimals: 2)
            out.append(",\"reached_metres\":"); out.append(isochrone.reachedMetres(k, graph: graph), decimals: 1)
            out.append(",\"reached_edges\":\(Set(isochrone.pieces[k].map(\.edge)).count)},\"geometry\":")
            func polygon(_ p: BufferOutline.Polygon) {
                out.append("[")
                ring(p.exterior)
                for hole in p.holes { out.append(","); ring(hole) }
                out.append("]")
            }
            if polygons.count == 1 {
                out.append("{\"type\":\"Polygon\",\"coordinates\":"); polygon(polygons[0]); out.append("}}")
            } else {
                out.append("{\"type\":\"MultiPolygon\",\"coordinates\":[")
                for (i, p) in polygons.enumerated() { if i > 0 { out.append(",") }; polygon(p) }
                out.append("]}}")
            }
            for piece in isochrone.pieces[k] {
                out.append(",\n{\"type\":\"Feature\",")
                properties(k, kind: "edge")
                out.append(",\"edge\":\(piece.edge),\"way\":\(graph.edgeWayID[Int(piece.edge)]),\"from_fraction\":")
                out.append(Double(piece.from), decimals: 4); out.append(",\"to_fraction\":"); out.append(Double(piece.to), decimals: 4)
                out.append(",\"metres\":"); out.append(Double(piece.to - piece.from) * Double(graph.edgeMetres[Int(piece.edge)]), decimals: 1)
                out.append("},\"geometry\":{\"type\":\"LineString\",\"coordinates\":")
                ring(graph.polyline(ofEdge: Int(piece.edge), from: piece.from, to: piece.to))
                out.append("}}")
            }
        }
    }
}

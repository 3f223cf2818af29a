import Walkshed

/// `walkshed suggest`'s files and stdout tables: ranked parks or links as CSV, as GeoJSON
/// (RFC 7946) features with the same properties, and a readable table.
public enum SuggestionFiles {
    public static let parkCSVHeader = "rank,candidate,name,lon,lat,area_ha,gain_residents,cumulative_residents,cumulative_share\n"
    public static let linkCSVHeader = "rank,from_lon,from_lat,to_lon,to_lat,length_m,network_m,gain_residents,gain_per_100m,cumulative_residents,cumulative_share\n"

    /// `suggested_parks.csv`, `suggested_parks.geojson` and the stdout table.
    public static func parks(_ s: ParkSuggestions, projection: UTMProjection) -> (csv: String, geojson: String, table: String) {
        let pad = AnalysisTable.pad
        var csv = parkCSVHeader, features: [JSONValue] = []
        var out = "Suggested parks (\(s.profile.name), \(FixedPoint.format(s.budgetMinutes, decimals: 0)) min, \(s.candidatePolygons.count) candidates): residents within reach of a park today \(residentsToday(s.coveredNow, s.totalResidents))\n"
        out += "rank  candidate               lon         lat      gain residents   cumulative   share\n"
        for (k, pick) in s.picks.enumerated() {
            let p = s.candidatePolygons[pick.candidate], c = projection.unproject(p.centroid), name = s.candidateNames[pick.candidate]
            let share = s.cumulativeShare(afterPick: k), cumulative = s.coveredNow + pick.cumulative
            csv += "\(k + 1),\(pick.candidate),\(PopulationTableWriter.quoted(name)),\(FixedPoint.format(c.longitude, decimals: 6)),\(FixedPoint.format(c.latitude, decimals: 6)),"
                + "\(FixedPoint.format(p.areaSquareMetres / 10_000, decimals: 3)),\(FixedPoint.format(pick.gain, decimals: 2)),"
                + "\(FixedPoint.format(cumulative, decimals: 2)),\(FixedPoint.format(share, decimals: 6))\n"
            out += pad("\(k + 1)", 4, false) + "  " + pad(name, 20, false) + pad(FixedPoint.format(c.longitude, decimals: 5), 11, true)
                + pad(FixedPoint.format(c.latitude, decimals: 5), 12, true) + pad(FixedPoint.format(pick.gain, decimals: 0), 17, true)
                + pad(FixedPoint.format(cumulative, decimals: 0), 13, true) + pad(FixedPoint.format(100 * share, decimals: 1) + " %", 8, true) + "\n"
            let ring = p.outerRings[0].map(projection.unproject)
            features.append(feature(
                geometry: .object([("type", .string("Polygon")), ("coordinates", .array([positions(ring)]))]),
                properties: [("rank", .integer(k + 1)), ("name", .string(name)), ("gain_residents", .number(pick.gain, decimals: 2)),
                             ("cumulative_residents", .number(cumulative, decimals: 2)), ("cumulative_share", .number(share, decimals: 6))]))
        }
        return (csv, collection(features).text(), out)
    }

    /// `suggested_links.csv`, `suggested_links.geojson` and the stdout table.
    public static func links(_ s: LinkSuggestions) -> (csv: String, geojson: String, table: String) {
        let pad = AnalysisTable.pad, o = s.options
        var csv = linkCSVHeader, features: [JSONValue] = []
        var out = "Suggested links (\(s.profile.name), \(o.destinationKind.name) within \(FixedPoint.format(o.budgetMinutes, decimals: 0)) min, \(s.candidateCount) candidates): residents within reach today \(residentsToday(s.coveredNow, s.totalResidents))\n"
        out += "rank   length   today on foot   gain residents   per 100 m   cumulative   share\n"
        for (rank, suggested) in s.links.enumerated() {
            let link = suggested.link, a = suggested.from, b = suggested.to, gain = suggested.gainResidents
            let networkMetres = link.networkSeconds * s.profile.metresPerSecond
            let networkText = link.networkSeconds.isFinite ? FixedPoint.format(networkMetres, decimals: 0) : ""
            csv += "\(rank + 1),\(FixedPoint.format(a.longitude, decimals: 6)),\(FixedPoint.format(a.latitude, decimals: 6)),\(FixedPoint.format(b.longitude, decimals: 6)),\(FixedPoint.format(b.latitude, decimals: 6)),"
                + "\(FixedPoint.format(link.metres, decimals: 1)),\(networkText),\(FixedPoint.format(gain, decimals: 2)),\(FixedPoint.format(100 * gain / link.metres, decimals: 2)),"
                + "\(FixedPoint.format(suggested.cumulativeResidents, decimals: 2)),\(FixedPoint.format(suggested.cumulativeShare, decimals: 6))\n"
            out += pad("\(rank + 1)", 4, false) + pad(FixedPoint.format(link.metres, decimals: 0) + " m", 9, true)
                + pad(link.networkSeconds.isFinite ? FixedPoint.format(networkMetres, decimals: 0) + " m" : "> \(FixedPoint.format(o.detourFactor * o.maxLinkMetres, decimals: 0)) m", 16, true)
                + pad(FixedPoint.format(gain, decimals: 0), 17, true) + pad(FixedPoint.format(100 * gain / link.metres, decimals: 1), 12, true)
                + pad(FixedPoint.format(suggested.cumulativeResidents, decimals: 0), 13, true)
                + pad(FixedPoint.format(100 * suggested.cumulativeShare, decimals: 1) + " %", 8, true) + "\n"
            features.append(feature(
                geometry: .object([("type", .string("LineString")), ("coordinates", positions([a, b]))]),
                properties: [("rank", .integer(rank + 1)), ("length_m", .number(link.metres, decimals: 1)), ("gain_residents", .number(gain, decimals: 2)),
                             ("cumulative_residents", .number(suggested.cumulativeResidents, decimals: 2)),
                             ("cumulative_share", .number(suggested.cumulativeShare, decimals: 6))]))
        }
        return (csv, collection(features).text(), out)
    }

    static func residentsToday(_ covered: Double, _ total: Double) -> String {
        "\(FixedPoint.format(covered, decimals: 0)) of \(FixedPoint.format(total, decimals: 0)) (\(FixedPoint.format(total > 0 ? 100 * covered / total : 0, decimals: 1)) %)"
    }

    static func positions(_ coordinates: [GeoCoordinate]) -> JSONValue {
        .array(coordinates.map { .array([.number($0.longitude, decimals: 7), .number($0.latitude, decimals: 7)]) })
    }

    static func feature(geometry: JSONValue, properties: [(String, JSONValue)]) -> JSONValue {
        .object([("type", .string("Feature")), ("geometry", geometry), ("properties", .object(properties))])
    }

    static func collection(_ features: [JSONValue]) -> JSONValue {
        .object([("type", .string("FeatureCollection")), ("features", .array(features))])
    }
}

import Walkshed

extension SuggestionFiles {
    public static let greenwayLinkCSVHeader = "rank,first_component,second_component,from_lon,from_lat,to_lon,to_lat,straight_metres,street_metres,gain,value\n"

    /// `suggested_greenway_links.csv`, `.geojson` and the stdout table.
    public static func greenwayLinks(_ s: GreenwayLinkSuggestions, city: City) -> (csv: String, geojson: String, table: String) {
        let pad = AnalysisTable.pad
        let unit: String = switch s.objective { case .parks: "park pairs"; case .length: "m"; case .residents: "resident-km" }
        let decimals = s.objective == .parks ? 0 : 1
        var csv = greenwayLinkCSVHeader, features: [JSONValue] = []
        var out = "Suggested greenway links (objective \(s.objective.rawValue): \(unit)), today \(FixedPoint.format(s.before, decimals: decimals))\n"
        out += "rank   components   straight   on streets          gain         total\n"
        for (rank, pick) in s.picks.enumerated() {
            let gap = pick.breakPoint.gap
            let (from, to) = gap.ends(graph: city.graph)
            let a = city.projection.unproject(from), b = city.projection.unproject(to)
            let street = gap.streetMetres.isFinite ? FixedPoint.format(gap.streetMetres, decimals: 1) : ""
            csv += "\(rank + 1),\(gap.first),\(gap.second),\(FixedPoint.format(a.longitude, decimals: 7)),\(FixedPoint.format(a.latitude, decimals: 7)),"
                + "\(FixedPoint.format(b.longitude, decimals: 7)),\(FixedPoint.format(b.latitude, decimals: 7)),\(FixedPoint.format(gap.straightMetres, decimals: 1)),"
                + "\(street),\(FixedPoint.format(pick.gain, decimals: 3)),\(FixedPoint.format(pick.value, decimals: 3))\n"
            out += pad("\(rank + 1)", 4, false) + pad("\(gap.first)–\(gap.second)", 13, true) + pad(FixedPoint.format(gap.straightMetres, decimals: 0) + " m", 11, true)
                + pad(gap.streetMetres.isFinite ? FixedPoint.format(gap.streetMetres, decimals: 0) + " m" : "not joined", 13, true)
                + pad("+" + FixedPoint.format(pick.gain, decimals: decimals), 14, true) + pad(FixedPoint.format(pick.value, decimals: decimals), 14, true) + "\n"
            features.append(feature(
                geometry: .object([("type", .string("LineString")), ("coordinates", positions([a, b]))]),
                properties: [("rank", .integer(rank + 1)), ("first_component", .integer(Int(gap.first))), ("second_component", .integer(Int(gap.second))),
                             ("straight_metres", .number(gap.straightMetres, decimals: 1)), ("gain", .number(pick.gain, decimals: 3)),
                             ("value", .number(pick.value, decimals: 3)), ("objective", .string(s.objective.rawValue))]))
        }
        if s.picks.isEmpty { out += "(no break point joins anything more)\n" }
        return (csv, collection(features).text(), out)
    }
}

import Foundation
import Walkshed

/// The files of `walkshed greenways`: components, break points and park links as CSV and
/// RFC 7946 GeoJSON (WGS 84), the two park-minute grids (ESRI ASCII with .prj) and
/// `greenways.json`, the network's figures.
public enum GreenwayFiles {
    /// Stages every file into `folder`; returns how many.
    public static func stage(_ report: GreenwayReport, city: City, in folder: String, transaction: OutputTransaction) throws -> Int {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let projection = city.projection, graph = city.graph
        func coordinate(_ p: PlanarPoint, into out: inout TextBuffer) {
            let c = projection.unproject(p)
            out.append("["); out.append(c.longitude, decimals: 7); out.append(","); out.append(c.latitude, decimals: 7); out.append("]")
        }
        func number(_ v: Double?, _ decimals: Int) -> String { v.map { $0.isFinite ? FixedPoint.format($0, decimals: decimals) : "" } ?? "" }
        func names(_ parks: [Int32]) -> String { PopulationTableWriter.quoted(parks.map { city.parks[Int($0)].name.isEmpty ? city.parks[Int($0)].osmReference : city.parks[Int($0)].name }.joined(separator: "; ")) }

        // Components.
        var csv = TextBuffer(capacity: 1 << 14), geo = TextBuffer(capacity: 1 << 18)
        csv.append("component,metres,edges,parks,green_spaces,residents_within_budget,park_names\n")
        geo.append("{\"type\":\"FeatureCollection\",\"features\":[\n")
        for (k, c) in report.components.enumerated() {
            let edges = report.network.componentEdges[k]
            csv.append("\(c.id),\(number(c.metres, 1)),\(edges.count),\(c.parks.count),\(c.greenSpaces.count),\(number(c.residents, 1)),\(names(c.parks))\n")
            if k > 0 { geo.append(",\n") }
            geo.append("{\"type\":\"Feature\",\"properties\":{\"component\":\(c.id),\"metres\":\(number(c.metres, 1)),\"parks\":\(c.parks.count),\"green_spaces\":\(c.greenSpaces.count)")
            if let r = c.residents { geo.append(",\"residents_within_budget\":\(number(r, 1))") }
            geo.append("},\"geometry\":{\"type\":\"MultiLineString\",\"coordinates\":[")
            for (j, e) in edges.enumerated() {
                if j > 0 { geo.append(",") }
                geo.append("[")
                for (i, p) in graph.points(ofEdge: Int(e)).enumerated() { if i > 0 { geo.append(",") }; coordinate(p, into: &geo) }
                geo.append("]")
            }
            geo.append("]}}")
        }
        geo.append("\n]}\n")
        try transaction.stage(csv, at: path("greenway_components.csv"))
        try transaction.stage(geo, at: path("greenway_components.geojson"))

        // Break points.
        csv = TextBuffer(capacity: 1 << 14); geo = TextBuffer(capacity: 1 << 16)
        csv.append("rank,first_component,second_component,straight_metres,street_metres,joined_metres,joined_parks,joined_residents,from_lon,from_lat,to_lon,to_lat\n")
        geo.append("{\"type\":\"FeatureCollection\",\"features\":[\n")
        for (k, b) in report.breakPoints.enumerated() {
            let (from, to) = b.gap.ends(graph: graph)
            let f = projection.unproject(from), t = projection.unproject(to)
            csv.append("\(k + 1),\(b.gap.first),\(b.gap.second),\(number(b.gap.straightMetres, 1)),\(number(b.gap.streetMetres, 1)),\(number(b.joinedMetres, 1)),")
            csv.append("\(b.joinedParks.count),\(number(b.joinedResidents, 1)),\(FixedPoint.format(f.longitude, decimals: 7)),\(FixedPoint.format(f.latitude, decimals: 7)),")
            csv.append("\(FixedPoint.format(t.longitude, decimals: 7)),\(FixedPoint.format(t.latitude, decimals: 7))\n")
            if k > 0 { geo.append(",\n") }
            geo.append("{\"type\":\"Feature\",\"properties\":{\"rank\":\(k + 1),\"first_component\":\(b.gap.first),\"second_component\":\(b.gap.second),")
            geo.append("\"straight_metres\":\(number(b.gap.straightMetres, 1)),\"street_metres\":\(b.gap.streetMetres.isFinite ? number(b.gap.streetMetres, 1) : "null"),")
            geo.append("\"joined_metres\":\(number(b.joinedMetres, 1)),\"joined_parks\":\(b.joinedParks.count)")
            if let r = b.joinedResidents { geo.append(",\"joined_residents\":\(number(r, 1))") }
            geo.append("},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[")
            coordinate(from, into: &geo); geo.append(","); coordinate(to, into: &geo)
            geo.append("]}}")
        }
        geo.append("\n]}\n")
        try transaction.stage(csv, at: path("break_points.csv"))
        try transaction.stage(geo, at: path("break_points.geojson"))

        // Parks: groups, and the links between them.
        let links = report.parkLinks
        csv = TextBuffer(capacity: 1 << 14)
        csv.append("park,osm,name,kind,hectares,group,group_parks,greenway_components\n")
        let sizes = links.groupSizes
        var componentsOfPark = [[Int32]](repeating: [], count: city.parks.count)
        for c in report.components { for p in c.parks { componentsOfPark[Int(p)].append(c.id) } }
        for (p, park) in city.parks.enumerated() {
            let g = links.groupOfPark[p]
            csv.append("\(p),\(park.osmReference),\(PopulationTableWriter.quoted(park.name)),\(park.kind),\(FixedPoint.format(park.areaSquareMetres / 10_000, decimals: 2)),")
            csv.append("\(g),\(sizes[Int(g)]),\(componentsOfPark[p].map(String.init).joined(separator: " "))\n")
        }
        try transaction.stage(csv, at: path("parks.csv"))
        csv = TextBuffer(capacity: 1 << 14); geo = TextBuffer(capacity: 1 << 16)
        csv.append("first_park,second_park,first_name,second_name,metres\n")
        geo.append("{\"type\":\"FeatureCollection\",\"features\":[\n")
        var firstFeature = true
        for (p, park) in city.parks.enumerated() {
            if !firstFeature { geo.append(",\n") }
            firstFeature = false
            geo.append("{\"type\":\"Feature\",\"properties\":{\"park\":\(p),\"name\":\(JSONValue.quoted(park.name)),\"group\":\(links.groupOfPark[p])},\"geometry\":{\"type\":\"Point\",\"coordinates\":")
            coordinate(park.polygon.centroid, into: &geo)
            geo.append("}}")
        }
        for link in links.links {
            let a = city.parks[Int(link.first)], b = city.parks[Int(link.second)]
            csv.append("\(link.first),\(link.second),\(PopulationTableWriter.quoted(a.name)),\(PopulationTableWriter.quoted(b.name)),\(number(link.metres, 1))\n")
            if !firstFeature { geo.append(",\n") }
            firstFeature = false
            geo.append("{\"type\":\"Feature\",\"properties\":{\"first_park\":\(link.first),\"second_park\":\(link.second),\"metres\":\(number(link.metres, 1))},")
            geo.append("\"geometry\":{\"type\":\"LineString\",\"coordinates\":[")
            coordinate(a.polygon.centroid, into: &geo); geo.append(","); coordinate(b.polygon.centroid, into: &geo)
            geo.append("]}}")
        }
        geo.append("\n]}\n")
        try transaction.stage(csv, at: path("park_links.csv"))
        try transaction.stage(geo, at: path("park_graph.geojson"))

        // Grids.
        let prj = AsciiGridWriter.projectionText(projection)
        for layer in report.cellLayers {
            try transaction.stage(AsciiGridWriter.text(layer, grid: report.grid), at: path("\(layer.name).asc"))
            try transaction.stage(prj, at: path("\(layer.name).prj"))
        }
        try transaction.stage(summary(report, city: city).text() + "\n", at: path("greenways.json"))
        return 11 + 2 * report.cellLayers.count
    }

    /// The share of residents (all of them) or of cells on the network (`weights` nil,
    /// `snapped` given) whose `layer` value is within `minutes`; nil when there are none.
    static func shareWithin(_ layer: CoverageLayer, weights: [Double]?, snapped: [Bool]? = nil, minutes: Double) -> Double? {
        var total = 0.0, within = 0.0
        for (i, v) in layer.values.enumerated() {
            let w = weights?[i] ?? (snapped![i] ? 1 : 0)
            total += w
            if !v.isNaN && Double(v) <= minutes { within += w }
        }
        return total > 0 ? within / total : nil
    }

    /// `greenways.json`: the network-level figures.
    public static func summary(_ report: GreenwayReport, city: City) -> JSONValue {
        let network = report.network, links = report.parkLinks
        let touching = Set(report.components.flatMap(\.parks)).count
        var members: [(String, JSONValue)] = [
            ("walkshed_version", .string(WalkshedVersion.current)), ("profile", .string(report.profile.name)),
            ("greenway_metres", .number(network.totalMetres, decimals: 1)), ("components", .integer(network.componentCount)),
            ("largest_component_metres", .number(network.componentMetres.first ?? 0, decimals: 1)),
            ("largest_component_share", .number(network.largestComponentShare, decimals: 4)),
            ("mean_continuous_metres", .number(network.meanContinuousMetres, decimals: 1)),
            ("parks", .integer(city.parks.count)), ("parks_touching_greenway", .integer(touching)),
            ("park_groups", .integer(links.groupSizes.count)), ("largest_park_group_share", .number(links.largestGroupShare, decimals: 4)),
            ("park_links", .integer(links.links.count)), ("street_connectors", .integer(report.routes.connectors.count)),
            ("break_points", .integer(report.breakPoints.count)),
            ("options", .object([("budget_minutes", .number(report.options.budgetMinutes, decimals: 2)), ("touch_metres", .number(report.options.touchMetres, decimals: 1)),
                                 ("gap_metres", .number(report.options.gapMetres, decimals: 1)), ("park_route_metres", .number(report.options.parkRouteMetres, decimals: 1)),
                                 ("max_street_metres", .number(report.options.maxStreetMetres, decimals: 1)), ("cell_metres", .number(report.options.cellMetres, decimals: 1))])),
        ]
        let budget = report.options.budgetMinutes
        let cellPark = shareWithin(report.cellLayers[0], weights: nil, snapped: report.cellsSnapped, minutes: budget)
        let cellGreen = shareWithin(report.cellLayers[1], weights: nil, snapped: report.cellsSnapped, minutes: budget)
        members.append(("cells_park_within_budget_share", cellPark.map { .number($0, decimals: 4) } ?? .null))
        members.append(("cells_greenway_park_within_budget_share", cellGreen.map { .number($0, decimals: 4) } ?? .null))
        members.append(("population_source", report.residentSource.map { .string($0) } ?? .null))
        if let total = report.residents {
            members.append(("residents", .number(total, decimals: 1)))
            members.append(("greenway_metres_per_resident", report.metresPerResident.map { .number($0, decimals: 3) } ?? .null))
            if let weights = report.residentWeights, report.residentLayers.count == 2 {
                for (key, layer) in [("residents_park_within_budget_share", report.residentLayers[0]), ("residents_greenway_park_within_budget_share", report.residentLayers[1])] {
                    members.append((key, shareWithin(layer, weights: weights, minutes: budget).map { .number($0, decimals: 4) } ?? .null))
                }
            }
        }
        return .object(members)
    }
}

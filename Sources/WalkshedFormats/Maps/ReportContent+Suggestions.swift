import Foundation
import Walkshed

extension ReportContent {
    /// The ranked files `walkshed suggest` writes (`<stem>.csv` and `<stem>.geojson`), and
    /// what each ranks.
    static let suggestionFiles: [(stem: String, title: String)] = [
        ("suggested_parks", "suggested parks"), ("suggested_links", "suggested links"),
        ("suggested_greenway_links", "suggested greenway links"),
    ]

    /// A `walkshed suggest` folder: one view per suggestion file, with its ranked table (every
    /// column of the CSV: ranks, gains, cumulative shares) and the suggestions drawn over the
    /// base map — parks as added parks named by rank and gain, links as added paths — and
    /// `marginal_gain` as a grid when the folder has it.
    /// - Throws: `CSVError` or `InputFileError` naming the file that is malformed.
    static func suggestionContent(folder: String, baseMap: MapLayers?) throws -> ReportContent? {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let present = suggestionFiles.filter { FileManager.default.fileExists(atPath: path($0.stem + ".csv")) }
        guard !present.isEmpty else { return nil }
        let gain = try [".tif", ".asc"].lazy.map { path("marginal_gain" + $0) }.first(where: FileManager.default.fileExists).map(MapGrid.read)
        let views = try present.map { file -> View in
            let table = try csvTable(path(file.stem + ".csv"))
            let projection = baseMap.flatMap { utm(epsg: $0.epsg) }
            let changes = try suggestionShapes(path(file.stem + ".geojson"), projection: projection)
            // (The budget only labels minute legends; marginal_gain is in residents.)
            let grids = file.stem == "suggested_parks" ? gain.map { [entry($0, budgetMinutes: 15, population: nil)] } ?? [] : []
            let caption = "\(table.rows.count) \(file.title), best first, from \(file.stem).csv"
            return View(id: file.title, caption: caption, grids: grids, table: table, changes: changes)
        }
        return ReportContent(kind: .suggestions, title: "Suggestions: " + present.map(\.title).joined(separator: ", "), budgetMinutes: 15,
                             views: views, baseMap: baseMap, standardIndicators: nil)
    }

    /// A `walkshed indicators` folder: the indicator table (with the population it was computed
    /// for in the caption) over the base map, when the folder has `indicators.csv` and no
    /// analysis of its own.
    static func indicatorContent(folder: String, baseMap: MapLayers?) throws -> ReportContent? {
        let csv = (folder as NSString).appendingPathComponent("indicators.csv")
        guard FileManager.default.fileExists(atPath: csv) else { return nil }
        let table = try indicatorTable(csv)
        var caption = "standard indicators from indicators.csv"
        let json = (folder as NSString).appendingPathComponent("indicators.json")
        if let data = FileManager.default.contents(atPath: json),
           let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let population = root["population"] as? [String: Any], let source = population["source"] as? String {
            let residents = (population["residents"] as? NSNumber).map { "\(Int($0.doubleValue.rounded())) residents from " } ?? ""
            caption += "; \(residents)\(source)"
        }
        let view = View(id: "indicators", caption: caption, grids: [], table: table, changes: nil)
        return ReportContent(kind: .indicators, title: "Standard indicators", budgetMinutes: 15, views: [view], baseMap: baseMap,
                             standardIndicators: nil)
    }

    /// The WGS 84 UTM zone of an EPSG code (326zz north, 327zz south), nil for any other.
    static func utm(epsg: Int) -> UTMProjection? {
        let zone = epsg % 100
        guard (1...60).contains(zone), epsg / 100 == 326 || epsg / 100 == 327 else { return nil }
        return UTMProjection(zone: zone, isNorth: epsg / 100 == 326)
    }

    /// Every column and row of a CSV file, as printed.
    static func csvTable(_ path: String) throws -> Table {
        var reader = try CSVRecordReader(path: path)
        defer { reader.close() }
        guard let header = try reader.next() else { throw CSVError(path: path, line: 1, message: "empty file, expected a header") }
        var rows: [[String]] = []
        while let (fields, line) = try reader.next() {
            guard fields.count == header.fields.count else {
                throw CSVError(path: path, line: line, message: "expected \(header.fields.count) fields, found \(fields.count)")
            }
            rows.append(fields)
        }
        return Table(columns: header.fields, rows: rows)
    }

    /// The suggestions of a `suggest` GeoJSON as map changes: polygons as parks named
    /// `#<rank> <name>: +<gain>`, lines as added paths. Projected with `projection` (the base
    /// map's), else with the UTM zone of the first position. Nil when the file is absent.
    static func suggestionShapes(_ path: String, projection given: UTMProjection?) throws -> MapLayers? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        func fail(_ place: String, _ message: String) -> JSONInputError { JSONInputError(path: path, place: place, message: message) }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let features = root["features"] as? [Any] else {
            throw InputFileError(path: path, message: "not a GeoJSON FeatureCollection written by walkshed suggest")
        }
        var layers: MapLayers?, projection = given
        for (k, any) in features.enumerated() {
            let place = "features[\(k)]"
            guard let feature = any as? [String: Any], let geometry = feature["geometry"] as? [String: Any],
                  let type = geometry["type"] as? String, let coordinates = geometry["coordinates"] else {
                throw fail(place, "expected a feature with a geometry")
            }
            let properties = feature["properties"] as? [String: Any] ?? [:]
            let line: [GeoCoordinate]
            switch type {
            case "Polygon":
                guard let rings = coordinates as? [Any], let outer = rings.first else { throw fail("\(place).geometry.coordinates", "expected rings") }
                line = try GeoJSONGeometry.ring(outer, at: "\(place).geometry.coordinates[0]", fail: fail)
            case "LineString":
                line = try GeoJSONGeometry.positions(coordinates, at: "\(place).geometry.coordinates", minimum: 2, fail: fail)
            default:
                throw fail("\(place).geometry.type", "expected Polygon or LineString, got \(type)")
            }
            let utm = projection ?? UTMProjection(containing: line[0])
            projection = utm
            var out = layers ?? MapLayers(epsg: utm.epsgCode)
            let points = line.map(utm.project)
            if type == "Polygon" {
                let rank = (properties["rank"] as? NSNumber)?.intValue ?? k + 1
                let gain = (properties["gain_residents"] as? NSNumber).map { ": +\(Int($0.doubleValue.rounded())) residents" } ?? ""
                let name = (properties["name"] as? String).map { " \($0)" } ?? ""
                out.parks.append(MapLayers.ParkShape(name: "#\(rank)\(name)\(gain)", kind: "suggested", hectares: PlanarPolygon(outerRings: [points]).areaSquareMetres / 10_000,
                                                     outerRings: [points], innerRings: []))
            } else {
                out.lines[.added, default: PolylineSet()].append(points)
            }
            layers = out
        }
        return layers
    }
}

import Walkshed

/// `indicators.json`, `indicators.csv` and the stdout table of `walkshed indicators`: one row
/// per indicator, one value per profile, each with its definition. Shares are fractions
/// (0...1) in files and percentages in the table.
public enum IndicatorFiles {
    /// Values grouped by indicator id, in first-seen order, each with its values per profile.
    static func rows(_ values: [IndicatorValue]) -> [(first: IndicatorValue, byProfile: [String: Double?])] {
        var order: [String] = [], rows: [String: (IndicatorValue, [String: Double?])] = [:]
        for v in values {
            if rows[v.id] == nil { order.append(v.id); rows[v.id] = (v, [:]) }
            rows[v.id]!.1[v.profile] = .some(v.value)
        }
        return order.map { (rows[$0]!.0, rows[$0]!.1) }
    }

    static func decimals(_ unit: String) -> Int { unit == "minutes" ? 2 : 4 }

    public static func json(_ values: [IndicatorValue], profiles: [String], context: [(String, JSONValue)]) -> JSONValue {
        .object(context + [
            ("indicators", .array(rows(values).map { row in
                .object([
                    ("id", .string(row.first.id)), ("title", .string(row.first.title)), ("unit", .string(row.first.unit)),
                    ("definition", .string(row.first.definition)),
                    ("values", .object(profiles.map { p in
                        (p, (row.byProfile[p] ?? nil).map { JSONValue.number($0, decimals: decimals(row.first.unit)) } ?? .null)
                    })),
                ])
            })),
        ])
    }

    public static func csv(_ values: [IndicatorValue]) -> TextBuffer {
        var out = TextBuffer(capacity: values.count * 200)
        out.append("id,profile,value,unit,title,definition\n")
        for v in values {
            out.append("\(v.id),\(v.profile),")
            if let value = v.value { out.append(value, decimals: decimals(v.unit)) }
            out.append(",\(v.unit),\(PopulationTableWriter.quoted(v.title)),\(PopulationTableWriter.quoted(v.definition))\n")
        }
        return out
    }

    /// A fixed-width table: indicator title, then one column per profile.
    public static func table(_ values: [IndicatorValue], profiles: [String]) -> String {
        let rows = rows(values)
        let titleWidth = max(9, rows.map { $0.first.title.count }.max() ?? 0)
        func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, width - s.count))
            return left ? s + fill : fill + s
        }
        var text = pad("indicator", titleWidth, left: true) + profiles.map { "  " + pad($0, 10) }.joined() + "\n"
        for row in rows {
            text += pad(row.first.title, titleWidth, left: true)
            for p in profiles {
                let cell: String
                switch (row.byProfile[p] ?? nil, row.first.unit) {
                case (nil, _): cell = "—"
                case (let v?, "share"): cell = FixedPoint.format(v * 100, decimals: 1) + " %"
                case (let v?, "minutes"): cell = FixedPoint.format(v, decimals: 2) + " min"
                case (let v?, _): cell = FixedPoint.format(v, decimals: 3)
                }
                text += "  " + pad(cell, 10)
            }
            text += "\n"
        }
        return text
    }

    /// The facts `indicators.json` states beside the values: inputs, residents, stops, warnings.
    /// `floorArea` is the building estimate's square metres per resident (nil: residents from a file).
    public static func context(version: String, input: String, elevation: String?, populationSource: String, residents: PopulationTable,
                               floorArea: Double?, city: City, gtfs: [String], diagnostics: Diagnostics) -> [(String, JSONValue)] {
        [
            ("walkshed_version", .string(version)),
            ("input", .string(input)),
            ("elevation_model", elevation.map { .string($0) } ?? .null),
            ("population", .object([
                ("source", .string(populationSource)),
                ("points", .integer(residents.residents.count)),
                ("residents", .number(residents.total, decimals: 1)),
            ] + (floorArea.map { [("floor_area_per_resident_m2", .number($0, decimals: 1))] } ?? []))),
            ("transit_stops", .object(TransitCapacity.allCases.map { c in
                (c.rawValue, .integer(city.services.filter { $0.transitCapacity == c }.count))
            } + [("source", .string(gtfs.isEmpty ? "OpenStreetMap" : gtfs.joined(separator: ",")))])),
            ("parks", .integer(city.parks.count)),
            ("green_spaces", .integer(city.greenSpaces.count)),
            ("warnings", .object(diagnostics.kinds.map { ($0, .integer(diagnostics.count($0))) })),
        ]
    }

    /// The line `walkshed indicators` prints before its table (after the population line): parks, stops.
    public static func headline(city: City, gtfs: Bool) -> String {
        "\(city.parks.count) parks, \(city.greenSpaces.count) other green spaces; transit stops: "
            + TransitCapacity.allCases.map { c in "\(city.services.filter { $0.transitCapacity == c }.count) \(c.rawValue) capacity" }.joined(separator: ", ")
            + (gtfs ? " (GTFS)" : " (OpenStreetMap)") + ".\n"
    }
}

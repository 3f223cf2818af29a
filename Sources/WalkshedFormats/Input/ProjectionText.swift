import Walkshed

/// What a `.prj` (or any WKT text, version 1 in Esri or OGC form, or version 2) says about a
/// grid's coordinates, parsed rather than searched: WGS 84 longitude/latitude, or a WGS 84 UTM
/// zone. An EPSG code is honoured when given (4326, 326zz, 327zz); otherwise the datum must be
/// WGS 84 and a projected system must be transverse Mercator with the UTM parameters (scale
/// 0.9996, false easting 500 km, false northing 0 or 10,000 km, a zone's central meridian).
/// Anything else (ED50, a national grid, …) is refused with what it is, so a grid is never
/// placed 200 m off.
public enum ProjectionText {
    /// A WKT node: `KEYWORD[arguments]`, each argument a quoted text, a number or a node.
    indirect enum Value: Equatable {
        case text(String)
        case number(Double)
        case node(String, [Value])

        var keyword: String? { if case .node(let k, _) = self { k.uppercased() } else { nil } }
        var arguments: [Value] { if case .node(_, let a) = self { a } else { [] } }
        var textValue: String? { if case .text(let t) = self { t } else { nil } }
        var numberValue: Double? {
            switch self {
            case .number(let n): n
            case .text(let t): Double(t)
            default: nil
            }
        }

        /// The first node below this one (depth first) with one of `keywords`.
        func first(_ keywords: Set<String>) -> Value? {
            for argument in arguments {
                if let k = argument.keyword, keywords.contains(k) { return argument }
                if let found = argument.first(keywords) { return found }
            }
            return nil
        }

        /// This node's own `AUTHORITY["EPSG","n"]` or `ID["EPSG",n]`.
        var epsgCode: Int? {
            for argument in arguments where argument.keyword == "AUTHORITY" || argument.keyword == "ID" {
                let a = argument.arguments
                if a.count >= 2, a[0].textValue?.uppercased() == "EPSG", let code = a[1].numberValue { return Int(code) }
            }
            return nil
        }

        /// The name (first argument) of this node.
        var name: String { arguments.first?.textValue ?? "" }
    }

    /// Nil for WGS 84 longitude/latitude, else the UTM zone.
    /// - Throws: `InputFileError` naming `path` and what the text describes when it is neither.
    public static func utmZone(_ text: String, path: String) throws -> UTMProjection? {
        func refuse(_ what: String) -> InputFileError {
            InputFileError(path: path, message: "\(what); only WGS 84 longitude/latitude (EPSG:4326) and WGS 84 UTM zones (EPSG:326xx, 327xx) are read: reproject the grid")
        }
        guard let root = try? parse(text), let keyword = root.keyword else { throw refuse("not a WKT projection text") }
        let projected: Set<String> = ["PROJCS", "PROJCRS", "PROJECTEDCRS"]
        let geographic: Set<String> = ["GEOGCS", "GEOGCRS", "GEODCRS", "GEOGRAPHICCRS", "GEODETICCRS"]
        guard projected.contains(keyword) || geographic.contains(keyword) else { throw refuse("a \(keyword) is not a coordinate system Walkshed reads") }
        if let code = root.epsgCode {
            if code == 4326 { return nil }
            if (32601...32660).contains(code) { return UTMProjection(zone: code - 32600, isNorth: true) }
            if (32701...32760).contains(code) { return UTMProjection(zone: code - 32700, isNorth: false) }
            throw refuse("EPSG:\(code) (\(root.name))")
        }
        let datum = root.first(["DATUM", "GEODETICDATUM", "TRF"])
        // A bare name, as in Esri's short form `PROJCS["WGS_1984_UTM_Zone_35N",GEOGCS["GCS_WGS_1984"]]`.
        let named = namedZone(root.name)
        if datum == nil {
            if projected.contains(keyword), let named { return named }
            if geographic.contains(keyword), isWGS84Name(root.name) { return nil }
            throw refuse("\(root.name.isEmpty ? keyword : root.name) names no datum")
        }
        guard let datum, isWGS84(datum) else { throw refuse("datum \(datum?.name ?? "unknown") is not WGS 84") }
        guard projected.contains(keyword) else { return nil }
        if root.first(["PROJECTION", "METHOD"]) == nil, let named { return named }
        let method = (root.first(["PROJECTION", "METHOD"])?.name ?? "").lowercased().replacingOccurrences(of: "_", with: " ")
        guard method == "transverse mercator" else { throw refuse("projection \(method.isEmpty ? "unknown" : method) is not transverse Mercator") }
        var parameters: [String: Double] = [:]
        collectParameters(root, into: &parameters)
        let centralMeridian = parameters["central meridian"] ?? parameters["longitude of natural origin"]
        let scale = parameters["scale factor"] ?? parameters["scale factor at natural origin"]
        let falseEasting = parameters["false easting"], falseNorthing = parameters["false northing"]
        let origin = parameters["latitude of origin"] ?? parameters["latitude of natural origin"] ?? 0
        guard let centralMeridian, let scale, let falseEasting, let falseNorthing,
              abs(scale - 0.9996) < 1e-9, abs(falseEasting - 500_000) < 1e-6, origin == 0,
              falseNorthing == 0 || abs(falseNorthing - 10_000_000) < 1e-6 else {
            throw refuse("\(root.name): transverse Mercator without the UTM parameters")
        }
        let zone = (centralMeridian + 183) / 6
        guard zone == zone.rounded(), (1...60).contains(Int(zone)) else {
            throw refuse("\(root.name): central meridian \(centralMeridian)° is not a UTM zone's")
        }
        return UTMProjection(zone: Int(zone), isNorth: falseNorthing == 0)
    }

    /// Whether a datum node is WGS 84: by its EPSG code (6326) or its name.
    static func isWGS84(_ datum: Value) -> Bool {
        if let code = datum.epsgCode { return code == 6326 }
        let name = datum.name.uppercased().filter { $0.isLetter || $0.isNumber }
        return ["WGS84", "DWGS1984", "WGS1984"].contains(name) || name.hasPrefix("WORLDGEODETICSYSTEM1984")
    }

    /// Whether a system's name is WGS 84 longitude/latitude (`GCS_WGS_1984`, `WGS 84`).
    static func isWGS84Name(_ name: String) -> Bool {
        ["GCSWGS1984", "WGS84", "WGS1984"].contains(name.uppercased().filter { $0.isLetter || $0.isNumber })
    }

    /// The zone a name like `WGS_1984_UTM_Zone_35N` or `WGS 84 / UTM zone 35N` gives; nil for
    /// any other name (`ED_1950_UTM_Zone_35N`).
    static func namedZone(_ name: String) -> UTMProjection? {
        let compact = name.uppercased().filter { $0.isLetter || $0.isNumber }
        for prefix in ["WGS1984UTMZONE", "WGS84UTMZONE"] where compact.hasPrefix(prefix) {
            let rest = compact.dropFirst(prefix.count)
            guard let hemisphere = rest.last, hemisphere == "N" || hemisphere == "S", let zone = Int(rest.dropLast()), (1...60).contains(zone) else { return nil }
            return UTMProjection(zone: zone, isNorth: hemisphere == "N")
        }
        return nil
    }

    /// `PARAMETER["name", value]` of the whole tree, by lower-cased name with `_` as spaces.
    static func collectParameters(_ node: Value, into parameters: inout [String: Double]) {
        for argument in node.arguments {
            if argument.keyword == "PARAMETER", argument.arguments.count >= 2, let value = argument.arguments[1].numberValue {
                parameters[argument.name.lowercased().replacingOccurrences(of: "_", with: " ")] = value
            } else {
                collectParameters(argument, into: &parameters)
            }
        }
    }

    struct Malformed: Error {}

    /// Parses `KEYWORD[…]` (brackets or parentheses), quoted texts with `""` escapes, numbers
    /// and bare words (enumerations such as `EAST`).
    static func parse(_ text: String) throws -> Value {
        var scalars = Array(text.unicodeScalars)[...]
        func skipSpaces() { while let c = scalars.first, c.properties.isWhitespace { scalars.removeFirst() } }
        func value(depth: Int) throws -> Value {
            guard depth < 64 else { throw Malformed() }
            skipSpaces()
            guard let c = scalars.first else { throw Malformed() }
            if c == "\"" {
                scalars.removeFirst()
                var out = ""
                while let d = scalars.popFirst() {
                    if d == "\"" {
                        if scalars.first == "\"" { scalars.removeFirst(); out.unicodeScalars.append("\""); continue }
                        return .text(out)
                    }
                    out.unicodeScalars.append(d)
                }
                throw Malformed()
            }
            var word = ""
            while let d = scalars.first, d.properties.isAlphabetic || ("0"..."9").contains(d) || "._-+".unicodeScalars.contains(d) {
                word.unicodeScalars.append(d); scalars.removeFirst()
            }
            guard !word.isEmpty else { throw Malformed() }
            skipSpaces()
            if let open = scalars.first, open == "[" || open == "(" {
                scalars.removeFirst()
                var arguments: [Value] = []
                while true {
                    skipSpaces()
                    if let close = scalars.first, close == "]" || close == ")" { scalars.removeFirst(); break }
                    arguments.append(try value(depth: depth + 1))
                    skipSpaces()
                    if scalars.first == "," { scalars.removeFirst() }
                }
                return .node(word, arguments)
            }
            return Double(word).map(Value.number) ?? .text(word)
        }
        let root = try value(depth: 0)
        return root
    }
}

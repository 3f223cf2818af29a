/// Which files an analysis writes, chosen with `--format`: rasters as GeoTIFF or ESRI ASCII
/// grids, the per-cell table as CSV or GeoJSON (both opt-in: at city size they are tens to
/// hundreds of megabytes), and `map.json.gz` for the report. Default: GeoTIFF and map.
public struct OutputFormats: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let geotiff = OutputFormats(rawValue: 1)
    public static let asc = OutputFormats(rawValue: 2)
    public static let csv = OutputFormats(rawValue: 4)
    public static let geojson = OutputFormats(rawValue: 8)
    /// `map.json.gz`: the network, parks and services `walkshed report` draws (measure it in
    /// Benchmarks/RESULTS.md; leave it out with `--format geotiff`).
    public static let map = OutputFormats(rawValue: 16)
    public static let standard: OutputFormats = [.geotiff, .map]
    public static let all: OutputFormats = [.geotiff, .asc, .csv, .geojson, .map]

    /// Names as `--format` takes them, in the order files are written.
    public static let names: [(name: String, format: OutputFormats)] = [("geotiff", .geotiff), ("asc", .asc), ("csv", .csv), ("geojson", .geojson), ("map", .map)]

    /// Parses `geotiff,csv` (or `all`); a failure names the first unknown word.
    public static func parse(_ text: String) -> Result<OutputFormats, UnknownFormat> {
        var formats: OutputFormats = []
        for word in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            if word == "all" { formats.formUnion(.all); continue }
            let alias = ["tif": "geotiff", "tiff": "geotiff", "cog": "geotiff"][word] ?? word
            guard let match = names.first(where: { $0.name == alias }) else { return .failure(UnknownFormat(word: word)) }
            formats.insert(match.format)
        }
        return formats.isEmpty ? .failure(UnknownFormat(word: text)) : .success(formats)
    }

    public struct UnknownFormat: Error {
        public let word: String
    }
}

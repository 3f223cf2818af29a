import Foundation
import Walkshed
import WalkshedFormats

/// Options several commands share besides the city inputs, each declared once.
enum CommonOptions {
    static let format = OptionSpec(name: "--format", valueName: "<list>",
                                   help: "Files to write, comma-separated: geotiff, asc (ESRI ASCII grid + .prj), csv (cells.csv), geojson (cells.geojson), map (map.json.gz for walkshed report), or all. (default: geotiff,map)")
    static let out = OptionSpec(name: "--out", valueName: "<dir>", help: "Output folder (created if missing).")
    static let minutes = OptionSpec(name: "--minutes", valueName: "<n>", help: "Time budget in minutes. (default: 15)")
    static let cell = OptionSpec(name: "--cell-m", valueName: "<metres>", help: "Grid cell side in metres. (default: 100)")
    static let snapLimit = OptionSpec(name: "--snap-limit-m", valueName: "<metres>", help: "Places farther than this from the network are NODATA. (default: 300)")
    static let profile = OptionSpec(name: "--profile", valueName: "<name>", help: "walk, senior, wheelchair or bike. (default: walk)")
    static let profiles = OptionSpec(name: "--profile", valueName: "<list>", help: "walk, senior, wheelchair or bike (see README); several, comma-separated.")
    static let threads = OptionSpec(name: "--threads", valueName: "<n>", help: "Worker threads; results are identical for any value. (default: all cores)")
    static let force = OptionSpec(name: "--force", valueName: nil, help: "Overwrite earlier results in <dir>.")
    static let quiet = OptionSpec(name: "--quiet", valueName: nil, help: "No progress on stderr.")

    static func formats(_ arguments: CommandArguments) throws -> OutputFormats {
        guard let text = arguments.values[format.name] else { return .standard }
        switch OutputFormats.parse(text) {
        case .success(let formats): return formats
        case .failure(let unknown):
            throw UsageError("unknown format '\(unknown.word)' in --format; known: geotiff, asc, csv, geojson, map, all")
        }
    }

    static func threads(_ arguments: CommandArguments) throws -> Int {
        try arguments.positiveInt(threads.name, default: ProcessInfo.processInfo.activeProcessorCount)
    }

    static func output(_ arguments: CommandArguments, name: String = out.name) throws -> String {
        guard let folder = arguments.values[name] else { throw UsageError("missing \(name) <dir>") }
        return folder
    }

    /// The profiles of `--profile` (a list unless `single`), each a preset, at `--speed-kmh`
    /// when given (one profile only).
    static func profiles(_ arguments: CommandArguments, default fallback: String = "walk", single: Bool = false) throws -> [TravelProfile] {
        let names = (arguments.values[profile.name] ?? fallback).split(separator: ",").map(String.init)
        guard !names.isEmpty, Set(names).count == names.count else { throw UsageError("option '--profile' needs distinct profile names") }
        if single && names.count > 1 { throw UsageError("option '--profile' takes one profile here, got \(names.count)") }
        let speed = arguments.values["--speed-kmh"] == nil ? nil : try arguments.positiveDouble("--speed-kmh", default: 0, in: ValidRange.kilometresPerHour)
        if speed != nil && names.count > 1 { throw UsageError("option '--speed-kmh' applies to a single --profile") }
        return try names.map { name in
            guard let p = TravelProfile.preset(name, kilometresPerHour: speed) else {
                throw UsageError("unknown profile '\(name)'; choose one of \(TravelProfile.presetNames.joined(separator: ", "))")
            }
            return p
        }
    }
}

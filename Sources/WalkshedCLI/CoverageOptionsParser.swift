import Foundation
import Walkshed
import WalkshedFormats

/// `analyze`'s coverage options: grid, budget, search limit, counts, decays, k nearest.
enum CoverageOptionsParser {
    /// The options every grid-making command takes: `--cell-m`, `--minutes`, `--snap-limit-m`, `--threads`.
    static func grid(_ arguments: CommandArguments) throws -> CoverageOptions {
        var options = CoverageOptions()
        options.cellMetres = try arguments.positiveDouble("--cell-m", default: 100, in: ValidRange.cellMetres)
        options.budgetMinutes = try arguments.positiveDouble("--minutes", default: 15, in: ValidRange.minutes)
        options.snapLimitMetres = try arguments.positiveDouble("--snap-limit-m", default: 300, in: ValidRange.distanceMetres)
        options.threads = try CommonOptions.threads(arguments)
        return options
    }

    static func parse(_ arguments: CommandArguments) throws -> CoverageOptions {
        var options = try grid(arguments)
        if arguments.values["--max-minutes"] != nil {
            options.searchLimitSeconds = Float(try arguments.positiveDouble("--max-minutes", default: 0, in: ValidRange.minutes) * 60)
        } else if arguments.values[CityInputOptions.boundary.name] != nil || arguments.values[CityInputOptions.bbox.name] != nil {
            // Inside an area only times within the budget are exact (the network ends at the
            // margin); farther is NODATA, as with --max-minutes.
            options.searchLimitSeconds = Float(options.budgetMinutes * 60)
        }
        if arguments.values["--count-within"] != nil || arguments.values["--decay"] != nil {
            let cutoffs = try arguments.minutesList("--count-within") ?? [options.budgetMinutes]
            guard cutoffs.count <= 8 else { throw UsageError("option '--count-within' takes at most 8 cutoffs, got \(cutoffs.count)") }
            options.countWithinMinutes = Array(Set(cutoffs)).sorted()
            if let text = arguments.values["--decay"] {
                // A decay's default shape follows the largest cutoff; every cutoff weighs with it.
                guard let decay = DecayFunction.parse(text, thresholdMinutes: options.countWithinMinutes.last!) else {
                    throw UsageError("option '--decay' takes step, linear, exponential[:h], gaussian[:sigma] or logistic[:m[:s]] with positive minutes, got '\(text)'")
                }
                options.decay = decay
            }
        }
        if arguments.values["--nearest"] != nil {
            let k = try arguments.positiveInt("--nearest", default: 1)
            guard k <= 32 else { throw UsageError("option '--nearest' takes 1...32, got \(k)") }
            options.nearestK = k
        }
        options.greenway = arguments.flags.contains("--greenway")
        return options
    }
}

/// Refuses, before any search, an analysis estimated to exceed `--max-memory-mib`: what is in use
/// now (the loaded city) plus the engine's estimate plus the output text.
enum MemoryBudget {
    static func check(_ study: Study, options: CoverageOptions, maxBytes: Double, source: String, extract: String) throws {
        let (engine, cells) = study.estimatedAnalysisBytes(options: options)
        let total = ResourceUsage.peakResidentBytes + engine + cells * AnalysisFiles.bytesPerCell
        guard total <= maxBytes else {
            func mib(_ b: Double) -> String { FixedPoint.format(b / 1_048_576, decimals: 0) }
            throw InputFileError(path: extract, message: "the analysis would need about \(mib(total)) MiB "
                + "(\(FixedPoint.format(cells, decimals: 0)) cells of \(FixedPoint.format(options.cellMetres, decimals: options.cellMetres < 1 ? 4 : 1)) m), "
                + "over the \(mib(maxBytes)) MiB allowed (\(source)); use a larger --cell-m or a smaller extract")
        }
    }

    /// Outputs larger than this need `--force` (a 1 m grid of a city is gigabytes).
    static let largeOutputBytes = 2.0 * 1_073_741_824

    /// Refuses, unless `--force`, an analysis whose files are estimated past `largeOutputBytes`.
    static func checkOutputSize(_ study: Study, options: CoverageOptions, formats: OutputFormats, profiles: Int, extract: String) throws {
        let (_, cells) = study.estimatedAnalysisBytes(options: options)
        let bytes = cells * AnalysisFiles.estimatedBytesPerCell(formats: formats) * Double(profiles)
        guard bytes <= largeOutputBytes else {
            throw InputFileError(path: extract, message: "the analysis would write about \(FixedPoint.format(bytes / 1_073_741_824, decimals: 1)) GiB "
                             + "(\(FixedPoint.format(cells, decimals: 0)) cells of \(FixedPoint.format(options.cellMetres, decimals: 1)) m); "
                             + "pass --force to write it, or use a larger --cell-m or fewer --format")
        }
    }

    /// Refuses, before any search, a grid of park candidates too large for the memory allowed.
    static func checkParkCandidates(_ study: Study, options parks: ParkSuggestionOptions, request: StudyRequest) throws {
        let (bytes, sites) = study.estimatedParkSuggestionBytes(options: parks)
        guard bytes <= request.maxMemoryBytes else {
            throw InputFileError(path: request.extract, message: "a candidate grid of \(FixedPoint.format(parks.spacingMetres, decimals: 1)) m has \(FixedPoint.format(sites, decimals: 0)) sites "
                             + "and may need about \(Int(bytes / 1_048_576)) MiB, over the \(Int(request.maxMemoryBytes / 1_048_576)) MiB allowed "
                             + "(\(request.memoryLimitSource)); use a larger --spacing-m or --candidates")
        }
    }
}

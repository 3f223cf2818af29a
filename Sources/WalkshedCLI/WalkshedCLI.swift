import Foundation
import WalkshedFormats

/// The `walkshed` command: dispatches to subcommands and turns errors into exit codes
/// (64 usage, 1 data or runtime failure).
public enum WalkshedCLI {
    public static let version = "0.1.0"

    static let help = """
    OVERVIEW: Walkshed — 15-minute-neighbourhood and greenway accessibility from OpenStreetMap.

    For every place in a city: minutes on foot to the nearest park and to the nearest service of
    each category (food, healthcare, education, transit, civic, culture), as coverage grids.

    USAGE: walkshed <subcommand> [options]

    SUBCOMMANDS:
      analyze                 Coverage grids and a summary for an OSM extract.
      info                    What an OSM extract holds: network, parks, services, warnings.
      indicators              Standard indicators: SDG 11.7.1, 11.2.1, WHO, 3-30-300, ParkServe, 15-minute city.
      check                   Check accessibility targets for CI (exit 0 all hold, 2 one fails); JUnit XML.
      scenario                Baseline vs scenarios (new parks, paths, closures): difference grids, who gains.
      suggest                 Where to build next: parks (greedy max coverage) or missing path links.
      isochrone               Isochrones from a point: reached edges and their buffered area, as GeoJSON.
      report                  A self-contained HTML report and PNG maps of an analyze or scenario folder.
      import                  Read an extract once into a binary network file (.wsn) every command reads fast.
      generate                Generate a synthetic city of any size as a .wsn network file (for benchmarks).
      export                  The walk graph and destination seeds as neutral CSV for other tools.
      help <subcommand>       Show help for a subcommand.

    OPTIONS:
      --version               Show the version.
      -h, --help              Show help information.

    See 'walkshed help <subcommand>' for detailed help.

    """

    /// Runs with the process arguments and exits.
    public static func main() -> Never {
        AllocatorPolicy.returnLargeBlocksWhenFreed()
        exit(run(Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String]) -> Int32 {
        guard let first = arguments.first else {
            print(help, terminator: "")
            return 0
        }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "-h", "--help": print(help, terminator: ""); return 0
        case "--version": print(version); return 0
        case "help":
            guard let sub = rest.first else { print(help, terminator: ""); return 0 }
            guard let command = commandHelp(sub) else { return usageFailure(UsageError("unknown subcommand '\(sub)'"), usage: "walkshed <subcommand>", command: nil) }
            print(command.text, terminator: "")
            return 0
        case AnalyzeCommand.help.name: return execute(AnalyzeCommand.self, rest)
        case InfoCommand.help.name: return execute(InfoCommand.self, rest)
        case ExportCommand.help.name: return execute(ExportCommand.self, rest)
        case ReportCommand.help.name: return execute(ReportCommand.self, rest)
        case IsochroneCommand.help.name: return execute(IsochroneCommand.self, rest)
        case ImportCommand.help.name: return execute(ImportCommand.self, rest)
        case GenerateCommand.help.name: return execute(GenerateCommand.self, rest)
        case IndicatorsCommand.help.name: return execute(IndicatorsCommand.self, rest)
        case CheckCommand.help.name: return execute(CheckCommand.self, rest)
        case ScenarioCommand.help.name: return execute(ScenarioCommand.self, rest)
        case SuggestCommand.help.name: return execute(SuggestCommand.self, rest)
        default:
            return usageFailure(UsageError("unknown subcommand '\(first)'"), usage: "walkshed <subcommand>", command: nil)
        }
    }

    static func commandHelp(_ name: String) -> CommandHelp? {
        [AnalyzeCommand.help, InfoCommand.help, IndicatorsCommand.help, CheckCommand.help, ScenarioCommand.help, SuggestCommand.help, IsochroneCommand.help, ReportCommand.help, ImportCommand.help, GenerateCommand.help, ExportCommand.help].first { $0.name == name }
    }

    static func execute<C: WalkshedCommand>(_ type: C.Type, _ arguments: [String]) -> Int32 {
        let command: C
        do {
            let parsed = try CommandArguments(arguments, options: C.help.options)
            if parsed.flags.contains("--help") {
                print(C.help.text, terminator: "")
                return 0
            }
            command = try C(parsed)
        } catch let error as UsageError {
            return usageFailure(error, usage: C.help.usage, command: C.help.name)
        } catch {
            return usageFailure(UsageError("\(error)"), usage: C.help.usage, command: C.help.name)
        }
        do {
            return try command.run()
        } catch {
            Terminal.status("\(error)")
            return 1
        }
    }

    static func usageFailure(_ error: UsageError, usage: String, command: String?) -> Int32 {
        Terminal.status("Error: \(error.description)")
        Terminal.status("Usage: \(usage)")
        Terminal.status("See 'walkshed\(command.map { " \($0)" } ?? "") --help' for more information.")
        return 64
    }
}

/// A subcommand: parsed and validated in `init`, then run.
protocol WalkshedCommand {
    static var help: CommandHelp { get }
    init(_ arguments: CommandArguments) throws
    /// Does the work; returns the exit code, throws for data and runtime failures (exit 1).
    func run() throws -> Int32
}

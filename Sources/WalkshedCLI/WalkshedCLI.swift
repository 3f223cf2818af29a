import Foundation
import Walkshed
import WalkshedFormats

/// The `walkshed` command: dispatches to subcommands and turns errors into exit codes
/// (64 usage, 1 data or runtime failure).
public enum WalkshedCLI {
    /// Every subcommand, in the order help lists them: the one list dispatch, help and tests read.
    static let commands: [any WalkshedCommand.Type] = [
        AnalyzeCommand.self, InfoCommand.self, IndicatorsCommand.self, CheckCommand.self, ScenarioCommand.self, SuggestCommand.self, ServeCommand.self,
        GreenwaysCommand.self, BatchCommand.self, MergeCommand.self,
        IsochroneCommand.self, ReportCommand.self, ImportCommand.self, GenerateCommand.self, ExportCommand.self,
    ]

    static var help: String {
        var text = """
        OVERVIEW: Walkshed — 15-minute-neighbourhood and greenway accessibility from OpenStreetMap.

        For every place in a city: minutes on foot to the nearest park and to the nearest service of
        each category (\(ServiceCategory.allCases.map(\.rawValue).joined(separator: ", "))), as coverage grids.

        USAGE: walkshed <subcommand> [options]

        SUBCOMMANDS:

        """
        for command in commands { text += CommandHelp.row(command.help.name, command.help.abstract) }
        text += CommandHelp.row("help <subcommand>", "Show help for a subcommand.")
        text += """

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        See 'walkshed help <subcommand>' for detailed help.

        """
        return text
    }

    /// Runs with the process arguments and exits.
    public static func main() -> Never {
        AllocatorPolicy.returnLargeBlocksWhenFreed()
        let status = run(Array(CommandLine.arguments.dropFirst()))
        exit(Terminal.resultsWritten() ? status : max(status, 1))
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
        case "--version": print(WalkshedVersion.current); return 0
        case "help":
            guard let sub = rest.first else { print(help, terminator: ""); return 0 }
            guard let command = commandHelp(sub) else { return usageFailure(UsageError("unknown subcommand '\(sub)'"), usage: "walkshed <subcommand>", command: nil) }
            print(command.text, terminator: "")
            return 0
        default:
            guard let command = commands.first(where: { $0.help.name == first }) else {
                return usageFailure(UsageError("unknown subcommand '\(first)'"), usage: "walkshed <subcommand>", command: nil)
            }
            return execute(command, rest)
        }
    }

    static func commandHelp(_ name: String) -> CommandHelp? {
        commands.first { $0.help.name == name }?.help
    }

    static func execute(_ C: any WalkshedCommand.Type, _ arguments: [String]) -> Int32 {
        let command: any WalkshedCommand
        do {
            let parsed = try CommandArguments(arguments, options: C.help.options)
            if parsed.flags.contains("--help") {
                print(C.help.text, terminator: "")
                return 0
            }
            command = try C.init(parsed)
        } catch let error as UsageError {
            return usageFailure(error, usage: C.help.usage, command: C.help.name)
        } catch {
            return usageFailure(UsageError("\(error)"), usage: C.help.usage, command: C.help.name)
        }
        do {
            return try command.run()
        } catch is OutputRolledBack {
            // An interrupt rolled the output back while the run went on; its handler reports
            // that and exits 130 (SIGINT) or 143 (SIGTERM). Waiting here keeps this thread
            // from ending the process first with an error of its own.
            Thread.sleep(forTimeInterval: 10)
            return 130
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
protocol WalkshedCommand: Sendable {
    static var help: CommandHelp { get }
    init(_ arguments: CommandArguments) throws
    /// Does the work; returns the exit code, throws for data and runtime failures (exit 1).
    func run() throws -> Int32
}

import WalkshedFormats

/// A command-line option a subcommand accepts.
///
/// Names follow one convention (README, "Options"): every output path is `--out` (a folder, or
/// a file for commands that write one), `-o` for short; a value with a unit other than minutes
/// names it as a suffix (`--cell-m`, `--floor-area-m2`, `--speed-kmh`, `--park-min-ha`,
/// `--max-memory-mib`, `--request-timeout-s`); times are minutes (`--minutes`, `--max-minutes`,
/// `--count-within`); an option takes a comma-separated list where the command makes one result
/// per value (`--profile`, isochrone's `--minutes`, `--count-within`, `--format`).
struct OptionSpec {
    /// Long name with dashes (`--cell-m`).
    var name: String
    /// Placeholder for its value (`<metres>`), or nil for a flag.
    var valueName: String?
    var help: String
    /// Spellings this command alone still accepts (those of every command are `CommandArguments.aliases`).
    var aliases: [String] = []

    /// Every earlier spelling accepted for this option, sorted.
    var allAliases: [String] { (aliases + CommandArguments.aliases(of: name)).sorted() }
}

/// A wrong command line; printed with usage and exits 64 (EX_USAGE).
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Positionals, option values and flags of one subcommand's command line.
struct CommandArguments {
    var positionals: [String] = []
    /// The last value of each option.
    var values: [String: String] = [:]
    /// Every value of each option, in order (options that may be given several times).
    var allValues: [String: [String]] = [:]
    var flags: Set<String> = []

    /// Earlier spellings still accepted, each read as the option it became.
    static let aliases: [String: String] = [
        "-o": "--out", "--cell": "--cell-m", "--snap-limit": "--snap-limit-m",
        "--spacing": "--spacing-m", "--buffer": "--buffer-m", "--raster": "--raster-m", "--floor-area": "--floor-area-m2",
        "--max-memory": "--max-memory-mib", "--request-timeout": "--request-timeout-s",
    ]

    /// The earlier spellings of `name`, sorted.
    static func aliases(of name: String) -> [String] { aliases.filter { $0.value == name }.map(\.key).sorted() }

    /// Splits `arguments` by `options`; accepts `--name value` and `--name=value`; `--` ends
    /// options. An alias of an option is stored under the option's name.
    init(_ arguments: [String], options: [OptionSpec]) throws {
        var byName = Dictionary(uniqueKeysWithValues: options.map { ($0.name, $0) })
        for (alias, name) in Self.aliases { if let spec = byName[name] { byName[alias] = spec } }
        for spec in options { for alias in spec.aliases { byName[alias] = spec } }
        var i = 0
        var onlyPositionals = false
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            if argument == "-h" || argument == "--help" { flags.insert("--help"); continue }
            var name = argument, inlineValue: String?
            if let eq = argument.firstIndex(of: "=") {
                name = String(argument[..<eq])
                inlineValue = String(argument[argument.index(after: eq)...])
            }
            guard let spec = byName[name] else { throw UsageError("unknown option '\(name)'") }
            name = spec.name
            if spec.valueName == nil {
                guard inlineValue == nil else { throw UsageError("option '\(name)' takes no value") }
                flags.insert(name)
            } else {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard i < arguments.count else { throw UsageError("option '\(name)' needs a value \(spec.valueName!)") }
                    value = arguments[i]
                    i += 1
                }
                values[name] = value
                allValues[name, default: []].append(value)
            }
        }
    }

    /// The one positional argument, the extract's path.
    func singleExtract() throws -> String {
        guard positionals.count == 1 else {
            throw UsageError(positionals.isEmpty ? "missing <extract>" : "expected one <extract>, got \(positionals.count) arguments")
        }
        return positionals[0]
    }

    /// A positive number option, or `fallback` when absent.
    func positiveDouble(_ name: String, default fallback: Double) throws -> Double {
        guard let text = values[name] else { return fallback }
        if text.contains(","), text.split(separator: ",").allSatisfy({ Double($0) != nil }) {
            throw UsageError("option '\(name)' takes one number here, got the list '\(text)' (lists: isochrone --minutes, analyze --count-within)")
        }
        guard let v = Double(text), v.isFinite, v > 0 else {
            throw UsageError("option '\(name)' needs a positive number, got '\(text)'")
        }
        return v
    }

    /// A positive number option within `range` (`ValidRange`), or `fallback` when absent.
    func positiveDouble(_ name: String, default fallback: Double, in range: ClosedRange<Double>) throws -> Double {
        let value = try positiveDouble(name, default: fallback)
        guard range.contains(value) else { throw UsageError("option '\(name)' takes a value in \(ValidRange.text(range)), got '\(values[name] ?? "\(value)")'") }
        return value
    }

    /// A positive integer option, or `fallback` when absent.
    func positiveInt(_ name: String, default fallback: Int) throws -> Int {
        guard let text = values[name] else { return fallback }
        guard let v = Int(text), v > 0 else { throw UsageError("option '\(name)' needs a positive whole number, got '\(text)'") }
        return v
    }
}

extension CommandArguments {
    /// A comma-separated list of positive minutes (`5,10,15`), each at most a day, none twice;
    /// nil when the option is absent.
    func minutesList(_ name: String) throws -> [Double]? {
        guard let text = values[name] else { return nil }
        let minutes = try text.split(separator: ",", omittingEmptySubsequences: false).map { item in
            guard let m = Double(item.trimmingCharacters(in: .whitespaces)), m > 0, m <= 24 * 60 else {
                throw UsageError("option '\(name)' takes positive minutes (at most 1440), comma-separated, got '\(item)'")
            }
            return m
        }
        guard Set(minutes).count == minutes.count else { throw UsageError("option '\(name)' lists a value twice") }
        return minutes
    }

    /// A comma-separated option as its items (`[]` when absent).
    func list(_ name: String) -> [String] {
        values[name].map { $0.split(separator: ",").map(String.init) } ?? []
    }
}

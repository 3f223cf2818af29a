/// A command-line option a subcommand accepts.
struct OptionSpec {
    /// Long name with dashes (`--cell`).
    var name: String
    /// Placeholder for its value (`<metres>`), or nil for a flag.
    var valueName: String?
    var help: String
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

    /// Splits `arguments` by `options`; accepts `--name value` and `--name=value`; `--` ends options.
    init(_ arguments: [String], options: [OptionSpec]) throws {
        let byName = Dictionary(uniqueKeysWithValues: options.map { ($0.name, $0) })
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
        guard let v = Double(text), v.isFinite, v > 0 else {
            throw UsageError("option '\(name)' needs a positive number, got '\(text)'")
        }
        return v
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

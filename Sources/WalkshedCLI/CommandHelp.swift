/// What a subcommand says about itself in `--help`, in swift-argument-parser's layout.
struct CommandHelp {
    var name: String
    var abstract: String
    var usage: String
    var discussion: String = ""
    var arguments: [(name: String, help: String)] = []
    var options: [OptionSpec] = []

    var text: String {
        var out = "OVERVIEW: \(abstract)\n"
        if !discussion.isEmpty { out += "\n\(discussion)\n" }
        out += "\nUSAGE: \(usage)\n"
        if !arguments.isEmpty {
            out += "\nARGUMENTS:\n"
            for a in arguments { out += Self.row(a.name, a.help) }
        }
        out += "\nOPTIONS:\n"
        for o in options {
            let aliases = o.allAliases
            out += Self.row(o.valueName.map { "\(o.name) \($0)" } ?? o.name,
                            o.help + (aliases.isEmpty ? "" : " (also: \(aliases.joined(separator: ", ")))"))
        }
        out += Self.row("-h, --help", "Show help information.")
        return out
    }

    static func row(_ left: String, _ right: String) -> String {
        let padded = left.count < 24 ? left + String(repeating: " ", count: 24 - left.count) : left + "\n" + String(repeating: " ", count: 26)
        return "  \(padded)\(right)\n"
    }
}

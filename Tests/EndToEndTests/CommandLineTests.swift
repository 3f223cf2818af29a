import Foundation
import Testing
import WalkshedTestSupport

@Test func helpAndVersion() throws {
    let help = try CommandRunner.run(["--help"])
    #expect(help.status == 0 && help.stdout.hasPrefix("OVERVIEW: Walkshed") && help.stdout.contains("SUBCOMMANDS:"))
    let version = try CommandRunner.run(["--version"])
    #expect(version.status == 0 && version.stdout == "0.1.0\n")
    for sub in ["analyze", "info", "export"] {
        let a = try CommandRunner.run(["help", sub]), b = try CommandRunner.run([sub, "--help"])
        #expect(a.status == 0 && a.stdout == b.stdout && a.stdout.contains("USAGE: walkshed \(sub)") && a.stdout.contains("OPTIONS:"))
    }
}

@Test(arguments: [
    (["analyze"], "Error: missing <extract>", "analyze"),
    (["analyze", "x.osm.pbf"], "Error: missing --out <dir>", "analyze"),
    (["analyze", "x.osm.pbf", "--out", "o", "--cell", "-5"], "Error: option '--cell-m' needs a positive number, got '-5'", "analyze"),
    (["analyze", "x.osm.pbf", "--out", "o", "--minutes", "10,15"], "Error: option '--minutes' takes one number here, got the list '10,15' (lists: isochrone --minutes, analyze --count-within)", "analyze"),
    (["analyze", "x.osm.pbf", "--out", "o", "--threads", "two"], "Error: option '--threads' needs a positive whole number, got 'two'", "analyze"),
    (["info", "a", "b"], "Error: expected one <extract>, got 2 arguments", "info"),
    (["info", "x", "--colour"], "Error: unknown option '--colour'", "info"),
])
func usageErrorsExit64WithUsage(arguments: [String], message: String, command: String) throws {
    let outcome = try CommandRunner.run(arguments)
    #expect(outcome.status == 64)
    let lines = outcome.stderr.split(separator: "\n").map(String.init)
    #expect(lines.first == message)
    #expect(lines.count == 3 && lines[1].hasPrefix("Usage: walkshed \(command)"))
    #expect(lines.last == "See 'walkshed \(command) --help' for more information.")
}

@Test func unknownSubcommandExits64() throws {
    let outcome = try CommandRunner.run(["analyse"])
    #expect(outcome.status == 64 && outcome.stderr.hasPrefix("Error: unknown subcommand 'analyse'"))
}

@Test func unknownProfileIsAUsageError() throws {
    let outcome = try CommandRunner.run(["analyze", "x.osm.pbf", "--out", "o", "--profile", "hovercraft"])
    #expect(outcome.status == 64)
    #expect(outcome.stderr.hasPrefix("Error: unknown profile 'hovercraft'; choose one of walk, senior, wheelchair, bike\n"))
}

@Test func exportWritesTheGraphSeedsAndAnswers() throws {
    let out = RepositoryPaths.temporaryFolder("export").appendingPathComponent("neutral")
    let outcome = try CommandRunner.run(["export", RepositoryPaths.network("helsinki.osm.pbf"), "--neutral", out.path, "--quiet"])
    #expect(outcome.status == 0 && outcome.stdout.hasPrefix("Wrote 3338 nodes, 5303 edges"))   // as `info` reports
    func lines(_ name: String) throws -> [Substring] {
        try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
    }
    #expect(try lines("nodes.csv").count == 1 + 3_338 && lines("edges.csv").count == 1 + 5_303)
    #expect(try lines("answers-w1.csv")[0] == "node,park,food,healthcare,education,transit")
    let seeds = try lines("pois.csv").dropFirst().map { $0.split(separator: ",") }
    #expect(Set(seeds.map { String($0[0]) }) == ["park", "food", "healthcare", "education", "transit"])
    #expect(seeds.allSatisfy { Int($0[2])! >= 0 && Int($0[3])! < 3_338 && Double($0[4])! >= 0 })
    // W2 agrees with W1: a node counts a destination within 1,200 m exactly when its nearest is that close.
    let nearest = try lines("answers-w1.csv").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    let counts = try lines("answers-w2-1200m.csv")
    #expect(counts[0] == "node,park,food,healthcare,education,transit" && counts.count == 1 + 3_338)
    var withinReach = 0
    for (row, line) in counts.dropFirst().enumerated() {
        let fields = line.split(separator: ",")
        for k in 1...5 {
            let metres = Double(nearest[row][k]) ?? .infinity, count = Int(fields[k])!
            #expect((count > 0) == (metres <= 1_200), "node \(row), column \(k)")
            if count > 1 { withinReach += 1 }
        }
    }
    #expect(withinReach > 1_000)   // many nodes have several destinations of a kind within 1,200 m
}

@Test func parkFiltersAreCheckedAndApplied() throws {
    let bad = try CommandRunner.run(["analyze", "x", "--out", "o", "--park-kinds", "park,pond"])
    #expect(bad.status == 64 && bad.stderr.hasPrefix("Error: unknown park kind 'pond'; known kinds: common, dog_park, garden,"))
    let out = RepositoryPaths.temporaryFolder("parks")
    func parkCount(_ extra: [String]) throws -> Int {
        let folder = out.appendingPathComponent(extra.joined(separator: "-"))
        let outcome = try CommandRunner.run(["analyze", RepositoryPaths.network("helsinki.osm.pbf"), "--out", folder.path, "--quiet", "--cell", "200"] + extra)
        #expect(outcome.status == 0)
        let summary = try json(folder.appendingPathComponent("summary.json"))
        return ((summary["destinations"] as! [String: Any])["park"] as! [String: Any])["count"] as! Int
    }
    // `info` lists 17 parks: 12 park, 4 playground, 1 garden.
    #expect(try parkCount([]) == 22)
    #expect(try parkCount(["--park-kinds", "playground"]) == 5)
    #expect(try parkCount(["--park-kinds", "park,garden"]) == 17)
    #expect(try parkCount(["--park-min-ha", "1"]) < 22)
}

/// One naming convention across commands (README, "Options"): a value in metres, square
/// metres, hectares, mebibytes or seconds names its unit as a suffix, every output path is
/// `--out` (`-o` for short), and each earlier spelling is listed in help as an alias.
@Test func optionNamesFollowOneConvention() throws {
    let suffixes = ["<metres>": "-m", "<m2>": "-m2", "<ha>": "-ha", "<MiB>": "-mib", "<seconds>": "-s", "<km/h>": "-kmh"]
    var checked = 0
    for command in ["analyze", "indicators", "check", "scenario", "serve", "batch", "merge", "greenways", "suggest", "report", "isochrone",
                    "info", "import", "generate", "export"] {
        let help = try CommandRunner.run([command, "--help"])
        #expect(help.status == 0)
        let options = help.stdout.components(separatedBy: "OPTIONS:\n")[1].split(separator: "\n").filter { $0.hasPrefix("  -") }
        for row in options {
            let words = row.split(separator: " ")
            guard words.count > 1 else { continue }
            let name = String(words[0]), value = String(words[1])
            if let suffix = suffixes[value] {
                #expect(name.hasSuffix(suffix), "\(command) \(name) \(value)")
                checked += 1
            }
            #expect(name != "-o" && name != "--neutral", "\(command) names its output \(name)")
        }
        if ["analyze", "import", "isochrone", "report", "export"].contains(command) {
            #expect(help.stdout.contains("  --out <"), "\(command)")
            #expect(help.stdout.contains("(also: -o)") || help.stdout.contains("(also: --neutral, -o)"), "\(command)")
        }
    }
    #expect(checked >= 15)
    #expect(try CommandRunner.run(["analyze", "--help"]).stdout.contains("  --cell-m <metres>       Grid cell side in metres. (default: 100) (also: --cell)"))
}

/// The earlier spellings give the same results as the conventional names.
@Test func earlierOptionSpellingsAreAliases() throws {
    let root = RepositoryPaths.temporaryFolder("aliases")
    let extract = RepositoryPaths.network("helsinki.osm.pbf")
    let new = try CommandRunner.run(["analyze", extract, "--out", root.appendingPathComponent("new").path, "--cell-m", "150", "--snap-limit-m", "250",
                                     "--quiet", "--format", "asc"])
    let old = try CommandRunner.run(["analyze", extract, "-o", root.appendingPathComponent("old").path, "--cell", "150", "--snap-limit=250",
                                     "--quiet", "--format", "asc"])
    #expect(new.status == 0 && old.status == 0, "\(new.stderr)\(old.stderr)")
    for name in ["park_minutes.asc", "food_minutes.asc", "categories_within.asc"] {
        let a = try Data(contentsOf: root.appendingPathComponent("new/\(name)")), b = try Data(contentsOf: root.appendingPathComponent("old/\(name)"))
        #expect(a == b, "\(name)")
    }
    #expect(try String(contentsOf: root.appendingPathComponent("new/park_minutes.asc"), encoding: .utf8).contains("cellsize     150.000"))
    let measures = try ["new", "old"].map { try json(root.appendingPathComponent("\($0)/summary.json"))["measures"] as! [[String: AnyHashable]] }
    #expect(measures[0] == measures[1])
    let isoNew = root.appendingPathComponent("new.geojson").path, isoOld = root.appendingPathComponent("old.geojson").path
    for (flag, path, buffer) in [("--out", isoNew, "--buffer-m"), ("-o", isoOld, "--buffer")] {
        let run = try CommandRunner.run(["isochrone", extract, "--from", "24.9384,60.1699", "--minutes", "5", flag, path, buffer, "40", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: isoNew)) == Data(contentsOf: URL(fileURLWithPath: isoOld)))
    let both = try CommandRunner.run(["analyze", extract, "--out", root.appendingPathComponent("x").path, "--cell", "100", "--cell-m", "200", "--quiet", "--format", "asc"])
    // Given twice (in either spelling), the last value counts, as for any option.
    #expect(both.status == 0)
    #expect(try String(contentsOf: root.appendingPathComponent("x/park_minutes.asc"), encoding: .utf8).contains("cellsize     200.000"))
}

/// README installs once (`swift build -c release`, then `walkshed` on PATH) and every example
/// runs `walkshed` in that one form: no `swift run … walkshed`, no `.build/release/walkshed`
/// outside the install lines.
@Test func readmeUsesOneInstallForm() throws {
    let readme = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("swift build -c release && export PATH=\"$PWD/.build/release:$PATH\""))
    #expect(!readme.contains("swift run -c release walkshed") && !readme.contains("swift run walkshed"))
    for line in readme.split(separator: "\n") where line.contains(".build/release/walkshed") {
        #expect(line.contains("install -m 755") || line.hasPrefix(".build/release/walkshed ~/.local/bin/"), "\(line)")
    }
    for line in readme.split(separator: "\n") where line.hasPrefix("$ ") && line.contains("walkshed") && !line.hasPrefix("$ curl ") {
        #expect(line.hasPrefix("$ walkshed "), "an example that does not run the installed walkshed: \(line)")
    }
}

/// `--quiet` silences the building estimate's rule too (it printed even then in `scenario`).
@Test func quietRunsPrintNothingOnStderr() throws {
    let root = RepositoryPaths.temporaryFolder("quiet")
    let run = try CommandRunner.run(["scenario", RepositoryPaths.network("helsinki.osm.pbf"), RepositoryPaths.network("scenarios/helsinki-greenway.json"),
                                     "--population", "buildings", "--out", root.appendingPathComponent("s").path, "--quiet"])
    #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
}

/// README's quick start: `--report` on the folder the first run wrote asks for `--force`
/// (as README says), and with it writes the report.
@Test func reportOnAnExistingAnalysisNeedsForceAsReadmeSays() throws {
    let root = RepositoryPaths.temporaryFolder("report-existing")
    let out = root.appendingPathComponent("helsinki-out").path, extract = RepositoryPaths.network("helsinki.osm.pbf")
    #expect(try CommandRunner.run(["analyze", extract, "--out", out, "--quiet"]).status == 0)
    let again = try CommandRunner.run(["analyze", extract, "--out", out, "--quiet", "--report"])
    #expect(again.status == 1 && again.stderr.contains("already holds results") && again.stderr.contains("pass --force"))
    let forced = try CommandRunner.run(["analyze", extract, "--out", out, "--quiet", "--report", "--force"])
    #expect(forced.status == 0 && FileManager.default.fileExists(atPath: "\(out)/report.html"))
    let readme = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("or add `--report` to an analysis into a new folder\n(or with `--force` to write over this one)"))
}

/// Platform-specific code stays in named places (README, "Platforms"): glibc's allocator
/// controls only in AllocatorPolicy behind `#if canImport(Glibc)`, Linux paths (/proc, /sys)
/// only where a missing file falls back (MemoryLimit) or names a device (OutputTarget).
@Test func platformSpecificCodeStaysInItsFiles() throws {
    let sources = RepositoryPaths.root.appendingPathComponent("Sources")
    let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
    for file in files {
        let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
        if text.contains("import CMalloc") {
            #expect(file == "WalkshedFormats/Support/AllocatorPolicy.swift" && text.hasPrefix("#if canImport(Glibc)\nimport CMalloc\n#endif"), "\(file)")
        }
        if text.contains("\"/proc/") || text.contains("\"/sys/") {
            #expect(["WalkshedFormats/Support/MemoryLimit.swift", "WalkshedFormats/Output/OutputTarget.swift"].contains(file), "\(file) reads a Linux path")
        }
    }
}

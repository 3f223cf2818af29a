import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed report`: an output folder of `analyze`, `scenario`, `suggest` or `indicators` → one self-contained HTML
/// file, and with `--png` a PNG map per grid.
struct ReportCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "report",
        abstract: "A self-contained HTML report (and PNG maps) of an analyze, scenario, suggest or indicators output folder.",
        usage: "walkshed report <dir> [--out <report.html>] [--png <folder>]",
        discussion: """
        Reads what walkshed analyze (one profile, or a subfolder per profile) or walkshed scenario
        wrote to <dir> and writes one HTML file that opens from disk with no network access: each
        grid on a pannable, zoomable map with a legend in minutes and a scale bar, the network
        with greenways highlighted, parks and services (from map.json.gz), the indicators table and
        a histogram weighted by residents (population.csv) or cells, and with --indicators the
        standard indicators of walkshed indicators; for scenarios, the gain/loss
        grids with the added paths, parks and closures drawn; for suggest, the ranked parks or
        links with their gains over the base map; for indicators, the indicator table. --png writes one PNG per grid with
        its legend and scale bar, for slides.
        """,
        arguments: [("<dir>", "Output folder of walkshed analyze, scenario, suggest or indicators.")],
        options: [
            OptionSpec(name: "--out", valueName: "<file>", help: "The HTML file to write. (default: <dir>/report.html)"),
            OptionSpec(name: "--png", valueName: "<folder>", help: "Also write a PNG map of each grid here (created if missing)."),
            OptionSpec(name: "--indicators", valueName: "<csv>", help: "Also show the standard indicators of this indicators.csv (walkshed indicators). (default: <dir>/indicators.csv if present)"),
            OptionSpec(name: "--no-html", valueName: nil, help: "Write only the PNG maps."),
            OptionSpec(name: "--quiet", valueName: nil, help: "No progress on stderr."),
        ])

    let folder: String
    let htmlPath: String?
    let pngFolder: String?
    let indicatorsPath: String?
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        guard arguments.positionals.count == 1 else {
            throw UsageError(arguments.positionals.isEmpty ? "missing <dir>" : "expected one <dir>, got \(arguments.positionals.count) arguments")
        }
        folder = arguments.positionals[0]
        pngFolder = arguments.values["--png"]
        if arguments.flags.contains("--no-html") {
            guard pngFolder != nil else { throw UsageError("--no-html needs --png <folder>") }
            guard arguments.values["--out"] == nil else { throw UsageError("--no-html and --out contradict each other") }
            htmlPath = nil
        } else {
            htmlPath = arguments.values["--out"] ?? (arguments.positionals[0] as NSString).appendingPathComponent("report.html")
        }
        indicatorsPath = arguments.values["--indicators"]
        quiet = arguments.flags.contains("--quiet")
    }

    func run() throws -> Int32 {
        let clock = StageClock(quiet: quiet)
        clock.begin("reading \(folder)")
        let content = try ReportContent.load(folder: folder, indicators: indicatorsPath)
        let written = try ReportWriter.write(content, html: htmlPath, pngFolder: pngFolder, clock: clock)
        clock.finish()
        print(written.map { "Wrote \($0)" }.joined(separator: "\n"))
        return 0
    }
}

/// Writes a report's HTML and PNG files through one transaction, for `report` and `analyze --report`.
enum ReportWriter {
    /// Returns what was written: the HTML path and the PNG count.
    static func write(_ content: ReportContent, html: String?, pngFolder: String?, clock: StageClock) throws -> [String] {
        let transaction = OutputTransaction()
        let interrupts = InterruptHandler(transaction: transaction)
        var written: [String] = []
        try transaction.stagingAll {
            if let html {
                clock.begin("writing \(html)")
                let parent = (html as NSString).deletingLastPathComponent
                try transaction.exclusively { try OutputFolder.check(parent.isEmpty ? "." : parent) }
                let page = HTMLReport.html(content, generator: "Walkshed \(WalkshedVersion.current)")
                try transaction.stage(page, at: html)
                written.append("\(html) (\(HTMLReport.sizeAndContents(of: page, content)))")
            }
            if let pngFolder {
                clock.begin("drawing PNG maps into \(pngFolder)")
                try transaction.exclusively { try OutputFolder.check(pngFolder) }
                try OutputFolder.create(pngFolder)
                let maps = GridMapPNG.maps(of: content)
                for (name, png) in maps { try transaction.stage(png, at: (pngFolder as NSString).appendingPathComponent("\(name).png")) }
                written.append("\(maps.count) PNG maps to \(pngFolder)/")
            }
        }
        withExtendedLifetime(interrupts) {}
        return written
    }
}

import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed suggest parks|links|greenway-links`: where a new park or a new path link would
/// bring the most residents within the time budget, or which greenway gaps to close.
struct SuggestCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "suggest",
        abstract: "Where to build next: new parks (greedy maximum coverage), missing path links, or greenway gaps to close.",
        usage: "walkshed suggest parks|links|greenway-links <extract> --out <dir> [--population <file>] [--count <k>] [--minutes <n>]",
        discussion: """
        parks: candidate sites are squares of --min-area-ha on a --spacing-m grid (or the polygons of
        --candidates file.geojson), reached through access points found as for real parks. Lazy
        greedy maximum coverage picks --count sites, each maximising residents newly within the
        budget of any park. Writes suggested_parks.csv and .geojson and, for grid candidates,
        marginal_gain.asc (+ .prj): per candidate cell, the residents a park there alone would bring.
        links: pairs of network nodes at most --max-length-m apart in a straight line whose walk
        on today's network is over --detour times longer; each is scored by the residents it
        would bring within the budget of --measure, per metre built. --count links are picked
        greedily (no two sharing an end), each by the residents it adds to the earlier picks per
        metre, and written to suggested_links.csv and .geojson with the coverage of the first k
        built together, computed exactly on the edited network. Every kind also writes map.json.gz
        (the network, parks and services), so walkshed report <dir> maps the suggestions.
        greenway-links: the break points of walkshed greenways, closed greedily one at a time by
        a straight greenway path across the gap, each the one that raises --objective most given
        the earlier picks: parks (pairs of parks joined along greenway), length (mean continuous
        greenway from a greenway point) or residents (residents within --minutes of a greenway
        group × its km). Writes suggested_greenway_links.csv and .geojson with each pick's gain
        and running total, and greenway-links.json, a scenario file of the picks for walkshed
        scenario and walkshed serve. --population is needed for parks and links, and for the
        residents objective.
        """,
        arguments: [("parks|links|greenway-links", "What to suggest."), ("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML).")],
        options: [
            CommonOptions.out,
            OptionSpec(name: "--count", valueName: "<k>", help: "How many to suggest. (default: 5)"),
            CommonOptions.minutes, CommonOptions.profile,
            OptionSpec(name: "--candidates", valueName: "grid|<file>", help: "parks: a grid of squares, or a GeoJSON FeatureCollection of polygons. (default: grid)"),
            OptionSpec(name: "--spacing-m", valueName: "<metres>", help: "parks: grid candidate spacing. (default: 200)"),
            OptionSpec(name: "--min-area-ha", valueName: "<ha>", help: "parks: size of grid squares; file candidates smaller than this are skipped. (default: 0.5)"),
            OptionSpec(name: "--max-length-m", valueName: "<metres>", help: "links: longest link. (default: 200)"),
            OptionSpec(name: "--detour", valueName: "<factor>", help: "links: today's walk must exceed this many times the link. (default: 3)"),
            OptionSpec(name: "--measure", valueName: "<set>", help: "links: park or a service category whose access counts. (default: park)"),
            OptionSpec(name: "--objective", valueName: "<what>", help: "greenway-links: parks, length or residents. (default: parks)"),
            CommonOptions.snapLimit,
        ] + GreenwayOptionsParser.specs + CityInputOptions.specs + [CommonOptions.threads, CommonOptions.force, CommonOptions.quiet])

    let suggestsParks: Bool
    let suggestsGreenwayLinks: Bool
    var greenways = GreenwayOptions()
    var objective = GreenwayLinkObjective.parks
    let inputs: CityInputOptions
    let outputFolder: String
    let profile: TravelProfile
    let candidatesPath: String?
    var parks = ParkSuggestionOptions()
    var links = LinkSuggestionOptions()
    let force: Bool
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        guard arguments.positionals.count == 2, ["parks", "links", "greenway-links"].contains(arguments.positionals[0]) else {
            throw UsageError("expected 'parks', 'links' or 'greenway-links' and <extract>")
        }
        suggestsParks = arguments.positionals[0] == "parks"
        suggestsGreenwayLinks = arguments.positionals[0] == "greenway-links"
        inputs = try CityInputOptions(extract: arguments.positionals[1], arguments)
        outputFolder = try CommonOptions.output(arguments)
        if let text = arguments.values["--objective"] {
            guard suggestsGreenwayLinks else { throw UsageError("option '--objective' is for greenway-links") }
            guard let chosen = GreenwayLinkObjective(rawValue: text) else {
                throw UsageError("option '--objective' takes one of \(GreenwayLinkObjective.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
            }
            objective = chosen
        }
        if inputs.request.population == nil && (!suggestsGreenwayLinks || objective == .residents) {
            throw UsageError("missing --population <file>: \(suggestsGreenwayLinks ? "the residents objective counts" : "suggestions count") residents")
        }
        greenways = try GreenwayOptionsParser.parse(arguments)
        profile = try CommonOptions.profiles(arguments, single: true)[0]
        let candidates = arguments.values["--candidates"] ?? "grid"
        candidatesPath = candidates == "grid" ? nil : candidates
        parks.count = try arguments.positiveInt("--count", default: 5)
        parks.budgetMinutes = try arguments.positiveDouble("--minutes", default: 15, in: ValidRange.minutes)
        parks.spacingMetres = try arguments.positiveDouble("--spacing-m", default: 200, in: ValidRange.distanceMetres)
        parks.minimumHectares = try arguments.positiveDouble("--min-area-ha", default: 0.5, in: 0...100_000)
        parks.snapLimitMetres = try arguments.positiveDouble("--snap-limit-m", default: 300, in: ValidRange.distanceMetres)
        parks.threads = try CommonOptions.threads(arguments)
        links.count = parks.count
        links.budgetMinutes = parks.budgetMinutes
        links.snapLimitMetres = parks.snapLimitMetres
        links.threads = parks.threads
        links.maxLinkMetres = try arguments.positiveDouble("--max-length-m", default: 200, in: ValidRange.distanceMetres)
        links.detourFactor = try arguments.positiveDouble("--detour", default: 3, in: 1...1_000)
        let kinds = inputs.destinationKinds
        let measure = arguments.values["--measure"] ?? "park"
        guard let kind = kinds.first(where: { (k: DestinationKind) in k.name == measure }) else {
            throw UsageError("option '--measure' takes one of \(kinds.map(\.name).joined(separator: ", ")), got '\(measure)'")
        }
        links.destinationKind = kind
        force = arguments.flags.contains(CommonOptions.force.name)
        quiet = arguments.flags.contains(CommonOptions.quiet.name)
    }

    func run() throws -> Int32 {
        var parks = self.parks
        parks.candidates = try candidatesPath.map(CandidateReader.read)
        let output = try OutputRun(folder: outputFolder, force: force)
        let clock = StageClock(quiet: quiet)
        let study = try StudyLoader.load(inputs.request, progress: clock).study
        // Each kind of suggestion gives its table and its files; they are written together.
        var table = "", files: [(name: String, text: String)] = []
        if suggestsGreenwayLinks {
            let suggestions = try study.suggestGreenwayLinks(profile: profile, options: greenways, objective: objective, count: parks.count,
                                                             progress: clock)
            let written = SuggestionFiles.greenwayLinks(suggestions, city: study.city)
            table = written.table
            files = [("suggested_greenway_links.csv", written.csv), ("suggested_greenway_links.geojson", written.geojson),
                     ("greenway-links.json", ScenarioWriter.text(suggestions.scenario))]
        } else if suggestsParks {
            if parks.candidates == nil { try MemoryBudget.checkParkCandidates(study, options: parks, request: inputs.request) }
            let suggestions = try study.suggestParks(profile: profile, options: parks, progress: clock)
            let written = SuggestionFiles.parks(suggestions, projection: study.city.projection)
            table = written.table
            files = [("suggested_parks.csv", written.csv), ("suggested_parks.geojson", written.geojson)]
            if let gain = suggestions.marginalGain {
                files += [("marginal_gain.asc", AsciiGridWriter.text(gain, grid: suggestions.grid).string),
                          ("marginal_gain.prj", AsciiGridWriter.projectionText(study.city.projection))]
            }
        } else {
            let written = SuggestionFiles.links(try study.suggestLinks(profile: profile, options: links, progress: clock))
            table = written.table
            files = [("suggested_links.csv", written.csv), ("suggested_links.geojson", written.geojson)]
        }
        try output.write { output in
            try output.create()
            for file in files { try output.stage(file.text, at: output.path(file.name)) }
            // The base map `walkshed report` draws the suggestions over.
            try output.stageStreaming(at: output.path(MapLayers.fileName)) { try MapLayers.of(study.city, threads: parks.threads).writeCompressed(threads: parks.threads, write: $0) }
            clock.finish()
        }
        print(PopulationSource.line(study.residents) + table, terminator: "")
        print("Wrote \(output.fileCount) files to \(outputFolder)/ in \(FixedPoint.format(clock.totalSeconds, decimals: 2)) s.")
        return 0
    }
}

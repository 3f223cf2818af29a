import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed suggest parks|links`: where a new park or a new path link would bring the most
/// residents within the time budget.
struct SuggestCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "suggest",
        abstract: "Where to build next: new parks (greedy maximum coverage) or missing path links, ranked by residents gained.",
        usage: "walkshed suggest parks|links <extract> --population <file> --out <dir> [--count <k>] [--minutes <n>]",
        discussion: """
        parks: candidate sites are squares of --min-area-ha on a --spacing grid (or the polygons of
        --candidates file.geojson), reached through access points found as for real parks. Lazy
        greedy maximum coverage picks --count sites, each maximising residents newly within the
        budget of any park. Writes suggested_parks.csv and .geojson and, for grid candidates,
        marginal_gain.asc (+ .prj): per candidate cell, the residents a park there alone would bring.
        links: pairs of network nodes at most --max-length-m apart in a straight line whose walk
        on today's network is over --detour times longer; each is scored by the residents it
        would bring within the budget of --measure, per metre built. --count links are picked
        greedily (no two sharing an end), each by the residents it adds to the earlier picks per
        metre, and written to suggested_links.csv and .geojson with the coverage of the first k
        built together, computed exactly on the edited network.
        """,
        arguments: [("parks|links", "What to suggest."), ("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML).")],
        options: [
            OptionSpec(name: "--out", valueName: "<dir>", help: "Output folder (created if missing)."),
            OptionSpec(name: "--population", valueName: "<file>", help: "Residents: CSV points, .asc grid, or 'buildings' (required)."),
            OptionSpec(name: "--count", valueName: "<k>", help: "How many to suggest. (default: 5)"),
            OptionSpec(name: "--minutes", valueName: "<n>", help: "Time budget in minutes. (default: 15)"),
            OptionSpec(name: "--profile", valueName: "<name>", help: "walk, senior, wheelchair or bike. (default: walk)"),
            OptionSpec(name: "--candidates", valueName: "grid|<file>", help: "parks: a grid of squares, or a GeoJSON FeatureCollection of polygons. (default: grid)"),
            OptionSpec(name: "--spacing", valueName: "<metres>", help: "parks: grid candidate spacing. (default: 200)"),
            OptionSpec(name: "--min-area-ha", valueName: "<ha>", help: "parks: size of grid squares; file candidates smaller than this are skipped. (default: 0.5)"),
            OptionSpec(name: "--max-length-m", valueName: "<metres>", help: "links: longest link. (default: 200)"),
            OptionSpec(name: "--detour", valueName: "<factor>", help: "links: today's walk must exceed this many times the link. (default: 3)"),
            OptionSpec(name: "--measure", valueName: "<set>", help: "links: park or a service category whose access counts. (default: park)"),
            OptionSpec(name: "--floor-area", valueName: "<m2>", help: "Floor area per resident for --population buildings. (default: 35)"),
            OptionSpec(name: "--gtfs", valueName: "<zip,...>", help: "GTFS feeds whose served stops replace OSM transit."),
            OptionSpec(name: "--snap-limit", valueName: "<metres>", help: "Residents farther than this from the network are left out. (default: 300)"),
            OptionSpec(name: "--threads", valueName: "<n>", help: "Worker threads; results are identical for any value. (default: all cores)"),
            OptionSpec(name: "--force", valueName: nil, help: "Overwrite earlier results in <dir>."),
            OptionSpec(name: "--quiet", valueName: nil, help: "No progress on stderr."),
        ])

    let kind: String
    let extract: String
    let outputFolder: String
    let populationPath: String
    let count: Int
    let budgetMinutes: Double
    let profile: TravelProfile
    let candidatesPath: String?
    let spacing: Double
    let minimumHectares: Double
    let maxLinkMetres: Double
    let detour: Double
    let measure: String
    let floorArea: Double
    let gtfsPaths: [String]
    let snapLimit: Double
    let threads: Int
    let force: Bool
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        guard arguments.positionals.count == 2, ["parks", "links"].contains(arguments.positionals[0]) else {
            throw UsageError("expected 'parks' or 'links' and <extract>")
        }
        kind = arguments.positionals[0]
        extract = arguments.positionals[1]
        guard let out = arguments.values["--out"] else { throw UsageError("missing --out <dir>") }
        outputFolder = out
        guard let population = arguments.values["--population"] else { throw UsageError("missing --population <file>: suggestions count residents") }
        populationPath = population
        count = try arguments.positiveInt("--count", default: 5)
        budgetMinutes = try arguments.positiveDouble("--minutes", default: 15)
        let name = arguments.values["--profile"] ?? "walk"
        guard let profile = TravelProfile.preset(name) else {
            throw UsageError("unknown profile '\(name)'; choose one of \(TravelProfile.presetNames.joined(separator: ", "))")
        }
        self.profile = profile
        let candidates = arguments.values["--candidates"] ?? "grid"
        candidatesPath = candidates == "grid" ? nil : candidates
        spacing = try arguments.positiveDouble("--spacing", default: 200)
        minimumHectares = try arguments.positiveDouble("--min-area-ha", default: 0.5)
        maxLinkMetres = try arguments.positiveDouble("--max-length-m", default: 200)
        detour = try arguments.positiveDouble("--detour", default: 3)
        measure = arguments.values["--measure"] ?? "park"
        guard measure == "park" || ServiceCategory(rawValue: measure) != nil else {
            throw UsageError("option '--measure' takes park or one of \(ServiceCategory.allCases.map(\.rawValue).joined(separator: ", ")), got '\(measure)'")
        }
        floorArea = try arguments.positiveDouble("--floor-area", default: ResidentialBuilding.defaultFloorAreaPerResident)
        gtfsPaths = arguments.values["--gtfs"].map { $0.split(separator: ",").map(String.init) } ?? []
        snapLimit = try arguments.positiveDouble("--snap-limit", default: 300)
        threads = try arguments.positiveInt("--threads", default: ProcessInfo.processInfo.activeProcessorCount)
        force = arguments.flags.contains("--force")
        quiet = arguments.flags.contains("--quiet")
    }

    func run() throws -> Int32 {
        let candidateFile = try candidatesPath.map(CandidateReader.read)
        let transaction = OutputTransaction()
        let interrupts = InterruptHandler(transaction: transaction)
        try transaction.exclusively { try OutputFolder.check(outputFolder) }
        if !force, let earlier = OutputFolder.earlierResult(in: outputFolder) {
            throw InputFileError(path: outputFolder, message: "already holds results (\(earlier)); pass --force to overwrite them")
        }
        let clock = StageClock(quiet: quiet)
        let loaded = try CityLoading.load(extract: extract, populationPath: populationPath, floorArea: floorArea, gtfsPaths: gtfsPaths,
                                          demPath: nil, clock: clock)
        let city = loaded.city, table = loaded.population!
        let positions = table.coordinates.map(city.projection.project)
        clock.begin("baseline: snapping and searching")
        let costs = ProfileCosts(graph: city.graph, profile: profile)
        var diagnostics = loaded.report.diagnostics
        let sets = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: snapLimit, diagnostics: &diagnostics)
        var options = CoverageOptions()
        options.area = city.extent
        options.budgetMinutes = budgetMinutes
        options.snapLimitMetres = snapLimit
        options.threads = threads
        options.cellMetres = kind == "parks" ? spacing : 100
        let setIndex = kind == "parks" ? 0 : sets.firstIndex { $0.name == measure }!
        let baseline = SearchBaseline(graph: city.graph, costs: costs, sets: [sets[setIndex]], threads: threads)
        let base = CoverageAnalysis.run(graph: city.graph, costs: costs, destinations: [sets[setIndex]],
                                        parkPolygons: setIndex == 0 ? city.parks.map(\.polygon) : [], options: options, population: positions,
                                        precomputedTimes: baseline.times)
        let within = base.populationLayers[0].values.map { $0 <= Float(budgetMinutes) }
        let snapper = Snapper(graph: city.graph)
        let snaps = positions.map { snapper.snap($0, limitMetres: snapLimit, usableEdges: costs.usableEdges) }
        let uncovered = within.map { !$0 }
        let residents = table.residents
        let total = residents.reduce(0, +)
        let coveredNow = zip(within, residents).reduce(0.0) { $0 + ($1.0 ? $1.1 : 0) }
        var fileCount = 0
        let report: String
        do {
            try OutputFolder.create(outputFolder)
            if kind == "parks" {
                (report, fileCount) = try suggestParks(city: city, costs: costs, grid: base.grid, file: candidateFile, snaps: snaps,
                                                       positions: positions, uncovered: uncovered, residents: residents,
                                                       coveredNow: coveredNow, total: total, clock: clock, transaction: transaction)
            } else {
                (report, fileCount) = try suggestLinks(city: city, costs: costs, baseline: baseline, sets: sets, setIndex: setIndex, snaps: snaps,
                                                       positions: positions, uncovered: uncovered, residents: residents, coveredNow: coveredNow,
                                                       total: total, options: options, clock: clock, transaction: transaction)
            }
            clock.finish()
            try transaction.commit()
        } catch {
            transaction.rollback()
            throw error
        }
        withExtendedLifetime(interrupts) {}
        print(report, terminator: "")
        print("Wrote \(fileCount) files to \(outputFolder)/ in \(FixedPoint.format(clock.totalSeconds, decimals: 2)) s.")
        return 0
    }

    private func path(_ name: String) -> String { (outputFolder as NSString).appendingPathComponent(name) }

    private func suggestParks(city: City, costs: ProfileCosts, grid: GridGeometry, file: [(name: String, polygon: GeoPolygon)]?,
                              snaps: [PlaceSnap?], positions: [PlanarPoint], uncovered: [Bool], residents: [Double],
                              coveredNow: Double, total: Double, clock: StageClock, transaction: OutputTransaction) throws -> (String, Int) {
        let area = minimumHectares * 10_000
        var names: [String] = [], polygons: [PlanarPolygon] = []
        if let file {
            for (name, polygon) in file {
                let planar = polygon.projected(city.projection)
                if planar.areaSquareMetres >= area { names.append(name); polygons.append(planar) }
            }
        } else {
            polygons = ParkCandidates.squares(on: grid, areaSquareMetres: area)
            names = polygons.indices.map { "cell \($0)" }
        }
        clock.begin("evaluating \(polygons.count) candidate parks")
        let inPark = polygons.map { p in city.parks.contains { $0.polygon.bounds.contains(p.centroid) && $0.polygon.contains(p.centroid) } }
        let candidates = ParkCandidates(polygons: polygons, graph: city.graph, costs: costs, snapLimitMetres: snapLimit, places: snaps,
                                        positions: positions, uncovered: uncovered, budgetSeconds: budgetMinutes * 60, threads: threads)
        let covers = candidates.covers.enumerated().map { inPark[$0.offset] ? [] : ($0.element ?? []) }
        clock.begin("choosing \(count) parks (lazy greedy)")
        let picks = CoverageGreedy.lazy(covers: covers, weights: residents, count: count)
        var files = 0
        var csv = "rank,candidate,name,lon,lat,area_ha,gain_residents,cumulative_residents,cumulative_share\n"
        var features: [JSONValue] = []
        var out = "Suggested parks (\(profile.name), \(FixedPoint.format(budgetMinutes, decimals: 0)) min, \(polygons.count) candidates): residents within reach of a park today \(FixedPoint.format(coveredNow, decimals: 0)) of \(FixedPoint.format(total, decimals: 0)) (\(FixedPoint.format(total > 0 ? 100 * coveredNow / total : 0, decimals: 1)) %)\n"
        out += "rank  candidate               lon         lat      gain residents   cumulative   share\n"
        for (k, pick) in picks.enumerated() {
            let p = polygons[pick.candidate], c = city.projection.unproject(p.centroid)
            let share = total > 0 ? (coveredNow + pick.cumulative) / total : 0
            csv += "\(k + 1),\(pick.candidate),\(PopulationTableWriter.quoted(names[pick.candidate])),\(FixedPoint.format(c.longitude, decimals: 6)),\(FixedPoint.format(c.latitude, decimals: 6)),"
                + "\(FixedPoint.format(p.areaSquareMetres / 10_000, decimals: 3)),\(FixedPoint.format(pick.gain, decimals: 2)),"
                + "\(FixedPoint.format(coveredNow + pick.cumulative, decimals: 2)),\(FixedPoint.format(share, decimals: 6))\n"
            out += AnalysisTable.pad("\(k + 1)", 4) + "  " + AnalysisTable.pad(names[pick.candidate], 20) + AnalysisTable.pad(FixedPoint.format(c.longitude, decimals: 5), 11, right: true)
                + AnalysisTable.pad(FixedPoint.format(c.latitude, decimals: 5), 12, right: true) + AnalysisTable.pad(FixedPoint.format(pick.gain, decimals: 0), 17, right: true)
                + AnalysisTable.pad(FixedPoint.format(coveredNow + pick.cumulative, decimals: 0), 13, right: true)
                + AnalysisTable.pad(FixedPoint.format(100 * share, decimals: 1) + " %", 8, right: true) + "\n"
            let ring = p.outerRings[0].map(city.projection.unproject)
            features.append(SuggestionGeoJSON.feature(
                geometry: .object([("type", .string("Polygon")), ("coordinates", .array([SuggestionGeoJSON.positions(ring)]))]),
                properties: [("rank", .integer(k + 1)), ("name", .string(names[pick.candidate])), ("gain_residents", .number(pick.gain, decimals: 2)),
                             ("cumulative_residents", .number(coveredNow + pick.cumulative, decimals: 2)), ("cumulative_share", .number(share, decimals: 6))]))
        }
        try transaction.stage(csv, at: path("suggested_parks.csv"))
        try transaction.stage(SuggestionGeoJSON.collection(features).text(), at: path("suggested_parks.geojson"))
        files += 2
        if file == nil {
            let gains = covers.enumerated().map { c, cover -> Float in
                candidates.covers[c] == nil || inPark[c] ? .nan : Float(cover.reduce(0.0) { $0 + residents[Int($1)] })
            }
            let layer = CoverageLayer(name: "marginal_gain", unit: "weight", values: gains)
            try transaction.stage(AsciiGridWriter.text(layer, grid: grid), at: path("marginal_gain.asc"))
            try transaction.stage(AsciiGridWriter.projectionText(city.projection), at: path("marginal_gain.prj"))
            files += 2
        }
        return (out, files)
    }

    private func suggestLinks(city: City, costs: ProfileCosts, baseline: SearchBaseline, sets: [DestinationSet], setIndex: Int,
                              snaps: [PlaceSnap?], positions: [PlanarPoint], uncovered: [Bool], residents: [Double], coveredNow: Double,
                              total: Double, options: CoverageOptions, clock: StageClock, transaction: OutputTransaction) throws -> (String, Int) {
        clock.begin("finding links under \(FixedPoint.format(maxLinkMetres, decimals: 0)) m with a detour over \(FixedPoint.format(detour, decimals: 1))×")
        let candidates = LinkCandidates(graph: city.graph, costs: costs, projection: city.projection, maxMetres: maxLinkMetres, detourFactor: detour,
                                        times: baseline.times[0], places: snaps, uncovered: uncovered, budgetSeconds: budgetMinutes * 60, threads: threads)
        // Greedy by marginal residents per metre: each pick counts only residents no earlier pick brings.
        var covered = [Bool](repeating: false, count: residents.count)
        var chosen: [Int] = [], gains: [Int: Double] = [:], ends = Set<Int32>()
        var open = candidates.links.indices.filter { !candidates.covers[$0].isEmpty }
        while chosen.count < count {
            var best = -1, bestRate = 0.0, bestGain = 0.0
            for k in open {
                let link = candidates.links[k]
                guard !ends.contains(link.from), !ends.contains(link.to) else { continue }
                let gain = candidates.covers[k].reduce(0.0) { $0 + (covered[Int($1)] ? 0 : residents[Int($1)]) }
                let rate = gain / max(link.metres, 1)
                if rate > bestRate { best = k; bestRate = rate; bestGain = gain }
            }
            guard best >= 0 else { break }
            chosen.append(best); gains[best] = bestGain
            ends.insert(candidates.links[best].from); ends.insert(candidates.links[best].to)
            for p in candidates.covers[best] { covered[Int(p)] = true }
            open.removeAll { $0 == best }
        }
        clock.begin("building the top \(chosen.count) links together")
        var edits: [ScenarioEdit] = []
        var csv = "rank,from_lon,from_lat,to_lon,to_lat,length_m,network_m,gain_residents,gain_per_100m,cumulative_residents,cumulative_share\n"
        var features: [JSONValue] = []
        var out = "Suggested links (\(profile.name), \(measure) within \(FixedPoint.format(budgetMinutes, decimals: 0)) min, \(candidates.links.count) candidates): residents within reach today \(FixedPoint.format(coveredNow, decimals: 0)) of \(FixedPoint.format(total, decimals: 0)) (\(FixedPoint.format(total > 0 ? 100 * coveredNow / total : 0, decimals: 1)) %)\n"
        out += "rank   length   today on foot   gain residents   per 100 m   cumulative   share\n"
        for (rank, k) in chosen.enumerated() {
            let link = candidates.links[k]
            let a = city.projection.unproject(city.graph.position(of: Int(link.from))), b = city.projection.unproject(city.graph.position(of: Int(link.to)))
            edits.append(.addLink(from: a, to: b, edgeClass: .footway))
            let applied = try Scenario(name: "links", edits: edits).apply(to: city)
            let newCosts = ProfileCosts(graph: applied.city.graph, profile: profile)
            var diagnostics = Diagnostics()
            let newSets = applied.city.destinationSets(usableEdges: newCosts.usableEdges, snapLimitMetres: snapLimit, diagnostics: &diagnostics)
            let (times, _) = baseline.updatedTimes(network: applied.network, costs: newCosts, sets: [newSets[setIndex]], threads: threads)
            let result = CoverageAnalysis.run(graph: applied.city.graph, costs: newCosts, destinations: [newSets[setIndex]],
                                              parkPolygons: setIndex == 0 ? applied.city.parks.map(\.polygon) : [], options: options,
                                              population: positions, precomputedTimes: times)
            let cumulative = zip(result.populationLayers[0].values, residents).reduce(0.0) { $0 + ($1.0 <= Float(budgetMinutes) ? $1.1 : 0) }
            let share = total > 0 ? cumulative / total : 0
            let networkMetres = link.networkSeconds * profile.metresPerSecond
            let networkText = link.networkSeconds.isFinite ? FixedPoint.format(networkMetres, decimals: 0) : ""
            csv += "\(rank + 1),\(FixedPoint.format(a.longitude, decimals: 6)),\(FixedPoint.format(a.latitude, decimals: 6)),\(FixedPoint.format(b.longitude, decimals: 6)),\(FixedPoint.format(b.latitude, decimals: 6)),"
                + "\(FixedPoint.format(link.metres, decimals: 1)),\(networkText),\(FixedPoint.format(gains[k]!, decimals: 2)),\(FixedPoint.format(100 * gains[k]! / link.metres, decimals: 2)),"
                + "\(FixedPoint.format(cumulative, decimals: 2)),\(FixedPoint.format(share, decimals: 6))\n"
            out += AnalysisTable.pad("\(rank + 1)", 4) + AnalysisTable.pad(FixedPoint.format(link.metres, decimals: 0) + " m", 9, right: true)
                + AnalysisTable.pad(link.networkSeconds.isFinite ? FixedPoint.format(networkMetres, decimals: 0) + " m" : "> \(FixedPoint.format(detour * maxLinkMetres, decimals: 0)) m", 16, right: true)
                + AnalysisTable.pad(FixedPoint.format(gains[k]!, decimals: 0), 17, right: true) + AnalysisTable.pad(FixedPoint.format(100 * gains[k]! / link.metres, decimals: 1), 12, right: true)
                + AnalysisTable.pad(FixedPoint.format(cumulative, decimals: 0), 13, right: true) + AnalysisTable.pad(FixedPoint.format(100 * share, decimals: 1) + " %", 8, right: true) + "\n"
            features.append(SuggestionGeoJSON.feature(
                geometry: .object([("type", .string("LineString")), ("coordinates", SuggestionGeoJSON.positions([a, b]))]),
                properties: [("rank", .integer(rank + 1)), ("length_m", .number(link.metres, decimals: 1)), ("gain_residents", .number(gains[k]!, decimals: 2)),
                             ("cumulative_residents", .number(cumulative, decimals: 2)), ("cumulative_share", .number(share, decimals: 6))]))
        }
        try transaction.stage(csv, at: path("suggested_links.csv"))
        try transaction.stage(SuggestionGeoJSON.collection(features).text(), at: path("suggested_links.geojson"))
        return (out, 2)
    }
}

/// GeoJSON (RFC 7946) pieces for the suggestion files.
enum SuggestionGeoJSON {
    static func positions(_ coordinates: [GeoCoordinate]) -> JSONValue {
        .array(coordinates.map { .array([.number($0.longitude, decimals: 7), .number($0.latitude, decimals: 7)]) })
    }

    static func feature(geometry: JSONValue, properties: [(String, JSONValue)]) -> JSONValue {
        .object([("type", .string("Feature")), ("geometry", geometry), ("properties", .object(properties))])
    }

    static func collection(_ features: [JSONValue]) -> JSONValue {
        .object([("type", .string("FeatureCollection")), ("features", .array(features))])
    }
}

import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed isochrone`: what a traveller reaches from one point within each budget, as
/// GeoJSON polygons built from the reached edges and the edges themselves.
struct IsochroneCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "isochrone",
        abstract: "Isochrones from a point: reached edges (cut at the budget) and their buffered area, as GeoJSON.",
        usage: "walkshed isochrone <extract> --from <lon,lat> | --from-file <points> [--minutes 5,10,15] [--profile walk] [--out <file.geojson>]",
        discussion: """
        Joins the network at the nearest usable edge to --from (the straight walk to it counts)
        and finds every edge piece reached within each budget: whole edges, and partial ones cut
        where the time runs out. Writes an RFC 7946 FeatureCollection: per budget an "area"
        feature, the reached pieces buffered by --buffer-m metres (traced on a raster of --raster-m
        metres; Polygon or MultiPolygon with holes, not a convex hull), and one "edge" LineString
        per reached piece with its metres. To standard output without --out. --from-file runs one
        start per point of a CSV (lon, lat, optional id column) or GeoJSON FeatureCollection of
        points (the feature's id), every feature carrying its point's "id"; a point farther than
        --snap-limit-m from the network is skipped with a warning naming it.
        """,
        arguments: [("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML).")],
        options: [
            OptionSpec(name: "--from", valueName: "<lon,lat>", help: "Start point in WGS 84 degrees."),
            OptionSpec(name: "--from-file", valueName: "<file>", help: "Start points: CSV (lon,lat[,id]) or GeoJSON points; one isochrone each."),
            OptionSpec(name: "--minutes", valueName: "<list>", help: "Budgets in minutes, comma-separated. (default: 5,10,15)"),
            OptionSpec(name: "--profile", valueName: "<name>", help: "walk, senior, wheelchair or bike. (default: walk)"),
            OptionSpec(name: "--speed-kmh", valueName: "<km/h>", help: "Speed in km/h. (default: the profile's)"),
            OptionSpec(name: "--buffer-m", valueName: "<metres>", help: "Buffer around reached edges for the areas. (default: 50)"),
            OptionSpec(name: "--raster-m", valueName: "<metres>", help: "Cell side of the raster the areas are traced on. (default: buffer / 5)"),
            OptionSpec(name: "--snap-limit-m", valueName: "<metres>", help: "Farthest the start may be from the network. (default: 300)"),
            CityInputOptions.dem, CityInputOptions.maxMemory,
            OptionSpec(name: "--out", valueName: "<file>", help: "Write the GeoJSON here instead of standard output."),
            CommonOptions.quiet,
        ])

    /// Bytes of the tracing raster per cell (mask, labels and outline work), as an upper bound.
    static let bytesPerRasterCell = 16.0
    /// Most cells of a tracing raster: past 100 million the tracing takes minutes.
    static let maxRasterCells = 1e8

    let extract: String
    let memory: (bytes: Double, source: String)
    /// The starts: one from --from (no id), or every point of --from-file with its id.
    let starts: [(id: String?, coordinate: GeoCoordinate)]
    let startsFile: String?
    let minutes: [Double]
    let profile: TravelProfile
    let bufferMetres: Double
    let rasterMetres: Double
    let snapLimitMetres: Double
    let demPath: String?
    let outputPath: String?
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        extract = try arguments.singleExtract()
        startsFile = arguments.values["--from-file"]
        switch (arguments.values["--from"], startsFile) {
        case (nil, nil): throw UsageError("missing --from <lon,lat> or --from-file <points>")
        case (.some, .some): throw UsageError("give --from or --from-file, not both")
        case (.some(let from), nil):
            let parts = from.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let lon = parts[0], let lat = parts[1], abs(lon) <= 180, abs(lat) <= 84 else {
                throw UsageError("option '--from' takes lon,lat in degrees (longitude first, latitude within ±84), got '\(from)'")
            }
            starts = [(nil, GeoCoordinate(longitude: lon, latitude: lat))]
        case (nil, .some):
            starts = []   // read in run(), where a bad file is a data error
        }
        minutes = try arguments.minutesList("--minutes") ?? [5, 10, 15]
        let speed = arguments.values["--speed-kmh"] == nil ? nil : try arguments.positiveDouble("--speed-kmh", default: 0, in: ValidRange.kilometresPerHour)
        let name = arguments.values["--profile"] ?? "walk"
        guard let profile = TravelProfile.preset(name, kilometresPerHour: speed) else {
            throw UsageError("unknown profile '\(name)'; choose one of \(TravelProfile.presetNames.joined(separator: ", "))")
        }
        self.profile = profile
        bufferMetres = try arguments.positiveDouble("--buffer-m", default: 50, in: ValidRange.distanceMetres)
        rasterMetres = try arguments.positiveDouble("--raster-m", default: bufferMetres / 5, in: ValidRange.distanceMetres)
        snapLimitMetres = try arguments.positiveDouble("--snap-limit-m", default: 300, in: ValidRange.distanceMetres)
        memory = try CityInputOptions.memoryBudget(arguments)
        // The areas are traced on a raster over the farthest reach plus the buffer: refuse one
        // that cannot fit before any work (a 0.5 m raster under a 5 km buffer is 400 M cells).
        let reach = 2 * (minutes.max()! * 60 * profile.metresPerSecond * 1.25 + bufferMetres + snapLimitMetres)
        let cells = (reach / rasterMetres).rounded(.up) * (reach / rasterMetres).rounded(.up)
        let bytes = cells * Self.bytesPerRasterCell
        guard bytes <= memory.bytes, cells <= Self.maxRasterCells else {
            throw UsageError("a \(FixedPoint.format(rasterMetres, decimals: 1)) m raster over the reach of \(FixedPoint.format(minutes.max()!, decimals: 0)) min "
                             + "and a \(FixedPoint.format(bufferMetres, decimals: 0)) m buffer may need \(FixedPoint.format(cells, decimals: 0)) cells, "
                             + "about \(Int(bytes / 1_048_576)) MiB (at most \(Int(memory.bytes / 1_048_576)) MiB allowed, \(memory.source), "
                             + "and \(FixedPoint.format(Self.maxRasterCells, decimals: 0)) cells); use a larger --raster-m")
        }
        demPath = arguments.values["--dem"]
        outputPath = arguments.values["--out"]
        quiet = arguments.flags.contains("--quiet")
    }

    func run() throws -> Int32 {
        var starts = self.starts
        if let startsFile {
            let file = try DestinationFileReader.read(DestinationSource(name: "starts", path: startsFile))
            guard file.polygons.isEmpty else { throw InputFileError(path: startsFile, message: "holds polygons; isochrones start from points") }
            guard !file.points.isEmpty else { throw InputFileError(path: startsFile, message: "holds no points") }
            starts = zip(file.ids, file.points).map { ($0, $1) }
        }
        let clock = StageClock(quiet: quiet)
        var request = StudyRequest(extract: extract)
        request.elevation = demPath
        (request.maxMemoryBytes, request.memoryLimitSource) = memory
        let study = try StudyLoader.load(request, progress: clock).study
        var runs: [(id: String?, isochrone: Isochrone, outlines: [BufferOutline], start: GeoCoordinate)] = [], lines: [String] = []
        for (id, start) in starts {
            guard let run = study.isochrone(from: start, profile: profile, budgetsSeconds: minutes.map { $0 * 60 }, bufferMetres: bufferMetres,
                                           rasterMetres: rasterMetres, snapLimitMetres: snapLimitMetres, progress: clock) else {
                let place = id.map { "point \($0) of \(startsFile!) (\(start.longitude),\(start.latitude))" } ?? "--from \(start.longitude),\(start.latitude)"
                let message = "no \(profile.name) network within \(FixedPoint.format(snapLimitMetres, decimals: 0)) m of \(place)"
                guard id != nil else { throw InputFileError(path: extract, message: message) }
                Terminal.status("walkshed: warning: \(message); skipped")
                continue
            }
            runs.append((id, run.isochrone, run.outlines, start))
            let isochrone = run.isochrone, outlines = run.outlines
            lines += isochrone.budgetsSeconds.indices.map { k in
                let polygons = outlines[k].polygons
                return (id.map { "\($0): " } ?? "") + "\(FixedPoint.format(isochrone.budgetsSeconds[k] / 60, decimals: 1)) min: \(isochrone.pieces[k].count) edge pieces, "
                    + "\(FixedPoint.format(isochrone.reachedMetres(k, graph: study.city.graph) / 1000, decimals: 2)) km of network, "
                    + "\(polygons.count) polygon\(polygons.count == 1 ? "" : "s") with \(polygons.reduce(0) { $0 + $1.holes.count }) holes"
            }
        }
        guard !runs.isEmpty else { throw InputFileError(path: startsFile ?? extract, message: "no point within \(FixedPoint.format(snapLimitMetres, decimals: 0)) m of the \(profile.name) network") }
        let text = IsochroneGeoJSON.text(runs, graph: study.city.graph, projection: study.city.projection, profile: profile.name, bufferMetres: bufferMetres)
        clock.finish()
        if let outputPath {
            try AtomicFile.write(text, to: outputPath)
            print((lines + ["Wrote \(outputPath)"]).joined(separator: "\n"))
        } else {
            Terminal.output(text.bytes)
            if !quiet { lines.forEach(Terminal.status) }
        }
        return 0
    }
}

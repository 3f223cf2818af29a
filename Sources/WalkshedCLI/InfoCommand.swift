import Foundation
import Walkshed
import WalkshedFormats

/// `walkshed info`: what an extract holds, without running any analysis.
struct InfoCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "info",
        abstract: "What an OSM extract holds: network, parks, services, warnings.",
        usage: "walkshed info <extract> [--all-components]",
        arguments: [("<extract>", "OpenStreetMap extract: .osm.pbf or .osm (XML).")],
        options: [
            OptionSpec(name: "--all-components", valueName: nil, help: "Keep every connected component, not just the largest."),
            OptionSpec(name: "--quiet", valueName: nil, help: "No progress on stderr."),
        ])

    let extract: String
    let allComponents: Bool
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        extract = try arguments.singleExtract()
        allComponents = arguments.flags.contains("--all-components")
        quiet = arguments.flags.contains("--quiet")
    }

    func run() throws -> Int32 {
        let clock = StageClock(quiet: quiet)
        var options = OSMLoadOptions()
        options.largestComponentOnly = !allComponents
        let (city, report) = try CityFile.load(extract, options: options, stage: clock.begin)
        clock.finish()
        print(Self.text(city: city, report: report), terminator: "")
        return 0
    }

    static func text(city: City, report: OSMLoadReport) -> String {
        let g = city.graph
        func km(_ metres: Double) -> String { FixedPoint.format(metres / 1000, decimals: 1) + " km" }
        var out = "file:          \(report.path) (\(report.format))\n"
        out += "osm objects:   \(report.fileNodes) nodes, \(report.fileWays) ways, \(report.fileRelations) relations\n"
        out += "walkable ways: \(report.walkableWays)\n"
        out += "highway refs:  \(report.highwayNodeReferences) node references, \(report.missingHighwayNodeReferences) to nodes not in the file"
        out += report.missingHighwayNodeReferences > 0 ? " (clipped extract: walkable ways are cut at each gap)\n" : "\n"
        out += "walk network:  \(g.nodeCount) nodes, \(g.edgeCount) edges"
        if report.components.componentCount > 1 {
            out += " (largest of \(report.components.componentCount) components; dropped \(report.components.droppedNodes) nodes, "
            out += "\(report.components.droppedEdges) edges, \(km(report.components.droppedMetres)))"
        }
        out += "\n"
        out += "walkable:      \(km(g.totalMetres())), greenway \(km(g.totalMetres { g.edgeFlags[$0].contains(.greenway) })) "
        out += "(\(report.greenwayEdges) edges; \(report.greenAreas) green or water areas)\n"
        var byClass: [EdgeClass: Double] = [:]
        for e in 0..<g.edgeCount { byClass[g.edgeClass[e], default: 0] += Double(g.edgeMetres[e]) }
        out += "edge classes:  " + byClass.keys.sorted().map { "\($0.name) \(km(byClass[$0]!))" }.joined(separator: ", ") + "\n"
        let hectares = city.parks.reduce(0) { $0 + $1.areaSquareMetres } / 10_000
        var kinds: [String: Int] = [:]
        for p in city.parks { kinds[p.kind, default: 0] += 1 }
        out += "parks:         \(city.parks.count), \(FixedPoint.format(hectares, decimals: 1)) ha"
        if !kinds.isEmpty { out += " (" + kinds.keys.sorted().map { "\($0) \(kinds[$0]!)" }.joined(separator: ", ") + ")" }
        out += "\n"
        let counts = city.serviceCounts()
        out += "services:      " + ServiceCategory.allCases.map { "\($0.rawValue) \(counts[$0]!)" }.joined(separator: ", ") + "\n"
        out += "projection:    UTM zone \(city.projection.zone)\(city.projection.isNorth ? "N" : "S") (EPSG:\(city.projection.epsgCode))\n"
        let d = report.diagnostics
        if d.total == 0 {
            out += "warnings:      none\n"
        } else {
            out += "warnings:\n"
            for kind in d.kinds {
                out += "  \(d.count(kind)) \(kind)\n"
                for example in d.examples[kind] ?? [] { out += "      e.g. \(example)\n" }
            }
        }
        return out
    }
}

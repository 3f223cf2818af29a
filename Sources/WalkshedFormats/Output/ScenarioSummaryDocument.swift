import Foundation
import Walkshed

/// A scenario's `summary.json`: the one schema its writer (`walkshed scenario`) and its reader
/// (`walkshed report`) share. Properties are the file's keys in camel case, in the file's
/// order. A change is over cells or residents (`cellsGaining` or `residentsGaining`), and a
/// share (`shareBefore`) or, for `categories_within`, a mean (`meanBefore`).
public struct ScenarioSummaryDocument: Codable, Sendable {
    public struct Edits: Codable, Sendable {
        public var count: Int, parksAdded: Int
        public var pathMetresAdded: Double
        public var edgesClosed: Int, edgesCut: Int, servicesAdded: Int, servicesRemoved: Int
    }
    public struct Network: Codable, Sendable {
        public var nodesBefore: Int, edgesBefore: Int, nodesAfter: Int, edgesAfter: Int
    }
    public struct Change: Codable, Sendable {
        public var measure: String
        public var shareBefore: Double?, meanBefore: Double?, shareAfter: Double?, meanAfter: Double?
        public var cellsGaining: Double?, residentsGaining: Double?, cellsLosing: Double?, residentsLosing: Double?
        /// Places whose time fell or grew by any amount (nil in files written before they were counted).
        public var cellsFaster: Double?, residentsFaster: Double?, cellsSlower: Double?, residentsSlower: Double?
        public var meanChange: Double
        public var recomputedNodes: Int

        /// Before and after, whichever of share and mean the measure has.
        public var before: Double { shareBefore ?? meanBefore ?? 0 }
        public var after: Double { shareAfter ?? meanAfter ?? 0 }
        public var gaining: Double { cellsGaining ?? residentsGaining ?? 0 }
        public var losing: Double { cellsLosing ?? residentsLosing ?? 0 }
        public var faster: Double { cellsFaster ?? residentsFaster ?? 0 }
        public var slower: Double { cellsSlower ?? residentsSlower ?? 0 }
        /// Whether the values are shares (every measure but `categories_within`).
        public var isShare: Bool { shareBefore != nil }
    }

    public var walkshedVersion: String
    public var scenario: String
    public var file: String
    public var profile: String
    public var speedKmh: Double
    public var budgetMinutes: Double
    /// The residents' file, `residential buildings`, or nil without residents (nil in older files).
    public var populationSource: String?
    public var edits: Edits
    public var network: Network
    public var cells: [Change]
    /// Nil without residents (the key is then absent).
    public var residents: [Change]?

    /// The summary of `report`.
    public init(_ r: ScenarioReport, version: String) {
        func changes(_ list: [MeasureChange], cells: Bool) -> [Change] {
            list.enumerated().map { k, c in
                let mean = c.measure == .categoriesWithin
                return Change(measure: c.measure.name, shareBefore: mean ? nil : c.before, meanBefore: mean ? c.before : nil,
                              shareAfter: mean ? nil : c.after, meanAfter: mean ? c.after : nil,
                              cellsGaining: cells ? c.gaining : nil, residentsGaining: cells ? nil : c.gaining,
                              cellsLosing: cells ? c.losing : nil, residentsLosing: cells ? nil : c.losing,
                              cellsFaster: cells ? c.faster : nil, residentsFaster: cells ? nil : c.faster,
                              cellsSlower: cells ? c.slower : nil, residentsSlower: cells ? nil : c.slower,
                              meanChange: c.meanChange, recomputedNodes: r.recomputed(c.measure, index: k))
            }
        }
        let a = r.applied
        walkshedVersion = version
        scenario = r.scenario.name
        file = r.file
        profile = r.profile.name
        speedKmh = r.profile.metresPerSecond * 3.6
        budgetMinutes = r.budgetMinutes
        populationSource = r.populationSource
        edits = Edits(count: r.scenario.edits.count, parksAdded: a.parksAdded, pathMetresAdded: a.network.addedMetres,
                      edgesClosed: a.network.closedEdgeCount, edgesCut: a.network.cutEdges.filter { $0 }.count,
                      servicesAdded: a.servicesAdded, servicesRemoved: a.servicesRemoved)
        network = Network(nodesBefore: r.nodesBefore, edgesBefore: r.edgesBefore, nodesAfter: a.city.graph.nodeCount,
                          edgesAfter: a.city.graph.edgeCount)
        cells = changes(r.cellChanges, cells: true)
        residents = r.residentChanges.map { changes($0, cells: false) }
    }

    /// Decodes a scenario's `summary.json`.
    /// - Throws: `InputFileError` when the file is missing or is not a scenario summary.
    public static func read(_ path: String) throws -> ScenarioSummaryDocument {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputFileError(path: path, message: "no such file") }
        return try decode(data, name: path)
    }

    public static func decode(_ data: Data, name: String) throws -> ScenarioSummaryDocument {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(ScenarioSummaryDocument.self, from: data) } catch {
            throw InputFileError(path: name, message: "not a summary.json written by walkshed scenario (needs scenario, budget_minutes and cells)")
        }
    }

    /// The document as written: the scenario's `summary.json` is `jsonValue().text()`.
    public func jsonValue() -> JSONValue {
        func changes(_ list: [Change]) -> JSONValue {
            .array(list.map { c in
                let weight = c.cellsGaining != nil ? "cells" : "residents"
                return .object([
                    ("measure", .string(c.measure)),
                    (c.isShare ? "share_before" : "mean_before", .number(c.before, decimals: 6)),
                    (c.isShare ? "share_after" : "mean_after", .number(c.after, decimals: 6)),
                    ("\(weight)_gaining", .number(c.gaining, decimals: weight == "cells" ? 0 : 2)),
                    ("\(weight)_losing", .number(c.losing, decimals: weight == "cells" ? 0 : 2)),
                    ("\(weight)_faster", .number(c.faster, decimals: weight == "cells" ? 0 : 2)),
                    ("\(weight)_slower", .number(c.slower, decimals: weight == "cells" ? 0 : 2)),
                    ("mean_change", .number(c.meanChange, decimals: 4)),
                    ("recomputed_nodes", .integer(c.recomputedNodes)),
                ])
            })
        }
        var fields: [(String, JSONValue)] = [
            ("walkshed_version", .string(walkshedVersion)), ("scenario", .string(scenario)), ("file", .string(file)),
            ("profile", .string(profile)), ("speed_kmh", .number(speedKmh, decimals: 3)), ("budget_minutes", .number(budgetMinutes, decimals: 2)),
            ("population_source", populationSource.map { .string($0) } ?? .null),
            ("edits", .object([
                ("count", .integer(edits.count)), ("parks_added", .integer(edits.parksAdded)),
                ("path_metres_added", .number(edits.pathMetresAdded, decimals: 1)),
                ("edges_closed", .integer(edits.edgesClosed)), ("edges_cut", .integer(edits.edgesCut)),
                ("services_added", .integer(edits.servicesAdded)), ("services_removed", .integer(edits.servicesRemoved)),
            ])),
            ("network", .object([
                ("nodes_before", .integer(network.nodesBefore)), ("edges_before", .integer(network.edgesBefore)),
                ("nodes_after", .integer(network.nodesAfter)), ("edges_after", .integer(network.edgesAfter)),
            ])),
            ("cells", changes(cells)),
        ]
        if let residents { fields.append(("residents", changes(residents))) }
        return .object(fields)
    }

    /// The document as a reader of the file sees it (every number at its written decimals).
    public func asWritten() throws -> ScenarioSummaryDocument {
        try Self.decode(Data(jsonValue().text().utf8), name: "summary.json")
    }
}

import Foundation
import Walkshed

/// `summary.json` of `walkshed analyze`: the one schema its writer and its readers (`check
/// --baseline`, `walkshed report`) share. Properties are the file's keys in camel case
/// (`speedKmh` is `speed_kmh`), in the file's order; `jsonValue()` writes them with their fixed
/// decimals, `read` decodes them.
public struct AnalysisSummaryDocument: Codable, Sendable {
    public struct Input: Codable, Sendable {
        public var file: String, format: String
        public var osmNodes: Int, osmWays: Int, osmRelations: Int, walkableWays: Int
        public var highwayNodeReferences: Int, missingHighwayNodeReferences: Int
    }
    public struct Options: Codable, Sendable {
        public var profile: String
        public var speedKmh: Double, budgetMinutes: Double, cellMetres: Double, snapLimitMetres: Double
        public var searchLimitSeconds: Double?
        public var elevationModel: String?
    }
    public struct Projection: Codable, Sendable {
        public var epsg: Int, utmZone: String
    }
    public struct Network: Codable, Sendable {
        public var nodes: Int, edges: Int, arcs: Int
        public var walkableKm: Double, greenwayKm: Double
        public var components: Int, droppedNodes: Int, droppedEdges: Int
        public var droppedKm: Double
    }
    public struct Parks: Codable, Sendable {
        public var count: Int, totalHa: Double
        /// Parks cut by the extract's edge (nil in files written before they were kept).
        public var clipped: Int?
    }
    public struct Destinations: Codable, Sendable {
        public var count: Int, reachable: Int, accessPoints: Int
    }
    public struct Grid: Codable, Sendable {
        public var columns: Int, rows: Int, cells: Int, cellsOnNetwork: Int
        public var xMin: Double, yMin: Double
        /// Cells that attached to the network over more than 100 m (nil in older files).
        public var cellsSnappedOver100M: Int?
    }
    /// One measure over cells: those with a value, those meeting the budget, mean and median.
    public struct Measure: Codable, Sendable {
        public var name: String
        public var cellsWithData: Int, cellsMeetingBudget: Int
        public var shareMeetingBudget: Double
        public var mean: Double?, median: Double?
    }
    /// One measure over residents, weighted.
    public struct ResidentMeasure: Codable, Sendable {
        public var name: String
        public var residentsWithData: Double, residentsMeetingBudget: Double, shareMeetingBudget: Double
        public var median: Double?, p90: Double?, gini: Double?
    }
    public struct Population: Codable, Sendable {
        public var file: String, points: Int
        public var residents: Double, residentsOnNetwork: Double
        /// Residents who attached to the network over more than 100 m (nil in older files).
        public var residentsSnappedOver100M: Double?
        public var measures: [ResidentMeasure]
    }
    public struct Run: Codable, Sendable {
        public var threads: Int
        public var stageSeconds: OrderedObject<Double>
    }

    public var walkshedVersion: String
    public var input: Input
    public var options: Options
    public var projection: Projection
    public var network: Network
    public var parks: Parks
    /// Per destination kind, in set order.
    public var destinations: OrderedObject<Destinations>
    public var grid: Grid
    public var measures: [Measure]
    /// Nil without residents (`null` in the file).
    public var population: Population?
    /// Warning counts by kind, in the order first seen.
    public var warnings: OrderedObject<Int>
    /// The first few warnings of each kind, as `warnings` orders them, naming the OSM object
    /// (`way 123 references node 456, ...`). Nil in summaries written before they were kept.
    public var warningExamples: OrderedObject<[String]>? = nil
    public var attribution: String
    /// The only part that differs between runs of the same input and options.
    public var run: Run

    /// Decodes a `summary.json`.
    /// - Throws: `InputFileError` when the file is missing or is not an analyze summary.
    public static func read(_ path: String) throws -> AnalysisSummaryDocument {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputFileError(path: path, message: "no such file") }
        guard data.count <= 64 << 20 else { throw InputFileError(path: path, message: "\(data.count) bytes is too large for a summary.json") }
        return try decode(data, name: path)
    }

    /// Decodes a `summary.json` held in memory; `name` stands for the file in messages.
    public static func decode(_ data: Data, name: String) throws -> AnalysisSummaryDocument {
        let decoder = JSONDecoder()
        // snake_case keys to the camel-case properties, but not the names inside ordered
        // objects (destination kinds, warning kinds, stage names), which are data.
        decoder.keyDecodingStrategy = .custom { path in
            let key = path[path.count - 1]
            if let parent = path.dropLast().last?.stringValue, Self.orderedObjects.contains(parent) { return key }
            let parts = key.stringValue.split(separator: "_", omittingEmptySubsequences: false)
            return OrderedObject<Int>.Key(stringValue: parts[0] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined())
        }
        do {
            return try decoder.decode(AnalysisSummaryDocument.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw InputFileError(path: name, message: "not a summary.json written by walkshed analyze (no \(path(context.codingPath + [key])))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw InputFileError(path: name, message: "not a summary.json written by walkshed analyze (\(path(context.codingPath)) has the wrong type)")
        } catch {
            throw InputFileError(path: name, message: "not a summary.json written by walkshed analyze (not JSON)")
        }
    }

    /// Properties whose members are data, not schema.
    static let orderedObjects: Set<String> = ["destinations", "warnings", "warningExamples", "warning_examples", "stageSeconds", "stage_seconds"]

    static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    /// The document as written: `summary.json`'s text comes from `jsonValue().text()`.
    public func jsonValue() -> JSONValue {
        func optional(_ v: Double?, _ decimals: Int) -> JSONValue { v.map { .number($0, decimals: decimals) } ?? .null }
        let i = input, o = options, n = network
        var fields: [(String, JSONValue)] = [
            ("walkshed_version", .string(walkshedVersion)),
            ("input", .object([("file", .string(i.file)), ("format", .string(i.format)),
                               ("osm_nodes", .integer(i.osmNodes)), ("osm_ways", .integer(i.osmWays)),
                               ("osm_relations", .integer(i.osmRelations)), ("walkable_ways", .integer(i.walkableWays)),
                               ("highway_node_references", .integer(i.highwayNodeReferences)),
                               ("missing_highway_node_references", .integer(i.missingHighwayNodeReferences))])),
            ("options", .object([("profile", .string(o.profile)), ("speed_kmh", .number(o.speedKmh, decimals: 3)),
                                 ("budget_minutes", .number(o.budgetMinutes, decimals: 2)), ("cell_metres", .number(o.cellMetres, decimals: 1)),
                                 ("snap_limit_metres", .number(o.snapLimitMetres, decimals: 1)),
                                 ("search_limit_seconds", optional(o.searchLimitSeconds, 1)),
                                 ("elevation_model", o.elevationModel.map { .string($0) } ?? .null)])),
            ("projection", .object([("epsg", .integer(projection.epsg)), ("utm_zone", .string(projection.utmZone))])),
            ("network", .object([("nodes", .integer(n.nodes)), ("edges", .integer(n.edges)), ("arcs", .integer(n.arcs)),
                                 ("walkable_km", .number(n.walkableKm, decimals: 3)), ("greenway_km", .number(n.greenwayKm, decimals: 3)),
                                 ("components", .integer(n.components)), ("dropped_nodes", .integer(n.droppedNodes)),
                                 ("dropped_edges", .integer(n.droppedEdges)), ("dropped_km", .number(n.droppedKm, decimals: 3))])),
            ("parks", .object([("count", .integer(parks.count)), ("total_ha", .number(parks.totalHa, decimals: 2)),
                               ("clipped", .integer(parks.clipped ?? 0))])),
            ("destinations", .object(destinations.entries.map { name, d in
                (name, .object([("count", .integer(d.count)), ("reachable", .integer(d.reachable)), ("access_points", .integer(d.accessPoints))]))
            })),
            ("grid", .object([("columns", .integer(grid.columns)), ("rows", .integer(grid.rows)), ("cells", .integer(grid.cells)),
                              ("cells_on_network", .integer(grid.cellsOnNetwork)),
                              ("x_min", .number(grid.xMin, decimals: 1)), ("y_min", .number(grid.yMin, decimals: 1)),
                              ("cells_snapped_over_100_m", grid.cellsSnappedOver100M.map { .integer($0) } ?? .null)])),
            ("measures", .array(measures.map { m in
                .object([("name", .string(m.name)), ("cells_with_data", .integer(m.cellsWithData)),
                         ("cells_meeting_budget", .integer(m.cellsMeetingBudget)),
                         ("share_meeting_budget", .number(m.shareMeetingBudget, decimals: 4)),
                         ("mean", optional(m.mean, 2)), ("median", optional(m.median, 2))])
            })),
        ]
        fields.append(("population", population.map { p in
            .object([("file", .string(p.file)), ("points", .integer(p.points)),
                     ("residents", .number(p.residents, decimals: p.residents == p.residents.rounded() ? 0 : 2)),
                     ("residents_on_network", .number(p.residentsOnNetwork, decimals: 2)),
                     ("residents_snapped_over_100_m", p.residentsSnappedOver100M.map { .number($0, decimals: 2) } ?? .null),
                     ("measures", .array(p.measures.map { m in
                         .object([("name", .string(m.name)), ("residents_with_data", .number(m.residentsWithData, decimals: 2)),
                                  ("residents_meeting_budget", .number(m.residentsMeetingBudget, decimals: 2)),
                                  ("share_meeting_budget", .number(m.shareMeetingBudget, decimals: 4)),
                                  ("median", optional(m.median, 2)), ("p90", optional(m.p90, 2)), ("gini", optional(m.gini, 4))])
                     }))])
        } ?? .null))
        fields.append(("warnings", .object(warnings.entries.map { ($0.key, .integer($0.value)) })))
        if let warningExamples {
            fields.append(("warning_examples", .object(warningExamples.entries.map { ($0.key, .array($0.value.map { .string($0) })) })))
        }
        fields += [
            ("attribution", .string(attribution)),
            ("run", .object([("threads", .integer(run.threads)),
                             ("stage_seconds", .object(run.stageSeconds.entries.map { ($0.key, .number($0.value, decimals: 3)) }))])),
        ]
        return .object(fields)
    }

    /// The document as a reader of the file sees it: every number at the decimals it is
    /// written with (a report made from memory then equals one made from the folder).
    public func asWritten() throws -> AnalysisSummaryDocument {
        try Self.decode(Data(jsonValue().text().utf8), name: "summary.json")
    }
}

/// A JSON object whose keys keep their order when written (decoded in key order).
public struct OrderedObject<Value: Codable & Sendable>: Codable, Sendable {
    public var entries: [(key: String, value: Value)]

    public init(_ entries: [(key: String, value: Value)]) { self.entries = entries }

    public subscript(key: String) -> Value? { entries.first { $0.key == key }?.value }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        entries = try container.allKeys.sorted { $0.stringValue < $1.stringValue }.map { ($0.stringValue, try container.decode(Value.self, forKey: $0)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in entries { try container.encode(value, forKey: Key(stringValue: key)) }
    }
}

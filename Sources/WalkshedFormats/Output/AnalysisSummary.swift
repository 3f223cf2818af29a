import Walkshed

/// The facts `summary.json` reports about one analysis.
public struct AnalysisSummary: Sendable {
    public var input: OSMLoadReport
    public var city: City
    public var profile: TravelProfile
    public var destinations: [DestinationSet]
    public var result: CoverageResult
    /// Stage names and wall seconds, in order; reported under `"run"`, the only part of the
    /// summary that differs between runs.
    public var stageSeconds: [(String, Double)]
    public var threads: Int
    /// The population file and its table, when one was given.
    public var population: (path: String, table: PopulationTable)?
    /// The elevation model (DEM) file the costs followed, when one was given.
    public var elevationModel: String?

    public init(input: OSMLoadReport, city: City, profile: TravelProfile, destinations: [DestinationSet],
                result: CoverageResult, stageSeconds: [(String, Double)], threads: Int,
                population: (path: String, table: PopulationTable)? = nil) {
        self.population = population
        self.input = input
        self.city = city
        self.profile = profile
        self.destinations = destinations
        self.result = result
        self.stageSeconds = stageSeconds
        self.threads = threads
    }

    /// Population-weighted measures, in layer order.
    public func populationSummaries() -> [PopulationSummary] {
        guard let population else { return [] }
        return result.populationLayers.map {
            PopulationSummary(layer: $0, residents: population.table.residents,
                              budgetMinutes: result.options.budgetMinutes, setCount: destinations.filter(\.kind.isBuiltIn).count)
        }
    }

    private func populationJSON() -> JSONValue {
        guard let population else { return .null }
        let total = population.table.total
        let residents = JSONValue.number(total, decimals: total == total.rounded() ? 0 : 2)
        let onNetwork = zip(population.table.residents, result.populationSnapped).reduce(0.0) { $0 + ($1.1 ? $1.0 : 0) }
        let measures: [JSONValue] = populationSummaries().map { s in
            .object([("name", .string(s.name)),
                     ("residents_with_data", .number(s.residentsWithData, decimals: 2)),
                     ("residents_meeting_budget", .number(s.residentsMeetingBudget, decimals: 2)),
                     ("share_meeting_budget", .number(s.share, decimals: 4)),
                     ("median", s.median.map { .number($0, decimals: 2) } ?? .null),
                     ("p90", s.percentile90.map { .number($0, decimals: 2) } ?? .null),
                     ("gini", s.gini.map { .number($0, decimals: 4) } ?? .null)])
        }
        return .object([("file", .string(population.path)), ("points", .integer(population.table.residents.count)),
                        ("residents", residents), ("residents_on_network", .number(onNetwork, decimals: 2)),
                        ("measures", .array(measures))])
    }

    /// The summary document. Everything but `"run"` is byte-identical for the same input and
    /// options, whatever the thread count.
    public func json(version: String) -> JSONValue {
        let graph = city.graph
        let grid = result.grid
        let projection = city.projection
        let parkHectares = city.parks.reduce(0) { $0 + $1.areaSquareMetres } / 10_000
        let destinationRows: [(String, JSONValue)] = destinations.map { set in
            (set.name, .object([("count", .integer(set.destinationCount)),
                                ("reachable", .integer(set.reachableDestinationCount)),
                                ("access_points", .integer(set.accessPoints.count))]))
        }
        let measures: [JSONValue] = result.summaries().map { s in
            .object([("name", .string(s.name)),
                     ("cells_with_data", .integer(s.cellsWithData)),
                     ("cells_meeting_budget", .integer(s.cellsMeetingBudget)),
                     ("share_meeting_budget", .number(s.shareMeetingBudget, decimals: 4)),
                     ("mean", s.mean.map { .number($0, decimals: 2) } ?? .null),
                     ("median", s.median.map { .number($0, decimals: 2) } ?? .null)])
        }
        return .object([
            ("walkshed_version", .string(version)),
            ("input", .object([("file", .string(input.path)), ("format", .string(input.format)),
                               ("osm_nodes", .integer(input.fileNodes)), ("osm_ways", .integer(input.fileWays)),
                               ("osm_relations", .integer(input.fileRelations)),
                               ("walkable_ways", .integer(input.walkableWays)),
                               ("highway_node_references", .integer(input.highwayNodeReferences)),
                               ("missing_highway_node_references", .integer(input.missingHighwayNodeReferences))])),
            ("options", .object([("profile", .string(profile.name)),
                                 ("speed_kmh", .number(profile.metresPerSecond * 3.6, decimals: 3)),
                                 ("budget_minutes", .number(result.options.budgetMinutes, decimals: 2)),
                                 ("cell_metres", .number(result.options.cellMetres, decimals: 1)),
                                 ("snap_limit_metres", .number(result.options.snapLimitMetres, decimals: 1)),
                                 ("search_limit_seconds", result.options.searchLimitSeconds.isFinite
                                    ? .number(Double(result.options.searchLimitSeconds), decimals: 1) : .null),
                                 ("elevation_model", elevationModel.map { .string($0) } ?? .null)])),
            ("projection", .object([("epsg", .integer(projection.epsgCode)),
                                    ("utm_zone", .string("\(projection.zone)\(projection.isNorth ? "N" : "S")"))])),
            ("network", .object([("nodes", .integer(graph.nodeCount)), ("edges", .integer(graph.edgeCount)),
                                 ("arcs", .integer(graph.arcCount)),
                                 ("walkable_km", .number(graph.totalMetres() / 1000, decimals: 3)),
                                 ("greenway_km", .number(graph.totalMetres { graph.edgeFlags[$0].contains(.greenway) } / 1000, decimals: 3)),
                                 ("components", .integer(input.components.componentCount)),
                                 ("dropped_nodes", .integer(input.components.droppedNodes)),
                                 ("dropped_edges", .integer(input.components.droppedEdges)),
                                 ("dropped_km", .number(input.components.droppedMetres / 1000, decimals: 3))])),
            ("parks", .object([("count", .integer(city.parks.count)), ("total_ha", .number(parkHectares, decimals: 2))])),
            ("destinations", .object(destinationRows)),
            ("grid", .object([("columns", .integer(grid.columns)), ("rows", .integer(grid.rows)),
                              ("cells", .integer(grid.cellCount)), ("cells_on_network", .integer(result.cellsOnNetwork)),
                              ("x_min", .number(grid.originX, decimals: 1)), ("y_min", .number(grid.originY, decimals: 1))])),
            ("measures", .array(measures)),
            ("population", populationJSON()),
            ("warnings", .object(input.diagnostics.kinds.map { ($0, .integer(input.diagnostics.count($0))) })),
            ("attribution", .string("© OpenStreetMap contributors, ODbL 1.0")),
            ("run", .object([("threads", .integer(threads)),
                             ("stage_seconds", .object(stageSeconds.map { ($0.0, .number($0.1, decimals: 3)) }))])),
        ])
    }
}

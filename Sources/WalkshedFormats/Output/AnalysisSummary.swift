import Walkshed

/// The facts `summary.json` reports about one analysis.
public struct AnalysisSummary: Sendable {
    public var input: OSMLoadReport
    public var city: City
    public var profile: TravelProfile
    public var destinations: [DestinationSet]
    public let result: CoverageResult
    /// The result's per-layer summaries (medians over every cell), made once: the summary
    /// document and the printed table both report them.
    public let layerSummaries: [LayerSummary]
    /// Stage names and wall seconds, in order; reported under `"run"`, the only part of the
    /// summary that differs between runs.
    public var stageSeconds: [(String, Double)]
    public var threads: Int
    /// The population file and its table, when one was given.
    public let population: (path: String, table: PopulationTable)?
    /// Population-weighted measures, in layer order (none without a population), made once.
    public let populationSummaries: [PopulationSummary]
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
        layerSummaries = result.summaries()
        populationSummaries = population.map { population in
            result.populationLayers.map {
                PopulationSummary(layer: $0, residents: population.table.residents,
                                  budgetMinutes: result.options.budgetMinutes, setCount: destinations.filter(\.kind.isBuiltIn).count)
            }
        } ?? []
    }

    /// The summary as its document: the facts `summary.json` holds.
    public func document(version: String) -> AnalysisSummaryDocument {
        typealias D = AnalysisSummaryDocument
        let graph = city.graph, grid = result.grid, projection = city.projection, o = result.options
        let population = self.population.map { population -> D.Population in
            let onNetwork = zip(population.table.residents, result.populationSnapped).reduce(0.0) { $0 + ($1.1 ? $1.0 : 0) }
            return D.Population(file: population.path, points: population.table.residents.count, residents: population.table.total,
                                residentsOnNetwork: onNetwork,
                                residentsSnappedOver100M: result.residentsSnapped(residents: population.table.residents),
                                measures: populationSummaries.map { s in
                D.ResidentMeasure(name: s.name, residentsWithData: s.residentsWithData, residentsMeetingBudget: s.residentsMeetingBudget,
                                  shareMeetingBudget: s.share, median: s.median, p90: s.percentile90, gini: s.gini)
            })
        }
        return D(
            walkshedVersion: version,
            input: D.Input(file: input.path, format: input.format, osmNodes: input.fileNodes, osmWays: input.fileWays,
                           osmRelations: input.fileRelations, walkableWays: input.walkableWays,
                           highwayNodeReferences: input.highwayNodeReferences, missingHighwayNodeReferences: input.missingHighwayNodeReferences),
            options: D.Options(profile: profile.name, speedKmh: profile.metresPerSecond * 3.6, budgetMinutes: o.budgetMinutes,
                               cellMetres: o.cellMetres, snapLimitMetres: o.snapLimitMetres,
                               searchLimitSeconds: o.searchLimitSeconds.isFinite ? Double(o.searchLimitSeconds) : nil, elevationModel: elevationModel),
            projection: D.Projection(epsg: projection.epsgCode, utmZone: "\(projection.zone)\(projection.isNorth ? "N" : "S")"),
            network: D.Network(nodes: graph.nodeCount, edges: graph.edgeCount, arcs: graph.arcCount, walkableKm: graph.totalMetres() / 1000,
                               greenwayKm: graph.totalMetres { graph.edgeFlags[$0].contains(.greenway) } / 1000,
                               components: input.components.componentCount, droppedNodes: input.components.droppedNodes,
                               droppedEdges: input.components.droppedEdges, droppedKm: input.components.droppedMetres / 1000),
            parks: D.Parks(count: city.parks.count, totalHa: city.parks.reduce(0) { $0 + $1.areaSquareMetres } / 10_000,
                           clipped: city.parks.filter(\.clipped).count),
            destinations: OrderedObject(destinations.map { set in
                (set.name, D.Destinations(count: set.destinationCount, reachable: set.reachableDestinationCount, accessPoints: set.accessPoints.count))
            }),
            grid: D.Grid(columns: grid.columns, rows: grid.rows, cells: grid.cellCount, cellsOnNetwork: result.cellsOnNetwork,
                         xMin: grid.originX, yMin: grid.originY, cellsSnappedOver100M: result.cellsSnapped()),
            measures: layerSummaries.map { s in
                D.Measure(name: s.name, cellsWithData: s.cellsWithData, cellsMeetingBudget: s.cellsMeetingBudget,
                          shareMeetingBudget: s.shareMeetingBudget, mean: s.mean, median: s.median)
            },
            population: population,
            warnings: OrderedObject(input.diagnostics.kinds.map { ($0, input.diagnostics.count($0)) }),
            warningExamples: OrderedObject(input.diagnostics.kinds.map { ($0, input.diagnostics.examples[$0] ?? []) }),
            attribution: "© OpenStreetMap contributors, ODbL 1.0",
            run: D.Run(threads: threads, stageSeconds: OrderedObject(stageSeconds.map { ($0.0, $0.1) })))
    }

    /// The summary document. Everything but `"run"` is byte-identical for the same input and
    /// options, whatever the thread count.
    public func json(version: String) -> JSONValue { document(version: version).jsonValue() }
}

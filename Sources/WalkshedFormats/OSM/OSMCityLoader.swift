import Foundation
import Walkshed

/// What loading an extract found, for `walkshed info` and `summary.json`.
public struct OSMLoadReport: Sendable {
    public var path: String
    public var format: String
    public var fileNodes = 0
    public var fileWays = 0
    public var fileRelations = 0
    public var walkableWays = 0
    /// Graph size before the largest component was taken.
    public var nodesBeforeFilter = 0
    public var edgesBeforeFilter = 0
    public var components = ComponentReport(componentCount: 0, droppedNodes: 0, droppedEdges: 0, droppedMetres: 0)
    public var greenwayEdges = 0
    public var greenAreas = 0
    /// Node references of all `highway=*` ways, and how many point to nodes not in the file.
    public var highwayNodeReferences = 0
    public var missingHighwayNodeReferences = 0
    public var diagnostics = Diagnostics()
    /// For PBF: how much of the file was inflated (each blob once, when it is sorted).
    public var inflation: PBFInflationReport?
}

/// Options of `OSMCityLoader.load`.
public struct OSMLoadOptions: Sendable {
    /// Keep only the largest connected component of the walk network.
    public var largestComponentOnly = true
    /// How near a path must run to green space to be a greenway, in metres.
    public var greenwayAlongMetres = 20.0
    /// Keep residential buildings (footprint, storeys) for a population estimate.
    public var keepResidentialBuildings = false
    /// Keep only the walkable network within this box (a segment with either end inside), and
    /// node services inside it; the UTM zone is then chosen from its centre. Areas are kept
    /// whole. Nil: everything.
    public var keepWithin: GeoBox?
    /// Threads decoding PBF blobs; the city is the same for any value.
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    public init() {}
}

/// Loads an OSM extract (PBF or XML) into a `City`: three passes (relations, ways, nodes), each
/// decoding only the PBF blobs that hold its kind, on `options.threads` threads, so memory holds
/// only what is kept; then the simplified graph, parks and services.
public enum OSMCityLoader {
    /// Loads `path`. `stage` is called with a short description before each long step.
    /// - Throws: `InputFileError`, `OSMPBFError` or `OSMXMLError` naming the file and place.
    public static func load(_ path: String, options: OSMLoadOptions = OSMLoadOptions(),
                            stage: (String) -> Void = { _ in }) throws -> (city: City, report: OSMLoadReport) {
        try load(OSMFile.open(path), options: options, stage: stage)
    }

    /// Loads an opened extract (a file, or bytes in memory).
    public static func load(_ file: OSMFile, options: OSMLoadOptions = OSMLoadOptions(),
                            stage: (String) -> Void = { _ in }) throws -> (city: City, report: OSMLoadReport) {
        var runner = try OSMPassRunner(file, threads: options.threads)
        // Blobs' buffers, then each step's arrays, are allocated and freed in turn: from the
        // heap, whose pages are reused.
        return try AllocatorPolicy.whileLoadingExtract {
            do {
                return try load(file, &runner, options: options, stage: stage)
            } catch is PBFKindLayout.Mismatch {
                stage("file is not sorted by kind; reading again, every blob not yet decoded included")
                runner = runner.forgettingGuesses()
                return try load(file, &runner, options: options, stage: stage)
            }
        }
    }

    private static func load(_ file: OSMFile, _ runner: inout OSMPassRunner, options: OSMLoadOptions,
                             stage: (String) -> Void) throws -> (city: City, report: OSMLoadReport) {
        let path = file.path
        var report = OSMLoadReport(path: path, format: file.formatName)

        stage("reading relations")
        let relations = try runner.run(.relations, RelationPass())
        stage("reading ways")
        var ways = try runner.run(.ways, WayPass(relations: relations, keepBuildings: options.keepResidentialBuildings))
        stage("reading nodes")
        var neededRefs: [Int64] = []
        swap(&neededRefs, &ways.neededNodes)
        // Every reference's slot comes with the sorted ids: a walkable way's nodes are a stretch of them.
        let neededIDs: SortedIDIndex
        var referenceSlots: [Int32]
        (neededIDs, referenceSlots) = SortedIDIndex.ranking(consume neededRefs, threads: runner.threads)
        var nodePass = try runner.run(.nodes, NodePass(needed: neededIDs, threads: runner.threads))
        // `nodes` is the one holder of the ids and coordinates: both go when it lets them go.
        var nodes = NodeLocations(ids: consume neededIDs, coordinates: nodePass.takeCoordinates())
        report.inflation = runner.inflation
        report.fileRelations = relations.relationCount
        report.fileWays = ways.wayCount
        report.fileNodes = nodePass.nodeCount
        report.walkableWays = ways.walkWays.count
        report.diagnostics = nodePass.diagnostics
        report.highwayNodeReferences = ways.highwayNodeReferences
        var walkSlots: [[Int32]], walkBox: LongitudeSpan
        (walkSlots, walkBox) = nodes.slots(of: ways.walkWays, referenceSlots: referenceSlots, threads: runner.threads)
        // From here a walk way is its slots; the ids stay only where a node is not in the file,
        // to name it in a warning.
        let missingWayNodes = Dictionary(uniqueKeysWithValues: walkSlots.indices.filter { walkSlots[$0].contains(-1) }
            .map { w in (w, referenceSlots[ways.walkWays[w].needed].map { nodes.ids.ids[Int($0)] }) })
        report.missingHighwayNodeReferences = missingWayNodes.keys.reduce(0) { sum, w in sum + walkSlots[w].reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }
            + nodes.missingCount(of: ways.otherHighways, referenceSlots: referenceSlots, threads: runner.threads)
        ways.otherHighways = []

        stage("projecting nodes")
        let projection = UTMProjection(containing: options.keepWithin?.centre
                                       ?? centre(ofWalkBox: walkBox, nodes: nodes, serviceNodes: nodePass.serviceNodes))
        let everyFoundPlaced = nodes.project(with: projection, threads: runner.threads, diagnostics: &report.diagnostics)
        var polylines = polylines(ways.walkWays, slots: walkSlots, missingWayNodes: missingWayNodes, nodes: nodes,
                                  everyFoundPlaced: everyFoundPlaced, within: options.keepWithin, threads: runner.threads,
                                  diagnostics: &report.diagnostics)
        // Appended in place: `a + b` would copy (and retain) every way's polyline once more.
        polylines += PedestrianAreas.crossings(ways.walkWays, slots: walkSlots, planar: nodes.planar, threads: runner.threads)
        // The graph is built from `polylines`: the ways' node lists go, for memory.
        ways.walkWays = []
        walkSlots = []
        let kerbPoints = Set(nodePass.raisedKerbs.filter { nodes.isFound($0) })
        // Without a single edge the grid spans every node instead (boxed now: the nodes go before the graph is built).
        let hasEdge = polylines.contains { way in way.points.contains { $0 != way.points[0] } }
        var nodeBox = BoundingBox()
        if !hasEdge { for p in nodes.planar where p.x.isFinite && p.y.isFinite { nodeBox.add(p) } }

        // Parks and services before the graph: the node ids and area ways they need then go,
        // and the graph is built with only the positions (and, for its lengths, coordinates).
        stage("collecting parks and services")
        // Areas count their size within the file's bounds (the box its header declares, else
        // the box of its nodes), unless those span half the globe (an extract across the
        // antimeridian), where no box is meaningful.
        let bounds = (runner.declaredBounds ?? nodePass.extent).flatMap { box -> [PlanarPoint]? in
            guard box.maxLongitude - box.minLongitude < 180 else { return nil }
            return [(box.minLongitude, box.minLatitude), (box.maxLongitude, box.minLatitude), (box.maxLongitude, box.maxLatitude),
                    (box.minLongitude, box.maxLatitude)].map { projection.project(GeoCoordinate(longitude: $0.0, latitude: $0.1)) }
        }
        var parks: [Park] = [], greenAreas: [PlanarPolygon] = [], greenSpaces: [Park] = [], services: [ServicePoint] = []
        do {
            var areas = OSMAreaCollector(nodes: nodes, referenceSlots: referenceSlots, bounds: bounds)
            areas.collect(ways: ways, relations: relations, threads: runner.threads, diagnostics: &report.diagnostics)
            (parks, greenAreas, greenSpaces, services) = (areas.parks, areas.greenAreas, areas.greenSpaces, areas.services)
        }
        ways.areaWays = []
        ways.lineServiceWays = []
        ways.memberWays = [:]
        // Residential buildings (opt-in) are placed now, while the node ids and reference slots
        // are here: both go before the graph is built, not after it (`import` of the 211 MB
        // benchmark input, 1.2 M buildings: peak 1,640–1,680 → 1,565 MiB). Their warnings are told
        // after the graph's, as when they were placed after it ("no walkable network" first).
        var buildingDiagnostics = Diagnostics()
        let buildings = options.keepResidentialBuildings
            ? residentialBuildings(ways.buildingWays, areas: ways.residentialAreas, nodes: nodes, referenceSlots: referenceSlots,
                                   diagnostics: &buildingDiagnostics)
            : nil
        ways.buildingWays = []
        ways.residentialAreas = []
        referenceSlots = []

        stage("building graph")
        // The builder owns the longitudes and latitudes, and lets them go once lengths are made.
        let builder = GraphBuilder(coordinates: nodes.takeCoordinates(), planar: nodes.planar)
        nodes.removeAll()
        // The way node lists, area ways and node ids just freed are many small blocks: their
        // pages go back to the system before the graph's large arrays are mapped.
        AllocatorPolicy.returnFreedPages()
        var graph: StreetGraph
        if options.largestComponentOnly {
            (graph, report.components) = (consume builder).buildLargestComponent(consume polylines, raisedKerbs: kerbPoints, threads: runner.threads)
        } else {
            graph = (consume builder).build(consume polylines, raisedKerbs: kerbPoints, threads: runner.threads)
            report.components.componentCount = graph.componentLabels().count
        }
        report.nodesBeforeFilter = graph.nodeCount + report.components.droppedNodes
        report.edgesBeforeFilter = graph.edgeCount + report.components.droppedEdges
        report.greenAreas = greenAreas.count
        report.greenwayEdges = GreenwayClassifier(greenAreas: greenAreas, alongMetres: options.greenwayAlongMetres, threads: runner.threads)
            .classify(&graph, threads: runner.threads)
        // The transit members of one stop area are one stop (a subway entrance leads into its station).
        let stopAreaOf = relations.stopAreaOf
        @Sendable func stopArea(of service: ServicePoint) -> String? {
            service.category == .transit ? stopAreaOf[service.osmReference].map { "relation/\($0)" } : nil
        }
        for k in services.indices { services[k].group = stopArea(of: services[k]) ?? services[k].group }
        // Service nodes are projected, named and grouped on `threads` threads (a region has 100,000s), in order.
        let serviceNodes = options.keepWithin.map { box in nodePass.serviceNodes.filter { box.contains($0.coordinate) } } ?? nodePass.serviceNodes
        services += ParallelSearch.map(itemCount: serviceNodes.count, threads: runner.threads) { i in
            let s = serviceNodes[i]
            var service = ServicePoint(category: s.category, position: projection.project(s.coordinate), osmReference: "node/\(s.id)",
                                       name: s.name, transitCapacity: s.capacity)
            service.group = stopArea(of: service)
            return service
        }
        var extent = graph.bounds
        if extent.isEmpty {
            report.diagnostics.warn("no walkable network", "\(path): no walkable highway ways in \(report.fileWays) ways; every cell is NODATA")
            extent = nodeBox
        }
        var city = City(projection: projection, graph: graph, parks: parks, services: services, extent: extent)
        city.greenSpaces = greenSpaces
        if let buildings {
            city.residentialBuildings = buildings
            report.diagnostics.append(buildingDiagnostics)
        }
        return (city, report)
    }

    /// Centre of `walkBox`, the box of the walkable ways' found nodes (the UTM zone is chosen
    /// from it); without walkable ways, of every found node and service node.
    static func centre(ofWalkBox walkBox: LongitudeSpan, nodes: NodeLocations, serviceNodes: [NodePass.ServiceNode]) -> GeoCoordinate {
        var box = walkBox
        if box.isEmpty {   // no walkable way: centre on whatever points were kept
            for c in nodes.coordinates where !c.latitude.isNaN { box.add(c) }
            for s in serviceNodes { box.add(s.coordinate) }
        }
        guard !box.isEmpty else { return GeoCoordinate(longitude: 0, latitude: 0) }
        return GeoCoordinate(longitude: UTMProjection.middleLongitude(minimum: box.minLon, maximum: box.maxLon,
                                                                      minimumEast: box.minEast, maximumEast: box.maxEast),
                             latitude: (box.minLat + box.maxLat) / 2)
    }

    /// The box of some coordinates, with their longitudes also taken east of Greenwich
    /// (western ones + 360°), for the middle along the shorter way round.
    struct LongitudeSpan: Sendable {
        var minLon = Double.infinity, maxLon = -Double.infinity, minEast = Double.infinity, maxEast = -Double.infinity
        var minLat = Double.infinity, maxLat = -Double.infinity
        var isEmpty: Bool { minLon > maxLon }

        mutating func add(_ c: GeoCoordinate) {
            minLon = min(minLon, c.longitude); maxLon = max(maxLon, c.longitude)
            let east = c.longitude < 0 ? c.longitude + 360 : c.longitude
            minEast = min(minEast, east); maxEast = max(maxEast, east)
            minLat = min(minLat, c.latitude); maxLat = max(maxLat, c.latitude)
        }

        func joined(_ other: LongitudeSpan) -> LongitudeSpan {
            LongitudeSpan(minLon: min(minLon, other.minLon), maxLon: max(maxLon, other.maxLon), minEast: min(minEast, other.minEast),
                          maxEast: max(maxEast, other.maxEast), minLat: min(minLat, other.minLat), maxLat: max(maxLat, other.maxLat))
        }
    }

    /// Footprints of residential building ways, and of `building=yes` ways whose centroid lies
    /// in one of the residential `areas`; one with a missing node is skipped with a warning.
    /// A way's nodes are `referenceSlots[way.needed]`, as are an area's.
    static func residentialBuildings(_ ways: [WayPass.BuildingWay], areas: [Range<Int>], nodes: NodeLocations, referenceSlots: [Int32],
                                     diagnostics: inout Diagnostics) -> [ResidentialBuilding] {
        let residential = ResidentialAreaIndex(areas.compactMap { area in
            nodes.ring(referenceSlots[area]).map { PlanarPolygon(outerRings: [$0]) }
        })
        return ways.compactMap { way in
            var ring: [PlanarPoint] = []
            for slot in referenceSlots[way.needed] {
                guard nodes.isFound(slot) else {
                    diagnostics.warn("building with missing nodes", "way \(way.id): building references node \(nodes.ids.ids[Int(slot)]), which is not in the file; skipped")
                    return nil
                }
                ring.append(nodes.planar[Int(slot)])
            }
            let polygon = PlanarPolygon(outerRings: [ring])
            let centroid = polygon.centroid
            if way.kind == "yes" && !residential.contains(centroid) { return nil }
            return ResidentialBuilding(osmReference: "way/\(way.id)", kind: way.kind, position: centroid,
                                       footprintSquareMetres: polygon.areaSquareMetres,
                                       levels: way.levels ?? OSMTagRules.residentialBuildingLevels[way.kind] ?? OSMTagRules.genericBuildingLevels,
                                       levelsTagged: way.levels != nil)
        }
    }

    /// Walkable ways as index polylines; a way referencing a node missing from the file is cut
    /// at the gap, with one counted warning per missing reference.
    /// With `within`, a point is kept only when it or a neighbour along the way lies inside, so
    /// every segment with an end inside survives; the way is cut silently at the others.
    /// Built in chunks of ways on `threads` threads, joined (with their warnings) in way order:
    /// the same result for any count.
    /// `missingWayNodes[i]`: the node ids of `walkWays[i]` when one of its slots is -1.
    /// `everyFoundPlaced`: the projection placed every node found (a slot other than -1 is
    /// found), so a way's slots need not be looked up again to know it is whole.
    static func polylines(_ walkWays: [WayPass.WalkWay], slots: [[Int32]], missingWayNodes: [Int: [Int64]], nodes: NodeLocations,
                          everyFoundPlaced: Bool = false, within box: GeoBox?, threads: Int,
                          diagnostics: inout Diagnostics) -> [WayPolyline] {
        let parts = ParallelSearch.mapChunks(itemCount: walkWays.count, minimumChunk: 1024, threads: threads,
                                             diagnostics: &diagnostics) { chunk, warnings in
            polylines(chunk, of: walkWays, slots: slots, missingWayNodes: missingWayNodes, nodes: nodes, everyFoundPlaced: everyFoundPlaced,
                      within: box, diagnostics: &warnings)
        }
        var result: [WayPolyline] = []
        result.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { result += part }
        return result
    }

    private static func polylines(_ chunk: Range<Int>, of walkWays: [WayPass.WalkWay], slots: [[Int32]], missingWayNodes: [Int: [Int64]],
                                  nodes: NodeLocations, everyFoundPlaced: Bool, within box: GeoBox?,
                                  diagnostics: inout Diagnostics) -> [WayPolyline] {
        var result: [WayPolyline] = []
        for w in chunk {
            let way = walkWays[w], wayslots = slots[w]
            // Most ways, every node found and no box to cut at, are their slots as they are.
            if box == nil && (everyFoundPlaced ? !wayslots.contains(-1) : wayslots.allSatisfy({ nodes.isFound($0) })) {
                if wayslots.count >= 2 { result.append(WayPolyline(wayID: way.id, points: wayslots, edgeClass: way.edgeClass, flags: way.flags)) }
                continue
            }
            var run: [Int32] = []
            func inside(_ k: Int) -> Bool {
                k >= 0 && k < wayslots.count && nodes.isFound(wayslots[k]) && box!.contains(nodes.coordinates[Int(wayslots[k])])
            }
            for (k, i) in wayslots.enumerated() {
                if box != nil, nodes.isFound(i), !(inside(k - 1) || inside(k) || inside(k + 1)) {
                    if run.count >= 2 { result.append(WayPolyline(wayID: way.id, points: run, edgeClass: way.edgeClass, flags: way.flags)) }
                    run.removeAll()
                } else if nodes.isFound(i) {
                    run.append(i)
                } else {
                    // A slot of -1 is a node not found: its way's ids were kept.
                    let ref = i >= 0 ? nodes.ids.ids[Int(i)] : missingWayNodes[w]![k]
                    diagnostics.warn("missing node reference", "way \(way.id) references node \(ref), which is not in the file; the way is cut there")
                    if run.count >= 2 { result.append(WayPolyline(wayID: way.id, points: run, edgeClass: way.edgeClass, flags: way.flags)) }
                    run.removeAll()
                }
            }
            if run.count >= 2 { result.append(WayPolyline(wayID: way.id, points: run, edgeClass: way.edgeClass, flags: way.flags)) }
        }
        return result
    }
}

/// `landuse=residential` areas bucketed by a 500 m grid over their boxes, so testing whether a
/// building lies in one looks at the few areas near it, not all of them (a regional extract has
/// tens of thousands).
struct ResidentialAreaIndex {
    static let bucketMetres = 500.0
    private let areas: [PlanarPolygon]
    private var buckets: [Int64: [Int32]] = [:]
    /// Areas spanning more than 4,096 buckets, tested for every point.
    private var large: [Int32] = []

    init(_ areas: [PlanarPolygon]) {
        self.areas = areas
        for (i, area) in areas.enumerated() {
            let box = area.bounds
            guard !box.isEmpty, box.minX.isFinite, box.maxX.isFinite, box.minY.isFinite, box.maxY.isFinite else { continue }
            let rows = Self.cell(box.minY)...Self.cell(box.maxY), columns = Self.cell(box.minX)...Self.cell(box.maxX)
            guard Double(rows.count) * Double(columns.count) <= 4_096 else { large.append(Int32(i)); continue }
            for r in rows { for c in columns { buckets[Self.key(r, c), default: []].append(Int32(i)) } }
        }
    }

    static func cell(_ v: Double) -> Int64 { Int64((v / bucketMetres).rounded(.down)) }
    static func key(_ r: Int64, _ c: Int64) -> Int64 { r &* 4_000_037 &+ c }

    /// Whether `p` lies inside any area.
    func contains(_ p: PlanarPoint) -> Bool {
        guard p.x.isFinite, p.y.isFinite else { return false }
        let near = buckets[Self.key(Self.cell(p.y), Self.cell(p.x))] ?? []
        return near.contains { areas[Int($0)].contains(p) } || large.contains { areas[Int($0)].contains(p) }
    }
}

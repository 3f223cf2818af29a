import Walkshed

/// A multipolygon relation of interest, with its member ways by role.
struct AreaRelation {
    var id: Int64
    var tags: OSMTags
    var outerWays: [Int64]
    var innerWays: [Int64]
}

/// Pass 1: relations. Keeps area multipolygons and the ways of walking/cycling routes.
struct RelationPass: OSMBlobPass {
    var relationCount = 0
    var areas: [AreaRelation] = []
    var routeWays = Set<Int64>()
    var memberWays = Set<Int64>()
    /// `node/1`, `way/2` → the `public_transport=stop_area` relation holding it (the first).
    var stopAreaOf: [String: Int64] = [:]

    mutating func relation(_ relation: OSMRelation) {
        relationCount += 1
        if OSMTagRules.isGreenwayRoute(relation.tags) {
            for m in relation.members where m.type == .way { routeWays.insert(m.ref) }
        }
        if OSMTagRules.isStopArea(relation.tags) {
            for m in relation.members where m.type != .relation {
                let key = "\(m.type == .node ? "node" : "way")/\(m.ref)"
                if stopAreaOf[key] == nil { stopAreaOf[key] = relation.id }
            }
        }
        guard OSMTagRules.isAreaRelation(relation.tags) else { return }
        let ways = relation.members.filter { $0.type == .way }
        let inner = ways.filter { $0.role == "inner" }.map(\.ref)
        let outer = ways.filter { $0.role != "inner" }.map(\.ref)
        areas.append(AreaRelation(id: relation.id, tags: relation.tags, outerWays: outer, innerWays: inner))
        memberWays.formUnion(ways.map(\.ref))
    }

    func emptyCopy() -> RelationPass { RelationPass() }

    mutating func append(_ later: RelationPass) {
        relationCount += later.relationCount
        areas += later.areas
        routeWays.formUnion(later.routeWays)
        memberWays.formUnion(later.memberWays)
        stopAreaOf.merge(later.stopAreaOf) { first, _ in first }
    }
}

/// Pass 2: ways. Keeps walkable ways, closed area ways, and ways that are members of kept
/// relations, and records which nodes they need (`neededNodes`, with repeats): every kept
/// way's node ids are a stretch of those, `neededNodes[needed]` (one stretch per way, whatever
/// it is kept for), so its nodes' slots come with the sorted ids (`SortedIDIndex.ranking`).
struct WayPass: OSMBlobPass {
    /// A kept way of any kind: its node ids are the needed references at `needed`.
    protocol KeptWay { var needed: Range<Int> { get set } }
    /// A walkable way; `isArea` for a closed way tagged `area=yes` (a pedestrian square).
    struct WalkWay: KeptWay { var id: Int64; var edgeClass: EdgeClass; var flags: EdgeFlags; var isArea = false; var needed: Range<Int> }
    struct AreaWay: KeptWay { var id: Int64; var needed: Range<Int>; var tags: OSMTags }
    /// An open way that is a service (a platform mapped as a line): reached at its middle.
    struct LineServiceWay: KeptWay { var id: Int64; var needed: Range<Int>; var tags: OSMTags }
    struct BuildingWay: KeptWay { var id: Int64; var needed: Range<Int>; var kind: String; var levels: Double? }

    /// Whether residential buildings are kept (for a population estimate).
    let keepBuildings: Bool
    let wayKeys: Set<String>?
    /// `relations.memberWays`, sorted: asked for every way of the file, so looked up without hashing.
    let memberWayIDs: SortedIDIndex
    /// `relations.routeWays`, sorted: asked for every walkable way.
    let routeWayIDs: SortedIDIndex
    var buildingWays: [BuildingWay] = []
    /// Rings of `landuse=residential` ways (kept with buildings; `building=yes` inside counts).
    var residentialAreas: [Range<Int>] = []
    var wayCount = 0
    var walkWays: [WalkWay] = []
    var areaWays: [AreaWay] = []
    var lineServiceWays: [LineServiceWay] = []
    /// The member ways of kept relations, by id.
    var memberWays: [Int64: Range<Int>] = [:]
    var neededNodes: [Int64] = []
    /// Node references of every `highway=*` way, walkable or not (for the clipped-extract report).
    var highwayNodeReferences = 0
    /// Non-walkable highway ways, kept only to count their references to missing nodes.
    var otherHighways: [Range<Int>] = []

    init(relations: RelationPass, keepBuildings: Bool) {
        self.keepBuildings = keepBuildings
        wayKeys = OSMTagRules.wayKeys(keepingBuildings: keepBuildings)
        memberWayIDs = SortedIDIndex(unsorted: Array(relations.memberWays))
        routeWayIDs = SortedIDIndex(unsorted: Array(relations.routeWays))
    }

    private init(sharing other: WayPass) {
        keepBuildings = other.keepBuildings
        wayKeys = other.wayKeys
        memberWayIDs = other.memberWayIDs
        routeWayIDs = other.routeWayIDs
    }

    func wantsWay(_ id: Int64) -> Bool { memberWayIDs.contains(id) }
    mutating func skippedWay(_ id: Int64) { wayCount += 1 }

    mutating func way(_ way: OSMWay) {
        wayCount += 1
        // Whether the way's node ids go to `neededNodes` (once, at the end, as `needed`).
        var keep = false
        let needed = neededNodes.count ..< neededNodes.count + way.refs.count
        let walkClass = OSMTagRules.walkClass(way.tags)
        if way.tags["highway"] != nil {
            highwayNodeReferences += way.refs.count
            if walkClass == nil {
                otherHighways.append(needed)
                keep = true
            }
        }
        if let edgeClass = walkClass {
            var flags = OSMTagRules.walkFlags(way.tags, edgeClass: edgeClass)
            if routeWayIDs.contains(way.id) { flags.insert(.onRoute) }
            let isArea = way.tags["area"] == "yes" && way.refs.count >= 4 && way.refs.first == way.refs.last
            walkWays.append(WalkWay(id: way.id, edgeClass: edgeClass, flags: flags, isArea: isArea, needed: needed))
            keep = true
        }
        let closed = way.refs.count >= 4 && way.refs.first == way.refs.last
        if closed && (OSMTagRules.parkKind(way.tags) != nil || OSMTagRules.isGreenArea(way.tags)
                      || !OSMTagRules.serviceCategories(way.tags).isEmpty) {
            areaWays.append(AreaWay(id: way.id, needed: needed, tags: way.tags))
            keep = true
        } else if !closed && way.refs.count >= 2 && !OSMTagRules.serviceCategories(way.tags).isEmpty {
            lineServiceWays.append(LineServiceWay(id: way.id, needed: needed, tags: way.tags))
            keep = true
        }
        if keepBuildings, closed {
            if let kind = OSMTagRules.residentialBuildingKind(way.tags) ?? (OSMTagRules.isGenericBuilding(way.tags) ? "yes" : nil) {
                buildingWays.append(BuildingWay(id: way.id, needed: needed, kind: kind,
                                                levels: OSMTagRules.buildingLevels(way.tags["building:levels"])))
                keep = true
            } else if OSMTagRules.isResidentialLanduse(way.tags) {
                residentialAreas.append(needed)
                keep = true
            }
        }
        if memberWayIDs.contains(way.id) {
            memberWays[way.id] = needed
            keep = true
        }
        if keep { neededNodes += way.refs }
    }

    func emptyCopy() -> WayPass { WayPass(sharing: self) }

    /// Appends `later`'s finds; its stretches of `neededNodes` move up by this pass's count.
    mutating func append(_ later: WayPass) {
        let shift = neededNodes.count
        func moved(_ needed: Range<Int>) -> Range<Int> { needed.lowerBound + shift ..< needed.upperBound + shift }
        func moved<Way: KeptWay>(_ ways: [Way]) -> LazyMapSequence<[Way], Way> {
            ways.lazy.map { var way = $0; way.needed = moved(way.needed); return way }
        }
        buildingWays += moved(later.buildingWays)
        residentialAreas += later.residentialAreas.lazy.map(moved)
        wayCount += later.wayCount
        walkWays += moved(later.walkWays)
        areaWays += moved(later.areaWays)
        lineServiceWays += moved(later.lineServiceWays)
        for (id, needed) in later.memberWays where memberWays[id] == nil { memberWays[id] = moved(needed) }
        neededNodes += later.neededNodes
        highwayNodeReferences += later.highwayNodeReferences
        otherHighways += later.otherHighways.lazy.map(moved)
    }
}

/// Pass 3: nodes. Keeps the coordinates of needed nodes (first occurrence wins) and tagged
/// service nodes. A pass over one blob collects `hits`; appending writes them into
/// `coordinates`, which has one slot per needed id (NaN until found).
struct NodePass: OSMBlobPass {
    struct Hit { var slot: Int32; var coordinate: GeoCoordinate }
    struct ServiceNode { var id: Int64; var coordinate: GeoCoordinate; var category: ServiceCategory; var name: String; var capacity: TransitCapacity? }

    /// The ids looked up; let go by `takeCoordinates()`.
    private(set) var needed: SortedIDIndex
    var nodeCount = 0
    /// Needed nodes found in this stretch, not yet in `coordinates`.
    var hits: [Hit] = []
    /// By slot of `needed`; latitude NaN for nodes not (yet) found.
    var coordinates: [GeoCoordinate] = []
    var serviceNodes: [ServiceNode] = []
    /// Slots of needed nodes tagged with a kerb a wheelchair cannot cross.
    var raisedKerbs: [Int32] = []
    var diagnostics = Diagnostics()
    /// The box of every valid node of the file, in degrees (infinite, west of east, until a
    /// node is seen): the extract's bounds, as far as its data tell.
    private var west = Double.infinity, south = Double.infinity, east = -Double.infinity, north = -Double.infinity
    /// The same box over the nodes delivered in nanodegrees (`untaggedNode`): converted when
    /// asked, to the degrees the nodes' own conversions give (dividing by 10⁹ keeps order).
    private var westNano = Int64.max, southNano = Int64.max, eastNano = Int64.min, northNano = Int64.min
    var extent: GeoBox? {
        var west = west, south = south, east = east, north = north
        if westNano <= eastNano {
            west = min(west, degrees(nanodegrees: westNano)); east = max(east, degrees(nanodegrees: eastNano))
            south = min(south, degrees(nanodegrees: southNano)); north = max(north, degrees(nanodegrees: northNano))
        }
        return west <= east ? GeoBox(minLongitude: west, minLatitude: south, maxLongitude: east, maxLatitude: north) : nil
    }
    /// The first position in `needed.ids` not below the last id looked up: a blob's ids ascend,
    /// so the next needed id is usually a few places on (a merge rather than a search per node).
    private var cursor = 0
    var nodeKeys: Set<String>? { OSMTagRules.nodeKeys }

    /// `threads` write the unfound coordinates to start with (4.7 M on the 211 MB benchmark input).
    init(needed: SortedIDIndex, threads: Int = 1) {
        self.needed = needed
        coordinates = ParallelSearch.repeating(GeoCoordinate(longitude: .nan, latitude: .nan), count: needed.count, threads: threads)
    }

    private init(sharing needed: SortedIDIndex) { self.needed = needed }

    mutating func node(id: Int64, latitude: Double, longitude: Double, tags: OSMTags) {
        nodeCount += 1
        guard latitude.isFinite, longitude.isFinite, abs(latitude) <= 90, abs(longitude) <= 180 else {
            diagnostics.warn("node with invalid coordinates", "node \(id): lat \(latitude), lon \(longitude) skipped")
            return
        }
        west = min(west, longitude); east = max(east, longitude)
        south = min(south, latitude); north = max(north, latitude)
        let coordinate = GeoCoordinate(longitude: longitude, latitude: latitude)
        let slot = neededSlot(of: id)
        if let slot { hits.append(Hit(slot: slot, coordinate: coordinate)) }
        if !tags.isEmpty { tagged(id: id, coordinate: coordinate, slot: slot, tags: tags) }
    }

    /// Most nodes of a file: checked and boxed in nanodegrees, converted to degrees only when
    /// needed. The same outcome as `node` with no tags: |x| / 10⁹ ≤ 90 exactly when |x| ≤ 90·10⁹.
    /// Inlined into the decoder's loop, whose values then stay in registers (a call spills them).
    @inline(__always)
    mutating func untaggedNode(id: Int64, latitudeNanodegrees latitude: Int64, longitudeNanodegrees longitude: Int64) {
        guard (-90_000_000_000...90_000_000_000).contains(latitude), (-180_000_000_000...180_000_000_000).contains(longitude) else {
            node(id: id, latitude: degrees(nanodegrees: latitude), longitude: degrees(nanodegrees: longitude), tags: OSMTags())
            return
        }
        nodeCount += 1
        westNano = min(westNano, longitude); eastNano = max(eastNano, longitude)
        southNano = min(southNano, latitude); northNano = max(northNano, latitude)
        if let slot = neededSlot(of: id) {
            hits.append(Hit(slot: slot, coordinate: GeoCoordinate(longitude: degrees(nanodegrees: longitude), latitude: degrees(nanodegrees: latitude))))
        }
    }

    /// A tagged node's services and raised kerb (most nodes have no tags worth delivering).
    private mutating func tagged(id: Int64, coordinate: GeoCoordinate, slot: Int32?, tags: OSMTags) {
        for category in OSMTagRules.serviceCategories(tags) {
            serviceNodes.append(ServiceNode(id: id, coordinate: coordinate, category: category, name: tags["name"] ?? "",
                                            capacity: category == .transit ? OSMTagRules.transitCapacity(tags) : nil))
        }
        if let slot, OSMTagRules.isRaisedKerb(tags) { raisedKerbs.append(slot) }
    }

    /// `needed.slot(of: id)`, found by stepping on from `cursor` when `id` lies a few places
    /// beyond it, else by a search.
    @inline(__always)
    private mutating func neededSlot(of id: Int64) -> Int32? {
        let position = needed.ids.withUnsafeBufferPointer { ids in
            var position = cursor
            let count = ids.count
            if position < count && (position == 0 || ids[position - 1] < id) {
                // Every id before `position` is below `id`: step on a few places.
                var steps = 0
                while position < count && ids[position] < id && steps < 8 {
                    position += 1
                    steps += 1
                }
                if position < count && ids[position] < id { position = needed.firstPosition(notBelow: id) }
            } else {
                position = needed.firstPosition(notBelow: id)
            }
            return position
        }
        cursor = position
        return position < needed.count && needed.ids[position] == id ? Int32(position) : nil
    }

    func emptyCopy() -> NodePass { NodePass(sharing: needed) }

    mutating func append(_ later: NodePass) {
        placeHits()
        nodeCount += later.nodeCount
        place(later.hits)
        serviceNodes += later.serviceNodes
        raisedKerbs += later.raisedKerbs
        west = min(west, later.west); east = max(east, later.east)
        south = min(south, later.south); north = max(north, later.north)
        westNano = min(westNano, later.westNano); eastNano = max(eastNano, later.eastNano)
        southNano = min(southNano, later.southNano); northNano = max(northNano, later.northNano)
        diagnostics.append(later.diagnostics)
    }

    /// The coordinates by slot, every hit placed, moved out; the needed ids are let go too (the
    /// caller holds them): what stays is the service nodes, the kerbs' slots and the counts.
    mutating func takeCoordinates() -> [GeoCoordinate] {
        placeHits()
        var taken: [GeoCoordinate] = []
        swap(&taken, &coordinates)
        needed = SortedIDIndex(sorted: [])
        return taken
    }

    /// Moves `hits` into `coordinates`, keeping a slot's first coordinate.
    mutating func placeHits() {
        place(hits)
        hits.removeAll()
    }

    /// Fills each hit's slot; a slot already filled is a node id given twice (the first is kept).
    private mutating func place(_ found: [Hit]) {
        var repeated: [Int32] = []
        coordinates.withUnsafeMutableBufferPointer { slots in
            for hit in found {
                if slots[Int(hit.slot)].latitude.isNaN { slots[Int(hit.slot)] = hit.coordinate } else { repeated.append(hit.slot) }
            }
        }
        for slot in repeated {
            diagnostics.warn("duplicate node id", "node \(needed.ids[Int(slot)]) appears more than once; its first location is used")
        }
    }
}

import Walkshed

/// Where the nodes referenced by kept ways lie, by slot of a `SortedIDIndex` (the node's
/// position among the sorted needed ids). A node that is not in the file, has invalid
/// coordinates or has no position in the projection is missing: `isFound` is false.
struct NodeLocations: Sendable {
    private(set) var ids: SortedIDIndex
    /// Longitude/latitude by slot; NaN for missing nodes. Empty once taken by
    /// `takeCoordinates()` (after projection, for the graph's lengths).
    private(set) var coordinates: [GeoCoordinate]
    /// Projected positions by slot, in metres; filled by `project(with:)`, NaN for missing nodes.
    private(set) var planar: [PlanarPoint] = []

    init(ids: SortedIDIndex, coordinates: [GeoCoordinate]) {
        precondition(ids.count == coordinates.count)
        self.ids = ids
        self.coordinates = coordinates
    }

    /// Lets go of the ids and positions (for memory, once nothing more is looked up): every
    /// node is missing after.
    mutating func removeAll() {
        self = NodeLocations(ids: SortedIDIndex(sorted: []), coordinates: [])
    }

    /// Whether the node in `slot` (-1: none) was found and is placed: its coordinates are
    /// known, and once projected, its position.
    @inline(__always)
    func isFound(_ slot: Int32) -> Bool {
        guard slot >= 0 else { return false }
        if planar.isEmpty { return !coordinates[Int(slot)].latitude.isNaN }
        let p = planar[Int(slot)]
        return p.x.isFinite && p.y.isFinite
    }

    /// The longitudes and latitudes, moved out (projected positions and `isFound` stay): the
    /// graph builder needs them for great-circle lengths, and nothing after it does.
    mutating func takeCoordinates() -> [GeoCoordinate] {
        precondition(planar.count == coordinates.count, "taking coordinates before projecting")
        var taken: [GeoCoordinate] = []
        swap(&taken, &coordinates)
        return taken
    }

    /// The slots of each walkable way's nodes (-1 where a node is missing), made on `threads`
    /// threads from `referenceSlots`, the slot of every needed node reference (by position),
    /// and the box of the found ones (read while each node's coordinates are at hand: the
    /// projection's zone is chosen from it). Ways are taken in chunks joined in order: the
    /// same lists and box for any thread count.
    func slots(of walkWays: [WayPass.WalkWay], referenceSlots: [Int32], threads: Int)
        -> (slots: [[Int32]], box: OSMCityLoader.LongitudeSpan) {
        let parts = ParallelSearch.mapChunks(itemCount: walkWays.count, minimumChunk: 1_024, chunksPerThread: 16,
                                             threads: threads) { range -> ([[Int32]], OSMCityLoader.LongitudeSpan) in
            var box = OSMCityLoader.LongitudeSpan()
            let lists = walkWays[range].map { way in
                referenceSlots[way.needed].map { slot -> Int32 in
                    guard isFound(slot) else { return -1 }
                    box.add(coordinates[Int(slot)])
                    return slot
                }
            }
            return (lists, box)
        }
        var slots: [[Int32]] = []
        slots.reserveCapacity(walkWays.count)
        var box = OSMCityLoader.LongitudeSpan()
        for (lists, partBox) in parts {
            slots += lists
            box = box.joined(partBox)
        }
        return (slots, box)
    }

    /// How many references of `ways` (stretches of `referenceSlots`) are to missing nodes,
    /// counted on `threads` threads.
    func missingCount(of ways: [Range<Int>], referenceSlots: [Int32], threads: Int) -> Int {
        ParallelSearch.mapChunks(itemCount: ways.count, minimumChunk: 4_096, threads: threads) { range in
            ways[range].reduce(0) { sum, way in sum + referenceSlots[way].reduce(0) { $0 + (isFound($1) ? 0 : 1) } }
        }.reduce(0, +)
    }

    /// Projects every found node on `threads` threads; one the projection cannot place becomes
    /// missing, with a warning. Returns whether every found node was placed (then a slot found
    /// before is found after).
    mutating func project(with projection: UTMProjection, threads: Int, diagnostics: inout Diagnostics) -> Bool {
        let found = coordinates
        planar = ParallelSearch.filling(count: found.count, initial: PlanarPoint(x: .nan, y: .nan), itemCount: found.count,
                                        threads: threads) { range, slots in
            for i in range where !found[i].latitude.isNaN { slots.write(i, projection.project(found[i])) }
        }
        // Looked for on every thread: there is seldom any.
        let placed = planar
        let anyUnplaced = ParallelSearch.mapChunks(itemCount: found.count, minimumChunk: 65_536, threads: threads) { range in
            range.contains { !found[$0].latitude.isNaN && !(placed[$0].x.isFinite && placed[$0].y.isFinite) }
        }.contains(true)
        guard anyUnplaced else { return true }
        for slot in coordinates.indices where !coordinates[slot].latitude.isNaN && !(planar[slot].x.isFinite && planar[slot].y.isFinite) {
            let c = coordinates[slot]
            diagnostics.warn("node outside the projection", "node \(ids.ids[slot]) at (\(c.longitude), \(c.latitude)) has no position in UTM zone \(projection.zone); treated as missing")
            coordinates[slot] = GeoCoordinate(longitude: .nan, latitude: .nan)
        }
        return false
    }

    /// Projected positions of the nodes in `slots` that are present, in order, and how many
    /// are missing.
    func presentPoints<Slots: Collection<Int32>>(_ slots: Slots) -> (points: [PlanarPoint], missing: Int) {
        var points: [PlanarPoint] = []
        points.reserveCapacity(slots.count)
        for slot in slots where isFound(slot) { points.append(planar[Int(slot)]) }
        return (points, slots.count - points.count)
    }

    /// Projected positions of the nodes in `slots`, or nil when any is missing.
    func ring<Slots: Collection<Int32>>(_ slots: Slots) -> [PlanarPoint]? {
        var points: [PlanarPoint] = []
        points.reserveCapacity(slots.count)
        for slot in slots {
            guard isFound(slot) else { return nil }
            points.append(planar[Int(slot)])
        }
        return points
    }
}

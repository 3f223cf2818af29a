import Walkshed

/// Walking across pedestrian squares. A walkable closed way tagged `area=yes` (a square, a
/// plaza, a station concourse) is a surface, not a path around its edge: people cross it
/// straight. Its outline stays walkable, and every pair of its entrances (outline nodes that
/// another walkable way also uses) is joined by a straight edge of the area's class when that
/// line stays inside the area (it crosses no side of the outline, passes through no outline
/// vertex, and its middle lies inside),
/// so a concave square is not cut across its corners. Those lines are flagged `acrossArea`:
/// walked, but not counted as mapped length.
enum PedestrianAreas {
    /// Straight edges across the areas among `walkWays`, as polylines of node slots.
    /// `slots[i]` are the slots of `walkWays[i]`'s nodes (-1 where missing); an area with a
    /// missing node is left as its outline. Areas are crossed on `threads` threads and their
    /// lines joined in area order: the same for any thread count.
    static func crossings(_ walkWays: [WayPass.WalkWay], slots: [[Int32]], planar: [PlanarPoint], threads: Int = 1) -> [WayPolyline] {
        let areas = walkWays.indices.filter { walkWays[$0].isArea && !slots[$0].contains(-1) }
        guard !areas.isEmpty else { return [] }
        let uses = OutlineUses(areas.map { slots[$0] }, slotCount: planar.count, ways: slots, threads: threads)
        return ParallelSearch.map(itemCount: areas.count, threads: threads) { k in
            lines(across: walkWays[areas[k]], ring: slots[areas[k]], uses: uses, planar: planar)
        }.flatMap { $0 }
    }

    /// How many walkable ways use each node of the areas' outlines, up to two (a closed way's
    /// repeated first node counts once). Only outline nodes are counted: a bit per slot marks
    /// them, so the pass over every way's nodes reads a bitmap that stays in cache, not a
    /// count per node of the file.
    struct OutlineUses: Sendable {
        /// The outline nodes' slots, as sorted ids of their own: `counts[k]` is the uses of the
        /// node whose slot is `nodes.ids[k]`.
        let nodes: SortedIDIndex
        let counts: [UInt8]

        init(_ outlines: [[Int32]], slotCount: Int, ways: [[Int32]], threads: Int) {
            nodes = SortedIDIndex(sorted: Set(outlines.joined()).map(Int64.init).sorted())
            var marks = [UInt64](repeating: 0, count: slotCount / 64 + 1)
            for slot in nodes.ids { marks[Int(slot) >> 6] |= 1 << UInt64(slot & 63) }
            let isOutline = marks, outlineNodes = nodes
            // Counted over a contiguous part of the ways per thread (at most 8 parts, so a sum
            // of parts' counts fits a byte), then summed.
            let parts = max(1, min(threads, 8, ways.count))
            let countsByPart = ParallelSearch.map(itemCount: parts, threads: threads) { part -> [UInt8] in
                var counts = [UInt8](repeating: 0, count: outlineNodes.count)
                for list in ways[ParallelSearch.chunk(part, of: ways.count, in: parts)] {
                    let open = list.count > 1 && list.first == list.last ? list.dropLast() : list[...]
                    for slot in open where slot >= 0 && isOutline[Int(slot) >> 6] & (1 << UInt64(slot & 63)) != 0 {
                        let k = Int(outlineNodes.slot(of: Int64(slot))!)   // marked: an outline node
                        if counts[k] < 2 { counts[k] += 1 }
                    }
                }
                return counts
            }
            counts = (0..<nodes.count).map { k in min(2, countsByPart.reduce(0) { $0 + $1[k] }) }
        }

        /// The uses of outline node `slot` (0 for a node of no outline).
        func count(of slot: Int32) -> UInt8 {
            nodes.slot(of: Int64(slot)).map { counts[Int($0)] } ?? 0
        }
    }

    /// The straight lines across one area between each pair of its entrances (outline nodes
    /// with more than one use) that stay inside it.
    private static func lines(across way: WayPass.WalkWay, ring: [Int32], uses: OutlineUses, planar: [PlanarPoint]) -> [WayPolyline] {
        let entrances = Array(Set(ring.filter { uses.count(of: $0) > 1 })).sorted()
        guard entrances.count >= 2 else { return [] }
        let outline = ring.map { planar[Int($0)] }
        let polygon = PlanarPolygon(outerRings: [outline])
        var result: [WayPolyline] = []
        for a in 0..<entrances.count {
            for b in (a + 1)..<entrances.count {
                let p = planar[Int(entrances[a])], q = planar[Int(entrances[b])]
                guard crossesInside(p, q, outline: outline, polygon: polygon) else { continue }
                result.append(WayPolyline(wayID: way.id, points: [entrances[a], entrances[b]], edgeClass: way.edgeClass,
                                          flags: way.flags.union(.acrossArea)))
            }
        }
        return result
    }

    /// How near an outline vertex or side may come to a line across the area, in metres, and
    /// still count as on it: 1 mm, so that no answer hangs on the last digits of projected
    /// coordinates (the 144 copies of one square in a tiled extract are all decided alike).
    static let onLineMetres = 0.001

    /// Whether the segment p–q between two outline points runs inside the area: it properly
    /// crosses no side, passes through no outline vertex (so does not run along a side), and
    /// its middle lies inside, off the outline. Within `onLineMetres` counts as on a line.
    static func crossesInside(_ p: PlanarPoint, _ q: PlanarPoint, outline: [PlanarPoint], polygon: PlanarPolygon) -> Bool {
        let middle = PlanarPoint(x: (p.x + q.x) / 2, y: (p.y + q.y) / 2)
        // A middle on the outline: the line runs along a side (between neighbouring entrances).
        guard polygon.contains(middle), polygon.distanceToBoundary(middle) > onLineMetres else { return false }
        // The cross product of o→a and o→b is |o→a| times b's distance from the line o–a:
        // its side of that line, 0 within `onLineMetres`.
        func side(_ o: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint) -> Int {
            let cross = (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
            let tolerance = onLineMetres * ((a.x - o.x) * (a.x - o.x) + (a.y - o.y) * (a.y - o.y)).squareRoot()
            return cross > tolerance ? 1 : cross < -tolerance ? -1 : 0
        }
        let lengthSquared = (q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)
        for k in 0..<(outline.count - 1) {
            let a = outline[k], b = outline[k + 1]
            // An outline vertex on the segment (each is `a` once): the line touches the outline there.
            let sa = side(p, q, a)
            if sa == 0 && a != p && a != q {
                let along = ((a.x - p.x) * (q.x - p.x) + (a.y - p.y) * (q.y - p.y)) / lengthSquared
                if along >= 0 && along <= 1 { return false }
            }
            if a == p || a == q || b == p || b == q { continue }   // sides meeting an end cannot be crossed properly
            if sa * side(p, q, b) < 0 && side(a, b, p) * side(a, b, q) < 0 { return false }
        }
        return true
    }
}

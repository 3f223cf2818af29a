import Walkshed

/// Walking across pedestrian squares. A walkable closed way tagged `area=yes` (a square, a
/// plaza, a station concourse) is a surface, not a path around its edge: people cross it
/// straight. Its outline stays walkable, and every pair of its entrances (outline nodes that
/// another walkable way also uses) is joined by a straight edge of the area's class when that
/// line stays inside the area (it crosses no side of the outline and its middle lies inside),
/// so a concave square is not cut across its corners. Those lines are flagged `acrossArea`:
/// walked, but not counted as mapped length.
enum PedestrianAreas {
    /// Straight edges across the areas among `walkWays`, as polylines of node slots.
    /// `slots[i]` are the slots of `walkWays[i]`'s nodes (-1 where missing); an area with a
    /// missing node is left as its outline.
    static func crossings(_ walkWays: [WayPass.WalkWay], slots: [[Int32]], planar: [PlanarPoint]) -> [WayPolyline] {
        let areas = walkWays.indices.filter { walkWays[$0].isArea && !slots[$0].contains(-1) }
        guard !areas.isEmpty else { return [] }
        // How many walkable ways use each node (a closed way's repeated first node counts once).
        var uses = [UInt8](repeating: 0, count: planar.count)
        for list in slots {
            let open = list.count > 1 && list.first == list.last ? list.dropLast() : list[...]
            for slot in open where slot >= 0 && uses[Int(slot)] < 2 { uses[Int(slot)] += 1 }
        }
        var result: [WayPolyline] = []
        for i in areas {
            let way = walkWays[i], ring = slots[i]
            let entrances = Array(Set(ring.filter { uses[Int($0)] > 1 })).sorted()
            guard entrances.count >= 2 else { continue }
            let outline = ring.map { planar[Int($0)] }
            let polygon = PlanarPolygon(outerRings: [outline])
            for a in 0..<entrances.count {
                for b in (a + 1)..<entrances.count {
                    let p = planar[Int(entrances[a])], q = planar[Int(entrances[b])]
                    guard crossesInside(p, q, outline: outline, polygon: polygon) else { continue }
                    result.append(WayPolyline(wayID: way.id, points: [entrances[a], entrances[b]], edgeClass: way.edgeClass,
                                              flags: way.flags.union(.acrossArea)))
                }
            }
        }
        return result
    }

    /// Whether the segment p–q between two outline points runs inside the area: it properly
    /// crosses no side, does not run along one, and its middle lies inside.
    static func crossesInside(_ p: PlanarPoint, _ q: PlanarPoint, outline: [PlanarPoint], polygon: PlanarPolygon) -> Bool {
        let middle = PlanarPoint(x: (p.x + q.x) / 2, y: (p.y + q.y) / 2)
        guard polygon.contains(middle) else { return false }
        func cross(_ o: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint) -> Double { (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x) }
        for k in 0..<(outline.count - 1) {
            let a = outline[k], b = outline[k + 1]
            if a == p || a == q || b == p || b == q { continue }   // sides meeting an end cannot be crossed properly
            let d1 = cross(p, q, a), d2 = cross(p, q, b), d3 = cross(a, b, p), d4 = cross(a, b, q)
            if (d1 > 0) != (d2 > 0) && (d3 > 0) != (d4 > 0) && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0 { return false }
            // An outline vertex lying on the segment: the line touches the edge there.
            if d1 == 0 && min(p.x, q.x) <= a.x && a.x <= max(p.x, q.x) && min(p.y, q.y) <= a.y && a.y <= max(p.y, q.y) { return false }
        }
        return true
    }
}

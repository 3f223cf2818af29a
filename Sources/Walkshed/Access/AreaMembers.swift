/// Which places lie inside each area destination of a set (a park, a user's polygon). Such a
/// place has reached that destination at 0 minutes in every measure of the set: its minutes,
/// its counts within a threshold (and their decay weights), and its nearest-k times.
public struct AreaMembers: Sendable {
    /// Per destination of the set, the snapped places inside its area, ascending (empty for a
    /// point destination).
    public let placesByDestination: [[Int32]]
    /// Per place inside any area, the destinations whose areas hold it, ascending.
    public let destinationsByPlace: [Int32: [Int32]]

    /// No place inside anything: for sets without areas.
    public static func none(destinationCount: Int) -> AreaMembers {
        AreaMembers(placesByDestination: Array(repeating: [], count: destinationCount), destinationsByPlace: [:])
    }

    init(placesByDestination: [[Int32]]) {
        self.placesByDestination = placesByDestination
        var byPlace: [Int32: [Int32]] = [:]
        for (d, places) in placesByDestination.enumerated() {
            for p in places { byPlace[p, default: []].append(Int32(d)) }
        }
        destinationsByPlace = byPlace
    }

    private init(placesByDestination: [[Int32]], destinationsByPlace: [Int32: [Int32]]) {
        self.placesByDestination = placesByDestination
        self.destinationsByPlace = destinationsByPlace
    }

    /// Per place, whether it lies inside any of the set's areas.
    func flags(placeCount: Int) -> [Bool] {
        var inside = [Bool](repeating: false, count: placeCount)
        for p in destinationsByPlace.keys { inside[Int(p)] = true }
        return inside
    }

    /// The grid cells (by centre) inside each area of `set`, among those with a snap.
    static func cells(of set: DestinationSet, grid: GridGeometry, snaps: [PlaceSnap?]) -> AreaMembers {
        members(of: set) { polygon in
            grid.cells(inside: polygon).filter { snaps[$0] != nil }.map(Int32.init)
        }
    }

    /// The points inside each area of `set`, among those with a snap: points sorted by x once,
    /// then each area looks only at the strip its box spans.
    static func points(of set: DestinationSet, positions: [PlanarPoint], snaps: [PlaceSnap?]) -> AreaMembers {
        guard !set.areas.isEmpty else { return none(destinationCount: set.destinationCount) }
        let byX = positions.indices.filter { snaps[$0] != nil }.sorted { positions[$0].x < positions[$1].x }
        return members(of: set) { polygon in
            let box = polygon.bounds
            var low = 0, high = byX.count
            while low < high { let mid = (low + high) / 2; if positions[byX[mid]].x < box.minX { low = mid + 1 } else { high = mid } }
            var inside: [Int32] = []
            for k in low..<byX.count {
                let p = positions[byX[k]]
                if p.x > box.maxX { break }
                if box.contains(p) && polygon.contains(p) { inside.append(Int32(byX[k])) }
            }
            return inside.sorted()
        }
    }

    /// Areas belong to the set's last `areas.count` destinations, in order (a park set's every
    /// destination; a user's polygons after their points).
    private static func members(of set: DestinationSet, inside: (PlanarPolygon) -> [Int32]) -> AreaMembers {
        var byDestination = [[Int32]](repeating: [], count: set.destinationCount)
        let first = set.destinationCount - set.areas.count
        for (k, polygon) in set.areas.enumerated() { byDestination[first + k] = inside(polygon) }
        return AreaMembers(placesByDestination: byDestination)
    }
}

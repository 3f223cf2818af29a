/// Who a new park would bring within the budget: for each candidate polygon, the places (not
/// within the budget of any park today) that would be — inside it, or within `budgetSeconds`
/// of one of its access points, found exactly as for real parks.
public struct ParkCandidates: Sendable {
    /// Candidate park outlines, in projected metres.
    public let polygons: [PlanarPolygon]
    /// Per candidate, the newly covered places in increasing order; nil when no walkable edge
    /// reaches the candidate.
    public let covers: [[Int32]?]

    /// - Parameters:
    ///   - places: each place's snap (nil: off the network) and position.
    ///   - uncovered: places not within the budget of a park today; only these can count.
    public init(polygons: [PlanarPolygon], graph: StreetGraph, costs: ProfileCosts, snapLimitMetres: Double,
                places: [PlaceSnap?], positions: [PlanarPoint], uncovered: [Bool], budgetSeconds: Double, threads: Int) {
        precondition(places.count == positions.count && places.count == uncovered.count)
        self.polygons = polygons
        let byNode = PlacesByNode(graph: graph, snaps: places, include: uncovered)
        let byX = positions.indices.filter { uncovered[$0] }.sorted { (positions[$0].x, $0) < (positions[$1].x, $1) }
        let xs = byX.map { positions[$0].x }

        let finder = ParkAccessFinder(snapper: Snapper(graph: graph))
        let limit = Float(budgetSeconds)
        let slots = DisjointSlots<[Int32]?>(count: polygons.count, initial: nil)
        ParallelSearch.forEachChunk(itemCount: polygons.count, threads: threads) { range in
            var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
            var seen = [Int32](repeating: -1, count: places.count)
            for c in range {
                let park = Park(osmReference: "candidate/\(c)", kind: "park", name: "", polygon: polygons[c])
                var diagnostics = Diagnostics()
                let set = DestinationSet.parks([park], finder: finder, snapLimitMetres: snapLimitMetres, usableEdges: costs.usableEdges,
                                               diagnostics: &diagnostics)
                guard !set.accessPoints.isEmpty else { continue }
                var covered: [Int32] = []
                // Inside the outline: 0 minutes.
                let box = polygons[c].bounds
                var k = Self.lowerBound(xs, box.minX)
                while k < xs.count && xs[k] <= box.maxX {
                    let i = byX[k]
                    if box.contains(positions[i]) && places[i] != nil && polygons[c].contains(positions[i]) && seen[i] != Int32(c) {
                        seen[i] = Int32(c); covered.append(Int32(i))
                    }
                    k += 1
                }
                workspace.search(graph, costs: costs, from: set.searchSources(graph: graph, costs: costs), limitSeconds: limit)
                let times = NearestTimes(nodeSeconds: workspace.seconds, limitSeconds: limit, destinations: set)
                for u in workspace.touched where workspace.seconds[Int(u)].isFinite {
                    for place in byNode.at(u) {
                        let i = Int(place)
                        guard seen[i] != Int32(c) else { continue }
                        seen[i] = Int32(c)
                        if times.seconds(from: places[i]!, graph: graph, costs: costs) <= budgetSeconds { covered.append(Int32(i)) }
                    }
                }
                slots.write(c, covered.sorted())
            }
        }
        covers = slots.finish()
    }

    static func lowerBound(_ values: [Double], _ x: Double) -> Int {
        var low = 0, high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] < x { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Square outlines of `areaSquareMetres` centred on each cell of `grid`, as closed rings.
    public static func squares(on grid: GridGeometry, areaSquareMetres: Double) -> [PlanarPolygon] {
        let half = areaSquareMetres.squareRoot() / 2
        return (0..<grid.cellCount).map { i in
            let c = grid.centre(ofCell: i)
            let corner = PlanarPoint(x: c.x - half, y: c.y - half)
            return PlanarPolygon(outerRings: [[corner, PlanarPoint(x: c.x + half, y: c.y - half), PlanarPoint(x: c.x + half, y: c.y + half),
                                               PlanarPoint(x: c.x - half, y: c.y + half), corner]])
        }
    }
}

/// Where grid cells and population points attach to the network (nil: beyond the snap
/// limit), in cell and point order; a coverage run given these skips its own snapping.
public struct PlaceSnaps: Sendable {
    public var cells: [PlaceSnap?]
    public var population: [PlaceSnap?]

    public init(cells: [PlaceSnap?], population: [PlaceSnap?]) {
        self.cells = cells
        self.population = population
    }

    /// These snaps (made on `network`'s original graph) as a fresh snapping on the edited graph
    /// would make them, snapping again only the places an edit can move: a place keeps its
    /// snap when its edge is neither cut nor closed and every added or cut-and-rejoined edge
    /// lies farther than it (by more than a millimetre, so that ties, decided by segment order,
    /// are left to the full snapper); any other place near the changed edges is snapped again
    /// with `snapper`, the edited graph's. Places farther than the snap limit from every
    /// changed edge keep their snap.
    /// - Parameters:
    ///   - grid: the grid the cells lie on; `population`: the points, in order.
    ///   - usableEdges: the edited graph's, for the profile the snaps are for.
    public func updated(for network: EditedNetwork, snapper: Snapper, grid: GridGeometry, population positions: [PlanarPoint],
                        limitMetres: Double, usableEdges: [Bool], threads: Int) -> PlaceSnaps {
        precondition(cells.count == grid.cellCount && population.count == positions.count)
        let graph = network.graph
        let changed = (0..<graph.edgeCount).filter { e in
            usableEdges[e] && (e >= network.originalEdgeCount || network.cutEdges[e])
        }
        // The changed segments by square buckets of the snap limit's size: a segment is listed
        // in every bucket its box, widened by the limit and a metre, overlaps, so every place
        // within that reach of it finds it in its own bucket.
        let side = max(limitMetres + 1, 50)
        @Sendable func bucket(_ x: Double, _ y: Double) -> SIMD2<Int64> { SIMD2(Int64((x / side).rounded(.down)), Int64((y / side).rounded(.down))) }
        var pieces: [(PlanarPoint, PlanarPoint)] = []
        var byBucket: [SIMD2<Int64>: [Int32]] = [:]
        for e in changed {
            for s in graph.firstSegment(ofEdge: e)..<graph.firstSegment(ofEdge: e + 1) {
                let (a, b) = graph.segment(s, ofEdge: e)
                let lo = bucket(min(a.x, b.x) - limitMetres - 1, min(a.y, b.y) - limitMetres - 1)
                let hi = bucket(max(a.x, b.x) + limitMetres + 1, max(a.y, b.y) + limitMetres + 1)
                for bx in lo.x...hi.x { for by in lo.y...hi.y { byBucket[SIMD2(bx, by), default: []].append(Int32(pieces.count)) } }
                pieces.append((a, b))
            }
        }
        let segments = pieces, near = byBucket
        let cut = network.cutEdges
        let cells = self.cells, points = self.population
        @Sendable func resnapped(_ snap: PlaceSnap?, at p: PlanarPoint) -> PlaceSnap? {
            if let snap, cut[Int(snap.edge)] || !usableEdges[Int(snap.edge)] {
                return snapper.snap(p, limitMetres: limitMetres, usableEdges: usableEdges)
            }
            guard let candidates = near[bucket(p.x, p.y)] else { return snap }
            // Within a millimetre of the kept snap's distance (stored as a Float) counts as a tie.
            let threshold = (snap.map { Double($0.offsetMetres) } ?? limitMetres) + 0.001
            let nearer = candidates.contains { k in
                let (a, b) = segments[Int(k)]
                return p.distance(to: SegmentGeometry.point(at: SegmentGeometry.closestParameter(p, a, b), a, b)) <= threshold
            }
            return nearer ? snapper.snap(p, limitMetres: limitMetres, usableEdges: usableEdges) : snap
        }
        let cellSlots = DisjointSlots<PlaceSnap?>(count: cells.count, initial: nil)
        ParallelSearch.forEachChunk(itemCount: cells.count, threads: threads) { range in
            for i in range { cellSlots.write(i, resnapped(cells[i], at: grid.centre(ofCell: i))) }
        }
        let pointSlots = DisjointSlots<PlaceSnap?>(count: points.count, initial: nil)
        ParallelSearch.forEachChunk(itemCount: points.count, threads: threads) { range in
            for i in range { pointSlots.write(i, resnapped(points[i], at: positions[i])) }
        }
        return PlaceSnaps(cells: cellSlots.finish(), population: pointSlots.finish())
    }
}

/// Marks greenway edges: path-like edges (footway, path, cycleway, pedestrian, track,
/// bridleway, steps) that lie on a walking/cycling route, or whose points mostly lie inside or
/// within `alongMetres` of a green or water polygon (park, forest, grass, water, …).
public struct GreenwayClassifier: Sendable {
    /// Polygons of green space and water.
    public let greenAreas: [PlanarPolygon]
    /// How close to a green area counts as "along" it, in metres.
    public let alongMetres: Double
    /// Side of a bucket, in metres (250 m, larger only when the areas span a huge extent).
    let bucketMetres: Double
    let buckets: [Int64: [Int32]]
    /// Areas too large to bucket (> `maxBucketsPerArea`), checked for every point.
    let largeAreas: [Int32]
    /// By area: its segments in bands, for areas of many segments (nil for the others).
    let bands: [PolygonBands?]
    /// Bounds the work per area: a polygon with a stray vertex far away must not fill millions
    /// of buckets (found by fuzzing: a load that never finished).
    static let maxBucketsPerArea = 4_096

    /// The areas' segment bands are made on `threads` threads.
    public init(greenAreas: [PlanarPolygon], alongMetres: Double = 20, threads: Int = 1) {
        self.greenAreas = greenAreas
        bands = ParallelSearch.map(itemCount: greenAreas.count, threads: threads) { PolygonBands(greenAreas[$0]) }
        self.alongMetres = alongMetres
        var all = BoundingBox()
        for polygon in greenAreas where !polygon.bounds.isEmpty {
            all.add(PlanarPoint(x: polygon.bounds.minX, y: polygon.bounds.minY))
            all.add(PlanarPoint(x: polygon.bounds.maxX, y: polygon.bounds.maxY))
        }
        let area = all.isEmpty ? 0 : (all.maxX - all.minX) * (all.maxY - all.minY)
        let size = max(250, (area / Double(EdgeSegmentIndex.maxBuckets)).squareRoot())
        bucketMetres = size
        var buckets: [Int64: [Int32]] = [:], large: [Int32] = []
        for (i, polygon) in greenAreas.enumerated() {
            let box = polygon.bounds.expanded(by: alongMetres)
            guard !box.isEmpty, box.minX.isFinite, box.maxY.isFinite else { continue }
            let rows = Self.cell(box.minY, size)...Self.cell(box.maxY, size), columns = Self.cell(box.minX, size)...Self.cell(box.maxX, size)
            guard Double(rows.count) * Double(columns.count) <= Double(Self.maxBucketsPerArea) else {
                large.append(Int32(i))
                continue
            }
            for r in rows { for c in columns { buckets[Self.key(r, c), default: []].append(Int32(i)) } }
        }
        self.buckets = buckets
        largeAreas = large
    }

    static func cell(_ v: Double, _ size: Double) -> Int64 { Int64((v / size).rounded(.down)) }
    static func key(_ r: Int64, _ c: Int64) -> Int64 { r &* 2_000_003 &+ c }

    /// True when `p` is inside a green area or within `alongMetres` of one.
    public func isGreen(_ p: PlanarPoint) -> Bool {
        func near(_ i: Int32) -> Bool {
            let polygon = greenAreas[Int(i)]
            guard polygon.bounds.expanded(by: alongMetres).contains(p) else { return false }
            if let bands = bands[Int(i)] { return bands.contains(p) || bands.boundaryIsWithin(alongMetres, of: p) }
            return polygon.contains(p) || polygon.boundaryIsWithin(alongMetres, of: p)
        }
        if let bucket = buckets[Self.key(Self.cell(p.y, bucketMetres), Self.cell(p.x, bucketMetres))], bucket.contains(where: near) {
            return true
        }
        return largeAreas.contains(where: near)
    }

    /// Sets `.greenway` on every qualifying edge of `graph`, judging edges on `threads`
    /// threads; returns how many were marked.
    @discardableResult
    public func classify(_ graph: inout StreetGraph, threads: Int = 1) -> Int {
        let judged = DisjointSlots<Bool>(count: graph.edgeCount, initial: false)
        let frozen = graph
        ParallelSearch.forEachChunk(itemCount: frozen.edgeCount, threads: threads, chunksPerThread: 16) { edges in
            for e in edges where frozen.edgeClass[e].isPathLike && !frozen.edgeFlags[e].contains(.acrossArea) {
                judged.write(e, isGreenway(e, of: frozen))
            }
        }
        var marked = 0
        for (e, green) in judged.finish().enumerated() where green {
            graph.edgeFlags[e].insert(.greenway)
            marked += 1
        }
        return marked
    }

    /// True for a path-like edge on a route, or with at least half of its points and segment
    /// midpoints green. Stops sampling once the answer is settled either way.
    private func isGreenway(_ e: Int, of graph: StreetGraph) -> Bool {
        if graph.edgeFlags[e].contains(.onRoute) { return true }
        let n = graph.pointCount(ofEdge: e), samples = 2 * n - 1
        var judged = 0, inside = 0
        /// Judges one sample; the verdict once it can no longer change.
        func settled(_ point: PlanarPoint) -> Bool? {
            judged += 1
            if isGreen(point) { inside += 1 }
            if 2 * inside >= samples { return true }
            if 2 * (inside + samples - judged) < samples { return false }
            return nil
        }
        for k in 0..<n {
            let p = graph.point(k, ofEdge: e)
            if let verdict = settled(p) { return verdict }
            if k + 1 < n {
                let q = graph.point(k + 1, ofEdge: e)
                if let verdict = settled(PlanarPoint(x: (p.x + q.x) / 2, y: (p.y + q.y) / 2)) { return verdict }
            }
        }
        return 2 * inside >= samples
    }
}

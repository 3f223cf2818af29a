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
    /// The buckets, a grid of `bucketColumns` by `bucketRows` from bucket (`firstRow`,
    /// `firstColumn`): bucket `k`'s areas are `bucketAreas[bucketFirst[k] ..< bucketFirst[k + 1]]`,
    /// each area in every bucket its box (grown by `alongMetres`) meets. Looked up by position,
    /// no hashing; at most about `EdgeSegmentIndex.maxBuckets` buckets.
    let firstRow: Int64, firstColumn: Int64, bucketRows: Int64, bucketColumns: Int64
    let bucketFirst: [Int32], bucketAreas: [Int32]
    /// Areas too large to bucket (> `maxBucketsPerArea`), checked for every point.
    let largeAreas: [Int32]
    /// By area: the position in `bands` of its segments in bands, for areas of many segments
    /// (-1 for the others).
    let bandsOfArea: [Int32]
    let bands: [PolygonBands]
    /// Bounds the work per area: a polygon with a stray vertex far away must not fill millions
    /// of buckets (found by fuzzing: a load that never finished).
    static let maxBucketsPerArea = 4_096

    /// The areas' segment bands are made on `threads` threads.
    public init(greenAreas: [PlanarPolygon], alongMetres: Double = 20, threads: Int = 1) {
        self.greenAreas = greenAreas
        let bandsByArea = ParallelSearch.map(itemCount: greenAreas.count, threads: threads) { PolygonBands(greenAreas[$0]) }
        var bandsOfArea = [Int32](repeating: -1, count: greenAreas.count), bands: [PolygonBands] = []
        for (i, areaBands) in bandsByArea.enumerated() {
            if let areaBands {
                bandsOfArea[i] = Int32(bands.count)
                bands.append(areaBands)
            }
        }
        (self.bandsOfArea, self.bands) = (bandsOfArea, bands)
        self.alongMetres = alongMetres
        var all = BoundingBox()
        for polygon in greenAreas where !polygon.bounds.isEmpty {
            all.add(PlanarPoint(x: polygon.bounds.minX, y: polygon.bounds.minY))
            all.add(PlanarPoint(x: polygon.bounds.maxX, y: polygon.bounds.maxY))
        }
        let area = all.isEmpty ? 0 : (all.maxX - all.minX) * (all.maxY - all.minY)
        let size = max(250, (area / Double(EdgeSegmentIndex.maxBuckets)).squareRoot())
        bucketMetres = size
        // Each bucketed area's rows and columns; the grid spans them all.
        var spans: [(area: Int32, rows: ClosedRange<Int64>, columns: ClosedRange<Int64>)] = [], large: [Int32] = []
        var rowSpan: ClosedRange<Int64>?, columnSpan: ClosedRange<Int64>?
        for (i, polygon) in greenAreas.enumerated() {
            let box = polygon.bounds.expanded(by: alongMetres)
            guard !box.isEmpty, box.minX.isFinite, box.maxY.isFinite else { continue }
            let rows = Self.cell(box.minY, size)...Self.cell(box.maxY, size), columns = Self.cell(box.minX, size)...Self.cell(box.maxX, size)
            guard Double(rows.count) * Double(columns.count) <= Double(Self.maxBucketsPerArea) else {
                large.append(Int32(i))
                continue
            }
            spans.append((Int32(i), rows, columns))
            rowSpan = rowSpan.map { min($0.lowerBound, rows.lowerBound)...max($0.upperBound, rows.upperBound) } ?? rows
            columnSpan = columnSpan.map { min($0.lowerBound, columns.lowerBound)...max($0.upperBound, columns.upperBound) } ?? columns
        }
        largeAreas = large
        (firstRow, firstColumn) = (rowSpan?.lowerBound ?? 0, columnSpan?.lowerBound ?? 0)
        (bucketRows, bucketColumns) = (Int64(rowSpan?.count ?? 0), Int64(columnSpan?.count ?? 0))
        // Counted, then placed: areas in each bucket in area order.
        var first = [Int32](repeating: 0, count: Int(bucketRows * bucketColumns) + 1)
        for span in spans {
            for r in span.rows { for c in span.columns { first[Int((r - firstRow) * bucketColumns + (c - firstColumn)) + 1] += 1 } }
        }
        for k in first.indices.dropFirst() { first[k] += first[k - 1] }
        var next = first, areas = [Int32](repeating: 0, count: Int(first[first.count - 1]))
        for span in spans {
            for r in span.rows {
                for c in span.columns {
                    let k = Int((r - firstRow) * bucketColumns + (c - firstColumn))
                    areas[Int(next[k])] = span.area
                    next[k] += 1
                }
            }
        }
        (bucketFirst, bucketAreas) = (first, areas)
    }

    static func cell(_ v: Double, _ size: Double) -> Int64 { Int64((v / size).rounded(.down)) }

    /// True when `p` is inside a green area or within `alongMetres` of one.
    public func isGreen(_ p: PlanarPoint) -> Bool {
        func near(_ i: Int32) -> Bool {
            let i = Int(i)
            guard greenAreas[i].bounds.expanded(by: alongMetres).contains(p) else { return false }
            let k = Int(bandsOfArea[i])
            if k >= 0 { return bands[k].contains(p) || bands[k].boundaryIsWithin(alongMetres, of: p) }
            return greenAreas[i].contains(p) || greenAreas[i].boundaryIsWithin(alongMetres, of: p)
        }
        // A point off the grid, or not a number, is in no bucket.
        if p.x.isFinite && p.y.isFinite {
            let row = Self.cell(p.y, bucketMetres) &- firstRow, column = Self.cell(p.x, bucketMetres) &- firstColumn
            if row >= 0 && row < bucketRows && column >= 0 && column < bucketColumns {
                let k = Int(row * bucketColumns + column)
                if bucketAreas[Int(bucketFirst[k]) ..< Int(bucketFirst[k + 1])].contains(where: near) { return true }
            }
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

/// A uniform bucket grid over the straight segments of a graph's edges, for nearest-segment
/// queries. Segments are numbered as `StreetGraph.firstSegment(ofEdge:)` numbers them; every
/// segment is stored in each bucket its bounding box overlaps.
public struct EdgeSegmentIndex: Sendable {
    /// Side of a bucket, in metres.
    public let bucketMetres: Double
    let originX: Double
    let originY: Double
    let columns: Int
    let rows: Int
    /// CSR over buckets: segments of bucket `b` are `bucketSegments[bucketFirst[b] ..< bucketFirst[b+1]]`.
    let bucketFirst: [Int32]
    let bucketSegments: [Int32]
    let graph: StreetGraph
    /// Edge owning each segment.
    let segmentEdge: [Int32]
    /// Per bucket, how many rings around it hold no segment (its Chebyshev distance, in
    /// buckets, to the nearest bucket with one; 255 stands for 255 or more): a query starts there.
    let emptyRings: [UInt8]

    /// A segment found by a query: its edge, its number, the parameter of the closest point on
    /// it and the distance in metres.
    public struct Hit: Sendable, Equatable {
        public var edge: Int32
        public var segment: Int32
        public var parameter: Double
        public var metres: Double
    }

    /// At most this many buckets; a larger extent (a stray point far away) gets larger buckets.
    public static let maxBuckets = 1 << 22
    /// Buckets always allowed; beyond this many, at most 64 per segment.
    static let minimumBucketLimit = 1 << 16

    /// Builds the grid; segments are placed in buckets on `threads` threads, the index the same
    /// for any count.
    public init(graph: StreetGraph, bucketMetres requested: Double = 100, threads: Int = 1) {
        precondition(requested > 0)
        self.graph = graph
        let edgeCount = graph.edgeCount, segmentCount = graph.segmentCount
        let segmentOwner = ParallelSearch.filling(count: segmentCount, initial: Int32(0), itemCount: edgeCount, threads: threads) { range, owner in
            for e in range {
                for s in graph.firstSegment(ofEdge: e)..<graph.firstSegment(ofEdge: e + 1) { owner.write(s, Int32(e)) }
            }
        }
        segmentEdge = segmentOwner
        var box = graph.bounds
        if box.isEmpty { box = BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0) }
        let area = (box.maxX - box.minX + requested) * (box.maxY - box.minY + requested)
        // A few segments spread far apart (a stray node) need no more buckets than a small
        // city: every bucket costs a count per part and two passes of the ring distances.
        let bucketLimit = min(Self.maxBuckets, max(Self.minimumBucketLimit, 64 * segmentCount))
        let bucketMetres = max(requested, (area / Double(bucketLimit)).squareRoot())
        self.bucketMetres = bucketMetres
        originX = box.minX
        originY = box.minY
        let columns = Int(((box.maxX - box.minX) / bucketMetres).rounded(.down)) + 1
        let rows = Int(((box.maxY - box.minY) / bucketMetres).rounded(.down)) + 1
        self.columns = columns
        self.rows = rows

        // The bucket of each segment whose box lies in one (most), -1 for one spanning several.
        let ox = originX, oy = originY
        let onlyBucket = ParallelSearch.filling(count: segmentCount, initial: Int32(-1), itemCount: edgeCount, threads: threads) { range, slots in
            for e in range {
                let first = graph.firstSegment(ofEdge: e)
                for k in 0..<(graph.pointCount(ofEdge: e) - 1) {
                    let (c, r) = Self.bucketSpan(graph.point(k, ofEdge: e), graph.point(k + 1, ofEdge: e), ox, oy, bucketMetres)
                    if c.count == 1 && r.count == 1 { slots.write(first + k, Int32(r.lowerBound * columns + c.lowerBound)) }
                }
            }
        }
        // Every bucket the box of each segment in `segments` overlaps, in row-major order;
        // segments in increasing order.
        @Sendable func forEachBucket(of segments: Range<Int>, _ body: (Int, Int32) -> Void) {
            for s in segments {
                if onlyBucket[s] >= 0 { body(Int(onlyBucket[s]), Int32(s)); continue }
                let e = Int(segmentOwner[s]), k = s - graph.firstSegment(ofEdge: e)
                let (c, r) = Self.bucketSpan(graph.point(k, ofEdge: e), graph.point(k + 1, ofEdge: e), ox, oy, bucketMetres)
                for row in r { for column in c { body(row * columns + column, Int32(s)) } }
            }
        }
        // A counting sort in parts, one contiguous range of segments per thread: each bucket
        // lists its segments in increasing order, whatever the thread count.
        let bucketCount = columns * rows
        let parts = segmentCount < 1 << 16 ? 1 : max(1, threads)
        var segments: [Int32] = []
        let counts = ParallelSearch.countingSort(into: &segments, filler: 0, bucketCount: bucketCount, parts: parts, threads: threads) { t, sink in
            forEachBucket(of: ParallelSearch.chunk(t, of: segmentCount, in: parts)) { bucket, segment in sink.emit(bucket, segment) }
        }
        bucketFirst = counts
        bucketSegments = segments
        emptyRings = Self.emptyRings(columns: columns, rows: rows, bucketFirst: counts)
    }

    /// The columns and rows of the buckets the box of segment a–b overlaps.
    @inline(__always)
    private static func bucketSpan(_ a: PlanarPoint, _ b: PlanarPoint, _ ox: Double, _ oy: Double,
                                   _ size: Double) -> (columns: ClosedRange<Int>, rows: ClosedRange<Int>) {
        (Int((min(a.x, b.x) - ox) / size)...Int((max(a.x, b.x) - ox) / size),
         Int((min(a.y, b.y) - oy) / size)...Int((max(a.y, b.y) - oy) / size))
    }

    /// The Chebyshev distance, in buckets, of each bucket to the nearest bucket holding a
    /// segment (255 when that far or farther, or when there is none): the chessboard distance
    /// transform in two raster scans, each bucket taking one more than the least of its four
    /// neighbours already scanned (west and the three above, then east and the three below).
    static func emptyRings(columns: Int, rows: Int, bucketFirst: [Int32]) -> [UInt8] {
        var rings = [UInt8](repeating: 255, count: columns * rows)
        for b in 0..<(columns * rows) where bucketFirst[b] < bucketFirst[b + 1] { rings[b] = 0 }
        rings.withUnsafeMutableBufferPointer { d in
            @inline(__always) func step(_ b: Int, from n: Int) {
                let via = d[n] == 255 ? 255 : d[n] + 1
                if via < d[b] { d[b] = via }
            }
            for r in 0..<rows {
                for c in 0..<columns {
                    let b = r * columns + c
                    if c > 0 { step(b, from: b - 1) }
                    if r > 0 {
                        step(b, from: b - columns)
                        if c > 0 { step(b, from: b - columns - 1) }
                        if c < columns - 1 { step(b, from: b - columns + 1) }
                    }
                }
            }
            for r in stride(from: rows - 1, through: 0, by: -1) {
                for c in stride(from: columns - 1, through: 0, by: -1) {
                    let b = r * columns + c
                    if c < columns - 1 { step(b, from: b + 1) }
                    if r < rows - 1 {
                        step(b, from: b + columns)
                        if c < columns - 1 { step(b, from: b + columns + 1) }
                        if c > 0 { step(b, from: b + columns - 1) }
                    }
                }
            }
        }
        return rings
    }

    /// The segment nearest to `p` within `limitMetres`, among edges with `allowed[e]`
    /// (all when nil); ties go to the lower segment id, so the answer does not depend on
    /// bucket order.
    public func nearest(to p: PlanarPoint, limitMetres: Double, allowed: [Bool]? = nil) -> Hit? {
        let col = Int(((p.x - originX) / bucketMetres).rounded(.down))
        let row = Int(((p.y - originY) / bucketMetres).rounded(.down))
        // How far p lies inside its own bucket: every bucket outside rings 0...r is at least
        // r bucket sides plus this far away. Rings nearer than the first holding a segment have
        // nothing to look at. (Both 0 when p lies outside the grid.)
        var inset = 0.0, ring = 0
        if col >= 0 && col < columns && row >= 0 && row < rows {
            let fx = p.x - originX - Double(col) * bucketMetres, fy = p.y - originY - Double(row) * bucketMetres
            inset = max(0, min(fx, bucketMetres - fx, fy, bucketMetres - fy))
            ring = Int(emptyRings[row * columns + col])
        }
        var best: Hit?
        // The ring that reaches the grid's farthest corner from p (p may lie outside the grid).
        let lastRing = max(col, columns - 1 - col, row, rows - 1 - row)
        while true {
            // Buckets in ring r+1 and beyond lie at least r bucket sides plus the inset away from p.
            let ringFloor = ring == 0 ? 0 : Double(ring - 1) * bucketMetres + inset
            if ringFloor > limitMetres { break }
            if let b = best, b.metres < ringFloor { break }
            if ring > lastRing { break }
            for r in (row - ring)...(row + ring) where r >= 0 && r < rows {
                let whole = ring == 0 || r == row - ring || r == row + ring
                // Inner rows of the ring contribute only their first and last column.
                let step = whole ? 1 : 2 * ring
                for c in stride(from: col - ring, through: col + ring, by: step) where c >= 0 && c < columns {
                    // A bucket whose box lies farther than the limit or the best hit holds nothing
                    // nearer (its segments' nearest points to p lie in buckets at least as near). A
                    // micrometre of slack keeps rounding from skipping a bucket that holds a tie.
                    let gapX = max(0, originX + Double(c) * bucketMetres - p.x, p.x - (originX + Double(c + 1) * bucketMetres))
                    let gapY = max(0, originY + Double(r) * bucketMetres - p.y, p.y - (originY + Double(r + 1) * bucketMetres))
                    let boxMetres = (gapX * gapX + gapY * gapY).squareRoot() - 1e-6
                    if boxMetres > limitMetres || boxMetres > best?.metres ?? .infinity { continue }
                    let bucket = r * columns + c
                    for k in Int(bucketFirst[bucket])..<Int(bucketFirst[bucket + 1]) {
                        let s = Int(bucketSegments[k]), e = Int(segmentEdge[s])
                        if let allowed, !allowed[e] { continue }
                        let (a, b) = graph.segment(s, ofEdge: e)
                        let t = SegmentGeometry.closestParameter(p, a, b)
                        let m = p.distance(to: SegmentGeometry.point(at: t, a, b))
                        guard m <= limitMetres else { continue }
                        if let current = best, m > current.metres || (m == current.metres && Int32(s) >= current.segment) {
                            continue
                        }
                        best = Hit(edge: Int32(e), segment: Int32(s), parameter: t, metres: m)
                    }
                }
            }
            ring += 1
        }
        return best
    }

    /// Calls `body` once for every segment whose bucket overlaps `box`, in increasing segment id.
    public func forEachSegment(in box: BoundingBox, _ body: (_ edge: Int32, _ segment: Int32) -> Void) {
        let c0 = max(0, Int(((box.minX - originX) / bucketMetres).rounded(.down)))
        let c1 = min(columns - 1, Int(((box.maxX - originX) / bucketMetres).rounded(.down)))
        let r0 = max(0, Int(((box.minY - originY) / bucketMetres).rounded(.down)))
        let r1 = min(rows - 1, Int(((box.maxY - originY) / bucketMetres).rounded(.down)))
        guard c0 <= c1, r0 <= r1 else { return }
        // A segment sits in every bucket its box overlaps: sorted, repeats are neighbours.
        var found: [Int32] = []
        for r in r0...r1 {
            let row = r * columns
            found.append(contentsOf: bucketSegments[Int(bucketFirst[row + c0])..<Int(bucketFirst[row + c1 + 1])])
        }
        found.sort()
        for (k, s) in found.enumerated() where k == 0 || found[k - 1] != s { body(segmentEdge[Int(s)], s) }
    }
}

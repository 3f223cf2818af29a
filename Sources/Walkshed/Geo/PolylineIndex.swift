/// A uniform bucket grid over the segments of many polylines, for nearest-segment queries.
///
/// Polylines are given in CSR form: polyline `i` has points `firstPoint[i] ..< firstPoint[i+1]`,
/// and segment `s` runs from point `s` to point `s + 1` of the same polyline. Every segment is
/// stored in each bucket its bounding box overlaps.
public struct PolylineIndex: Sendable {
    /// Side of a bucket, in metres.
    public let bucketMetres: Double
    let originX: Double
    let originY: Double
    let columns: Int
    let rows: Int
    /// CSR over buckets: segments of bucket `b` are `bucketSegments[bucketFirst[b] ..< bucketFirst[b+1]]`.
    let bucketFirst: [Int32]
    let bucketSegments: [Int32]
    let firstPoint: [Int32]
    let pointX: [Double]
    let pointY: [Double]
    /// Polyline owning each point.
    let pointPolyline: [Int32]

    /// A segment found by a query: its polyline, its start point, the parameter of the
    /// closest point on it and the distance in metres.
    public struct Hit: Sendable, Equatable {
        public var polyline: Int32
        public var segmentStart: Int32
        public var parameter: Double
        public var metres: Double
    }

    /// At most this many buckets; a larger extent (a stray point far away) gets larger buckets.
    public static let maxBuckets = 1 << 22

    public init(firstPoint: [Int32], pointX: [Double], pointY: [Double], bucketMetres requested: Double = 100) {
        precondition(requested > 0 && firstPoint.first == 0)
        self.firstPoint = firstPoint
        self.pointX = pointX
        self.pointY = pointY
        var owner = [Int32](repeating: 0, count: pointX.count)
        for line in 0..<(firstPoint.count - 1) {
            for p in Int(firstPoint[line])..<Int(firstPoint[line + 1]) { owner[p] = Int32(line) }
        }
        pointPolyline = owner
        var box = BoundingBox()
        for i in 0..<pointX.count { box.add(PlanarPoint(x: pointX[i], y: pointY[i])) }
        if box.isEmpty { box = BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0) }
        let area = (box.maxX - box.minX + requested) * (box.maxY - box.minY + requested)
        let bucketMetres = max(requested, (area / Double(Self.maxBuckets)).squareRoot())
        self.bucketMetres = bucketMetres
        originX = box.minX
        originY = box.minY
        columns = Int(((box.maxX - box.minX) / bucketMetres).rounded(.down)) + 1
        rows = Int(((box.maxY - box.minY) / bucketMetres).rounded(.down)) + 1

        var counts = [Int32](repeating: 0, count: columns * rows + 1)
        Self.forEachSegmentBucket(firstPoint, pointX, pointY, originX, originY, bucketMetres, columns) { bucket, _ in
            counts[bucket + 1] += 1
        }
        for b in 0..<(columns * rows) { counts[b + 1] += counts[b] }
        var fill = counts
        var segments = [Int32](repeating: 0, count: Int(counts.last!))
        Self.forEachSegmentBucket(firstPoint, pointX, pointY, originX, originY, bucketMetres, columns) { bucket, segment in
            segments[Int(fill[bucket])] = segment
            fill[bucket] += 1
        }
        bucketFirst = counts
        bucketSegments = segments
    }

    private static func forEachSegmentBucket(_ firstPoint: [Int32], _ xs: [Double], _ ys: [Double],
                                             _ ox: Double, _ oy: Double, _ size: Double, _ columns: Int,
                                             _ body: (Int, Int32) -> Void) {
        for line in 0..<(firstPoint.count - 1) {
            let start = Int(firstPoint[line]), end = Int(firstPoint[line + 1])
            guard end - start >= 2 else { continue }
            for s in start..<(end - 1) {
                let c0 = Int((min(xs[s], xs[s + 1]) - ox) / size), c1 = Int((max(xs[s], xs[s + 1]) - ox) / size)
                let r0 = Int((min(ys[s], ys[s + 1]) - oy) / size), r1 = Int((max(ys[s], ys[s + 1]) - oy) / size)
                for r in r0...r1 { for c in c0...c1 { body(r * columns + c, Int32(s)) } }
            }
        }
    }

    @inline(__always)
    func point(_ i: Int) -> PlanarPoint { PlanarPoint(x: pointX[i], y: pointY[i]) }

    /// The segment nearest to `p` within `limitMetres`, among polylines with `allowed[i]`
    /// (all when nil); ties go to the lower segment id, so the answer does not depend on
    /// bucket order.
    public func nearest(to p: PlanarPoint, limitMetres: Double, allowed: [Bool]? = nil) -> Hit? {
        let col = Int(((p.x - originX) / bucketMetres).rounded(.down))
        let row = Int(((p.y - originY) / bucketMetres).rounded(.down))
        var best: Hit?
        var ring = 0
        while true {
            // Buckets in ring r+1 lie at least r bucket sides away from p.
            let ringFloor = Double(max(0, ring - 1)) * bucketMetres
            if ringFloor > limitMetres { break }
            if let b = best, b.metres <= ringFloor { break }
            if ring > columns + rows + 2 { break }
            for r in (row - ring)...(row + ring) where r >= 0 && r < rows {
                for c in (col - ring)...(col + ring) where c >= 0 && c < columns {
                    if ring > 0 && r != row - ring && r != row + ring && c != col - ring && c != col + ring { continue }
                    let bucket = r * columns + c
                    for k in Int(bucketFirst[bucket])..<Int(bucketFirst[bucket + 1]) {
                        let s = Int(bucketSegments[k])
                        if let allowed, !allowed[Int(pointPolyline[s])] { continue }
                        let a = point(s), b = point(s + 1)
                        let t = SegmentGeometry.closestParameter(p, a, b)
                        let m = p.distance(to: SegmentGeometry.point(at: t, a, b))
                        guard m <= limitMetres else { continue }
                        if let current = best, m > current.metres || (m == current.metres && Int32(s) >= current.segmentStart) {
                            continue
                        }
                        best = Hit(polyline: pointPolyline[s], segmentStart: Int32(s), parameter: t, metres: m)
                    }
                }
            }
            ring += 1
        }
        return best
    }

    /// Calls `body` once for every segment whose bucket overlaps `box`, in increasing segment id.
    public func forEachSegment(in box: BoundingBox, _ body: (_ polyline: Int32, _ segmentStart: Int32) -> Void) {
        let c0 = max(0, Int(((box.minX - originX) / bucketMetres).rounded(.down)))
        let c1 = min(columns - 1, Int(((box.maxX - originX) / bucketMetres).rounded(.down)))
        let r0 = max(0, Int(((box.minY - originY) / bucketMetres).rounded(.down)))
        let r1 = min(rows - 1, Int(((box.maxY - originY) / bucketMetres).rounded(.down)))
        guard c0 <= c1, r0 <= r1 else { return }
        var seen = Set<Int32>()
        for r in r0...r1 {
            for c in c0...c1 {
                let bucket = r * columns + c
                for k in Int(bucketFirst[bucket])..<Int(bucketFirst[bucket + 1]) { seen.insert(bucketSegments[k]) }
            }
        }
        for s in seen.sorted() { body(pointPolyline[Int(s)], s) }
    }
}

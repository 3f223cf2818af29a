/// Straight-line distance from points to the nearest of a set of polygons, in metres: 0 inside
/// a polygon, else the distance to its boundary; `.infinity` beyond `limitMetres`.
///
/// Points are bucketed in squares of `limitMetres`, so each polygon only visits the points
/// near its bounds; the work is bounded by polygon vertices × nearby points.
public enum StraightLineDistances {
    public static func nearest(from points: [PlanarPoint], to polygons: [PlanarPolygon], limitMetres: Double) -> [Double] {
        var best = [Double](repeating: .infinity, count: points.count)
        guard !points.isEmpty, !polygons.isEmpty, limitMetres > 0 else { return best }
        var box = BoundingBox()
        for p in points { box.add(p) }
        let size = max(limitMetres, max(box.maxX - box.minX, box.maxY - box.minY) / 2048)
        var buckets: [Int64: [Int32]] = [:]
        func key(_ column: Int, _ row: Int) -> Int64 { Int64(column) << 32 | Int64(UInt32(bitPattern: Int32(row))) }
        for (i, p) in points.enumerated() {
            buckets[key(Int(((p.x - box.minX) / size).rounded(.down)), Int(((p.y - box.minY) / size).rounded(.down))), default: []]
                .append(Int32(i))
        }
        let columns = Int(((box.maxX - box.minX) / size).rounded(.down)), rows = Int(((box.maxY - box.minY) / size).rounded(.down))
        for polygon in polygons {
            let reach = polygon.bounds.expanded(by: limitMetres)
            guard reach.maxX >= box.minX, reach.minX <= box.maxX, reach.maxY >= box.minY, reach.minY <= box.maxY else { continue }
            let c0 = max(0, Int(((reach.minX - box.minX) / size).rounded(.down)))
            let c1 = min(columns, Int(((reach.maxX - box.minX) / size).rounded(.down)))
            let r0 = max(0, Int(((reach.minY - box.minY) / size).rounded(.down)))
            let r1 = min(rows, Int(((reach.maxY - box.minY) / size).rounded(.down)))
            guard c0 <= c1, r0 <= r1 else { continue }
            for column in c0...c1 {
                for row in r0...r1 {
                    for i in buckets[key(column, row)] ?? [] {
                        let p = points[Int(i)]
                        guard best[Int(i)] > 0, reach.contains(p) else { continue }
                        let d = polygon.contains(p) ? 0 : polygon.distanceToBoundary(p)
                        if d <= limitMetres && d < best[Int(i)] { best[Int(i)] = d }
                    }
                }
            }
        }
        return best
    }
}

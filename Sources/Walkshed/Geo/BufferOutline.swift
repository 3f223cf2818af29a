/// The area within `bufferMetres` of a set of polylines, as polygons traced on a square
/// raster: a cell is inside when its centre lies within the buffer of some segment, and the
/// outline follows the cell sides, so every point within `bufferMetres` of a line is inside
/// (up to half a cell diagonal) and no point farther than `bufferMetres` plus a cell diagonal
/// is. Exterior rings run counter-clockwise and holes clockwise (RFC 7946 §3.1.6); where two
/// inside cells touch only at a corner, a corner cell is added so rings never touch themselves.
public struct BufferOutline: Sendable {
    /// One polygon: an exterior ring and its holes, each closed (first point == last).
    public struct Polygon: Sendable, Equatable {
        public var exterior: [PlanarPoint]
        public var holes: [[PlanarPoint]]
    }

    public let polygons: [Polygon]
    /// Side of the raster's cells, in metres.
    public let cellMetres: Double

    /// - Parameters:
    ///   - lines: polylines in projected metres.
    ///   - bufferMetres: > 0.
    ///   - cellMetres: raster cell side; grown when the raster would exceed `maxCells`.
    public init(lines: [[PlanarPoint]], bufferMetres: Double, cellMetres: Double, maxCells: Int = 1 << 24) {
        precondition(bufferMetres > 0 && cellMetres > 0, "buffer and cell must be positive")
        var box = BoundingBox()
        for line in lines { line.forEach { box.add($0) } }
        guard !box.isEmpty else { polygons = []; self.cellMetres = cellMetres; return }
        box = box.expanded(by: bufferMetres + 2 * cellMetres)
        var cell = cellMetres
        while ((box.maxX - box.minX) / cell + 1) * ((box.maxY - box.minY) / cell + 1) > Double(maxCells) { cell *= 2 }
        self.cellMetres = cell
        let columns = Int(((box.maxX - box.minX) / cell).rounded(.up)), rows = Int(((box.maxY - box.minY) / cell).rounded(.up))
        // Row 0 is the bottom row, so y grows with the row index.
        var inside = [Bool](repeating: false, count: columns * rows)
        for line in lines {
            for (a, b) in zip(line, line.count == 1 ? line : Array(line.dropFirst())) {
                let c0 = max(0, Int(((min(a.x, b.x) - bufferMetres - box.minX) / cell).rounded(.down)))
                let c1 = min(columns - 1, Int(((max(a.x, b.x) + bufferMetres - box.minX) / cell).rounded(.down)))
                let r0 = max(0, Int(((min(a.y, b.y) - bufferMetres - box.minY) / cell).rounded(.down)))
                let r1 = min(rows - 1, Int(((max(a.y, b.y) + bufferMetres - box.minY) / cell).rounded(.down)))
                guard c0 <= c1, r0 <= r1 else { continue }
                for r in r0...r1 {
                    for c in c0...c1 where !inside[r * columns + c] {
                        let centre = PlanarPoint(x: box.minX + (Double(c) + 0.5) * cell, y: box.minY + (Double(r) + 0.5) * cell)
                        if SegmentGeometry.distance(centre, a, b) <= bufferMetres { inside[r * columns + c] = true }
                    }
                }
            }
        }
        BufferOutline.fillCornerTouches(&inside, columns: columns, rows: rows)
        let rings = BufferOutline.rings(inside, columns: columns, rows: rows).map { ring in
            ring.map { PlanarPoint(x: box.minX + Double($0.x) * cell, y: box.minY + Double($0.y) * cell) }
        }
        var exteriors: [[PlanarPoint]] = [], holes: [[PlanarPoint]] = []
        for ring in rings { if BufferOutline.signedArea(ring) > 0 { exteriors.append(ring) } else { holes.append(ring) } }
        var polygons = exteriors.map { Polygon(exterior: $0, holes: []) }
        for hole in holes {
            // A hole belongs to the smallest exterior around it (rings never cross or touch).
            let owner = polygons.indices.filter { BufferOutline.encloses(polygons[$0].exterior, hole, cellMetres: cell) }
                .min { BufferOutline.signedArea(polygons[$0].exterior) < BufferOutline.signedArea(polygons[$1].exterior) }
            if let owner { polygons[owner].holes.append(hole) }
        }
        self.polygons = polygons
    }

    /// Where a 2 × 2 block has exactly its diagonal cells inside, marks one more cell inside,
    /// until no such block is left.
    static func fillCornerTouches(_ inside: inout [Bool], columns: Int, rows: Int) {
        var changed = true
        while changed {
            changed = false
            for r in 0..<(rows - 1) {
                for c in 0..<(columns - 1) {
                    let a = inside[r * columns + c], b = inside[r * columns + c + 1]
                    let d = inside[(r + 1) * columns + c], e = inside[(r + 1) * columns + c + 1]
                    if a && e && !b && !d { inside[r * columns + c + 1] = true; changed = true }
                    if b && d && !a && !e { inside[r * columns + c] = true; changed = true }
                }
            }
        }
    }

    /// Rings along the sides between inside and outside cells, inside on the left, as lattice
    /// corners (column, row); collinear corners dropped; each ring closed.
    static func rings(_ inside: [Bool], columns: Int, rows: Int) -> [[(x: Int, y: Int)]] {
        func isInside(_ c: Int, _ r: Int) -> Bool { c >= 0 && r >= 0 && c < columns && r < rows && inside[r * columns + c] }
        let stride = columns + 1
        func key(_ x: Int, _ y: Int) -> Int { y * stride + x }
        var next: [Int: Int] = [:]   // corner → the corner its one outgoing side leads to
        for r in 0..<rows {
            for c in 0..<columns where inside[r * columns + c] {
                if !isInside(c, r - 1) { next[key(c, r)] = key(c + 1, r) }
                if !isInside(c + 1, r) { next[key(c + 1, r)] = key(c + 1, r + 1) }
                if !isInside(c, r + 1) { next[key(c + 1, r + 1)] = key(c, r + 1) }
                if !isInside(c - 1, r) { next[key(c, r + 1)] = key(c, r) }
            }
        }
        var rings: [[(x: Int, y: Int)]] = []
        for start in next.keys.sorted() where next[start] != nil {
            var corners: [Int] = []
            var at = start
            while let to = next[at] {
                corners.append(at)
                next[at] = nil
                at = to
            }
            var ring: [(x: Int, y: Int)] = []
            for (k, corner) in corners.enumerated() {
                let prev = corners[(k + corners.count - 1) % corners.count], after = corners[(k + 1) % corners.count]
                let p = (x: prev % stride, y: prev / stride), q = (x: corner % stride, y: corner / stride), s = (x: after % stride, y: after / stride)
                if (q.x - p.x) * (s.y - q.y) - (q.y - p.y) * (s.x - q.x) != 0 { ring.append(q) }
            }
            ring.append(ring[0])
            rings.append(ring)
        }
        return rings
    }

    /// The shoelace area, positive for counter-clockwise rings.
    static func signedArea(_ ring: [PlanarPoint]) -> Double {
        var sum = 0.0
        for (a, b) in zip(ring, ring.dropFirst()) { sum += a.x * b.y - b.x * a.y }
        return sum / 2
    }

    /// Whether `ring` encloses `hole`, tested at a point just off the hole's first corner
    /// (off every lattice line, so never on a ring: rings neither cross nor touch).
    static func encloses(_ ring: [PlanarPoint], _ hole: [PlanarPoint], cellMetres: Double) -> Bool {
        PlanarPolygon.ringCrossings(ring, PlanarPoint(x: hole[0].x + 0.0007 * cellMetres, y: hole[0].y + 0.0011 * cellMetres))
    }
}

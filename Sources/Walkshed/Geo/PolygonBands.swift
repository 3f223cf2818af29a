/// A polygon's boundary segments sorted into horizontal bands, so that the even-odd test and
/// the near-boundary test at a point look at the segments of one band (or the few within
/// reach) instead of every segment: a forest of thousands of vertices is tested for every
/// sample point of every path near it.
///
/// Answers equal `PlanarPolygon.contains` and `boundaryIsWithin` exactly: every segment that can
/// change them is in the bands looked at (a band holds each segment whose y-range meets it), and
/// each is put to the polygon's own per-segment tests, its ends in the same order.
public struct PolygonBands: Sendable {
    /// Polygons with fewer boundary segments are tested segment by segment.
    public static let minimumSegments = 64
    /// Segment `k` runs from `starts[k]` to `ends[k]` (ring order). A ring's closing pair, from
    /// its last position back to its first, counts in the even-odd test only, as in
    /// `PlanarPolygon.ringCrossings`.
    private let starts: [PlanarPoint], ends: [PlanarPoint]
    private let isClosingPair: [Bool]
    /// Band `b` covers y from `minY + b × bandHeight`; the last band runs on to the top.
    private let minY: Double, bandHeight: Double, bandCount: Int
    /// Band `b`'s segments are `bandSegments[bandFirst[b] ..< bandFirst[b + 1]]`, ascending.
    private let bandFirst: [Int32], bandSegments: [Int32]
    /// Box around the outer rings, as `PlanarPolygon.bounds`.
    private let outerBounds: BoundingBox

    /// Bands for `polygon`, or nil when it has too few segments to gain, or its extent is not
    /// finite, or its segments span so many bands that they would take too much memory.
    public init?(_ polygon: PlanarPolygon) {
        let rings = [polygon.outerRings, polygon.innerRings].joined()
        // Most green areas are small: counted before anything is built.
        guard rings.reduce(0, { $0 + $1.count }) >= Self.minimumSegments else { return nil }
        var starts: [PlanarPoint] = [], ends: [PlanarPoint] = [], closing: [Bool] = []
        var box = BoundingBox()
        for ring in rings where !ring.isEmpty {
            for i in ring.indices {
                starts.append(ring[i])
                ends.append(ring[i + 1 < ring.count ? i + 1 : 0])
                closing.append(i + 1 == ring.count)
                box.add(ring[i])
            }
        }
        guard box.minY.isFinite, box.maxY.isFinite else { return nil }
        let bandCount = min(4_096, max(1, starts.count / 8))
        let bandHeight = (box.maxY - box.minY) / Double(bandCount)
        guard bandHeight > 0, bandHeight.isFinite else { return nil }
        (self.starts, self.ends, isClosingPair) = (starts, ends, closing)
        (minY, self.bandHeight, self.bandCount) = (box.minY, bandHeight, bandCount)
        outerBounds = polygon.bounds

        func bands(of k: Int) -> ClosedRange<Int> {
            Self.band(min(starts[k].y, ends[k].y), minY: box.minY, height: bandHeight, count: bandCount)
                ... Self.band(max(starts[k].y, ends[k].y), minY: box.minY, height: bandHeight, count: bandCount)
        }
        // Bounded before any band is filled: long segments (a stray vertex far away) would put
        // one segment in thousands of bands.
        let entries = starts.indices.reduce(0) { $0 + bands(of: $1).count }
        guard entries <= 32 * starts.count else { return nil }
        var first = [Int32](repeating: 0, count: bandCount + 1)
        for k in starts.indices {
            for b in bands(of: k) { first[b + 1] += 1 }
        }
        for b in 0..<bandCount { first[b + 1] += first[b] }
        var next = first, segments = [Int32](repeating: 0, count: entries)
        for k in starts.indices {
            for b in bands(of: k) {
                segments[Int(next[b])] = Int32(k)
                next[b] += 1
            }
        }
        (bandFirst, bandSegments) = (first, segments)
    }

    /// The band of `y`: monotone in `y`, clamped to the bands (NaN goes to the first).
    private static func band(_ y: Double, minY: Double, height: Double, count: Int) -> Int {
        let position = ((y - minY) / height).rounded(.down)
        guard position >= 1 else { return 0 }
        return position >= Double(count - 1) ? count - 1 : Int(position)
    }

    private func segments(inBand b: Int) -> ArraySlice<Int32> {
        bandSegments[Int(bandFirst[b]) ..< Int(bandFirst[b + 1])]
    }

    /// `PlanarPolygon.contains(p)`: even-odd over all rings.
    public func contains(_ p: PlanarPoint) -> Bool {
        guard outerBounds.contains(p) else { return false }
        var inside = false
        for k in segments(inBand: Self.band(p.y, minY: minY, height: bandHeight, count: bandCount))
        where PlanarPolygon.rayCrosses(from: p, ends[Int(k)], starts[Int(k)]) {
            inside.toggle()
        }
        return inside
    }

    /// `PlanarPolygon.boundaryIsWithin(metres, of: p)`: whether some boundary segment lies
    /// within `metres` of `p`.
    public func boundaryIsWithin(_ metres: Double, of p: PlanarPoint) -> Bool {
        let reach = metres + 1e-6
        let low = Self.band(p.y - reach, minY: minY, height: bandHeight, count: bandCount)
        let high = Self.band(p.y + reach, minY: minY, height: bandHeight, count: bandCount)
        for band in low...max(low, high) {
            for k in segments(inBand: band)
            where !isClosingPair[Int(k)] && PlanarPolygon.segment(starts[Int(k)], ends[Int(k)], isWithin: metres, of: p) {
                return true
            }
        }
        return false
    }
}

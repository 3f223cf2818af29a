import Testing
import Walkshed
import WalkshedTestSupport
import Foundation

/// A ring of `count` vertices around `centre` at random radii (a star-shaped, often very
/// jagged ring), on a 1 m lattice so that vertices share y values with each other and with test
/// points; closed unless `open`.
func jaggedRing(_ count: Int, centre: PlanarPoint, radius: ClosedRange<Double>, open: Bool = false,
                using generator: inout SeededRandom) -> [PlanarPoint] {
    var ring = (0..<count).map { k -> PlanarPoint in
        let angle = 2 * Double.pi * Double(k) / Double(count)
        let r = Double.random(in: radius, using: &generator)
        return PlanarPoint(x: (centre.x + r * cos(angle)).rounded(), y: (centre.y + r * sin(angle)).rounded())
    }
    if !open { ring.append(ring[0]) }
    return ring
}

/// The banded tests answer exactly what the polygon's own tests answer — for points inside,
/// outside, near the boundary, on vertices and at vertices' heights — on polygons of 64 to
/// 2,000 segments with holes, several outer rings, and a ring left open.
@Test(arguments: 0..<30)
func polygonBandsAnswerAsThePolygonDoes(seed: UInt64) throws {
    var generator = SeededRandom(seed: 4_100 + seed)
    let outerCount = Int.random(in: 1...3, using: &generator)
    var outer: [[PlanarPoint]] = [], inner: [[PlanarPoint]] = []
    for o in 0..<outerCount {
        let centre = PlanarPoint(x: Double(o) * 900, y: Double(o) * 300)
        outer.append(jaggedRing(Int.random(in: 20...1_000, using: &generator), centre: centre, radius: 200...600,
                                open: seed % 7 == 0 && o == 0, using: &generator))
        if Bool.random(using: &generator) {
            inner.append(jaggedRing(Int.random(in: 3...200, using: &generator), centre: centre, radius: 40...150, using: &generator))
        }
    }
    let polygon = PlanarPolygon(outerRings: outer, innerRings: inner)
    let segments = (outer + inner).reduce(0) { $0 + $1.count }
    guard let bands = PolygonBands(polygon) else {
        #expect(segments < PolygonBands.minimumSegments, "seed \(seed): no bands for \(segments) segments")
        return
    }
    let box = polygon.bounds.expanded(by: 50)
    var points = (0..<2_000).map { _ in
        PlanarPoint(x: Double.random(in: box.minX...box.maxX, using: &generator).rounded(),
                    y: Double.random(in: box.minY...box.maxY, using: &generator).rounded())
    }
    points += (outer + inner).flatMap { $0 }   // on vertices
    points += (outer + inner).flatMap { $0 }.map { PlanarPoint(x: $0.x + 3, y: $0.y) }   // at their heights
    var inside = 0, near = 0
    for p in points {
        #expect(bands.contains(p) == polygon.contains(p), "seed \(seed): contains \(p)")
        for metres in [0.0, 5, 20] {
            #expect(bands.boundaryIsWithin(metres, of: p) == polygon.boundaryIsWithin(metres, of: p), "seed \(seed): \(metres) m of \(p)")
        }
        if polygon.contains(p) { inside += 1 }
        if polygon.boundaryIsWithin(20, of: p) { near += 1 }
    }
    // Both answers occur, so neither test can pass by always saying the same.
    #expect(inside > 0 && inside < points.count && near > 0 && near < points.count, "seed \(seed)")
}

/// Polygons with too few segments, no height, or segments spanning most bands are left to the
/// polygon's own tests.
@Test func smallOrFlatPolygonsHaveNoBands() {
    var generator = SeededRandom(seed: 9)
    let small = PlanarPolygon(outerRings: [jaggedRing(40, centre: PlanarPoint(x: 0, y: 0), radius: 10...20, using: &generator)])
    #expect(PolygonBands(small) == nil)
    let flat = PlanarPolygon(outerRings: [(0...100).map { PlanarPoint(x: Double($0), y: 5) }])
    #expect(PolygonBands(flat) == nil)
    let large = PlanarPolygon(outerRings: [jaggedRing(100, centre: PlanarPoint(x: 0, y: 0), radius: 10...20, using: &generator)])
    #expect(PolygonBands(large) != nil)
    // A zigzag whose every segment spans the whole height would sit in every band: left whole.
    let zigzag = PlanarPolygon(outerRings: [(0...400).map { PlanarPoint(x: Double($0), y: $0.isMultiple(of: 2) ? 0 : 1_000) } + [PlanarPoint(x: 0, y: 0)]])
    #expect(PolygonBands(zigzag) == nil)
}

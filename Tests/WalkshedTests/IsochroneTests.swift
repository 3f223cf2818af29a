import Testing
import Walkshed
import WalkshedTestSupport

/// Metres and seconds coincide at 1 m/s.
private let metresProfile = TravelProfile(name: "metres", metresPerSecond: 1)

//  3 (0,300) ------e3 300------ 4 (300,300)
//  |  \                         |
//  e2  e5 316.2                 e4
//  300    \                     300
//  |        \                   |
//  0 (0,0) -e0 100- 1 (100,0) -e1 200- 2 (300,0)
private func hand() -> StreetGraph {
    TinyNetwork.graph(nodes: [(0, 0), (100, 0), (300, 0), (0, 300), (300, 300)],
                      edges: [(0, 1, nil), (1, 2, nil), (0, 3, nil), (3, 4, nil), (2, 4, nil), (1, 3, nil)])
}

private func pieces(_ graph: StreetGraph, start: PlaceSnap, seconds: Double) -> [String] {
    let iso = Isochrone(graph: graph, costs: ProfileCosts(graph: graph, profile: metresProfile), start: start, budgetsSeconds: [seconds])
    return iso.pieces[0].map { "e\($0.edge) \(String(format4($0.from)))-\(String(format4($0.to)))" }
}

private func format4(_ v: Float) -> String {
    let scaled = (Double(v) * 10_000).rounded()
    return String(Int(scaled) / 10_000) + "." + String(String(Int(scaled) % 10_000 + 10_000).dropFirst())
}

@Test func isochroneFromANodeCutsEdgesWhereTimeRunsOut() {
    let graph = hand()
    let atNode0 = PlaceSnap(edge: 0, fraction: 0, offsetMetres: 0)
    // 250 s: t(1) = 100; e1 gets 150 of 200 m, e2 250 of 300 m, e5 150 of 316.23 m.
    #expect(pieces(graph, start: atNode0, seconds: 250) == ["e0 0.0000-1.0000", "e1 0.0000-0.7500", "e2 0.0000-0.8333", "e5 0.0000-0.4743"])
    // 350 s: t(2) = t(3) = 300, t(4) = 600. e5 from 1 (250 m of 316.23) and from 3 (50 m): a gap between.
    #expect(pieces(graph, start: atNode0, seconds: 350) == ["e0 0.0000-1.0000", "e1 0.0000-1.0000", "e2 0.0000-1.0000",
                                                            "e3 0.0000-0.1667", "e4 0.0000-0.1667", "e5 0.0000-0.7906", "e5 0.8419-1.0000"])
    // 400 s: the two pieces of e5 meet (300 + 100 > 316.23) and merge.
    #expect(pieces(graph, start: atNode0, seconds: 400).contains("e5 0.0000-1.0000"))
    // 650 s: t(4) = 600, everything.
    #expect(pieces(graph, start: atNode0, seconds: 650).count == graph.edgeCount)
}

@Test func isochroneFromMidEdgeWalksOnAndBothWays() {
    let graph = hand()
    // (250, 10) attaches to e1 at x = 250: fraction 0.75, 10 m off. 100 s: 90 s left on e1
    // (back to x = 160, fraction 0.3; on to node 2 at t = 60), then 40 m up e4.
    let start = PlaceSnap(edge: 1, fraction: 0.75, offsetMetres: 10)
    #expect(pieces(graph, start: start, seconds: 100) == ["e1 0.3000-1.0000", "e4 0.0000-0.1333"])
    // Too far off the network for the budget: nothing.
    #expect(pieces(graph, start: PlaceSnap(edge: 1, fraction: 0.75, offsetMetres: 120), seconds: 100).isEmpty)
}

@Test func isochroneRespectsOneWayCosts() {
    let graph = hand()
    // e0 may only be walked tail→head (0 → 1): from node 1 nothing of e0 is reached.
    let forward = (0..<graph.edgeCount).map { graph.edgeMetres[$0] }
    var backward = forward
    backward[0] = .infinity
    let costs = ProfileCosts(graph: graph, profile: metresProfile, forwardSeconds: forward, backwardSeconds: backward)
    let iso = Isochrone(graph: graph, costs: costs, start: PlaceSnap(edge: 1, fraction: 0, offsetMetres: 0), budgetsSeconds: [50])
    #expect(iso.pieces[0].map(\.edge) == [1, 5])
}

@Test func reachedPiecePolylineFollowsTheGeometry() {
    let graph = hand()
    let line = graph.polyline(ofEdge: 1, from: 0.25, to: 0.75)
    #expect(line == [PlanarPoint(x: 150, y: 0), PlanarPoint(x: 250, y: 0)])
}

/// Even-odd containment over every ring of the outline.
private func covered(_ outline: BufferOutline, _ p: PlanarPoint) -> Bool {
    var inside = false
    for polygon in outline.polygons {
        for ring in [polygon.exterior] + polygon.holes {
            for (a, b) in zip(ring, ring.dropFirst()) where (a.y > p.y) != (b.y > p.y) {
                if p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x) { inside.toggle() }
            }
        }
    }
    return inside
}

private func shoelace(_ ring: [PlanarPoint]) -> Double {
    zip(ring, ring.dropFirst()).reduce(0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y } / 2
}

@Test func bufferOfOneSegmentIsACapsule() {
    let outline = BufferOutline(lines: [[PlanarPoint(x: 0, y: 0), PlanarPoint(x: 100, y: 0)]], bufferMetres: 10, cellMetres: 0.5)
    #expect(outline.polygons.count == 1)
    #expect(outline.polygons[0].holes.isEmpty)
    let area = shoelace(outline.polygons[0].exterior)
    // 100 × 20 + π × 10² = 2,314.2 m², to within the raster's half-cell border (~ 0.5 × 230 m).
    #expect(area > 0, "exterior rings run counter-clockwise")
    #expect(abs(area - 2314.2) < 60, "area \(area)")
    #expect(covered(outline, PlanarPoint(x: 50, y: 9)))
    #expect(covered(outline, PlanarPoint(x: -9, y: 0)))
    #expect(!covered(outline, PlanarPoint(x: 50, y: 11.5)))
    #expect(!covered(outline, PlanarPoint(x: 108, y: 8)))
}

@Test func bufferOfALoopHasAHole() {
    let square = [PlanarPoint(x: 0, y: 0), PlanarPoint(x: 200, y: 0), PlanarPoint(x: 200, y: 200), PlanarPoint(x: 0, y: 200), PlanarPoint(x: 0, y: 0)]
    let outline = BufferOutline(lines: [square, [PlanarPoint(x: 1000, y: 0), PlanarPoint(x: 1100, y: 0)]], bufferMetres: 20, cellMetres: 4)
    #expect(outline.polygons.count == 2)
    let loop = outline.polygons.first { !$0.holes.isEmpty }
    #expect(loop?.holes.count == 1)
    if let hole = loop?.holes.first { #expect(shoelace(hole) < 0, "holes run clockwise") }
    #expect(!covered(outline, PlanarPoint(x: 100, y: 100)))
    #expect(covered(outline, PlanarPoint(x: 100, y: 15)))
    #expect(covered(outline, PlanarPoint(x: 1050, y: 0)))
}

@Test(arguments: 0..<40) func bufferHoldsNearPointsAndNotFarOnes(seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    let lines = (0..<4).map { _ in
        (0..<3).map { _ in PlanarPoint(x: Double.random(in: 0...400, using: &rng), y: Double.random(in: 0...400, using: &rng)) }
    }
    let buffer = 25.0, cell = 5.0
    let outline = BufferOutline(lines: lines, bufferMetres: buffer, cellMetres: cell)
    func distance(_ p: PlanarPoint) -> Double {
        lines.flatMap { line in zip(line, line.dropFirst()).map { SegmentGeometry.distance(p, $0.0, $0.1) } }.min()!
    }
    for _ in 0..<400 {
        let p = PlanarPoint(x: Double.random(in: -50...450, using: &rng), y: Double.random(in: -50...450, using: &rng))
        let d = distance(p)
        if d <= buffer - cell * 1.5 { #expect(covered(outline, p), "seed \(seed): \(p) at \(d) m is outside") }
        if d > buffer + cell * 1.5 { #expect(!covered(outline, p), "seed \(seed): \(p) at \(d) m is inside") }
    }
}

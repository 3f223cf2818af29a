import Foundation
import Testing
import Walkshed
import WalkshedTestSupport

//   green area (0,0)–(100,100)
//   e0: path    (10,50)–(90,50)    inside            → greenway
//   e1: street  (10,20)–(90,20)    inside, a street  → not (streets are never greenways)
//   e2: path    (0,-10)–(100,-10)  10 m along edge   → greenway
//   e3: path    (0,-300)–(100,-300) far              → not
//   e4: path far but on a route relation             → greenway
@Test func greenwaysArePathsInOrAlongGreenSpaceOrOnRoutes() {
    var graph = TinyNetwork.graph(
        nodes: [(10, 50), (90, 50), (10, 20), (90, 20), (0, -10), (100, -10), (0, -300), (100, -300), (0, -400), (100, -400)],
        edges: [(0, 1, nil), (2, 3, nil), (4, 5, nil), (6, 7, nil), (8, 9, nil)],
        classes: [.path, .street, .footway, .path, .cycleway])
    graph.edgeFlags[4].insert(.onRoute)
    let classifier = GreenwayClassifier(greenAreas: [squarePark])
    #expect(classifier.classify(&graph) == 3)
    #expect(graph.edgeFlags.map { $0.contains(.greenway) } == [true, false, true, false, true])
}

/// `isGreen` against every area tried in turn, over areas of every kind the classifier files
/// differently: small ones in one bucket or several, ones of many vertices (tested by bands),
/// one too large to bucket, with holes; points mostly close to an area (on, near or just
/// beyond its outline), the others anywhere, off every bucket too.
@Test(arguments: [1, 2, 3, 4])
func greenPointsMatchEveryAreaTriedInTurn(seed: UInt64) {
    var random = SeededRandom(seed: seed)
    func star(centre: PlanarPoint, radius: Double, vertices: Int) -> [PlanarPoint] {
        var ring = (0..<vertices).map { k -> PlanarPoint in
            let angle = 2 * Double.pi * Double(k) / Double(vertices), r = radius * Double.random(in: 0.4...1, using: &random)
            return PlanarPoint(x: centre.x + r * cos(angle), y: centre.y + r * sin(angle))
        }
        ring.append(ring[0])
        return ring
    }
    var areas: [PlanarPolygon] = [], centres: [(PlanarPoint, Double)] = []
    for k in 0..<60 {
        // The first spans more than `maxBucketsPerArea` buckets; the others lie in one or several.
        let centre = k == 0 ? PlanarPoint(x: 40_000, y: 40_000)
            : PlanarPoint(x: Double.random(in: -5_000...5_000, using: &random), y: Double.random(in: -5_000...5_000, using: &random))
        let radius = k == 0 ? 12_000 : Double.random(in: 5...700, using: &random)
        let outer = star(centre: centre, radius: radius, vertices: k % 3 == 0 ? 200 : Int.random(in: 3...20, using: &random))
        let inner = k % 4 == 0 ? [star(centre: centre, radius: radius / 4, vertices: 8)] : []
        areas.append(PlanarPolygon(outerRings: [outer], innerRings: inner))
        centres.append((centre, radius))
    }
    let along = 20.0
    let classifier = GreenwayClassifier(greenAreas: areas, alongMetres: along)
    var green = 0
    for n in 0..<6_000 {
        let p: PlanarPoint
        if n % 4 == 0 {
            p = PlanarPoint(x: Double.random(in: -60_000...60_000, using: &random), y: Double.random(in: -60_000...60_000, using: &random))
        } else {
            let (centre, radius) = centres.randomElement(using: &random)!
            let reach = radius + 2 * along
            p = PlanarPoint(x: centre.x + Double.random(in: -reach...reach, using: &random), y: centre.y + Double.random(in: -reach...reach, using: &random))
        }
        let expected = areas.contains { $0.contains(p) || $0.boundaryIsWithin(along, of: p) }
        #expect(classifier.isGreen(p) == expected, "\(p)")
        if expected { green += 1 }
    }
    #expect(green > 1_000 && green < 5_000)
}

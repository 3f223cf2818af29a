import Testing
import Walkshed
import WalkshedTestSupport
import Foundation

/// Reference eastings/northings from PROJ 9 (pyproj `Transformer.from_crs(4326, epsg)`).
@Test(arguments: [
    (32629, -8.61, 41.15, 532725.1592, 4555481.9923),
    (32635, 24.94, 60.17, 385700.4214, 6672126.7431),
    (32722, -51.2, -30.05, 480720.1204, 6675657.3709),
    (32650, 118.78, 32.04, 668069.3902, 3546254.6822),
])
func utmMatchesPROJ(epsg: Int, lon: Double, lat: Double, x: Double, y: Double) {
    let projection = UTMProjection(containing: GeoCoordinate(longitude: lon, latitude: lat))
    #expect(projection.epsgCode == epsg)
    let p = projection.project(GeoCoordinate(longitude: lon, latitude: lat))
    #expect(abs(p.x - x) < 0.001 && abs(p.y - y) < 0.001, "got \(p.x), \(p.y)")
    let back = projection.unproject(p)
    #expect(abs(back.longitude - lon) < 1e-9 && abs(back.latitude - lat) < 1e-9)
}

/// Krüger's series term by term, one library call per term (Karney 2011, eq. 7 and 35), as
/// the reference for `UTMProjection.project`, which derives the higher terms by angle addition.
private func projectedTermByTerm(_ c: GeoCoordinate, zone: Int, isNorth: Bool) -> PlanarPoint {
    let f = 1 / 298.257223563, n = f / (2 - f), n2 = n * n, n3 = n2 * n, n4 = n3 * n
    let alpha = [n / 2 - 2 * n2 / 3 + 5 * n3 / 16 + 41 * n4 / 180, 13 * n2 / 48 - 3 * n3 / 5 + 557 * n4 / 1440,
                 61 * n3 / 240 - 103 * n4 / 140, 49561 * n4 / 161280]
    let a = 6_378_137 / (1 + n) * (1 + n2 / 4 + n2 * n2 / 64), e = 2 * n.squareRoot() / (1 + n)
    let phi = c.latitude * .pi / 180, lambda = (c.longitude - Double(zone * 6 - 183)) * .pi / 180
    let t = sinh(atanh(sin(phi)) - e * atanh(e * sin(phi)))
    let xiPrime = atan2(t, cos(lambda)), etaPrime = atanh(sin(lambda) / (1 + t * t).squareRoot())
    var xi = xiPrime, eta = etaPrime
    for j in 1...4 {
        xi += alpha[j - 1] * sin(2 * Double(j) * xiPrime) * cosh(2 * Double(j) * etaPrime)
        eta += alpha[j - 1] * cos(2 * Double(j) * xiPrime) * sinh(2 * Double(j) * etaPrime)
    }
    return PlanarPoint(x: 500_000 + 0.9996 * a * eta, y: (isNorth ? 0 : 10_000_000) + 0.9996 * a * xi)
}

@Test func utmSeriesByAngleAdditionMatchesTermByTerm() {
    // Seeded points over a zone and 6° beyond each side (an extract straddling zones), every latitude.
    var generator = SeededRandom(seed: 0x5eed_07)
    var worst = 0.0
    for _ in 0..<200_000 {
        let zone = Int(generator.next() % 60) + 1
        let latitude = Double(generator.next() % 1_600_000) / 10_000 - 80
        let longitude = Double(zone * 6 - 183) + Double(generator.next() % 180_000) / 10_000 - 9
        let c = GeoCoordinate(longitude: longitude, latitude: latitude)
        let projection = UTMProjection(zone: zone, isNorth: latitude >= 0)
        let fast = projection.project(c), reference = projectedTermByTerm(c, zone: zone, isNorth: latitude >= 0)
        worst = max(worst, abs(fast.x - reference.x), abs(fast.y - reference.y))
    }
    // Northings reach 10⁷ m, where one unit in the last place is 1.9 nm.
    #expect(worst < 1e-8, "largest difference \(worst) m")
}

@Test func haversineQuarterMeridian() {
    // Pole to equator along a meridian is a quarter of the circumference: π/2 × R.
    let m = GreatCircle.metres(GeoCoordinate(longitude: 0, latitude: 0), GeoCoordinate(longitude: 0, latitude: 90))
    #expect(abs(m - Double.pi / 2 * GreatCircle.earthRadiusMetres) < 1e-6)
}

//  (0,100) ┌──────────┐ (100,100)
//          │  ┌──┐    │   hole 20 × 20 at (40..60, 40..60)
//          │  └──┘    │
//  (0,0)   └──────────┘ (100,0)
@Test func polygonAreaAndContainmentRespectHoles() {
    let outer = [(0.0, 0.0), (100, 0), (100, 100), (0, 100), (0, 0)].map { PlanarPoint(x: $0.0, y: $0.1) }
    let hole = [(40.0, 40.0), (40, 60), (60, 60), (60, 40), (40, 40)].map { PlanarPoint(x: $0.0, y: $0.1) }
    let polygon = PlanarPolygon(outerRings: [outer], innerRings: [hole])
    #expect(polygon.areaSquareMetres == 9_600)
    #expect(polygon.contains(PlanarPoint(x: 10, y: 10)))
    #expect(!polygon.contains(PlanarPoint(x: 50, y: 50)))
    #expect(!polygon.contains(PlanarPoint(x: 150, y: 50)))
    #expect(polygon.distanceToBoundary(PlanarPoint(x: 50, y: -15)) == 15)
}

/// A 20 m parallelogram of a building at Helsinki's UTM position: its centre is the mean of its
/// corners. Summed from absolute coordinates it came out 1.3 m off; measured from a vertex it is exact.
@Test func centroidOfASmallPolygonFarFromTheOriginIsExact() {
    let corners = [(385450.3, 6673350.7), (385471.1, 6673352.2), (385469.6, 6673371.9), (385448.8, 6673370.4)]
    let ring = (corners + [corners[0]]).map { PlanarPoint(x: $0.0, y: $0.1) }
    let centre = PlanarPolygon(outerRings: [ring]).centroid
    let meanX = corners.map(\.0).reduce(0, +) / 4, meanY = corners.map(\.1).reduce(0, +) / 4
    #expect(abs(centre.x - meanX) < 1e-6 && abs(centre.y - meanY) < 1e-6, "\(centre) vs (\(meanX), \(meanY))")
}

/// `boundaryIsWithin` (first segment within reach, boxes skipped) answers as
/// `distanceToBoundary(p) <= metres` does, on random polygons with holes, at random points,
/// on their vertices and segment middles, and 20 m east and south of each vertex (often exactly
/// 20 m from the boundary, asked at 20 m and a micrometre more).
@Test(arguments: 0..<60)
func boundaryIsWithinAgreesWithTheDistance(seed: UInt64) {
    var rng = SeededRandom(seed: 700 + seed)
    func ring(_ cx: Double, _ cy: Double, _ radius: Double) -> [PlanarPoint] {
        let count = Int.random(in: 3...9, using: &rng)
        var points = (0..<count).map { k -> PlanarPoint in
            let angle = Double(k) / Double(count) * 2 * .pi, r = radius * Double.random(in: 0.5...1, using: &rng)
            return PlanarPoint(x: (cx + r * cos(angle)).rounded(), y: (cy + r * sin(angle)).rounded())
        }
        points.append(points[0])
        return points
    }
    let polygon = PlanarPolygon(outerRings: [ring(0, 0, 200)], innerRings: seed % 2 == 0 ? [ring(0, 0, 40)] : [])
    var probes: [PlanarPoint] = (0..<80).map { _ in PlanarPoint(x: Double(Int.random(in: -300...300, using: &rng)), y: Double(Int.random(in: -300...300, using: &rng))) }
    polygon.forEachBoundarySegment { a, b in
        probes += [a, PlanarPoint(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2), PlanarPoint(x: a.x + 20, y: a.y), PlanarPoint(x: a.x, y: a.y - 20)]
    }
    for p in probes {
        for metres in [0.0, 5, 20, 20.000001, 150] {
            #expect(polygon.boundaryIsWithin(metres, of: p) == (polygon.distanceToBoundary(p) <= metres), "seed \(seed), \(p), \(metres) m")
        }
    }
}

//  three square parks: 50 × 50 m (0.25 ha, playground), 80 × 80 m (0.64 ha, park), 120 × 120 m (1.44 ha, garden)
@Test func parksFilterBySizeAndKind() {
    func square(_ side: Double) -> PlanarPolygon {
        PlanarPolygon(outerRings: [[(0.0, 0.0), (side, 0), (side, side), (0, side), (0, 0)].map { PlanarPoint(x: $0.0, y: $0.1) }])
    }
    let parks = [Park(osmReference: "way/1", kind: "playground", name: "", polygon: square(50)),
                 Park(osmReference: "way/2", kind: "park", name: "", polygon: square(80)),
                 Park(osmReference: "way/3", kind: "garden", name: "", polygon: square(120))]
    let city = City(projection: UTMProjection(zone: 32, isNorth: true), graph: line, parks: parks, services: [])
    #expect(city.keepingParks(minimumHectares: 0, kinds: nil).parks.count == 3)
    #expect(city.keepingParks(minimumHectares: 0.5, kinds: nil).parks.map(\.osmReference) == ["way/2", "way/3"])
    #expect(city.keepingParks(minimumHectares: 1, kinds: nil).parks.map(\.osmReference) == ["way/3"])
    #expect(city.keepingParks(minimumHectares: 0, kinds: ["playground", "garden"]).parks.map(\.osmReference) == ["way/1", "way/3"])
}

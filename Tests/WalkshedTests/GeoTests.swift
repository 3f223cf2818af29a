import Testing
import Walkshed

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

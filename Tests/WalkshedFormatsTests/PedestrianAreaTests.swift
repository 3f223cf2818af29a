import Foundation
import Testing
import Walkshed
@testable import WalkshedFormats
import WalkshedTestSupport

/// A pedestrian square (`highway=pedestrian` + `area=yes`) is walked across, not only around:
/// streets enter an L-shaped square at the middle of its west side (W), its east side (E) and
/// the top of its western arm (N). W–E and W–N run straight across inside the square; E–N
/// would cut across the missing corner of the L, so that pair gets no edge.
@Test func pedestrianSquaresAreWalkedAcross() throws {
    // The L: (0,0)–(200,0)–(200,100)–(100,100)–(100,200)–(0,200) in metres, at 60.17° N, 24.94° E.
    let metresPerLat = 1 / 111_320.0, metresPerLon = 1 / (111_320.0 * cos(60.17 * Double.pi / 180))
    func node(_ id: Int, _ x: Double, _ y: Double) -> String {
        "<node id=\"\(id)\" lat=\"\(60.17 + y * metresPerLat)\" lon=\"\(24.94 + x * metresPerLon)\"/>"
    }
    let xml = """
        <osm version="0.6">
        \(node(1, 0, 0))\(node(2, 200, 0))\(node(3, 200, 50))\(node(4, 200, 100))\(node(5, 100, 100))
        \(node(6, 100, 200))\(node(7, 0, 200))\(node(8, 0, 50))
        \(node(20, -100, 50))\(node(21, 300, 50))\(node(22, 100, 300))
        <way id="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="5"/><nd ref="6"/><nd ref="7"/><nd ref="8"/><nd ref="1"/>
          <tag k="highway" v="pedestrian"/><tag k="area" v="yes"/></way>
        <way id="2"><nd ref="20"/><nd ref="8"/><tag k="highway" v="residential"/></way>
        <way id="3"><nd ref="3"/><nd ref="21"/><tag k="highway" v="residential"/></way>
        <way id="4"><nd ref="6"/><nd ref="22"/><tag k="highway" v="residential"/></way>
        </osm>

        """
    let (city, _) = try OSMCityLoader.load(write(Array(xml.utf8), "square.osm"))
    let g = city.graph
    func nearest(_ x: Double, _ y: Double) -> Int {
        let p = city.projection.project(GeoCoordinate(longitude: 24.94 + x * metresPerLon, latitude: 60.17 + y * metresPerLat))
        return (0..<g.nodeCount).min { g.position(of: $0).distance(to: p) < g.position(of: $1).distance(to: p) }!
    }
    let w = nearest(0, 50), e = nearest(200, 50), n = nearest(100, 200)
    // The straight lines across (the outline's edges between the same entrances stay too).
    let across = (0..<g.edgeCount).filter { g.edgeFlags[$0].contains(.acrossArea) }
    func line(_ a: Int, _ b: Int) -> Int? { across.first { Set([Int(g.edgeTail[$0]), Int(g.edgeHead[$0])]) == Set([a, b]) } }
    #expect(across.count == 2 && across.allSatisfy { g.edgeWayID[$0] == 1 && g.edgeClass[$0] == .pedestrian })
    let westEast = try #require(line(w, e))
    #expect(abs(Double(g.edgeMetres[westEast]) - 200) < 1)
    // W–N stays inside the L's western arm and the square's body: a straight edge joins them.
    let westNorth = try #require(line(w, n))
    #expect(abs(Double(g.edgeMetres[westNorth]) - (100.0 * 100 + 150 * 150).squareRoot()) < 1)
    // E–N would pass (150, 125), in the L's missing corner: no line.
    #expect(line(e, n) == nil)
    // Lines across are walked but not counted as mapped length.
    // (The L's outline is 800 m, the three streets 100 m each; degrees to metres here are approximate.)
    #expect(abs(g.totalMetres() - 1_100) < 6)
}

/// A line between two entrances on one straight side of a square runs along the outline, not
/// across: refused whether the vertex between them lies exactly on the side or 0.1 µm off it
/// (rounding in projected coordinates), wherever the square lies; 5 mm off is a real sliver.
/// A line between neighbouring entrances is the side itself: refused too.
@Test func linesAlongASideAreRefusedWhateverTheRounding() {
    for (dx, dy) in [(0.0, 0.0), (500_000.0, 4_000_000.0), (123_456.789, 6_543_210.123)] {
        func at(_ x: Double, _ y: Double) -> PlanarPoint { PlanarPoint(x: dx + x, y: dy + y) }
        for offset in [-1e-7, 0, 1e-7, -0.005] {
            let outline = [at(0, 0), at(50, offset), at(100, 0), at(100, 100), at(0, 100), at(0, 0)]
            let polygon = PlanarPolygon(outerRings: [outline])
            let alongSide = PedestrianAreas.crossesInside(at(0, 0), at(100, 0), outline: outline, polygon: polygon)
            #expect(alongSide == (offset == -0.005), "offset \(offset) at (\(dx), \(dy))")
            #expect(PedestrianAreas.crossesInside(at(0, 0), at(100, 100), outline: outline, polygon: polygon))
        }
        // Neighbouring entrances: the line is the side itself, its middle on the outline.
        let square = [at(0, 0), at(100, 0), at(100, 100), at(0, 100), at(0, 0)]
        let polygon = PlanarPolygon(outerRings: [square])
        for (p, q) in [(at(0, 0), at(100, 0)), (at(100, 0), at(100, 100)), (at(100, 100), at(0, 100)), (at(0, 100), at(0, 0))] {
            #expect(!PedestrianAreas.crossesInside(p, q, outline: square, polygon: polygon), "side \(p)–\(q)")
        }
        #expect(PedestrianAreas.crossesInside(at(100, 0), at(0, 100), outline: square, polygon: polygon))
    }
}

/// A platform mapped as an open way is one transit destination reached anywhere along it (it
/// was dropped), and `highway=platform` is walked: a hand-made extract, and on São
/// Paulo the subway platform way 464230200, whose neighbouring cell read 14.75 min to transit.
@Test func platformsMappedAsLinesAreDestinationsAndWalked() throws {
    let xml = """
        <osm version="0.6">
        <node id="1" lat="60.1700" lon="24.9400"/><node id="2" lat="60.1700" lon="24.9440"/>
        <node id="3" lat="60.17005" lon="24.9400"/><node id="4" lat="60.17005" lon="24.9420"/>
        <way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
        <way id="2"><nd ref="1"/><nd ref="3"/><nd ref="4"/><tag k="highway" v="platform"/><tag k="public_transport" v="platform"/><tag k="bus" v="yes"/></way>
        </osm>

        """
    let (city, report) = try OSMCityLoader.load(write(Array(xml.utf8), "platform.osm"))
    #expect(report.walkableWays == 2)
    // Points along it at most 25 m apart, from node 1 to node 4, one destination.
    let points = city.services.filter { $0.osmReference == "way/2" }
    #expect(points.allSatisfy { $0.category == .transit && $0.transitCapacity == .low && $0.group == "way/2" })
    #expect(city.serviceCounts()[.transit] == 1)
    #expect(zip(points, points.dropFirst()).allSatisfy { $0.position.distance(to: $1.position) <= 25 })
    let ends = [(24.9400, 60.1700), (24.9420, 60.17005)].map { city.projection.project(GeoCoordinate(longitude: $0.0, latitude: $0.1)) }
    #expect(points.count == 7 && points.first!.position.distance(to: ends[0]) < 0.01 && points.last!.position.distance(to: ends[1]) < 0.01)
    guard RepositoryPaths.hasSharedData else { return }
    let saoPaulo = try OSMCityLoader.load(RepositoryPaths.sharedData("sao-paulo.osm.pbf")).city
    #expect(saoPaulo.services.contains { $0.osmReference == "way/464230200" && $0.category == .transit })
    // The cell centred 30 m from that platform read 14.75 min to transit; now 1.85 min.
    let result = try Study(city: saoPaulo).analyze(profile: .walk(), options: CoverageOptions(), progress: SilentProgress()).result
    let target = saoPaulo.projection.project(GeoCoordinate(longitude: -46.655987, latitude: -23.533449))
    let cell = (0..<result.grid.cellCount).min { result.grid.centre(ofCell: $0).distance(to: target) < result.grid.centre(ofCell: $1).distance(to: target) }!
    #expect(result.grid.centre(ofCell: cell).distance(to: target) < 1)
    let transit = try #require(result.layers.first { $0.measure == .minutes(.service(.transit)) })
    #expect(transit.values[cell] == MinuteRounding.minutes(seconds: 1.85 * 60))
}

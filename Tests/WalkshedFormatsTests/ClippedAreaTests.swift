import Foundation
import Testing
import Walkshed
@testable import WalkshedFormats
import WalkshedTestSupport

/// A park cut by the extract's edge is kept, closed over the nodes present and marked clipped:
/// a closed way missing one corner node, and a multipolygon missing one of its two outer ways.
/// (Both vanished before, reported only as "area with missing nodes".)
@Test func parksCutByTheExtractsEdgeAreKeptAndMarked() throws {
    // A 0.002° × 0.001° square way whose north-east corner (node 13) is not in the file: a
    // triangle of half the square remains. A relation of two outer ways, the second absent.
    let xml = """
        <osm version="0.6">
        <node id="1" lat="60.1700" lon="24.9400"/><node id="2" lat="60.1720" lon="24.9400"/>
        <node id="10" lat="60.1700" lon="24.9400"/><node id="11" lat="60.1700" lon="24.9420"/>
        <node id="12" lat="60.1710" lon="24.9400"/>
        <node id="20" lat="60.1715" lon="24.9400"/><node id="21" lat="60.1715" lon="24.9410"/><node id="22" lat="60.1720" lon="24.9410"/>
        <way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way>
        <way id="5"><nd ref="10"/><nd ref="11"/><nd ref="13"/><nd ref="12"/><nd ref="10"/><tag k="leisure" v="park"/><tag k="name" v="Cut"/></way>
        <way id="6"><nd ref="20"/><nd ref="21"/><nd ref="22"/></way>
        <relation id="7"><member type="way" ref="6" role="outer"/><member type="way" ref="8" role="outer"/>
          <tag k="type" v="multipolygon"/><tag k="leisure" v="garden"/></relation>
        </osm>

        """
    let (city, report) = try OSMCityLoader.load(write(Array(xml.utf8), "clipped-parks.osm"))
    let parks = Dictionary(uniqueKeysWithValues: city.parks.map { ($0.osmReference, $0) })
    let cut = try #require(parks["way/5"]), garden = try #require(parks["relation/7"])
    #expect(cut.clipped && garden.clipped)
    // Half of the square: 0.002° of longitude by 0.001° of latitude at 60.17° N, halved.
    let square = 0.002 * 111_320 * cos(60.1705 * .pi / 180) * 0.001 * 110_600
    #expect(abs(cut.areaSquareMetres - square / 2) < square * 0.01)
    #expect(garden.areaSquareMetres > 0)
    #expect(report.diagnostics.count("clipped area") == 2 && report.diagnostics.count("area with missing nodes") == 0)
    #expect(CityFacts.text(city: city, report: report).contains("; 2 cut by the extract's edge"))
}

/// A park reaching beyond the extract's bounds counts only its area inside them (for size rules
/// and totals), though its whole polygon is kept: the Helsinki sample with its header's bounding
/// box shrunk to the western half.
@Test func areasCountOnlyWhatLiesInsideTheExtractsBounds() throws {
    let path = RepositoryPaths.network("helsinki.osm.pbf")
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let whole = try OSMCityLoader.load(path).city
    let source = try PBFBlockSource(PBFBytes(bytes: bytes, name: "helsinki"))
    // The sample's header box is 24.9351762…24.9534145 E, 60.1641550…60.1791130 N; keep west of 24.9443.
    func nano(_ degrees: Double) -> UInt64 { let v = Int64((degrees * 1e9).rounded()); return UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    let bbox = Proto.field(1, varint: nano(24.9351762)) + Proto.field(2, varint: nano(24.9443))
        + Proto.field(3, varint: nano(60.1791130)) + Proto.field(4, varint: nano(60.1641550))
    let header = Proto.frame(type: "OSMHeader", blob: Proto.field(1, bytes: Proto.field(1, bytes: bbox)
        + Proto.field(4, bytes: Array("OsmSchema-V0.6".utf8)) + Proto.field(4, bytes: Array("DenseNodes".utf8))))
    let halved = write(header + bytes[source.dataBlobs[0].start...], "helsinki-west.osm.pbf")
    let west = try OSMCityLoader.load(halved).city
    #expect(west.parks.map(\.osmReference) == whole.parks.map(\.osmReference))
    let box = [(24.9351762, 60.1641550), (24.9443, 60.1641550), (24.9443, 60.1791130), (24.9351762, 60.1791130)]
        .map { west.projection.project(GeoCoordinate(longitude: $0.0, latitude: $0.1)) }
    var wholeInside = 0, cut = 0, outside = 0
    for (a, b) in zip(whole.parks, west.parks) {
        #expect(a.polygon == b.polygon)
        let xs = b.polygon.outerRings.flatMap { $0 }.map(\.x)
        // The east edge leans a little in UTM (meridian convergence): between its two corners' x.
        let edgeWest = min(box[1].x, box[2].x), edgeEast = max(box[1].x, box[2].x), edge = (edgeWest + edgeEast) / 2
        if xs.max()! <= edgeWest - 1 { #expect(abs(b.areaSquareMetres - a.areaSquareMetres) < 1e-6 * a.areaSquareMetres); wholeInside += 1 }
        else if xs.min()! >= edgeEast + 1 { #expect(b.areaSquareMetres == 0); outside += 1 }
        else if xs.min()! < edge - 10 && xs.max()! > edge + 10 { #expect(b.areaSquareMetres < a.areaSquareMetres); cut += 1 }
    }
    #expect(wholeInside > 0 && outside > 0 && cut > 0)
    #expect(west.parks.reduce(0) { $0 + $1.areaSquareMetres } < whole.parks.reduce(0) { $0 + $1.areaSquareMetres } * 0.9)
}

/// Clipping a ring to a convex window, against hand-computed areas.
@Test func ringsClipToAWindow() {
    let square = PlanarPolygon(outerRings: [[(0.0, 0.0), (10, 0), (10, 10), (0, 10), (0, 0)].map { PlanarPoint(x: $0.0, y: $0.1) }],
                               innerRings: [[(2.0, 2.0), (4, 2), (4, 4), (2, 4), (2, 2)].map { PlanarPoint(x: $0.0, y: $0.1) }])
    let west = [(-5.0, -5.0), (5, -5), (5, 15), (-5, 15)].map { PlanarPoint(x: $0.0, y: $0.1) }
    #expect(abs(square.areaSquareMetres(inside: west) - (50 - 4)) < 1e-9)
    let clockwise = Array(west.reversed())
    #expect(abs(square.areaSquareMetres(inside: clockwise) - 46) < 1e-9)
    let away = [(20.0, 20.0), (30, 20), (30, 30), (20, 30)].map { PlanarPoint(x: $0.0, y: $0.1) }
    #expect(square.areaSquareMetres(inside: away) == 0)
    // The diamond |x − 5| + |y − 5| ≤ 8 cuts a triangle of legs 2 m off each corner; the hole lies inside it.
    let diamond = [(5.0, -3.0), (13, 5), (5, 13), (-3, 5)].map { PlanarPoint(x: $0.0, y: $0.1) }
    #expect(abs(square.areaSquareMetres(inside: diamond) - (100 - 4 * 2 - 4)) < 1e-9)
}

/// Rings wholly inside a tilted window come through the clip as they are (an open one closed);
/// a ring with one vertex moved across an edge is cut there.
@Test func ringsInsideAWindowKeepTheirExactArea() {
    var generator = SeededRandom(seed: 31)
    // A square 1 km across, turned 0.3 rad (an extract's bounds in UTM lean a little).
    let (c, s) = (cos(0.3), sin(0.3))
    let window = [(-500.0, -500.0), (500, -500), (500, 500), (-500, 500)].map { PlanarPoint(x: c * $0.0 - s * $0.1, y: s * $0.0 + c * $0.1) }
    for round in 0..<50 {
        // A jagged ring within 300 m of the middle (inside the window whatever the turn), its
        // vertices in order of angle all round it: star-shaped about the middle, so simple.
        let n = Int.random(in: 3...40, using: &generator)
        var ring = (0..<n).map { k -> PlanarPoint in
            let angle = 2 * Double.pi * (Double(k) + Double.random(in: 0..<0.5, using: &generator)) / Double(n)
            let r = Double.random(in: 50...300, using: &generator)
            return PlanarPoint(x: r * cos(angle), y: r * sin(angle))
        }
        let open = round.isMultiple(of: 2)
        if !open { ring.append(ring[0]) }
        let polygon = PlanarPolygon(outerRings: [ring])
        let closed = PlanarPolygon(outerRings: [open ? ring + [ring[0]] : ring])
        #expect(polygon.areaSquareMetres(inside: window) == closed.areaSquareMetres, "round \(round)")
        // One vertex moved out along its ray (the ring stays simple): cut at the window's edge, it loses area.
        var stray = ring
        stray[0] = PlanarPoint(x: stray[0].x * 20, y: stray[0].y * 20)
        if !open { stray[stray.count - 1] = stray[0] }
        let whole = PlanarPolygon(outerRings: [open ? stray + [stray[0]] : stray])
        #expect(PlanarPolygon(outerRings: [stray]).areaSquareMetres(inside: window) < whole.areaSquareMetres, "round \(round)")
    }
}

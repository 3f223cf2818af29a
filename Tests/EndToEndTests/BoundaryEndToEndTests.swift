import Foundation
import Testing
import WalkshedTestSupport

/// Rows of a population.csv keyed by their `lon,lat` fields.
private func populationRows(_ folder: URL) throws -> (header: String, rows: [String: String]) {
    let lines = try String(contentsOf: folder.appendingPathComponent("population.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
    var rows: [String: String] = [:]
    for line in lines.dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        rows["\(fields[0]),\(fields[1])"] = line
    }
    return (lines[0], rows)
}

/// A municipality cut out of the Porto extract by --bbox: every resident inside gets exactly the
/// values an analysis of the whole extract gives it (searches stopping at the budget), although
/// the clipped network is a small part of the whole; cells outside the box are not written.
@Test(.enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/data"))
func aBoxOfPortoEqualsTheWholeExtractThere() throws {
    let extract = RepositoryPaths.sharedData("porto.osm.pbf")
    let root = RepositoryPaths.temporaryFolder("boundary")
    var random = SeededRandom(seed: 3)
    var csv = "lon,lat,population\n"
    for _ in 0..<800 {
        let lon = Double.random(in: -8.645 ... -8.565, using: &random), lat = Double.random(in: 41.125...41.175, using: &random)
        csv += "\(String(format: "%.6f", lon)),\(String(format: "%.6f", lat)),\(Int.random(in: 1...9, using: &random))\n"
    }
    let people = root.appendingPathComponent("people.csv").path
    try csv.write(toFile: people, atomically: true, encoding: .utf8)
    let (west, south, east, north) = (-8.62, 41.14, -8.59, 41.16)
    let whole = root.appendingPathComponent("whole"), clipped = root.appendingPathComponent("clipped")
    let a = try CommandRunner.run(["analyze", extract, "--out", whole.path, "--quiet", "--population", people, "--max-minutes", "15"])
    #expect(a.status == 0, "\(a.stderr)")
    let b = try CommandRunner.run(["analyze", extract, "--out", clipped.path, "--quiet", "--population", people,
                                   "--bbox", "\(west),\(south),\(east),\(north)", "--format", "geotiff,csv"])
    #expect(b.status == 0, "\(b.stderr)")
    let wholeRows = try populationRows(whole), clippedRows = try populationRows(clipped)
    #expect(wholeRows.header == clippedRows.header)
    let inside = wholeRows.rows.filter { key, _ in
        let p = key.split(separator: ",").map { Double($0)! }
        return p[0] > west && p[0] < east && p[1] > south && p[1] < north
    }
    #expect(inside.count > 100 && clippedRows.rows.count == inside.count)
    for (key, row) in inside { #expect(clippedRows.rows[key] == row, "resident at \(key)") }
    // The clipped network is a fraction of the whole; every written cell lies in the box.
    let wholeNodes = ((try json(whole.appendingPathComponent("summary.json")))["network"] as! [String: Any])["nodes"] as! Int
    let clippedNodes = ((try json(clipped.appendingPathComponent("summary.json")))["network"] as! [String: Any])["nodes"] as! Int
    #expect(clippedNodes * 5 < wholeNodes, "\(clippedNodes) of \(wholeNodes) nodes")
    let cells = try String(contentsOf: clipped.appendingPathComponent("cells.csv"), encoding: .utf8).split(separator: "\n")
    let header = cells[0].split(separator: ",").map(String.init)
    let lon = header.firstIndex(of: "lon")!, lat = header.firstIndex(of: "lat")!
    #expect(cells.count > 100)
    for row in cells.dropFirst() {
        let f = row.split(separator: ",", omittingEmptySubsequences: false)
        let x = Double(f[lon])!, y = Double(f[lat])!
        #expect(x > west - 0.001 && x < east + 0.001 && y > south - 0.001 && y < north + 0.001)
    }
}

//  footway along 60.170 from 24.930 to 24.950; bakery at 24.9405, just east of the boundary at
//  24.940; a resident at 24.9395, just inside; a second bakery 3 km east, beyond every margin.
@Test func aResidentJustInsideTheLineReachesAShopJustOutside() throws {
    let root = RepositoryPaths.temporaryFolder("boundary-line")
    let osm = """
    <osm version="0.6">
    <node id="1" lat="60.170" lon="24.930"/>
    <node id="2" lat="60.170" lon="24.9405"><tag k="shop" v="bakery"/></node>
    <node id="3" lat="60.170" lon="24.950"/>
    <node id="4" lat="60.170" lon="24.990"/>
    <node id="5" lat="60.170" lon="25.000"><tag k="shop" v="bakery"/></node>
    <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="footway"/></way>
    <way id="11"><nd ref="4"/><nd ref="5"/><tag k="highway" v="footway"/></way>
    </osm>
    """
    let extract = root.appendingPathComponent("line.osm").path
    try osm.write(toFile: extract, atomically: true, encoding: .utf8)
    let people = root.appendingPathComponent("people.csv").path
    try "lon,lat,population\n24.9395,60.1700,10\n24.9420,60.1700,5\n".write(toFile: people, atomically: true, encoding: .utf8)
    let boundary = root.appendingPathComponent("districts.geojson").path
    try """
    {"type": "FeatureCollection", "features": [
     {"type": "Feature", "properties": {"name": "West"}, "geometry": {"type": "Polygon",
      "coordinates": [[[24.920, 60.160], [24.940, 60.160], [24.940, 60.180], [24.920, 60.180], [24.920, 60.160]]]}},
     {"type": "Feature", "properties": {"name": "East"}, "geometry": {"type": "Polygon",
      "coordinates": [[[24.940, 60.160], [24.960, 60.160], [24.960, 60.180], [24.940, 60.180], [24.940, 60.160]]]}}]}
    """.write(toFile: boundary, atomically: true, encoding: .utf8)
    let out = root.appendingPathComponent("west")
    let run = try CommandRunner.run(["analyze", extract, "--out", out.path, "--quiet", "--all-components", "--population", people,
                                     "--boundary", boundary, "--boundary-feature", "name=West", "--cell", "50"])
    #expect(run.status == 0, "\(run.stderr)")
    let (header, rows) = try populationRows(out)
    #expect(rows.count == 1)   // the resident east of the line is not in West
    let food = header.split(separator: ",").firstIndex(of: "food_minutes")!
    let minutes = Double(rows["24.9395,60.1700"]!.split(separator: ",", omittingEmptySubsequences: false)[food])!
    // 0.001° of longitude at 60.17° is 55.5 m: 0.69 minutes at 4.8 km/h.
    #expect(abs(minutes - 0.69) <= 0.02, "\(minutes)")
    let summary = try json(out.appendingPathComponent("summary.json"))
    #expect((summary["destinations"] as! [String: Any])["food"].map { ($0 as! [String: Any])["count"] as! Int } == 1)

    let ambiguous = try CommandRunner.run(["analyze", extract, "--out", root.appendingPathComponent("x").path, "--boundary", boundary])
    #expect(ambiguous.status != 0 && ambiguous.stderr.contains("2 features; choose one with --boundary-feature <key>=<value>"), "\(ambiguous.stderr)")
    let missing = try CommandRunner.run(["analyze", extract, "--out", root.appendingPathComponent("y").path, "--boundary", boundary,
                                         "--boundary-feature", "name=North"])
    #expect(missing.status != 0 && missing.stderr.contains("no feature has name=North"), "\(missing.stderr)")
    let both = try CommandRunner.run(["analyze", extract, "--out", "z", "--boundary", boundary, "--bbox", "1,2,3,4"])
    #expect(both.status == 64 && both.stderr.hasPrefix("Error: give --boundary or --bbox, not both"))
    let box = try CommandRunner.run(["analyze", extract, "--out", "z", "--bbox", "24.95,60,24.94,61"])
    #expect(box.status == 64 && box.stderr.hasPrefix("Error: option '--bbox' takes west,south,east,north in degrees"))
}

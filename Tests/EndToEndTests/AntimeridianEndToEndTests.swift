import Foundation
import Testing
import WalkshedTestSupport

/// A 12 × 12 street grid (200 m apart) around `centreLongitude`, 17° S (Fiji), with a park in
/// one corner and a shop, as OSM XML; longitudes past 180° are written as they are in OSM
/// (−180 … 180).
private func gridCity(centreLongitude: Double) -> String {
    let step = 200 / (111_320 * cos(17 * Double.pi / 180)), latStep = 200 / 110_574.0
    func lon(_ i: Int) -> String {
        var value = centreLongitude + (Double(i) - 5.5) * step
        if value >= 180 { value -= 360 }
        return String(format: "%.7f", value)
    }
    func lat(_ j: Int) -> String { String(format: "%.7f", -17 + (Double(j) - 5.5) * latStep) }
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\">\n"
    for j in 0..<12 { for i in 0..<12 { xml += "<node id=\"\(1 + j * 12 + i)\" lat=\"\(lat(j))\" lon=\"\(lon(i))\"/>\n" } }
    xml += "<node id=\"1000\" lat=\"\(lat(8))\" lon=\"\(lon(8))\"><tag k=\"shop\" v=\"supermarket\"/></node>\n"
    var way = 1
    for j in 0..<12 {
        xml += "<way id=\"\(way)\">" + (0..<12).map { "<nd ref=\"\(1 + j * 12 + $0)\"/>" }.joined() + "<tag k=\"highway\" v=\"residential\"/></way>\n"
        way += 1
    }
    for i in 0..<12 {
        xml += "<way id=\"\(way)\">" + (0..<12).map { "<nd ref=\"\(1 + $0 * 12 + i)\"/>" }.joined() + "<tag k=\"highway\" v=\"residential\"/></way>\n"
        way += 1
    }
    // A park over the block between nodes (1,1) and (2,2), its corners on the streets.
    let corners = [1 + 12 + 1, 1 + 12 + 2, 1 + 24 + 2, 1 + 24 + 1, 1 + 12 + 1]
    xml += "<way id=\"500\">" + corners.map { "<nd ref=\"\($0)\"/>" }.joined() + "<tag k=\"leisure\" v=\"park\"/><tag k=\"name\" v=\"Corner\"/></way>\n"
    return xml + "</osm>\n"
}

/// An extract straddling 180° (179.978° … −179.998°) is projected into the zone west of 180° (60 south, EPSG 32760), not
/// the zone on the other side of the globe, and gives the very grids of the same city placed
/// 6° west (zone 59, the same place within its zone).
@Test func anExtractAcrossTheAntimeridianIsProjectedInItsOwnZone() throws {
    let root = RepositoryPaths.temporaryFolder("antimeridian")
    var grids: [String: [String: String]] = [:]
    for (name, centre) in [("across", 179.99), ("west", 173.99)] {
        let extract = root.appendingPathComponent("\(name).osm").path
        try gridCity(centreLongitude: centre).write(toFile: extract, atomically: true, encoding: .utf8)
        let out = root.appendingPathComponent(name)
        let run = try CommandRunner.run(["analyze", extract, "--out", out.path, "--quiet", "--format", "asc"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("park_minutes                     1"), "\(run.stdout)")
        var files: [String: String] = [:]
        for measure in ["park_minutes", "food_minutes", "categories_within"] {
            files[measure] = try String(contentsOf: out.appendingPathComponent("\(measure).asc"), encoding: .utf8)
        }
        files["prj"] = try String(contentsOf: out.appendingPathComponent("park_minutes.prj"), encoding: .utf8)
        grids[name] = files
    }
    #expect(grids["across"]!["prj"]!.contains("WGS_1984_UTM_Zone_60S"))
    #expect(grids["west"]!["prj"]!.contains("WGS_1984_UTM_Zone_59S"))
    for measure in ["park_minutes", "food_minutes", "categories_within"] {
        #expect(grids["across"]![measure] == grids["west"]![measure], "\(measure)")
    }
}

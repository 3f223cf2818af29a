import Foundation
import Testing
import WalkshedTestSupport

func xmlFile(_ body: String, _ name: String) -> String {
    RepositoryPaths.temporaryFile(Array("<osm version=\"0.6\">\n\(body)</osm>\n".utf8), name, label: "broken-data")
}

func analyzeSummary(_ path: String, _ extra: [String] = []) throws -> (CommandRunner.Outcome, [String: Any], URL) {
    let out = RepositoryPaths.temporaryFolder("broken-out").appendingPathComponent("result")
    let outcome = try CommandRunner.run(["analyze", path, "--out", out.path, "--quiet", "--format", "all"] + extra)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
    return (outcome, summary, out)
}

func warnings(_ summary: [String: Any]) -> [String: Int] { summary["warnings"] as! [String: Int] }

@Test func noWalkableWaysGivesAnAllNodataGridAndSaysWhy() throws {
    let path = xmlFile("""
    <node id="1" lat="60.17" lon="24.94"><tag k="shop" v="bakery"/></node>
    <node id="2" lat="60.171" lon="24.941"/>
    <way id="3"><nd ref="1"/><nd ref="2"/><tag k="highway" v="motorway"/></way>
    """, "no-walk.osm")
    let (outcome, summary, out) = try analyzeSummary(path)
    #expect(warnings(summary)["no walkable network"] == 1)
    #expect(outcome.stdout.contains("warnings: 1 no walkable network"))
    #expect((summary["grid"] as! [String: Any])["cells_on_network"] as! Int == 0)
    let csv = try String(contentsOf: out.appendingPathComponent("cells.csv"), encoding: .utf8)
    #expect(csv.split(separator: "\n").count == 1)   // header only
    let asc = try String(contentsOf: out.appendingPathComponent("food_minutes.asc"), encoding: .utf8)
    #expect(asc.split(separator: "\n").dropFirst(6).allSatisfy { $0.split(separator: " ").allSatisfy { $0 == "-9999" } })
}

@Test func singleNodeFileIsAValidEmptyResult() throws {
    let (_, summary, _) = try analyzeSummary(xmlFile("<node id=\"1\" lat=\"0.5\" lon=\"0.5\"/>\n", "one-node.osm"))
    #expect((summary["network"] as! [String: Any])["nodes"] as! Int == 0)
    #expect(warnings(summary)["no walkable network"] == 1)
}

//  island A: 1 ── 2 (bakery at 2)          island B, 2 km east: 3 ── 4 (no shop)
@Test func disconnectedIslandsWithoutDestinationsAreNodata() throws {
    let path = xmlFile("""
    <node id="1" lat="60.170" lon="24.940"/>
    <node id="2" lat="60.170" lon="24.944"><tag k="shop" v="bakery"/></node>
    <node id="3" lat="60.170" lon="24.980"/>
    <node id="4" lat="60.170" lon="24.984"/>
    <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way>
    <way id="11"><nd ref="3"/><nd ref="4"/><tag k="highway" v="footway"/></way>
    """, "islands.osm")
    let (_, summary, out) = try analyzeSummary(path, ["--all-components"])
    #expect((summary["network"] as! [String: Any])["components"] as! Int == 2)
    #expect(warnings(summary)["no destinations of a category"] == 7)   // everything but food
    let rows = try String(contentsOf: out.appendingPathComponent("cells.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
    let header = try String(contentsOf: out.appendingPathComponent("cells.csv"), encoding: .utf8).split(separator: "\n")[0].split(separator: ",")
    let food = header.firstIndex(of: "food_minutes")!, lon = header.firstIndex(of: "lon")!
    let cells = rows.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    let west = cells.filter { Double($0[lon])! < 24.96 }, east = cells.filter { Double($0[lon])! > 24.96 }
    #expect(!west.isEmpty && west.allSatisfy { !$0[food].isEmpty })
    #expect(!east.isEmpty && east.allSatisfy { $0[food].isEmpty })   // unreachable: empty, not 0
}

@Test func noParksIsExplicit() throws {
    let path = xmlFile("""
    <node id="1" lat="60.170" lon="24.940"/>
    <node id="2" lat="60.170" lon="24.944"/>
    <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
    """, "no-parks.osm")
    let (outcome, summary, _) = try analyzeSummary(path)
    #expect(warnings(summary)["no parks"] == 1)
    #expect(outcome.stdout.contains("park_minutes                     0           -            0.0%"))
}

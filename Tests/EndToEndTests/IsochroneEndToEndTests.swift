import Foundation
import Testing
import WalkshedTestSupport

@Test func isochroneWritesNestedAreasAndReachedEdges() throws {
    let out = RepositoryPaths.temporaryFolder("isochrone").appendingPathComponent("iso.geojson").path
    let outcome = try CommandRunner.run(["isochrone", RepositoryPaths.network("helsinki.osm.pbf"), "--from", "24.9410,60.1699",
                                         "--minutes", "5,10,15", "-o", out, "--quiet"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.hasPrefix("5.0 min: ") && outcome.stdout.hasSuffix("Wrote \(out)\n"), "\(outcome.stdout)")
    let root = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
    #expect(root["type"] as? String == "FeatureCollection")
    let features = root["features"] as! [[String: Any]]
    let areas = features.filter { ($0["properties"] as! [String: Any])["kind"] as? String == "area" }
    #expect(areas.map { ($0["properties"] as! [String: Any])["minutes"] as! Double } == [15, 10, 5])
    var edgesByBudget: [Double: Set<Int>] = [:]
    var metresByBudget: [Double: Double] = [:]
    for f in features where (f["properties"] as! [String: Any])["kind"] as? String == "edge" {
        let p = f["properties"] as! [String: Any], minutes = p["minutes"] as! Double
        edgesByBudget[minutes, default: []].insert(p["edge"] as! Int)
        metresByBudget[minutes, default: 0] += p["metres"] as! Double
        let geometry = f["geometry"] as! [String: Any]
        #expect(geometry["type"] as? String == "LineString" && (geometry["coordinates"] as! [[Double]]).count >= 2)
    }
    #expect(edgesByBudget[5]!.isSubset(of: edgesByBudget[10]!) && edgesByBudget[10]!.isSubset(of: edgesByBudget[15]!))
    for area in areas {
        let p = area["properties"] as! [String: Any], minutes = p["minutes"] as! Double
        // The area's summary agrees with its edge features (printed to 0.1 m each).
        #expect(abs((p["reached_metres"] as! Double) - metresByBudget[minutes]!) < 0.05 * Double(edgesByBudget[minutes]!.count) + 0.1)
        #expect(p["reached_edges"] as? Int == edgesByBudget[minutes]!.count)
        let geometry = area["geometry"] as! [String: Any]
        #expect(["Polygon", "MultiPolygon"].contains(geometry["type"] as! String))
    }
    // At 4.8 km/h a 5-minute walk covers at most 400 m of any one street: far less network than 15 minutes.
    #expect(metresByBudget[5]! < metresByBudget[15]! / 2)
}

@Test func isochroneRejectsAStartOffTheNetworkAndBadOptions() throws {
    let extract = RepositoryPaths.network("helsinki.osm.pbf")
    let far = try CommandRunner.run(["isochrone", extract, "--from", "25.5,60.5", "--quiet"])
    #expect(far.status == 1 && far.stderr.contains("\(extract): error: no walk network within 300 m of --from 25.5,60.5"), "\(far.stderr)")
    let bad = try CommandRunner.run(["isochrone", extract, "--from", "60.1699"])
    #expect(bad.status == 64 && bad.stderr.hasPrefix("Error: option '--from' takes lon,lat in degrees"))
    let minutes = try CommandRunner.run(["isochrone", extract, "--from", "24.94,60.17", "--minutes", "5,-1"])
    #expect(minutes.status == 64 && minutes.stderr.hasPrefix("Error: option '--minutes' takes positive minutes"))
}

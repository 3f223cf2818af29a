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

/// `--from-file`: one isochrone per point, each feature carrying its point's id, and each
/// point's features those of a run from that point alone; a point off the network is skipped
/// with a warning naming it, and a file of polygons is refused.
@Test func isochronesFromManyPointsKeepTheirIds() throws {
    let root = RepositoryPaths.temporaryFolder("isochrone-many")
    let starts = RepositoryPaths.temporaryFile(Array("id,lon,lat\nkallio,24.9434,60.1705\nfar,25.5,60.5\nesplanadi,24.9470,60.1675\n".utf8),
                                               "starts.csv", label: "isochrone-starts")
    let many = root.appendingPathComponent("many.geojson").path
    let run = try CommandRunner.run(["isochrone", sample, "--from-file", starts, "--minutes", "5,10", "-o", many, "--quiet"])
    #expect(run.status == 0)
    #expect(run.stderr == "walkshed: warning: no walk network within 300 m of point far of \(starts) (25.5,60.5); skipped\n")
    let features = (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: many))) as! [String: Any])["features"] as! [[String: Any]]
    for (id, from) in [("kallio", "24.9434,60.1705"), ("esplanadi", "24.9470,60.1675")] {
        let single = root.appendingPathComponent("\(id).geojson").path
        #expect(try CommandRunner.run(["isochrone", sample, "--from", from, "--minutes", "5,10", "-o", single, "--quiet"]).status == 0)
        let alone = (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: single))) as! [String: Any])["features"] as! [[String: Any]]
        let mine = features.filter { ($0["properties"] as! [String: Any])["id"] as? String == id }.map { feature -> NSDictionary in
            var f = feature, p = feature["properties"] as! [String: Any]
            p["id"] = nil
            f["properties"] = p
            return NSDictionary(dictionary: f)
        }
        #expect(mine.count == alone.count && mine == alone.map { NSDictionary(dictionary: $0) }, "\(id)")
    }
    let polygons = RepositoryPaths.temporaryFile(Array(helsinkiDistricts.utf8), "districts.geojson", label: "isochrone-polygons")
    let refused = try CommandRunner.run(["isochrone", sample, "--from-file", polygons, "--quiet"])
    #expect(refused.status == 1 && refused.stderr == "\(polygons): error: holds polygons; isochrones start from points\n")
    let both = try CommandRunner.run(["isochrone", sample, "--from-file", starts, "--from", "24.94,60.17"])
    #expect(both.status == 64 && both.stderr.hasPrefix("Error: give --from or --from-file, not both\n"))
}

import Foundation
import Testing
import WalkshedTestSupport

/// On the Helsinki sample (residents from buildings), parks within 2 minutes: the first
/// suggested park's gain equals what `walkshed scenario` measures when that park is added.
@Test func suggestedParkGainsMatchAScenarioRun() throws {
    let root = RepositoryPaths.temporaryFolder("suggest-parks")
    let extract = RepositoryPaths.network("helsinki.osm.pbf")
    let out = root.appendingPathComponent("parks").path
    let outcome = try CommandRunner.run(["suggest", "parks", extract, "--population", "buildings", "--minutes", "2", "--count", "3",
                                         "--out", out, "--quiet"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("residents within reach of a park today 3397 of 4305 (78.9 %)"))
    let csv = try String(contentsOfFile: "\(out)/suggested_parks.csv", encoding: .utf8).split(separator: "\n")
    #expect(csv.count == 4 && csv[1].hasPrefix("1,92,cell 92,24.936") && csv[1].contains(",0.500,350.71,3747.31,") && csv[3].contains(",4121.50,"))
    let grid = try String(contentsOfFile: "\(out)/marginal_gain.asc", encoding: .utf8)
    #expect(grid.hasPrefix("ncols") && grid.contains(" 350.71"))
    // The same park as a scenario: 351 residents (rounded in the table) gain a park within 2 minutes.
    let geojson = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/suggested_parks.geojson"))) as! [String: Any]
    let geometry = ((geojson["features"] as! [[String: Any]])[0]["geometry"])!
    let scenario: [String: Any] = ["version": 1, "name": "pick1", "edits": [["type": "add_park", "geometry": geometry]]]
    let file = RepositoryPaths.temporaryFile(Array(try JSONSerialization.data(withJSONObject: scenario)), "pick1.json", label: "suggest-pick1")
    let run = try CommandRunner.run(["scenario", extract, file, "--population", "buildings", "--minutes", "2",
                                     "--out", root.appendingPathComponent("scenario").path, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let table = try String(contentsOfFile: root.appendingPathComponent("scenario/scenarios.csv").path, encoding: .utf8)
    let row = table.split(separator: "\n").first { $0.hasPrefix("pick1,walk,residents,park_minutes,") }!
    let gain = Double(row.split(separator: ",")[6])!
    let suggested = Double(csv[1].split(separator: ",")[6])!
    #expect(abs(gain - suggested) < 0.01, "\(row) vs \(csv[1])")
}

@Test func suggestedLinksReportExactCumulativeCoverage() throws {
    let root = RepositoryPaths.temporaryFolder("suggest-links")
    let out = root.appendingPathComponent("links").path
    let outcome = try CommandRunner.run(["suggest", "links", RepositoryPaths.network("helsinki.osm.pbf"), "--population", "buildings",
                                         "--measure", "education", "--minutes", "5", "--out", out, "--quiet"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    // One 29 m link where the walk today is 273 m brings 819 residents within 5 minutes of a
    // school (1,516 → 2,335), and a 30 m one 126 more: 2,461.
    let csv = try String(contentsOfFile: "\(out)/suggested_links.csv", encoding: .utf8).split(separator: "\n")
    #expect(csv.count == 3 && csv[1].hasPrefix("1,24.9") && csv[1].contains(",273,") && csv[1].hasSuffix(",819.07,2805.11,2335.36,0.542513"), "\(csv)")
    #expect(csv[2].hasSuffix(",125.73,416.62,2461.09,0.571721"))
    let usage = try CommandRunner.run(["suggest", "lakes", RepositoryPaths.network("helsinki.osm.pbf"), "--out", out])
    #expect(usage.status == 64 && usage.stderr.contains("expected 'parks', 'links' or 'greenway-links' and <extract>"))
    let missing = try CommandRunner.run(["suggest", "parks", RepositoryPaths.network("helsinki.osm.pbf"), "--out", out])
    #expect(missing.status == 64 && missing.stderr.contains("missing --population"))
}

/// Candidate sites from a GeoJSON file: too-small polygons are skipped, features are named by
/// `properties.name` or `id`; a non-polygon feature is an error naming its place.
@Test func suggestedParksFromACandidateFile() throws {
    func square(_ x: Double, _ y: Double, _ d: Double) -> String { "[[[\(x), \(y)], [\(x + d), \(y)], [\(x + d), \(y + d)], [\(x), \(y + d)], [\(x), \(y)]]]" }
    let text = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"name": "Kallio lot"}, "geometry": {"type": "Polygon", "coordinates": \(square(24.9342, 60.1796, 0.0016))}},
          {"type": "Feature", "id": 7, "properties": {}, "geometry": {"type": "Polygon", "coordinates": \(square(24.9350, 60.1662, 0.0014))}},
          {"type": "Feature", "properties": {"name": "tiny"}, "geometry": {"type": "Polygon", "coordinates": \(square(24.94, 60.17, 0.00001))}}]}
        """
    let sites = RepositoryPaths.temporaryFile(Array(text.utf8), "sites.geojson", label: "suggest-sites")
    let root = RepositoryPaths.temporaryFolder("suggest-file")
    let out = root.appendingPathComponent("out").path
    let outcome = try CommandRunner.run(["suggest", "parks", RepositoryPaths.network("helsinki.osm.pbf"), "--population", "buildings",
                                         "--minutes", "2", "--candidates", sites, "--out", out, "--quiet"])
    #expect(outcome.status == 0 && outcome.stdout.contains("(walk, 2 min, 2 candidates)"), "\(outcome.stderr)")
    let csv = try String(contentsOfFile: "\(out)/suggested_parks.csv", encoding: .utf8).split(separator: "\n")
    #expect(csv.count == 2 && csv[1].hasPrefix("1,1,7,24.9357"), "\(csv)")
    #expect(!FileManager.default.fileExists(atPath: "\(out)/marginal_gain.asc"))
    let bad = RepositoryPaths.temporaryFile(Array(#"{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [0, 0]}}]}"#.utf8),
                                            "bad.geojson", label: "suggest-bad")
    let failed = try CommandRunner.run(["suggest", "parks", RepositoryPaths.network("helsinki.osm.pbf"), "--population", "buildings",
                                        "--candidates", bad, "--out", root.appendingPathComponent("bad").path, "--quiet"])
    #expect(failed.status == 1 && failed.stderr.contains("\(bad): features[0].geometry.type: error: expected Polygon or MultiPolygon, got 'Point'"))
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("bad/suggested_parks.csv").path))
}

@Test func greenwayLinkOptionsAreChecked() throws {
    let out = RepositoryPaths.temporaryFolder("suggest-greenway").path
    let objective = try CommandRunner.run(["suggest", "greenway-links", RepositoryPaths.network("helsinki.osm.pbf"), "--out", out, "--objective", "views"])
    #expect(objective.status == 64 && objective.stderr.hasPrefix("Error: option '--objective' takes one of parks, length, residents, got 'views'\n"))
    let residents = try CommandRunner.run(["suggest", "greenway-links", RepositoryPaths.network("helsinki.osm.pbf"), "--out", out, "--objective", "residents"])
    #expect(residents.status == 64 && residents.stderr.hasPrefix("Error: missing --population <file>: the residents objective counts residents\n"))
    let misplaced = try CommandRunner.run(["suggest", "parks", RepositoryPaths.network("helsinki.osm.pbf"), "--out", out, "--objective", "parks"])
    #expect(misplaced.status == 64 && misplaced.stderr.hasPrefix("Error: option '--objective' is for greenway-links\n"))
}

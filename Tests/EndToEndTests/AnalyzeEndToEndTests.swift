import Foundation
import Testing
import WalkshedTestSupport

let measureNames = ["park_minutes", "food_minutes", "healthcare_minutes", "education_minutes", "transit_minutes",
                    "civic_minutes", "culture_minutes", "work_minutes", "eating_minutes", "categories_within"]

func json(_ path: URL) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as! [String: Any]
}

/// Runs `analyze` with every format and checks that every file is there and that the files
/// agree with each other (the GeoTIFF values with the ASCII grid's, where the GeoTIFF tests
/// check the format itself).
func analyzeAndCheck(_ extract: String, threads: Int = 2, extra: [String] = [], withPopulation: Bool = false) throws -> (URL, [String: Any]) {
    let out = RepositoryPaths.temporaryFolder("analyze").appendingPathComponent("result")
    let outcome = try CommandRunner.run(["analyze", extract, "--out", out.path, "--threads", String(threads), "--format", "all"] + extra)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let expected = (measureNames.flatMap { ["\($0).tif", "\($0).asc", "\($0).prj"] } + ["cells.csv", "cells.geojson", "summary.json", "map.json.gz"]
                    + (withPopulation ? ["population.csv"] : [])).sorted()
    #expect(outcome.stdout.contains("Wrote \(expected.count) files to \(out.path)/"))
    #expect(outcome.stderr.contains("walkshed: [") && outcome.stderr.contains("reading nodes"))
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(files == expected)
    let summary = try json(out.appendingPathComponent("summary.json"))
    let grid = summary["grid"] as! [String: Any]
    let (columns, rows, onNetwork) = (grid["columns"] as! Int, grid["rows"] as! Int, grid["cells_on_network"] as! Int)
    for name in measureNames {
        let asc = try String(contentsOf: out.appendingPathComponent("\(name).asc"), encoding: .utf8)
        let lines = asc.split(separator: "\n")
        #expect(lines[0] == "ncols        \(columns)" && lines[1] == "nrows        \(rows)")
        #expect(lines.count == 6 + rows && lines[6].split(separator: " ").count == columns)
    }
    let csv = try String(contentsOf: out.appendingPathComponent("cells.csv"), encoding: .utf8)
    #expect(csv.split(separator: "\n").count == 1 + onNetwork)
    let geojson = try json(out.appendingPathComponent("cells.geojson"))
    #expect((geojson["features"] as! [Any]).count == onNetwork)
    return (out, summary)
}

@Test func analyzeTheHelsinkiSample() throws {
    let (_, summary) = try analyzeAndCheck(RepositoryPaths.network("helsinki.osm.pbf"))
    let input = summary["input"] as! [String: Any]
    // Object counts from libosmium; 912 of 11,974 highway references are clipped (data README).
    #expect(input["osm_nodes"] as! Int == 24_260 && input["osm_ways"] as! Int == 5_130)
    #expect(input["missing_highway_node_references"] as! Int == 912)
    let destinations = summary["destinations"] as! [String: Any]
    #expect((destinations["park"] as! [String: Any])["count"] as! Int > 0)
    let measures = summary["measures"] as! [[String: Any]]
    #expect(measures.map { $0["name"] as! String } == measureNames)
    let parkShare = measures[0]["share_meeting_budget"] as! Double
    #expect(parkShare > 0.5 && parkShare <= 1)
}

@Test func analyzeTheXMLSample() throws {
    let (_, summary) = try analyzeAndCheck(RepositoryPaths.network("helsinki-test.osm"))
    #expect((summary["input"] as! [String: Any])["format"] as! String == "OSM XML")
}

@Test func oneAndTwoThreadsWriteIdenticalFiles() throws {
    let (a, _) = try analyzeAndCheck(RepositoryPaths.network("helsinki.osm.pbf"), threads: 1)
    let (b, _) = try analyzeAndCheck(RepositoryPaths.network("helsinki.osm.pbf"), threads: 2)
    for name in try FileManager.default.contentsOfDirectory(atPath: a.path) {
        var x = try Data(contentsOf: a.appendingPathComponent(name)), y = try Data(contentsOf: b.appendingPathComponent(name))
        if name == "summary.json" {
            // Only "run" (threads and wall times) may differ; it is the last member.
            func cut(_ d: Data) -> Data { Data(String(decoding: d, as: UTF8.self).components(separatedBy: "\"run\":")[0].utf8) }
            x = cut(x); y = cut(y)
        }
        #expect(x == y, "\(name) differs between 1 and 2 threads")
    }
}

/// Object counts from the data README (libosmium): nodes / ways.
@Test(.enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/data"),
      arguments: [("porto-alegre.osm.pbf", 43_264, 16_032), ("oslo-east.osm.pbf", 85_249, 14_893), ("nanjing-central.osm", 12_975, 1_920)])
func analyzeSharedExtracts(file: String, nodes: Int, ways: Int) throws {
    let (_, summary) = try analyzeAndCheck(RepositoryPaths.sharedData(file))
    let input = summary["input"] as! [String: Any]
    #expect(input["osm_nodes"] as! Int == nodes && input["osm_ways"] as! Int == ways)
    let info = try CommandRunner.run(["info", RepositoryPaths.sharedData(file), "--quiet"])
    #expect(info.status == 0 && info.stdout.contains("osm objects:   \(nodes) nodes, \(ways) ways"))
    #expect(info.stderr.isEmpty)
}

@Test(.enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/data"))
func nanjingKeepsCJKNames() throws {
    let (out, _) = try analyzeAndCheck(RepositoryPaths.sharedData("nanjing-central.osm"))
    #expect(try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8).contains("\"utm_zone\": \"50N\""))
}

@Test(.enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/data"))
func portoAlegreWithItsPopulation() throws {
    let (out, summary) = try analyzeAndCheck(RepositoryPaths.sharedData("porto-alegre.osm.pbf"),
                                             extra: ["--population", RepositoryPaths.sharedData("porto-alegre.hexgrid.csv")],
                                             withPopulation: true)
    let population = summary["population"] as! [String: Any]
    #expect(population["residents"] as! Int == 812_935 && population["points"] as! Int == 1_227)   // data README
    let measures = population["measures"] as! [[String: Any]]
    #expect(measures.map { $0["name"] as! String } == measureNames)
    let rows = try String(contentsOf: out.appendingPathComponent("population.csv"), encoding: .utf8).split(separator: "\n")
    #expect(rows.count == 1 + 1_227)
    #expect(rows[0] == "id,lon,lat,population,schools,jobs,healthcare,snap_metres," + measureNames.joined(separator: ","))
}

@Test func wheelchairProfileIsReportedAndSlower() throws {
    let (_, walk) = try analyzeAndCheck(RepositoryPaths.network("helsinki.osm.pbf"))
    let (_, wheel) = try analyzeAndCheck(RepositoryPaths.network("helsinki.osm.pbf"), extra: ["--profile", "wheelchair"])
    let options = wheel["options"] as! [String: Any]
    #expect(options["profile"] as! String == "wheelchair" && options["speed_kmh"] as! Double == 3.6)
    func share(_ s: [String: Any], _ k: Int) -> Double { (s["measures"] as! [[String: Any]])[k]["share_meeting_budget"] as! Double }
    // Observed on this sample (not a theorem: the two profiles snap cells to different edges):
    // at 3.6 km/h and without steps or `wheelchair=no` ways, no category is within 15 minutes of
    // more cells than on foot; civic services drop from 99.4 % to 70.8 %.
    for k in 0..<measureNames.count - 1 { #expect(share(wheel, k) <= share(walk, k)) }
    #expect(share(wheel, 5) < 0.75 && share(walk, 5) > 0.99)
}

@Test func nearestKAddsMeanAndProximityLayers() throws {
    let sets = ["park", "food", "healthcare", "education", "transit", "civic", "culture", "work", "eating"]
    let nearestNames = sets.map { "\($0)_mean3_minutes" } + ["proximity_minutes"] + sets.map { "\($0)_nearest3_minutes" }
    let out = RepositoryPaths.temporaryFolder("nearest").appendingPathComponent("result")
    let outcome = try CommandRunner.run(["analyze", RepositoryPaths.network("helsinki.osm.pbf"), "--out", out.path, "--quiet", "--nearest", "3",
                                         "--format", "csv,geotiff"])
    #expect(outcome.status == 0 && outcome.stdout.contains("Wrote 31 files"))   // 29 layers + csv, summary
    let csv = try String(contentsOf: out.appendingPathComponent("cells.csv"), encoding: .utf8).split(separator: "\n")
    let header = csv[0].split(separator: ",").map(String.init)
    #expect(Array(header.suffix(19)) == nearestNames)
    let food = header.firstIndex(of: "food_minutes")!, food3 = header.firstIndex(of: "food_mean3_minutes")!
    let proximity = header.firstIndex(of: "proximity_minutes")!, foodThird = header.firstIndex(of: "food_nearest3_minutes")!
    let means = sets.map { header.firstIndex(of: "\($0)_mean3_minutes")! }
    var thirds = 0
    for row in csv.dropFirst() {
        let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // The mean of the 3 nearest is never below the nearest (2-decimal rounding aside).
        if let a = Double(f[food]), let b = Double(f[food3]) { #expect(b >= a - 0.01) }
        // The third nearest is never nearer than the mean of the three.
        if let b = Double(f[food3]), let c = Double(f[foodThird]) { #expect(c >= b - 0.01); thirds += 1 }
        // Proximity is the mean over the nine kinds.
        let values = means.compactMap { Double(f[$0]) }
        if values.count == sets.count, let p = Double(f[proximity]) { #expect(abs(p - values.reduce(0, +) / Double(sets.count)) < 0.01) }
    }
    #expect(thirds > 100)
    let usage = try CommandRunner.run(["analyze", "x", "--out", "o", "--nearest", "40"])
    #expect(usage.status == 64 && usage.stderr.hasPrefix("Error: option '--nearest' takes 1...32, got 40"))
}

@Test func countsAgreeWithNearestMinutes() throws {
    let out = RepositoryPaths.temporaryFolder("counts").appendingPathComponent("result")
    let outcome = try CommandRunner.run(["analyze", RepositoryPaths.network("helsinki.osm.pbf"), "--out", out.path, "--quiet",
                                         "--count-within", "10", "--decay", "step", "--format", "geotiff,csv"])
    #expect(outcome.status == 0 && outcome.stdout.contains("Wrote 30 files"))   // 28 layers + csv, summary
    let csv = try String(contentsOf: out.appendingPathComponent("cells.csv"), encoding: .utf8).split(separator: "\n")
    let header = csv[0].split(separator: ",").map(String.init)
    let minutes = header.firstIndex(of: "food_minutes")!, count = header.firstIndex(of: "food_count")!
    let weighted = header.firstIndex(of: "food_weighted")!
    var withFood = 0
    for row in csv.dropFirst() {
        let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let n = Int(f[count])!
        // At least one shop within 10 minutes exactly when the nearest is (minutes are rounded to 0.01).
        if let m = Double(f[minutes]), abs(m - 10) > 0.01 { #expect((n >= 1) == (m <= 10)) }
        #expect(Double(f[weighted])! == Double(n))   // the step weight is 1 per destination
        if n > 0 { withFood += 1 }
    }
    #expect(withFood > 100)
    let bad = try CommandRunner.run(["analyze", "x", "--out", "o", "--decay", "cubic"])
    #expect(bad.status == 64 && bad.stderr.hasPrefix("Error: option '--decay' takes step, linear,"))
}

@Test func greenwayLayersAgreeWithEachOther() throws {
    let out = RepositoryPaths.temporaryFolder("greenway").appendingPathComponent("result")
    let outcome = try CommandRunner.run(["analyze", RepositoryPaths.network("helsinki.osm.pbf"), "--out", out.path, "--quiet", "--greenway", "--format", "tif,csv"])
    #expect(outcome.status == 0 && outcome.stdout.contains("Wrote 14 files"), "\(outcome.stderr)")   // 12 layers + csv, summary
    #expect(outcome.stdout.contains("22.5 km greenway"))
    let csv = try String(contentsOf: out.appendingPathComponent("cells.csv"), encoding: .utf8).split(separator: "\n")
    let header = csv[0].split(separator: ",").map(String.init)
    let minutes = header.firstIndex(of: "greenway_minutes")!, metres = header.firstIndex(of: "greenway_metres")!
    var reaching = 0
    for row in csv.dropFirst() {
        let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let m = Double(f[minutes]), let length = Double(f[metres]) else { continue }
        // Greenway is reached within the budget exactly when some of it is; never more than the 22.5 km there are.
        if m > 15.01 { #expect(length == 0) }
        if m < 14.99 { #expect(length > 0); reaching += 1 }
        #expect(length <= 22_500)
    }
    #expect(reaching > 300)
}

@Test func severalProfilesInOneRunEqualSeparateRuns() throws {
    let extract = RepositoryPaths.network("helsinki.osm.pbf")
    let root = RepositoryPaths.temporaryFolder("profiles")
    let both = root.appendingPathComponent("both"), wheel = root.appendingPathComponent("wheel")
    let outcome = try CommandRunner.run(["analyze", extract, "--out", both.path, "--quiet", "--profile", "walk,wheelchair", "--format", "all"])
    #expect(outcome.status == 0 && outcome.stdout.contains("Wrote 67 files"), "\(outcome.stderr)")   // 2 × (10 layers × 3 + 3) + map
    #expect(try FileManager.default.contentsOfDirectory(atPath: both.path).sorted() == ["map.json.gz", "walk", "wheelchair"])
    let single = try CommandRunner.run(["analyze", extract, "--out", wheel.path, "--quiet", "--profile", "wheelchair", "--format", "all"])
    #expect(single.status == 0)
    for name in ["cells.csv", "cells.geojson", "park_minutes.asc", "categories_within.asc", "park_minutes.tif"] {
        #expect(try Data(contentsOf: both.appendingPathComponent("wheelchair/\(name)")) == Data(contentsOf: wheel.appendingPathComponent(name)), "\(name)")
    }
    let walk = try json(both.appendingPathComponent("walk/summary.json")), wheelchair = try json(both.appendingPathComponent("wheelchair/summary.json"))
    #expect((walk["options"] as! [String: Any])["profile"] as! String == "walk")
    #expect((wheelchair["options"] as! [String: Any])["profile"] as! String == "wheelchair")
    let again = try CommandRunner.run(["analyze", extract, "--out", both.path, "--quiet", "--profile", "walk,wheelchair"])
    #expect(again.status == 1 && again.stderr.contains("\(both.path)/walk: error: already holds results (categories_within.asc)"))
    let usage = try CommandRunner.run(["analyze", extract, "--out", both.path, "--profile", "walk,bike", "--speed-kmh", "5"])
    #expect(usage.status == 64 && usage.stderr.contains("option '--speed-kmh' applies to a single --profile"))
}

/// An elevation model over the Helsinki sample rising 12 % eastwards (UTM 35N, 50 m cells).
func eastwardSlope(in folder: URL) throws -> String {
    var text = "ncols 100\nnrows 100\nxllcorner 384000\nyllcorner 6670000\ncellsize 50\nNODATA_value -9999\n"
    for _ in 0..<100 { text += (0..<100).map { String(Double($0) * 50 * 0.12 + 3) }.joined(separator: " ") + "\n" }
    let path = folder.appendingPathComponent("slope.asc").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    try "PROJCS[\"WGS_1984_UTM_Zone_35N\",GEOGCS[\"GCS_WGS_1984\"]]".write(toFile: folder.appendingPathComponent("slope.prj").path,
                                                                       atomically: true, encoding: .utf8)
    return path
}

@Test func anElevationModelSlowsWalkersAndClosesSteepWaysToWheelchairs() throws {
    let extract = RepositoryPaths.network("helsinki.osm.pbf")
    let root = RepositoryPaths.temporaryFolder("dem")
    let dem = try eastwardSlope(in: root)
    func run(_ name: String, _ extra: [String]) throws -> [[String: Any]] {
        let out = root.appendingPathComponent(name)
        let outcome = try CommandRunner.run(["analyze", extract, "--out", out.path, "--quiet", "--profile", "walk,wheelchair"] + extra)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return try ["walk", "wheelchair"].map { try json(out.appendingPathComponent("\($0)/summary.json")) }
    }
    func mean(_ summary: [String: Any], _ k: Int) -> Double { (summary["measures"] as! [[String: Any]])[k]["mean"] as! Double }
    func share(_ summary: [String: Any], _ k: Int) -> Double { (summary["measures"] as! [[String: Any]])[k]["share_meeting_budget"] as! Double }
    let flat = try run("flat", []), sloped = try run("sloped", ["--dem", dem])
    #expect((sloped[0]["options"] as! [String: Any])["elevation_model"] as! String == dem)
    // Across a 12 % slope Tobler is slower both ways (factor e^−0.42 up, e^−0.07 down): every mean time grows on foot.
    let kinds = measureNames.count - 1
    for k in 0..<kinds { #expect(mean(sloped[0], k) > mean(flat[0], k), "measure \(k)") }
    // East–west stretches are steeper than 8 %: wheelchair users reach all eight kinds from fewer cells.
    #expect(share(sloped[1], kinds) < share(flat[1], kinds))

    let broken = root.appendingPathComponent("broken.asc").path
    try "ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n5 high\n".write(toFile: broken, atomically: true, encoding: .utf8)
    let bad = try CommandRunner.run(["analyze", extract, "--out", root.appendingPathComponent("bad").path, "--dem", broken])
    #expect(bad.status == 1 && bad.stderr.contains("\(broken): line 6: error: value 'high' at row 1, column 2 is not a number"))
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("bad").path))
}

/// Without --format an analysis writes one GeoTIFF per measure, summary.json and map.json.gz; the
/// cell tables and ASCII grids are opt-in, and an unknown format is a usage error.
@Test func defaultOutputsAreGeoTIFFs() throws {
    let out = RepositoryPaths.temporaryFolder("formats").appendingPathComponent("result")
    let outcome = try CommandRunner.run(["analyze", RepositoryPaths.network("helsinki.osm.pbf"), "--out", out.path, "--quiet"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(files == (measureNames.map { "\($0).tif" } + ["map.json.gz", "summary.json"]).sorted())
    #expect(outcome.stdout.contains("Wrote 12 files"))
    let rasters = try CommandRunner.run(["analyze", RepositoryPaths.network("helsinki.osm.pbf"), "--out", out.path + "-tif", "--quiet",
                                         "--format", "geotiff"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path + "-tif").sorted() == (measureNames.map { "\($0).tif" } + ["summary.json"]).sorted())
    #expect(rasters.stdout.contains("Wrote 11 files"))
    let tiff = try Data(contentsOf: out.appendingPathComponent("park_minutes.tif"))
    #expect(Array(tiff.prefix(4)) == [0x49, 0x49, 42, 0])
    let bad = try CommandRunner.run(["analyze", "x", "--out", "o", "--format", "geotiff,shapefile"])
    #expect(bad.status == 64 && bad.stderr.hasPrefix("Error: unknown format 'shapefile' in --format; known: geotiff, asc, csv, geojson, map, all"))
}

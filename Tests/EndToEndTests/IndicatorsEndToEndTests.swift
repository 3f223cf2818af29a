import Foundation
import Testing
import WalkshedTestSupport

let indicatorIDs = ["sdg_11_7_1", "sdg_11_2_1", "who_green_0_5ha", "who_green_1ha", "rule_3_30_300", "parkserve_10_minutes",
                    "mean20_park", "mean20_food", "mean20_healthcare", "mean20_education", "mean20_transit", "mean20_civic",
                    "mean20_culture", "mean20_work", "mean20_eating", "proximity_time", "f15", "proximity_gini"]

func runIndicators(_ arguments: [String], threads: Int = 2) throws -> (URL, CommandRunner.Outcome) {
    let out = RepositoryPaths.temporaryFolder("indicators").appendingPathComponent("result")
    let outcome = try CommandRunner.run(["indicators"] + arguments + ["--out", out.path, "--threads", String(threads)])
    return (out, outcome)
}

@Test func indicatorsForPortoAlegreWithCensusPopulationAndGTFS() throws {
    guard RepositoryPaths.hasSharedData else { return }
    let arguments = [RepositoryPaths.sharedData("porto-alegre.osm.pbf"),
                     "--population", RepositoryPaths.sharedData("porto-alegre.hexgrid.csv"),
                     "--gtfs", RepositoryPaths.sharedData("porto-alegre.gtfs-eptc.zip") + "," + RepositoryPaths.sharedData("porto-alegre.gtfs-trensurb.zip")]
    let (out, outcome) = try runIndicators(arguments, threads: 1)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.hasPrefix("population: 812935 residents at 1227 points from \(arguments[2])\n2 parks, "))
    #expect(outcome.stdout.contains("SDG 11.2.1 transit within 500 m / 1.0 km"))
    let document = try json(out.appendingPathComponent("indicators.json"))
    #expect((document["population"] as! [String: Any])["residents"] as! Double == 812_935)
    let indicators = document["indicators"] as! [[String: Any]]
    #expect(indicators.map { $0["id"] as! String } == indicatorIDs)
    for indicator in indicators where indicator["unit"] as! String == "share" {
        let values = indicator["values"] as! [String: Any]
        for profile in ["walk", "wheelchair"] {
            if let v = values[profile] as? Double { #expect(v >= 0 && v <= 1) }
        }
    }
    // Buses and the metro serve most of the city: SDG 11.2.1 is high, and wheelchair users reach no more than walkers.
    let transit = indicators[1]["values"] as! [String: Double]
    #expect(transit["walk"]! > 0.8 && transit["wheelchair"]! <= transit["walk"]!)
    let csv = try String(contentsOf: out.appendingPathComponent("indicators.csv"), encoding: .utf8).split(separator: "\n")
    #expect(csv.count == 1 + 2 * indicatorIDs.count && csv[0] == "id,profile,value,unit,title,definition")
    let perPoint = try String(contentsOf: out.appendingPathComponent("population.csv"), encoding: .utf8).split(separator: "\n")
    #expect(perPoint.count == 1 + 1227 && perPoint[0].hasPrefix("id,lon,lat,population,schools,jobs,healthcare,walk_open_space_metres"))

    // Two threads write the same bytes.
    let (again, outcome2) = try runIndicators(arguments, threads: 2)
    #expect(outcome2.status == 0)
    for name in ["indicators.json", "indicators.csv", "population.csv"] {
        #expect(try Data(contentsOf: out.appendingPathComponent(name)) == Data(contentsOf: again.appendingPathComponent(name)), "\(name)")
    }
}

@Test func indicatorsOnTheHelsinkiSampleEstimateResidentsFromBuildings() throws {
    let (out, outcome) = try runIndicators([RepositoryPaths.network("helsinki.osm.pbf"), "--population", "buildings", "--profile", "walk,senior,wheelchair,bike"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stderr.contains("Estimating residents from 48 residential buildings: footprint × storeys ÷ 35.0 m²"))
    #expect(outcome.stderr.contains("building=yes inside landuse=residential 2."))
    let header = outcome.stdout.split(separator: "\n")[2]
    #expect(header.hasSuffix("walk      senior  wheelchair        bike"))
    let indicators = try json(out.appendingPathComponent("indicators.json"))["indicators"] as! [[String: Any]]
    let proximity = indicators.first { $0["id"] as! String == "proximity_time" }!["values"] as! [String: Double]
    // Slower travellers take longer; the bike is fastest.
    #expect(proximity["bike"]! < proximity["walk"]! && proximity["walk"]! < proximity["senior"]!)
    #expect(proximity["senior"]! <= proximity["wheelchair"]!)
}

@Test func indicatorsRefuseBadArguments() throws {
    let extract = RepositoryPaths.network("helsinki.osm.pbf")
    let (_, wrongKind) = try runIndicators([extract, "--population", "people.txt"])
    #expect(wrongKind.status == 64 && wrongKind.stderr.contains("option '--population' takes a .csv, .asc or .tif file, got 'people.txt'"))
    // No command estimates residents unless asked, so indicators (shares of residents) need them named.
    let (_, noResidents) = try runIndicators([extract])
    #expect(noResidents.status == 64 && noResidents.stderr.contains("indicators are shares of residents: pass --population"))
    let (_, unknownProfile) = try runIndicators([extract, "--population", "buildings", "--profile", "walk,skate"])
    #expect(unknownProfile.status == 64 && unknownProfile.stderr.contains("unknown profile 'skate'"))
    let (out, missingFeed) = try runIndicators([extract, "--population", "buildings", "--gtfs", "/nonexistent/feed.zip"])
    #expect(missingFeed.status == 1 && missingFeed.stderr.contains("/nonexistent/feed.zip: error: no such file"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
}

@Test func analyzeTakesResidentsFromBuildingsAndStopsFromGTFS() throws {
    let root = RepositoryPaths.temporaryFolder("analyze-inputs")
    let buildings = try CommandRunner.run(["analyze", RepositoryPaths.network("helsinki.osm.pbf"), "--out", root.appendingPathComponent("b").path,
                                           "--quiet", "--population", "buildings", "--floor-area", "70"])
    #expect(buildings.status == 0, "\(buildings.stderr)")
    // Half the residents of the 35 m² default (4,305).
    #expect(buildings.stdout.contains("population: 2152 residents at 48 points from residential buildings"))
    let rows = try String(contentsOf: root.appendingPathComponent("b/population.csv"), encoding: .utf8).split(separator: "\n")
    #expect(rows.count == 49 && rows[0].hasPrefix("building,kind,lon,lat,footprint_m2,levels,population,snap_metres,park_minutes"))
    guard RepositoryPaths.hasSharedData else { return }
    let gtfs = try CommandRunner.run(["analyze", RepositoryPaths.sharedData("porto-alegre.osm.pbf"), "--out", root.appendingPathComponent("g").path,
                                      "--quiet", "--gtfs", RepositoryPaths.sharedData("porto-alegre.gtfs-trensurb.zip")])
    #expect(gtfs.status == 0, "\(gtfs.stderr)")
    let destinations = try json(root.appendingPathComponent("g/summary.json"))["destinations"] as! [String: Any]
    // The metro's served stations replace the 1,096 OSM bus stops.
    #expect((destinations["transit"] as! [String: Any])["count"] as! Int == 24)
}

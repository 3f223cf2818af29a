import Foundation
import Testing
import WalkshedTestSupport

/// Every command that can weigh by residents names, in its table and its summary, which
/// residents it used, and none estimates them unless asked.
@Test func everyResultNamesItsPopulation() throws {
    let root = RepositoryPaths.temporaryFolder("population-source")
    let extract = RepositoryPaths.network("helsinki.osm.pbf")
    let scenario = RepositoryPaths.network("scenarios/helsinki-greenway.json")
    let none = "population: none given; shares are of grid cells"
    let buildings = "population: 4305 residents at 48 points from residential buildings\n"

    let plain = try CommandRunner.run(["scenario", extract, scenario, "--out", root.appendingPathComponent("s0").path, "--quiet"])
    #expect(plain.status == 0 && plain.stdout.hasPrefix(none), "\(plain.stderr)")
    #expect(try json(root.appendingPathComponent("s0/greenway/summary.json"))["population_source"] is NSNull)
    let estimated = try CommandRunner.run(["scenario", extract, scenario, "--out", root.appendingPathComponent("s1").path, "--quiet",
                                           "--population", "buildings"])
    #expect(estimated.status == 0 && estimated.stdout.hasPrefix(buildings), "\(estimated.stderr)")
    #expect(try json(root.appendingPathComponent("s1/greenway/summary.json"))["population_source"] as? String == "residential buildings")

    let analyze = try CommandRunner.run(["analyze", extract, "--out", root.appendingPathComponent("a").path, "--quiet"])
    #expect(analyze.status == 0 && analyze.stdout.contains("\n" + none))

    let greenways = try CommandRunner.run(["greenways", extract, "--out", root.appendingPathComponent("g").path, "--quiet",
                                           "--population", "buildings"])
    #expect(greenways.status == 0 && greenways.stdout.hasPrefix(buildings), "\(greenways.stderr)")
    #expect(try json(root.appendingPathComponent("g/greenways.json"))["population_source"] as? String == "residential buildings")

    let suggest = try CommandRunner.run(["suggest", "parks", extract, "--out", root.appendingPathComponent("p").path, "--quiet", "--count", "2",
                                         "--population", "buildings"])
    #expect(suggest.status == 0 && suggest.stdout.hasPrefix(buildings), "\(suggest.stderr)")

    let result = root.appendingPathComponent("check.json").path
    let check = try CommandRunner.run(["check", extract, helsinkiTargetsPath, "--json", result, "--quiet", "--population", "buildings"])
    #expect(check.status == 2 && check.stdout.hasPrefix(buildings), "\(check.stderr)")
    #expect(try json(URL(fileURLWithPath: result))["population_source"] as? String == "residential buildings")
}

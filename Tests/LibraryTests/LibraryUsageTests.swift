import Foundation
import Testing
import Walkshed
import WalkshedFormats
import WalkshedTestSupport

// Uses only the public API of the Walkshed and WalkshedFormats products, as a downstream
// package would, and checks its results against the files the CLI writes for the same study.

/// README's "Using Walkshed as a library" example, compiled here so it cannot drift.
func readmeExample(extract: String, kiosks: String) throws -> (median: Double?, kioskLayer: CoverageLayer) {
    var request = StudyRequest(extract: extract)
    request.population = "buildings"
    request.destinations = [DestinationSource(name: "kiosks", path: kiosks)]
    let study = try StudyLoader.load(request, progress: SilentProgress()).study

    var options = CoverageOptions()
    options.threads = 2
    let analysis = try study.analyze(profile: .walk(), options: options, progress: SilentProgress())
    let parks = analysis.result.summaries().first { $0.name == Measure.minutes(.park).name }!
    let kiosksLayer = analysis.result.layers.first { $0.measure == .minutes(.custom("kiosks")) }!
    return (parks.median, kiosksLayer)
}

@Test func theLibraryGivesWhatTheCommandLineWrites() throws {
    let extract = RepositoryPaths.network("helsinki.osm.pbf")
    let kiosks = RepositoryPaths.temporaryFile(Array("lon,lat\n24.9410,60.1699\n24.9500,60.1650\n".utf8), "kiosks.csv", label: "library")
    let root = RepositoryPaths.temporaryFolder("library")

    // Analysis with a user's kind.
    let (median, layer) = try readmeExample(extract: extract, kiosks: kiosks)
    let cli = root.appendingPathComponent("analyze").path
    let analyze = try CommandRunner.run(["analyze", extract, "--population", "buildings", "--destinations", "kiosks=\(kiosks)",
                                         "--out", cli, "--quiet"])
    #expect(analyze.status == 0, "\(analyze.stderr)")
    var request = StudyRequest(extract: extract)
    request.population = "buildings"
    request.destinations = [DestinationSource(name: "kiosks", path: kiosks)]
    let study = try StudyLoader.load(request, progress: SilentProgress()).study
    let grid = try study.analyze(profile: .walk(), options: CoverageOptions(), progress: SilentProgress()).result.grid
    #expect(GeoTIFFWriter.bytes(GeoTIFFWriter.raster(layer, grid: grid, projection: study.city.projection))
            == Array(try Data(contentsOf: URL(fileURLWithPath: "\(cli)/kiosks_minutes.tif"))))
    let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(cli)/summary.json"))) as! [String: Any]
    let parks = (summary["measures"] as! [[String: Any]]).first { $0["name"] as! String == "park_minutes" }!
    #expect(abs(parks["median"] as! Double - median!) < 0.005)

    // A scenario: the same changes per measure over cells and residents as scenarios.csv.
    let path = RepositoryPaths.network("scenarios/helsinki-greenway.json")
    let scenario = try ScenarioReader.read(path)
    var options = CoverageOptions()
    options.threads = 2
    let compared = try study.compare([scenario], profile: .walk(), options: options, progress: SilentProgress())
    let scenarioFolder = root.appendingPathComponent("scenario").path
    let run = try CommandRunner.run(["scenario", extract, path, "--population", "buildings", "--destinations", "kiosks=\(kiosks)",
                                     "--out", scenarioFolder, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let report = ScenarioReport(compared.outcomes[0], file: path, budgetMinutes: 15, before: study.city.graph)
    #expect(ScenarioFiles.csv([report]).bytes == Array(try Data(contentsOf: URL(fileURLWithPath: "\(scenarioFolder)/scenarios.csv"))))
    #expect(compared.outcomes[0].cellChanges.contains { $0.measure == .minutes(.custom("kiosks")) })

    // A park suggestion: the same picks and gains as suggested_parks.csv.
    var parkOptions = ParkSuggestionOptions()
    parkOptions.count = 3
    parkOptions.budgetMinutes = 3   // within 15 minutes every resident of the sample has a park already
    parkOptions.threads = 2
    let suggestions = try study.suggestParks(profile: .walk(), options: parkOptions, progress: SilentProgress())
    let suggestFolder = root.appendingPathComponent("suggest").path
    let suggest = try CommandRunner.run(["suggest", "parks", extract, "--population", "buildings", "--count", "3", "--minutes", "3", "--out", suggestFolder, "--quiet"])
    #expect(suggest.status == 0, "\(suggest.stderr)")
    let rows = try String(contentsOfFile: "\(suggestFolder)/suggested_parks.csv", encoding: .utf8).split(separator: "\n").dropFirst()
    #expect(rows.count == suggestions.picks.count && !rows.isEmpty)
    for (row, pick) in zip(rows, suggestions.picks) {
        let fields = row.split(separator: ",")
        #expect(Int(fields[1]) == pick.candidate && abs(Double(fields[6])! - pick.gain) < 0.005)
    }
}

/// The README shows `readmeExample`'s body; they must not drift apart.
@Test func readmeShowsTheCompiledExample() throws {
    let readme = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
    let source = try String(contentsOfFile: #filePath, encoding: .utf8)
    let body = source.components(separatedBy: "-> (median: Double?, kioskLayer: CoverageLayer) {\n")[1].components(separatedBy: "    return (")[0]
    let unindented = body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : String($0) }
    #expect(readme.contains(unindented.joined(separator: "\n")), "README's library example differs from LibraryUsageTests.readmeExample")
}

import Foundation
import Testing
import Walkshed
@testable import WalkshedFormats
import WalkshedTestSupport

/// `asWritten` gives exactly what parsing the written digits gives, for values of every size
/// and sign and every decimals count the writers use.
@Test func asWrittenEqualsParsingTheWrittenText() {
    var rng = SeededRandom(seed: 2026)
    for k in 0..<20_000 {
        let magnitude = [1e-3, 1, 60, 1e4, 1e7][k % 5]
        let value = Double.random(in: -magnitude...magnitude, using: &rng)
        for decimals in [0, 1, 2, 3, 4] {
            let parsed = Double(FixedPoint.format(value, decimals: decimals))!
            #expect(FixedPoint.asWritten(value, decimals: decimals).bitPattern == parsed.bitPattern, "\(value) at \(decimals) decimals")
        }
    }
}

/// What `analyze --report` builds from memory equals what `walkshed report` reads from the
/// files: every grid, the map layers and the summary document (which also reads back to the
/// very text it was written as).
@Test func reportInputsFromMemoryEqualTheFilesReadBack() throws {
    var request = StudyRequest(extract: RepositoryPaths.network("helsinki.osm.pbf"))
    request.population = StudyRequest.buildings
    let loaded = try StudyLoader.load(request, progress: SilentProgress())
    var options = CoverageOptions()
    options.nearestK = 3
    options.countWithinMinutes = [10]
    options.decay = .linear
    let analysis = try loaded.study.analyze(profile: .walk(), options: options, progress: SilentProgress())
    let folder = RepositoryPaths.temporaryFolder("as-written")
    for layer in analysis.result.layers {
        let path = folder.appendingPathComponent("\(layer.name).asc").path
        try Data(AsciiGridWriter.text(layer, grid: analysis.result.grid).bytes).write(to: URL(fileURLWithPath: path))
        let read = try MapGrid.read(path), made = MapGrid(writing: layer, grid: analysis.result.grid)
        #expect(read.name == made.name && read.header == made.header && read.values.map(\.bitPattern) == made.values.map(\.bitPattern), "\(layer.name)")
    }
    let map = MapLayers.of(loaded.study.city), mapPath = folder.appendingPathComponent(MapLayers.fileName).path
    try Data(map.compressedJSON().bytes).write(to: URL(fileURLWithPath: mapPath))
    #expect(try MapLayers.read(mapPath) == map.asWritten())
    let summary = AnalysisSummary(input: loaded.report, city: loaded.study.city, profile: .walk(), destinations: analysis.destinations,
                                  result: analysis.result, stageSeconds: [("a stage", 0.25)], threads: 1,
                                  population: loaded.population.map { ("residential buildings", $0) })
    let text = summary.json(version: "test").text()
    let document = try AnalysisSummaryDocument.decode(Data(text.utf8), name: "summary.json")
    // JSON objects have no order, so names inside them (kinds, warnings, stages) read back sorted.
    var sorted = summary.document(version: "test")
    sorted.destinations.entries.sort { $0.key < $1.key }
    sorted.warnings.entries.sort { $0.key < $1.key }
    sorted.warningExamples?.entries.sort { $0.key < $1.key }
    #expect(document.jsonValue().text() == sorted.jsonValue().text())
    #expect(document.destinations["work"]?.count == 225 && document.population?.measures.count == analysis.result.populationLayers.count)
    // Each kind's examples name the objects (the Helsinki sample's ways cut by its box, say).
    #expect(document.warningExamples?["missing node reference"]?.count == 3)
    #expect(document.warningExamples?["missing node reference"]?.allSatisfy { $0.hasPrefix("way ") } == true)
}

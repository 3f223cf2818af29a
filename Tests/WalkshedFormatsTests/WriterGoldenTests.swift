import Foundation
import Testing
import Walkshed
@testable import WalkshedFormats
import WalkshedTestSupport

/// A small fixed analysis placed in UTM zone 32N: the park network of the engine tests moved
/// to (500,000 E, 5,000,000 N), one park and one food shop, 50 m cells, 1 m/s.
func goldenAnalysis() -> (City, OSMLoadReport, [DestinationSet], CoverageResult) {
    let shift = { (p: (Double, Double)) in (p.0 + 500_000, p.1 + 5_000_000) }
    let graph = TinyNetwork.graph(nodes: [(-50, 50), (150, 50), (-50, -15), (150, -15)].map(shift),
                                  edges: [(0, 1, nil), (1, 3, nil), (2, 3, nil)])
    let ring = [(0.0, 0.0), (100, 0), (100, 100), (0, 100), (0, 0)].map(shift).map { PlanarPoint(x: $0.0, y: $0.1) }
    let park = Park(osmReference: "way/1", kind: "park", name: "Praça", polygon: PlanarPolygon(outerRings: [ring]))
    let shop = ServicePoint(category: .food, position: PlanarPoint(x: 500_150, y: 5_000_050), osmReference: "node/2", name: "Mercado")
    let city = City(projection: UTMProjection(zone: 32, isNorth: true), graph: graph, parks: [park], services: [shop])
    var report = OSMLoadReport(path: "tiny.osm", format: "OSM XML")
    report.fileNodes = 4; report.fileWays = 3; report.walkableWays = 3
    report.diagnostics.warn("missing node reference", "way 9 references node 99, which is not in the file; the way is cut there")
    let snapper = Snapper(graph: graph)
    var diagnostics = Diagnostics()
    let sets = [DestinationSet.parks([park], finder: ParkAccessFinder(snapper: snapper), snapLimitMetres: 60, diagnostics: &diagnostics),
                DestinationSet.services([shop], category: .food, snapper: snapper, snapLimitMetres: 60, diagnostics: &diagnostics)]
    var options = CoverageOptions()
    options.cellMetres = 50
    options.snapLimitMetres = 60
    options.budgetMinutes = 2
    let result = CoverageAnalysis.run(graph: graph, costs: ProfileCosts(graph: graph, profile: TravelProfile(name: "walk", metresPerSecond: 1)),
                                      destinations: sets, options: options)
    return (city, report, sets, result)
}

@Test func asciiGridMatchesGolden() {
    let (_, _, _, result) = goldenAnalysis()
    #expect(Golden.mismatch(AsciiGridWriter.text(result.layers[0], grid: result.grid).string, name: "park_minutes.asc") == nil)
    #expect(Golden.mismatch(AsciiGridWriter.text(result.layers[2], grid: result.grid).string, name: "categories_within.asc") == nil)
}

@Test func projectionFileMatchesGolden() {
    #expect(Golden.mismatch(AsciiGridWriter.projectionText(UTMProjection(zone: 32, isNorth: true)), name: "utm32n.prj") == nil)
    #expect(Golden.mismatch(AsciiGridWriter.projectionText(UTMProjection(zone: 22, isNorth: false)), name: "utm22s.prj") == nil)
}

@Test func cellTablesMatchGolden() {
    let (city, _, _, result) = goldenAnalysis()
    #expect(Golden.mismatch(CellTableWriter.csv(result, projection: city.projection).string, name: "cells.csv") == nil)
    #expect(Golden.mismatch(CellTableWriter.geoJSON(result, projection: city.projection).string, name: "cells.geojson") == nil)
}

/// Streamed in pieces of ~200 bytes through a staged file, the tables are the golden bytes;
/// a rolled-back streamed file leaves nothing behind.
@Test func streamedCellTablesEqualTheWholeText() throws {
    let (city, _, _, result) = goldenAnalysis()
    let folder = RepositoryPaths.temporaryFolder("streamed-tables")
    let transaction = OutputTransaction()
    var pieces = 0
    try transaction.stageStreaming(at: folder.appendingPathComponent("cells.geojson").path) { write in
        try CellTableWriter.writeGeoJSON(result, projection: city.projection, flushBytes: 200) { piece in
            pieces += 1
            try write(piece)
        }
    }
    try transaction.commit()
    let written = try String(contentsOf: folder.appendingPathComponent("cells.geojson"), encoding: .utf8)
    #expect(pieces > 3)
    #expect(written == CellTableWriter.geoJSON(result, projection: city.projection).string)
    #expect(Golden.mismatch(written, name: "cells.geojson") == nil)

    let abandoned = OutputTransaction()
    try abandoned.stageStreaming(at: folder.appendingPathComponent("cells.csv").path) { write in
        try CellTableWriter.writeCSV(result, projection: city.projection, flushBytes: 100, flush: write)
    }
    abandoned.rollback()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["cells.geojson"])
}

/// Folders made through a transaction go with its rollback, and once it is rolled back (an
/// interrupt) the run can no longer make them again: `createFolder` throws and makes nothing.
@Test func rolledBackTransactionMakesNoFolderAgain() throws {
    let root = RepositoryPaths.temporaryFolder("transaction-folders")
    let made = root.appendingPathComponent("run").path, nested = (made as NSString).appendingPathComponent("maps")
    let transaction = OutputTransaction()
    try transaction.createFolder(made)
    try transaction.createFolder(nested)
    try transaction.createFolder(made)   // already there: nothing to do
    #expect(FileManager.default.fileExists(atPath: nested))
    #expect(transaction.rollback() == .rolledBack)
    #expect(!FileManager.default.fileExists(atPath: made))
    #expect(throws: OutputRolledBack.self) { try transaction.createFolder(made) }
    #expect(!FileManager.default.fileExists(atPath: made))
}

@Test func summaryMatchesGolden() {
    let (city, report, sets, result) = goldenAnalysis()
    let summary = AnalysisSummary(input: report, city: city, profile: TravelProfile(name: "walk", metresPerSecond: 1),
                                  destinations: sets, result: result, stageSeconds: [("reading", 0.5)], threads: 2)
    #expect(Golden.mismatch(summary.json(version: "test").text(), name: "summary.json") == nil)
}

@Test func geoJSONCellRingsAreCounterClockwise() {
    let (city, _, _, result) = goldenAnalysis()
    let ring = result.grid.corners(ofCell: 0).map(city.projection.unproject)
    var twiceArea = 0.0
    for k in 0..<ring.count {
        let a = ring[k], b = ring[(k + 1) % ring.count]
        twiceArea += a.longitude * b.latitude - b.longitude * a.latitude
    }
    #expect(twiceArea > 0)   // RFC 7946 §3.1.6: exterior rings counter-clockwise
}

@Test(arguments: [(1.005, 2, "1.01"), (-0.004, 2, "0.00"), (-0.005, 2, "-0.01"), (12.5, 0, "13"), (0, 3, "0.000"),
                  (123456.789, 1, "123456.8"), (9.999, 2, "10.00"), (-1234.5, 0, "-1235")])
func fixedPointRoundsHalfAwayFromZero(value: Double, decimals: Int, text: String) {
    // 1.005 is stored as 1.00499999999999989…, so it rounds down: the formatter sees the double.
    let expected = value == 1.005 ? "1.00" : text
    #expect(FixedPoint.format(value, decimals: decimals) == expected)
    var buffer = TextBuffer()
    buffer.append(value, decimals: decimals)
    #expect(buffer.string == expected)
}

@Test func jsonEscapesControlCharactersAndKeepsUnicode() {
    #expect(JSONValue.quoted("a\"b\\c\nd\u{1}南京") == "\"a\\\"b\\\\c\\nd\\u0001南京\"")
}

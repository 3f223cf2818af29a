import Foundation
import Testing
import Walkshed
@testable import WalkshedFormats
import WalkshedTestSupport

@Test func minutesLegendHasClassesAtThirdsAndMultiplesOfTheBudget() {
    let legend = MapStyle.legend(layer: "park_minutes", budgetMinutes: 15, values: [])
    #expect(legend.classes.map(\.label) == ["< 5 min", "5–10 min", "10–15 min", "15–20 min", "20–30 min", "30–45 min", "45–60 min", "≥ 60 min"])
    #expect(legend.colour(for: 4.99) == RGB(hex: 0x1a9850) && legend.colour(for: 5) == RGB(hex: 0x66bd63))
    #expect(legend.colour(for: 500) == RGB(hex: 0xd73027) && legend.colour(for: .nan) == nil)
    let change = MapStyle.legend(layer: "park_minutes_change", budgetMinutes: 15, values: [])
    #expect(change.colour(for: -12) == RGB(hex: 0x1a9850), "a time cut of 12 minutes is the strongest gain")
    #expect(change.colour(for: 0) == MapStyle.unchanged && change.colour(for: 7) == RGB(hex: 0xf46d43))
    let categories = MapStyle.legend(layer: "categories_within", budgetMinutes: 15, values: [0, 3, 7])
    #expect(categories.classes.map(\.label) == ["0", "1", "2", "3", "4", "5", "6", "7"])
    let more = MapStyle.legend(layer: "categories_within_change", budgetMinutes: 15, values: [])
    #expect(more.colour(for: 2) == RGB(hex: 0x1a9850), "one more category reached is a gain")
}

//  A 3 × 2 grid of minutes, top row first:   2   7  12
//                                           NaN  40 100
@Test func pngMapDecodesWithTheLegendColoursAtKnownCells() throws {
    let header = AsciiGridHeader(columns: 3, rows: 2, xLowerLeft: 500_000, yLowerLeft: 6_000_000, cellSize: 100, noData: -9999)
    let grid = MapGrid(name: "park_minutes", header: header, values: [2, 7, 12, .nan, 40, 100])
    let legend = MapStyle.legend(layer: grid.name, budgetMinutes: 15, values: grid.values)
    let image = GridMapPNG.render(grid, legend: legend, title: "park minutes", subtitle: "test")
    let png = try DecodedPNG(PNGEncoder.encode(image))
    #expect(png.width == image.width && png.height == image.height)
    #expect(GridMapPNG.pixelsPerCell(header) == 40)
    let expected: [RGB] = [RGB(hex: 0x1a9850), RGB(hex: 0x66bd63), RGB(hex: 0xa6d96a), .noData, RGB(hex: 0xfdae61), RGB(hex: 0xd73027)]
    for (i, colour) in expected.enumerated() {
        let origin = GridMapPNG.cellOrigin(row: i / 3, column: i % 3, header: header)
        let (r, g, b) = png.pixel(x: origin.x + 20, y: origin.y + 20)
        #expect(RGB(r, g, b) == colour, "cell \(i)")
    }
    // The scale bar: 3 cells × 40 px = 120 px of map, a third of it is at most 40 px → 60 px
    // minimum → the longest 1-2-5 length within 60 px × 2.5 m = 150 m is 100 m.
    #expect(GridMapPNG.scaleBarMetres(metresPerPixel: 2.5, maxPixels: 60) == 100)
}

@Test func pngEncoderRoundTripsEveryPixel() throws {
    var image = RasterImage(width: 7, height: 5)
    for y in 0..<5 { for x in 0..<7 { image.set(x: x, y: y, RGB(UInt8(x * 30), UInt8(y * 50), UInt8((x * y) % 256))) } }
    let png = try DecodedPNG(PNGEncoder.encode(image))
    #expect(png.rgb == image.pixels)
}

@Test func mapLayersRoundTripThroughMapJSON() throws {
    var layers = MapLayers(epsg: 32635)
    layers.lines[.street] = [[PlanarPoint(x: 385_100, y: 6_671_100), PlanarPoint(x: 385_180, y: 6_671_090), PlanarPoint(x: 385_200, y: 6_671_200)]]
    layers.lines[.greenway] = [[PlanarPoint(x: 385_000, y: 6_671_000), PlanarPoint(x: 385_050, y: 6_671_050)]]
    layers.parks = [.init(name: "Puisto \"A\"", kind: "park", hectares: 0.25, outerRings: [[PlanarPoint(x: 385_000, y: 6_671_000), PlanarPoint(x: 385_050, y: 6_671_000),
                                                                                          PlanarPoint(x: 385_050, y: 6_671_050), PlanarPoint(x: 385_000, y: 6_671_000)]], innerRings: [])]
    layers.services["food"] = [PlanarPoint(x: 385_120, y: 6_671_130)]
    layers.removedServices["transit"] = [PlanarPoint(x: 385_140, y: 6_671_140)]
    let text = layers.json()
    #expect(text.string.hasPrefix("{\"walkshed_map\":1,\"epsg\":32635,\"origin\":[385000,6671000],\n\"lines\":{\"street\":[[100,100,80,-10,20,110]],\n\"greenway\":[[0,0,50,50]]}"))
    let path = RepositoryPaths.temporaryFile(text.bytes, "map.json", label: "map-layers")
    #expect(try MapLayers.read(path) == layers)
    // map.json.gz holds the same text, gzip-compressed (gunzip gives it back).
    let compressed = try layers.compressedJSON()
    #expect(compressed.bytes.prefix(2) == [0x1f, 0x8b])
    let gzPath = RepositoryPaths.temporaryFile(compressed.bytes, "map.json.gz", label: "map-layers")
    #expect(try MapLayers.read(gzPath) == layers)
    // The report finds either file: map.json.gz, or the map.json an earlier version wrote.
    #expect(MapLayers.file(in: (gzPath as NSString).deletingLastPathComponent) == gzPath)
    #expect(MapLayers.file(in: (path as NSString).deletingLastPathComponent) == path)
    #expect(MapLayers.file(in: RepositoryPaths.temporaryFolder("no-map").path) == nil)
    let gunzip = Process()
    gunzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    gunzip.arguments = ["gzip", "-dc", gzPath]
    let pipe = Pipe()
    gunzip.standardOutput = pipe
    try gunzip.run()
    let unpacked = pipe.fileHandleForReading.readDataToEndOfFile()
    gunzip.waitUntilExit()
    #expect(gunzip.terminationStatus == 0 && Array(unpacked) == text.bytes)
}

/// A damaged or truncated map.json.gz, or one that would inflate far beyond any map, is an
/// error naming the file, never a crash or a partial map.
@Test func damagedCompressedMapsAreRefused() throws {
    var layers = MapLayers(epsg: 32635)
    layers.lines[.street] = [(0..<2000).map { PlanarPoint(x: 385_000 + Double($0 % 97), y: 6_671_000 + Double($0 % 89)) }]
    let good = try layers.compressedJSON().bytes
    var flipped = good
    flipped[good.count / 2] ^= 0xff
    let cases: [(String, [UInt8], String)] = [
        ("truncated", Array(good.prefix(good.count / 2)), "truncated"),
        ("flipped", flipped, "corrupt gzip data"),
    ]
    for (label, bytes, message) in cases {
        let path = RepositoryPaths.temporaryFile(bytes, "map.json.gz", label: "map-\(label)")
        #expect(throws: InputFileError.self, "\(label)") { try MapLayers.read(path) }
        do { _ = try MapLayers.read(path) } catch { #expect("\(error)".contains(path) && "\(error)".contains(message), "\(label): \(error)") }
    }
    // 64 MiB of spaces compress to about 64 KB: past the bound of 100 × the file.
    let bomb = Deflate.gzip([UInt8](repeating: 0x20, count: 64 << 20), level: 12)
    let path = RepositoryPaths.temporaryFile(bomb, "map.json.gz", label: "map-bomb")
    do { _ = try MapLayers.read(path); Issue.record("a bomb was read") } catch { #expect("\(error)".contains("inflates to more than")) }
}

/// Edges of a kind are drawn as chains: every edge's points exactly once, consecutive edges
/// sharing an end, and fewer lines than edges on a real city; the same lines whatever the
/// number of threads copying their points.
@Test func mapLinesJoinEdgesWithoutLosingAny() throws {
    let city = try OSMCityLoader.load(RepositoryPaths.network("helsinki.osm.pbf")).city
    let graph = city.graph
    let layers = MapLayers.of(city)
    #expect(MapLayers.of(city, threads: 2) == layers && MapLayers.of(city, threads: 3) == layers)
    var drawn: [LineKindKey: Int] = [:]
    for (kind, set) in layers.lines {
        for line in set {
            for k in line.indices.dropLast() {
                let a = line[k], b = line[k + 1]
                drawn[LineKindKey(kind: kind, a: a, b: b), default: 0] += 1
            }
        }
    }
    var expected: [LineKindKey: Int] = [:]
    var edgesOfKind: [MapLayers.LineKind: Int] = [:]
    for e in 0..<graph.edgeCount {
        let kind: MapLayers.LineKind = graph.edgeFlags[e].contains(.closed) ? .closed : graph.edgeFlags[e].contains(.greenway) ? .greenway : .street
        edgesOfKind[kind, default: 0] += 1
        let points = graph.points(ofEdge: e)
        for k in points.indices.dropLast() { expected[LineKindKey(kind: kind, a: points[k], b: points[k + 1]), default: 0] += 1 }
    }
    #expect(drawn == expected)
    for (kind, count) in edgesOfKind { #expect(layers.lines[kind]!.count * 2 < count, "\(kind): \(layers.lines[kind]!.count) lines for \(count) edges") }
}

/// A drawn segment, the same whichever way it is walked.
private struct LineKindKey: Hashable {
    var kind: MapLayers.LineKind
    var x0, y0, x1, y1: Double
    init(kind: MapLayers.LineKind, a: PlanarPoint, b: PlanarPoint) {
        self.kind = kind
        let (p, q) = (a.x, a.y) < (b.x, b.y) ? (a, b) : (b, a)
        (x0, y0, x1, y1) = (p.x, p.y, q.x, q.y)
    }
}

@Test func reportDataKeepsScriptEndTagsOutOfTheJSON() {
    #expect(HTMLReport.scriptSafe(#"{"name":"</script><script>alert(1)"}"#) == #"{"name":"<\/script><script>alert(1)"}"#)
    #expect(HTMLReport.escaped("a<b & \"c\"") == "a&lt;b &amp; &quot;c&quot;")
}

/// Every character of every legend the maps draw has a glyph (the first class of a change map
/// reads "≤ −10 min"), for every kind of measure and its change.
@Test func everyLegendLabelHasGlyphs() {
    let names = ["park_minutes", "food_count", "food_weighted", "food_mean20_minutes", "food_nearest3_minutes", "categories_within",
                 "proximity_minutes", "greenway_metres", "marginal_gain", "schools_minutes"]
    for name in names + names.map({ "\($0)_change" }) {
        let legend = MapStyle.legend(layer: name, budgetMinutes: 15, values: [0, 3.5, 12, 40])
        for character in (legend.classes.map(\.label) + [legend.title, legend.unit]).joined() where character != " " {
            #expect(BitmapFont.glyph(character) != BitmapFont.missing, "'\(character)' in the legend of \(name)")
        }
    }
    #expect(MapStyle.legend(layer: "park_minutes_change", budgetMinutes: 15, values: []).classes[0].label.hasPrefix("≤ "))
}

/// Grid names read back as the measures that wrote them, and names no measure has as nil.
@Test func gridNamesReadBackAsMeasures() {
    let measures: [Measure] = [.minutes(.park), .count(.service(.food)), .weighted(.custom("schools")), .meanNearest(.service(.work), k: 20),
                               .kthNearest(.park, k: 3), .categoriesWithin, .proximityMinutes, .greenwayMinutes, .greenwayMetres,
                               .marginalGain, .change(.minutes(.service(.civic))), .change(.categoriesWithin),
                               .count(.service(.food), withinMinutes: 5), .weighted(.custom("schools"), withinMinutes: 7.5),
                               .change(.count(.park, withinMinutes: 10))]
    for measure in measures { #expect(Measure(fileName: measure.name) == measure, "\(measure.name)") }
    #expect(Measure(fileName: "cells") == nil && Measure(fileName: "_minutes") == nil)
    #expect(Measure.count(.service(.food), withinMinutes: 5).name == "food_count_5min")
    #expect(Measure.weighted(.custom("schools"), withinMinutes: 7.5).name == "schools_weighted_7.5min")
}

import CZlib
import Foundation
import Testing
import Walkshed
import WalkshedFormats
import WalkshedTestSupport

/// A GeoTIFF decoder written for the tests alone (little-endian classic TIFF, deflate tiles with
/// the floating-point predictor: what `GeoTIFFWriter` promises), so the writer is checked
/// against the TIFF 6.0 and GeoTIFF texts rather than against the product's own reader.
private struct IndependentTIFF {
    struct Directory {
        var offset: Int
        var numbers: [Int: [Double]] = [:]
        var texts: [Int: String] = [:]
    }
    let bytes: [UInt8]
    var directories: [Directory] = []

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        #expect(Array(bytes[0..<4]) == [0x49, 0x49, 42, 0])
        var next = Int(u(4, 4))
        while next != 0 {
            var directory = Directory(offset: next)
            let count = Int(u(next, 2))
            for e in 0..<count {
                let at = next + 2 + 12 * e
                let tag = Int(u(at, 2)), type = Int(u(at + 2, 2)), n = Int(u(at + 4, 4))
                let size = [2: 1, 3: 2, 4: 4, 12: 8][type]!
                let start = n * size <= 4 ? at + 8 : Int(u(at + 8, 4))
                if type == 2 {
                    directory.texts[tag] = String(decoding: bytes[start..<start + n - 1], as: UTF8.self)
                } else {
                    directory.numbers[tag] = (0..<n).map { i in
                        type == 12 ? Double(bitPattern: u(start + 8 * i, 8)) : Double(u(start + size * i, size))
                    }
                }
            }
            directories.append(directory)
            next = Int(u(next + 2 + 12 * count, 4))
        }
    }

    func u(_ at: Int, _ size: Int) -> UInt64 { (0..<size).reversed().reduce(0) { $0 << 8 | UInt64(bytes[at + $1]) } }

    /// Every value of directory `d`, row by row, NaN where the file holds -9999.
    func values(_ d: Int) -> [Float] {
        let dir = directories[d]
        let width = Int(dir.numbers[256]![0]), height = Int(dir.numbers[257]![0]), tile = Int(dir.numbers[322]![0])
        let across = (width + tile - 1) / tile
        var out = [Float](repeating: 0, count: width * height)
        for (t, (offset, count)) in zip(dir.numbers[324]!, dir.numbers[325]!).enumerated() {
            var raw = [UInt8](repeating: 0, count: tile * tile * 4)
            var length = uLongf(raw.count)
            let compressed = Array(bytes[Int(offset)..<Int(offset) + Int(count)])
            #expect(uncompress(&raw, &length, compressed, uLong(compressed.count)) == Z_OK && Int(length) == raw.count)
            for r in 0..<tile {
                let row = r * tile * 4
                for j in 1..<(tile * 4) { raw[row + j] = raw[row + j] &+ raw[row + j - 1] }
                for c in 0..<tile {
                    let bits = (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(raw[row + $1 * tile + c]) }
                    let y = (t / across) * tile + r, x = (t % across) * tile + c
                    guard y < height, x < width else { continue }
                    let v = Float(bitPattern: bits)
                    out[y * width + x] = v == -9999 ? .nan : v
                }
            }
        }
        return out
    }
}

private func sameValues(_ a: [Float], _ b: [Float]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.isNaN ? $1.isNaN : $0 == $1 }
}

private func patternRaster(columns: Int, rows: Int) -> GeoTIFFWriter.Raster {
    let values = (0..<(columns * rows)).map { i -> Float in
        let r = i / columns, c = i % columns
        return (r * 7 + c * 3) % 23 == 0 ? .nan : Float((r * 31 + c * 17) % 1000) / 4
    }
    return GeoTIFFWriter.Raster(values: values, columns: columns, rows: rows, west: 500_000, south: 6_600_000, cellMetres: 50,
                                epsgCode: 32635, description: "park_minutes", unit: "minutes")
}

@Test func geoTIFFHasTheCloudOptimizedStructureAndItsValues() throws {
    let raster = patternRaster(columns: 600, rows: 300)
    let bytes = GeoTIFFWriter.bytes(raster, threads: 2)
    #expect(bytes == GeoTIFFWriter.bytes(raster, threads: 1))
    let tiff = try IndependentTIFF(bytes)
    // Full resolution, then overviews halving until one 256-pixel tile holds the grid.
    #expect(tiff.directories.map { $0.numbers[256]![0] } == [600, 300, 150])
    #expect(tiff.directories.map { $0.numbers[257]![0] } == [300, 150, 75])
    #expect(tiff.directories.map { $0.numbers[254]![0] } == [0, 1, 1])
    for d in tiff.directories {
        #expect(d.numbers[258] == [32] && d.numbers[339] == [3] && d.numbers[259] == [8] && d.numbers[317] == [3])
        #expect(d.numbers[322] == [256] && d.numbers[323] == [256] && d.texts[42113] == "-9999")
    }
    let full = tiff.directories[0]
    #expect(full.numbers[324]!.count == 3 * 2)
    #expect(full.numbers[33550] == [50, 50, 0])
    #expect(full.numbers[33922] == [0, 0, 0, 500_000, 6_600_000 + 300 * 50, 0])
    // GeoKeys: projected model, pixel is area, EPSG:32635, metres.
    #expect(full.numbers[34735] == [1, 1, 0, 4, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 32635, 3076, 0, 1, 9001])
    let metadata = try #require(full.texts[42112])
    #expect(metadata.contains("role=\"description\">park_minutes<") && metadata.contains("role=\"unittype\">minutes<"))
    // Layout: every directory before any tile, the smallest overview's tiles first.
    let firstTile = tiff.directories.flatMap { $0.numbers[324]! }.min()!
    #expect(tiff.directories.allSatisfy { $0.offset < Int(firstTile) })
    #expect(tiff.directories[2].numbers[324]!.max()! < tiff.directories[1].numbers[324]!.min()!)
    #expect(tiff.directories[1].numbers[324]!.max()! < full.numbers[324]!.min()!)
    // Values: exactly the raster's; an overview cell is the mean of the valid cells under it.
    #expect(sameValues(tiff.values(0), raster.values))
    let overview = tiff.values(1)
    for (r, c) in [(0, 0), (10, 37), (149, 299), (75, 120)] {
        let under = [(0, 0), (0, 1), (1, 0), (1, 1)].map { raster.values[(2 * r + $0.0) * 600 + 2 * c + $0.1] }.filter { !$0.isNaN }
        let expected = under.isEmpty ? Float.nan : under.reduce(0, +) / Float(under.count)
        #expect(sameValues([overview[r * 300 + c]], [expected]))
    }
}

@Test func theProductsReaderReadsWhatTheWriterWrote() throws {
    let raster = patternRaster(columns: 300, rows: 513)
    let read = try GeoTIFFReader.read(bytes: GeoTIFFWriter.bytes(raster), name: "p.tif", maxCells: 1 << 20)
    #expect(sameValues(read.values, raster.values))
    #expect(read.header.columns == 300 && read.header.rows == 513 && read.header.cellSize == 50)
    #expect(read.header.xLowerLeft == 500_000 && read.header.yLowerLeft == 6_600_000)
    #expect(read.projection == UTMProjection(zone: 35, isNorth: true))
    // Another CRS is refused by name; a cut file names the byte.
    var mercator = raster
    mercator.epsgCode = 3857
    #expect(throws: GeoTIFFError.self) { try GeoTIFFReader.read(bytes: GeoTIFFWriter.bytes(mercator), name: "m.tif", maxCells: 1 << 20) }
    do {
        _ = try GeoTIFFReader.read(bytes: GeoTIFFWriter.bytes(mercator), name: "m.tif", maxCells: 1 << 20)
    } catch let e as GeoTIFFError {
        #expect(e.description.hasPrefix("m.tif: byte 8: error: projected CRS EPSG:3857 is not supported"))
    }
    let bytes = GeoTIFFWriter.bytes(raster)
    #expect(throws: GeoTIFFError.self) { try GeoTIFFReader.read(bytes: Array(bytes.prefix(bytes.count - 100)), name: "cut.tif", maxCells: 1 << 20) }
    #expect(throws: GeoTIFFError.self) { try GeoTIFFReader.read(bytes: GeoTIFFWriter.bytes(raster), name: "big.tif", maxCells: 1000) }
}

/// The Helsinki sample's park_minutes GeoTIFF: every cell inside a park reads 0 minutes, and
/// placed by the file's own tiepoint and pixel scale it lies in that park.
@Test func aZeroMinuteCellOfTheGeoTIFFLiesInAPark() throws {
    let city = try OSMCityLoader.load(RepositoryPaths.network("helsinki.osm.pbf")).city
    var options = CoverageOptions()
    options.cellMetres = 50
    let analysis = try Study(city: city).analyze(profile: .walk(), options: options, progress: SilentProgress())
    let layer = try #require(analysis.result.layers.first { $0.name == "park_minutes" })
    let raster = GeoTIFFWriter.raster(layer, grid: analysis.result.grid, projection: city.projection)
    let tiff = try IndependentTIFF(GeoTIFFWriter.bytes(raster))
    let values = tiff.values(0)
    let full = tiff.directories[0]
    let (west, north, cell) = (full.numbers[33922]![3], full.numbers[33922]![4], full.numbers[33550]![0])
    let columns = Int(full.numbers[256]![0])
    // Every cell the file's own tiepoint and scale put inside a park holds exactly 0.
    func centre(_ i: Int) -> PlanarPoint { PlanarPoint(x: west + (Double(i % columns) + 0.5) * cell, y: north - (Double(i / columns) + 0.5) * cell) }
    let inPark = values.indices.filter { i in !layer.values[i].isNaN && city.parks.contains { $0.polygon.contains(centre(i)) } }
    #expect(inPark.count > 20)
    for i in inPark { #expect(values[i] == 0, "cell \(i) at \(centre(i)) lies in a park and reads \(values[i]) minutes") }
    // And a zero outside every park is a cell snapped within a rounding (0.3 s, 0.4 m) of an entrance.
    let zerosOutside = values.indices.filter { values[$0] == 0 && !inPark.contains($0) }
    #expect(zerosOutside.count < inPark.count / 4)
    #expect(full.numbers[34735]![15] == Double(city.projection.epsgCode))
}

/// rasterio (GDAL) reads Walkshed's GeoTIFF as the ASCII grid says; and Walkshed reads GeoTIFFs
/// that GDAL wrote in other layouts (strips, LZW, horizontal predictor, int16 in degrees;
/// deflate float64 strips with the floating-point predictor in a UTM zone) as GDAL reads them.
@Test func gdalAgreesWithTheGeoTIFFs() throws {
    guard let python = RasterioOracle.python else {
        if RasterioOracle.required { Issue.record("rasterio is not installed; .ci/run installs it in .build/rasterio-venv") }
        return
    }
    let folder = RepositoryPaths.temporaryFolder("geotiff-gdal")
    let raster = patternRaster(columns: 333, rows: 280)
    let ours = folder.appendingPathComponent("ours.tif").path
    try Data(GeoTIFFWriter.bytes(raster)).write(to: URL(fileURLWithPath: ours))
    let script = """
    import sys, json, numpy as np, rasterio
    from rasterio.transform import from_origin
    with rasterio.open(sys.argv[1]) as ds:
        a = ds.read(1)
        ov = ds.read(1, out_shape=(ds.overviews(1)[0] and (ds.height + 1) // 2, (ds.width + 1) // 2))
        print(json.dumps({"crs": ds.crs.to_epsg(), "size": [ds.width, ds.height], "origin": [ds.transform.c, ds.transform.f],
                          "res": list(ds.res), "nodata": ds.nodata, "description": ds.descriptions[0], "unit": ds.units[0],
                          "overviews": ds.overviews(1), "values": [None if v == -9999 else float(v) for v in a.ravel()]}))
    rng = np.random.default_rng(5)
    ints = rng.integers(-50, 3000, size=(70, 90)).astype(np.int16); ints[3, 4] = -32768
    with rasterio.open(sys.argv[2], "w", driver="GTiff", width=90, height=70, count=1, dtype="int16", crs="EPSG:4326",
                       transform=from_origin(24.9, 60.2, 0.001, 0.001), compress="lzw", predictor=2, nodata=-32768) as out:
        out.write(ints, 1)
    floats = rng.random((40, 300)) * 100
    with rasterio.open(sys.argv[3], "w", driver="GTiff", width=300, height=40, count=1, dtype="float64", crs="EPSG:32735",
                       transform=from_origin(300000, 9000000, 25, 25), compress="deflate", predictor=3, tiled=False, blockysize=7) as out:
        out.write(floats, 1)
    print(json.dumps({"ints": [None if v == -32768 else int(v) for v in ints.ravel()], "floats": [float(v) for v in floats.ravel()]}))
    """
    let lzw = folder.appendingPathComponent("lzw.tif").path, strips = folder.appendingPathComponent("strips.tif").path
    let lines = try RasterioOracle.run(python, script: script, [ours, lzw, strips]).split(separator: "\n")
    let gdal = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(gdal["crs"] as? Int == 32635)
    #expect(gdal["size"] as? [Int] == [333, 280])
    #expect(gdal["origin"] as? [Double] == [500_000, 6_600_000 + 280 * 50])
    #expect(gdal["res"] as? [Double] == [50, 50] && gdal["nodata"] as? Double == -9999)
    #expect(gdal["description"] as? String == "park_minutes" && gdal["unit"] as? String == "minutes")
    #expect((gdal["overviews"] as? [Int]) == [2])
    let values = try #require(gdal["values"] as? [Any])
    #expect(sameValues(values.map { ($0 as? Double).map(Float.init) ?? .nan }, raster.values))

    let written = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
    let ints = try GeoTIFFReader.read(lzw, maxCells: 1 << 20)
    #expect(ints.projection == nil && ints.header.columns == 90 && ints.header.rows == 70)
    #expect(abs(ints.header.xLowerLeft - 24.9) < 1e-12 && abs(ints.header.yLowerLeft - (60.2 - 0.07)) < 1e-12)
    #expect(sameValues(ints.values, (written["ints"] as! [Any]).map { ($0 as? Int).map(Float.init) ?? .nan }))
    let floats = try GeoTIFFReader.read(strips, maxCells: 1 << 20)
    #expect(floats.projection == UTMProjection(zone: 35, isNorth: false))
    #expect(sameValues(floats.values, (written["floats"] as! [Double]).map(Float.init)))
}

/// A population grid reads the same from a GeoTIFF as from the ESRI ASCII grid + .prj of the
/// same counts; an elevation model too.
@Test func populationAndElevationReadFromAGeoTIFFAsFromAnASCIIGrid() throws {
    let folder = RepositoryPaths.temporaryFolder("geotiff-population")
    let columns = 40, rows = 25
    let counts = (0..<(columns * rows)).map { i -> Float in i % 7 == 0 ? .nan : Float((i * 37) % 90) }
    let raster = GeoTIFFWriter.Raster(values: counts, columns: columns, rows: rows, west: 384_000, south: 6_670_000, cellMetres: 100,
                                      epsgCode: 32635, description: "population", unit: "residents")
    let tif = folder.appendingPathComponent("people.tif").path
    try Data(GeoTIFFWriter.bytes(raster)).write(to: URL(fileURLWithPath: tif))
    var text = "ncols \(columns)\nnrows \(rows)\nxllcorner 384000\nyllcorner 6670000\ncellsize 100\nNODATA_value -9999\n"
    for r in 0..<rows { text += (0..<columns).map { c in counts[r * columns + c].isNaN ? "-9999" : String(Int(counts[r * columns + c])) }.joined(separator: " ") + "\n" }
    let asc = folder.appendingPathComponent("people.asc").path
    try text.write(toFile: asc, atomically: true, encoding: .utf8)
    try AsciiGridWriter.projectionText(UTMProjection(zone: 35, isNorth: true)).write(toFile: folder.appendingPathComponent("people.prj").path,
                                                                                   atomically: true, encoding: .utf8)
    let fromTIFF = try PopulationGridReader.read(tif), fromASCII = try PopulationGridReader.read(asc)
    #expect(fromTIFF.rows == fromASCII.rows && fromTIFF.residents == fromASCII.residents && fromTIFF.residents.count > 500)
    let demTIFF = try ElevationGridReader.read(tif), demASCII = try ElevationGridReader.read(asc)
    #expect(sameValues(demTIFF.metres, demASCII.metres) && demTIFF.cellSize == demASCII.cellSize && demTIFF.xLowerLeft == demASCII.xLowerLeft)
}

/// FuzzGeoTIFF's first finding (SamplesPerPixel as a FLOAT tag reading 1.4e-45, so 0 samples)
/// and hand-made hostile tags: each is refused with a byte offset, never a trap or a huge
/// allocation.
@Test func hostileGeoTIFFTagsAreRefusedWithAPlace() throws {
    let found = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz-regressions/geotiff-zero-samples.tif")
    do {
        _ = try GeoTIFFReader.read(found.path, maxCells: 1 << 16)
        Issue.record("read a file with 0 samples per pixel")
    } catch let e as GeoTIFFError {
        #expect(e.description.contains(": byte 8: error: tag 277 (SamplesPerPixel) is "), "\(e)")
    }
    // ImageWidth (first entry, a LONG) rewritten as a DOUBLE far beyond Int, then as a huge tile.
    let raster = patternRaster(columns: 40, rows: 30)
    var bytes = GeoTIFFWriter.bytes(raster)
    let firstEntry = 8 + 2
    #expect(bytes[firstEntry] == 254 && bytes[firstEntry + 1] == 0)   // NewSubfileType comes first
    bytes[firstEntry + 2] = 11   // NewSubfileType as FLOAT: harmless, unused
    #expect(throws: Never.self) { _ = try GeoTIFFReader.read(bytes: bytes, name: "t.tif", maxCells: 1 << 16) }
    var wide = GeoTIFFWriter.bytes(raster)
    let second = firstEntry + 12   // ImageWidth, LONG 40
    wide[second + 2] = 11          // as FLOAT: the bits of 40 read as 5.6e-44
    #expect(throws: GeoTIFFError.self) { try GeoTIFFReader.read(bytes: wide, name: "w.tif", maxCells: 1 << 16) }
}

import Foundation
import Testing
import Walkshed
@testable import WalkshedFormats
import WalkshedTestSupport

func readGrid(_ text: String) throws -> (header: AsciiGridHeader, cells: [[Double]]) {
    var reader = AsciiGridReader(bytes: Array(text.utf8), name: "pop.asc")
    var cells: [[Double]] = []
    let header = try reader.read { row, column, value in cells.append([Double(row), Double(column), value]) }
    return (header, cells)
}

func gridError(_ text: String) -> String {
    do { _ = try readGrid(text); return "no error" } catch { return "\(error)" }
}

@Test func asciiGridCellsComeTopRowFirstWithoutNodata() throws {
    let (header, cells) = try readGrid("NCOLS 3\nnrows 2\nxllcenter 10.5\nYLLCORNER 20\ncellsize 1\nNODATA_value -9999\n1 -9999 3\n4 5.5 0\n")
    #expect(header == AsciiGridHeader(columns: 3, rows: 2, xLowerLeft: 10, yLowerLeft: 20, cellSize: 1, noData: -9999))
    #expect(cells == [[0, 0, 1], [0, 2, 3], [1, 0, 4], [1, 1, 5.5], [1, 2, 0]])
    // row 0 is the top: its centres lie one cell above row 1's
    #expect(header.centre(row: 0, column: 2) == (x: 12.5, y: 21.5))
    #expect(header.centre(row: 1, column: 0) == (x: 10.5, y: 20.5))
}

@Test(arguments: [
    ("ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n1\n", "pop.asc: line 7: error: the grid ends at row 1, column 2 of 1 × 2"),
    ("ncols 1\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2\n", "pop.asc: line 6: error: more values than 1 × 1 (found '2')"),
    ("ncols 1\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\nabc\n", "pop.asc: line 6: error: value 'abc' at row 1, column 1 is not a number"),
    ("ncols 1\nnrows 1\nxllcorner 0\ncellsize 1\n1\n", "pop.asc: line 5: error: header has no yllcorner"),
    ("ncols 1\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 0\n1\n", "pop.asc: line 6: error: cellsize 0.0 must be positive"),
    ("ncols 100000\nnrows 100000\nxllcorner 0\nyllcorner 0\ncellsize 1\n1\n", "pop.asc: line 6: error: ncols 100000.0 × nrows 100000.0 must be whole, positive and at most 4294967296 cells"),
    ("ncols 1\nnrows 1\nfoo 3\n", "pop.asc: line 3: error: unknown header key 'foo' (expected ncols, nrows, xllcorner, xllcenter, yllcorner, yllcenter, cellsize, nodata_value)"),
    ("ncols 1\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n" + String(repeating: "9", count: 65) + "\n", "pop.asc: line 6: error: token longer than 64 bytes"),
])
func badGridsNameTheLine(text: String, message: String) {
    #expect(gridError(text) == message)
}

@Test func populationGridsInDegreesAndInUTMGiveResidentsAtCellCentres() throws {
    let folder = RepositoryPaths.temporaryFolder("population-grid")
    let geographic = folder.appendingPathComponent("degrees.asc").path
    try "ncols 2\nnrows 1\nxllcorner 24.9\nyllcorner 60.1\ncellsize 0.01\nNODATA_value -1\n120 -1\n".write(toFile: geographic, atomically: true, encoding: .utf8)
    let a = try PopulationGridReader.read(geographic)
    #expect(a.residents == [120])
    #expect(abs(a.coordinates[0].longitude - 24.905) < 1e-12 && abs(a.coordinates[0].latitude - 60.105) < 1e-12)

    // Our own writer's grid, read back through its .prj: residents land where they were written.
    let utm = UTMProjection(zone: 35, isNorth: true)
    let centre = utm.project(GeoCoordinate(longitude: 24.94, latitude: 60.17))
    let grid = GridGeometry(covering: BoundingBox(minX: centre.x, minY: centre.y, maxX: centre.x + 150, maxY: centre.y + 50), cellMetres: 100)
    let layer = CoverageLayer(.perResident("pop", .destinations), values: (0..<grid.cellCount).map { Float($0 + 1) })
    let projected = folder.appendingPathComponent("utm.asc").path
    try AsciiGridWriter.text(layer, grid: grid).string.write(toFile: projected, atomically: true, encoding: .utf8)
    try AsciiGridWriter.projectionText(utm).write(toFile: folder.appendingPathComponent("utm.prj").path, atomically: true, encoding: .utf8)
    let b = try PopulationGridReader.read(projected)
    #expect(b.residents.reduce(0, +) == Double((1...grid.cellCount).reduce(0, +)))
    for (coordinate, residents) in zip(b.coordinates, b.residents) {
        let p = utm.project(coordinate), i = Int(residents) - 1
        #expect(abs(p.x - grid.centre(ofCell: i).x) < 1e-3 && abs(p.y - grid.centre(ofCell: i).y) < 1e-3, "\(p) vs \(grid.centre(ofCell: i))")
    }

    try "PROJCS[\"Lambert_Conformal_Conic\"]".write(toFile: folder.appendingPathComponent("utm.prj").path, atomically: true, encoding: .utf8)
    #expect(throws: InputFileError(path: folder.appendingPathComponent("utm.prj").path,
                                   message: "Lambert_Conformal_Conic names no datum; only WGS 84 longitude/latitude (EPSG:4326) and WGS 84 UTM zones (EPSG:326xx, 327xx) are read: reproject the grid")) {
        try PopulationGridReader.read(projected)
    }
}

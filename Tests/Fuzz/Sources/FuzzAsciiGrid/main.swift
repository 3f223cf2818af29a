import FuzzSupport
import WalkshedFormats

/// ESRI ASCII grids (population and elevation models share the reader): header keys, sizes,
/// values. Any input must read or throw with a line, never trap; every cell reported lies
/// inside the declared grid, in order, and holds a finite value other than NODATA.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAsciiGrid(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var reader = AsciiGridReader(bytes: fuzzBytes(data, size), name: "fuzz.asc")
    var cells: [(Int, Int, Double)] = []
    guard let header = try? reader.read({ cells.append(($0, $1, $2)) }) else { return 0 }
    precondition(header.columns >= 1 && header.rows >= 1 && header.cellSize > 0)
    var previous = -1
    for (row, column, value) in cells {
        precondition(row < header.rows && column < header.columns && value.isFinite && value != header.noData)
        precondition(row * header.columns + column > previous)
        previous = row * header.columns + column
    }
    return 0
}

@_cdecl("FuzzAsciiGrid_main")
func harnessMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzAsciiGrid($0, $1) }
}

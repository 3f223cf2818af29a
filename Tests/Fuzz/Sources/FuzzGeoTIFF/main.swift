import FuzzSupport
import WalkshedFormats

/// GeoTIFF input (`--population`, `--dem`, report grids): byte order, directories, tags,
/// strips and tiles, deflate and LZW, predictors, GeoKeys. Any input must read or throw with a
/// byte offset, never trap; a raster read has as many values as its declared cells, within the
/// bound, a positive cell size and no infinite value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoTIFF(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let raster = try? GeoTIFFReader.read(bytes: fuzzBytes(data, size), name: "fuzz.tif", maxCells: 1 << 16) else { return 0 }
    let header = raster.header
    precondition(header.columns >= 1 && header.rows >= 1 && header.columns * header.rows <= 1 << 16)
    precondition(raster.values.count == header.columns * header.rows && header.cellSize > 0)
    precondition(raster.values.allSatisfy { !$0.isInfinite })
    return 0
}

@_cdecl("FuzzGeoTIFF_main")
func harnessMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzGeoTIFF($0, $1) }
}

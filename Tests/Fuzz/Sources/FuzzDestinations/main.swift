import FuzzSupport
import Walkshed
import WalkshedFormats

/// A user's destination file (`--destinations NAME=FILE`): CSV, or GeoJSON when the input
/// starts with `{`; with a weight column `w` when the input's length is odd. Any input must
/// read or throw with its line or feature, never trap; what reads is consistent and in range.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDestinations(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let name = bytes.first == UInt8(ascii: "{") ? "fuzz.geojson" : "fuzz.csv"
    let source = DestinationSource(name: "fuzz", path: name, weightColumn: size % 2 == 1 ? "w" : nil)
    guard let file = try? DestinationFileReader.read(bytes: bytes, source: source) else { return 0 }
    precondition(file.references.count == file.points.count + file.polygons.count)
    precondition(file.weights == nil || (file.weights!.count == file.references.count && file.weights!.allSatisfy { $0 > 0 && $0.isFinite }))
    precondition(file.points.allSatisfy { abs($0.longitude) <= 180 && abs($0.latitude) <= 90 })
    return 0
}

@_cdecl("FuzzDestinations_main")
func harnessMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzDestinations($0, $1) }
}

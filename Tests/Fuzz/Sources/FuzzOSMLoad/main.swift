import Walkshed
import FuzzSupport
import WalkshedFormats

/// The whole loader on either format (sniffed as a file would be): graph building, clipped
/// ways, multipolygon assembly, greenways, then the graph invariants must hold.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOSMLoad(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    guard let file = try? OSMFile.fromBytes(bytes, name: "fuzz.osm"),
          let (city, _) = try? OSMCityLoader.load(file) else { return 0 }
    do {
        try city.graph.checkInvariants()
    } catch {
        fatalError("loader built a broken graph: \(error)")
    }
    return 0
}

@_cdecl("FuzzOSMLoad_main")
func harnessMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzOSMLoad($0, $1) }
}

import FuzzSupport
import WalkshedFormats

/// OSM PBF framing, zlib, PrimitiveBlock, DenseNodes, ways and relations: any input must
/// either decode or throw, never trap or allocate from an unchecked size.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOSMPBF(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var sink = CountingSink()
    _ = try? OSMPBFReader(bytes: fuzzBytes(data, size), name: "fuzz.osm.pbf").read(.all, into: &sink)
    return 0
}

@_cdecl("FuzzOSMPBF_main")
func harnessMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzOSMPBF($0, $1) }
}

import FuzzSupport
import WalkshedFormats

/// Counts objects so the decoder's output is used.
struct Sink: OSMEntityHandler {
    var objects = 0
    mutating func node(id: Int64, latitude: Double, longitude: Double, tags: OSMTags) { objects += 1 + tags.pairs.count }
    mutating func way(_ way: OSMWay) { objects += way.refs.count }
    mutating func relation(_ relation: OSMRelation) { objects += relation.members.count }
}

/// OSM PBF framing, zlib, PrimitiveBlock, DenseNodes, ways and relations: any input must
/// either decode or throw, never trap or allocate from an unchecked size.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOSMPBF(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var sink = Sink()
    _ = try? OSMPBFReader(bytes: fuzzBytes(data, size), name: "fuzz.osm.pbf").read(.all, into: &sink)
    return 0
}

@_cdecl("FuzzOSMPBF_main")
func harnessMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzOSMPBF($0, $1) }
}

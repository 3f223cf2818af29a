import Foundation
import FuzzSupport
import WalkshedFormats

/// OSM XML: any input must parse or throw with a line and column, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOSMXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var sink = CountingSink()
    _ = try? OSMXMLReader(data: Data(fuzzBytes(data, size)), name: "fuzz.osm").read(.all, into: &sink)
    return 0
}

@_cdecl("FuzzOSMXML_main")
func harnessMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzOSMXML($0, $1) }
}

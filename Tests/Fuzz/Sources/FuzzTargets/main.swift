import FuzzSupport
import WalkshedFormats

/// `walkshed check` targets JSON: the nesting pre-check, Foundation's JSON parser, the schema.
/// Any input must read or throw with its JSON path, never trap; targets read are in range.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTargets(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let targets = try? TargetsReader.read(bytes: fuzzBytes(data, size), name: "fuzz.json") else { return 0 }
    precondition(!targets.isEmpty)
    precondition(targets.allSatisfy { $0.withinMinutes > 0 && (0...1).contains($0.minimumShare) && TargetsReader.measures.contains($0.measure) })
    return 0
}

@_cdecl("FuzzTargets_main")
func harnessMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzTargets($0, $1) }
}

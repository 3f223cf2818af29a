import WalkshedFormats

/// libFuzzer's entry point for programs that keep their own `main` (SwiftPM names an
/// executable's entry `<Target>_main`; each harness defines that and calls `runFuzzer`).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// Runs libFuzzer with the process arguments and `callback` as the test-one-input function.
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, callback)
}

/// The bytes of one fuzz input (empty for a null pointer).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Counts what a reader delivers, so the decoding work is not optimised away.
public struct CountingSink: OSMEntityHandler {
    public var objects = 0
    public init() {}
    public mutating func node(id: Int64, latitude: Double, longitude: Double, tags: OSMTags) { objects += 1 + tags.pairs.count }
    public mutating func way(_ way: OSMWay) { objects += way.refs.count }
    public mutating func relation(_ relation: OSMRelation) { objects += relation.members.count }
}

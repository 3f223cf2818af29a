import FuzzSupport
import Walkshed
import WalkshedFormats

/// `walkshed batch` inputs: the manifest (first byte even) or a boundaries FeatureCollection
/// (odd), through the nesting pre-check, Foundation's JSON parser and the schema. Any input
/// must read or throw naming its place, never trap; what reads keeps the readers' promises.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBatch(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    guard let selector = bytes.first else { return 0 }
    let rest = Array(bytes.dropFirst())
    if selector % 2 == 0 {
        guard let manifest = try? BatchManifestReader.read(bytes: rest, path: "/fuzz/m.json") else { return 0 }
        precondition(!manifest.studies.isEmpty && Set(manifest.studies.map(\.label)).count == manifest.studies.count)
        for study in manifest.studies {
            precondition(BatchPlan.isValidLabel(study.label) && !study.profiles.isEmpty && !study.budgets.isEmpty)
            precondition(study.profiles.allSatisfy { TravelProfile.preset($0) != nil } && study.budgets.allSatisfy { (1...1_440).contains($0) })
        }
        let plan = BatchPlan(manifest: manifest, boundaries: [:]) { _ in 1 }
        precondition(Set(plan.units.map(\.id)).count == plan.units.count)
        for count in 1...3 { precondition((0..<count).flatMap { plan.units(ofShard: $0, count: count) }.count == plan.units.count) }
    } else {
        guard let boundaries = try? BoundaryReader.read(bytes: rest, path: "fuzz.geojson", nameProperty: "name") else { return 0 }
        precondition(!boundaries.isEmpty && Set(boundaries.map(\.name)).count == boundaries.count)
        precondition(boundaries.allSatisfy { !$0.polygon.outerRings.isEmpty && $0.roughArea.isFinite })
    }
    return 0
}

@_cdecl("FuzzBatch_main")
func harnessMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzBatch($0, $1) }
}

import FuzzSupport
import Walkshed
import WalkshedFormats

/// Scenario JSON: the nesting pre-check, Foundation's JSON parser, the schema and GeoJSON
/// geometry. Any input must read or throw with its JSON path, never trap; a scenario read has
/// edits, a folder-safe name and coordinates in range.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let scenario = try? ScenarioReader.read(bytes: fuzzBytes(data, size), name: "fuzz.json") else { return 0 }
    precondition(!scenario.edits.isEmpty && !scenario.name.isEmpty && !scenario.name.contains("/"))
    func inRange(_ c: GeoCoordinate) -> Bool { (-180...180).contains(c.longitude) && (-90...90).contains(c.latitude) }
    for edit in scenario.edits {
        switch edit {
        case .addPark(_, _, let p), .closeArea(let p):
            precondition(p.outerRings.allSatisfy { $0.count >= 4 && $0.allSatisfy(inRange) })
        case .addPath(let points, _, _): precondition(points.count >= 2 && points.allSatisfy(inRange))
        case .addLink(let a, let b, _): precondition(inRange(a) && inRange(b))
        case .setSpeed(_, let kmh): precondition(kmh > 0 && kmh <= 100)
        default: break
        }
    }
    // What `walkshed serve` saves reads back as the same scenario (exact doubles).
    let text = ScenarioWriter.text(scenario)
    guard let again = try? ScenarioReader.read(bytes: Array(text.utf8), name: "fuzz.json") else { preconditionFailure("written scenario does not read: \(text)") }
    precondition(again == scenario, "written scenario reads back different: \(text)")
    return 0
}

@_cdecl("FuzzScenario_main")
func harnessMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzScenario($0, $1) }
}

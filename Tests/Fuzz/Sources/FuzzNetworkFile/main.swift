import FuzzSupport
import Foundation
import Walkshed
import WalkshedFormats

/// `.wsn` network files (`walkshed import`, `generate`): section tags, sizes, counts, the graph
/// arrays, parks, services, buildings. Any input must read or throw with a byte offset, never
/// trap; a file that reads has a graph whose invariants hold and finite positions.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNetworkFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let (city, _) = try? NetworkFile.read(data: Data(fuzzBytes(data, size)), name: "fuzz.wsn") else { return 0 }
    precondition((try? city.graph.checkInvariants()) != nil)
    precondition(city.services.allSatisfy { $0.position.x.isFinite && $0.position.y.isFinite })
    _ = city.parks.map(\.areaSquareMetres)
    _ = Snapper(graph: city.graph).snap(PlanarPoint(x: city.extent.minX, y: city.extent.minY), limitMetres: 500)
    return 0
}

@_cdecl("FuzzNetworkFile_main")
func harnessMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzNetworkFile($0, $1) }
}

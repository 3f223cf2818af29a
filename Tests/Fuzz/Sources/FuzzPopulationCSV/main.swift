import FuzzSupport
import WalkshedFormats

/// Population CSV: quoting, line ends, headers, numbers; any input must read or throw with a
/// line number, never trap, and a read table must be internally consistent.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPopulationCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let table = try? PopulationCSVReader.read(bytes: fuzzBytes(data, size), name: "fuzz.csv") else { return 0 }
    precondition(table.rows.count == table.residents.count && table.rows.count == table.coordinates.count)
    precondition(table.residents.allSatisfy { $0.isFinite && $0 >= 0 })
    precondition(table.rows.allSatisfy { $0.count == table.header.count })
    return 0
}

@_cdecl("FuzzPopulationCSV_main")
func harnessMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzPopulationCSV($0, $1) }
}

import FuzzSupport
import WalkshedFormats

/// GTFS zip: end-of-central-directory search, central directory, local headers, inflation,
/// CRC, then stops/routes/trips/stop_times CSV. Any input must read or throw, never trap;
/// every stop read must have a real longitude and latitude.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGTFS(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let archive = try? ZipArchive(bytes: fuzzBytes(data, size), name: "fuzz.zip") else { return 0 }
    for entry in archive.entries {
        if let bytes = try? archive.contents(of: entry) { precondition(bytes.count == entry.uncompressedSize) }
    }
    guard let feed = try? GTFSReader.read(archive) else { return 0 }
    precondition(feed.stops.allSatisfy { abs($0.coordinate.longitude) <= 180 && abs($0.coordinate.latitude) <= 90 })
    return 0
}

@_cdecl("FuzzGTFS_main")
func harnessMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzGTFS($0, $1) }
}

import Foundation
import Testing
import Walkshed
@testable import WalkshedFormats
import WalkshedTestSupport

let tinyFeedPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/gtfs/tiny-feed.zip").path

func tinyFeedBytes() throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: tinyFeedPath))) }

func zipError(_ bytes: [UInt8], entry: String = "stops.txt") -> String {
    do {
        let archive = try ZipArchive(bytes: bytes, name: "feed.zip")
        guard let e = archive.entry(named: entry) else { return "no entry" }
        _ = try archive.contents(of: e)
        return "no error"
    } catch { return "\(error)" }
}

/// Offset of the central-directory record of `name` in `bytes`.
func directoryRecord(_ bytes: [UInt8], _ name: String) -> Int {
    let target = Array(name.utf8)
    for p in 0..<(bytes.count - 46) where ZipArchive.u32(bytes, p) == 0x0201_4b50 {
        if Array(bytes[(p + 46)..<(p + 46 + target.count)]) == target { return p }
    }
    fatalError("no record for \(name)")
}

@Test func zipEntriesInflateToTheirTextStoredAndDeflated() throws {
    let archive = try ZipArchive(path: tinyFeedPath)
    #expect(archive.entries.map(\.name) == ["agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt"])
    let agency = String(decoding: try archive.contents(of: archive.entry(named: "agency.txt")!), as: UTF8.self)
    #expect(agency.hasPrefix("agency_id,agency_name") && agency.contains("Tiny Transit"))
    let routes = String(decoding: try archive.contents(of: archive.entry(named: "routes.txt")!), as: UTF8.self)
    #expect(routes == "route_id,agency_id,route_short_name,route_type\nBUS1,A,1,3\nRAIL,A,R,2\nFERRY,A,F,1200\n")
}

@Test func gtfsStopsTakeTheCapacityOfTheRoutesServingThem() throws {
    let feed = try GTFSReader.read(tinyFeedPath)
    // S1 bus only → low; S2 rail → high; S3 bus and ferry → high; S4 unserved; STA a station.
    #expect(feed.stops.map(\.id) == ["S1", "S2", "S3"])
    #expect(feed.stops.map(\.capacity) == [.low, .high, .high])
    #expect(feed.stops[2].name == "Harbour, ferry pier")
    #expect(feed.stops[0].coordinate == GeoCoordinate(longitude: 24.94, latitude: 60.17))
    #expect(feed.unservedStops == 1 && feed.otherLocations == 1)
}

@Test(arguments: [(0, false), (3, false), (700, false), (900, false), (1, true), (2, true), (4, true), (12, true),
                  (109, true), (401, true), (1000, true), (1200, true)])
func routeTypesSplitIntoLowAndHighCapacity(type: Int, high: Bool) {
    #expect(GTFSReader.isHighCapacity(routeType: type) == high)
}

@Test func damagedArchivesNameTheByteAndTheEntry() throws {
    let good = try tinyFeedBytes()
    #expect(zipError(Array(good.prefix(10))) == "feed.zip: byte 0: error: 10 bytes is too short for a ZIP archive")
    #expect(zipError(Array(good.prefix(400))) == "feed.zip: byte 400: error: no end-of-central-directory record; not a ZIP archive")

    var crc = good
    let record = directoryRecord(good, "stops.txt")
    crc[record + 16] ^= 0xFF
    #expect(zipError(crc).hasSuffix("error: stops.txt: CRC-32 mismatch (the archive is damaged)"))

    var bomb = good   // declared to inflate 4 GB - 1 from 166 bytes
    for k in 0..<4 { bomb[record + 24 + k] = 0xFE }
    #expect(zipError(bomb) == "feed.zip: byte \(ZipArchive.u32(good, record + 42)): error: stops.txt: inflates to 4278124286 bytes, more than the 536870912 accepted")

    var ratio = good  // 166 compressed bytes declared to give 1 MB: over 1000×
    let size = UInt32(1_000_000)
    for k in 0..<4 { ratio[record + 24 + k] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(k))) }
    #expect(zipError(ratio).hasSuffix("stops.txt: inflates 6024× (more than 1000×); refused as a zip bomb"))

    var method = good
    method[record + 10] = 12   // bzip2
    #expect(zipError(method).hasSuffix("stops.txt: compression method 12 is not supported (only stored and deflate)"))

    var short = good  // declared larger than the real data: inflation stops short
    short[record + 24] &+= 1
    #expect(zipError(short).contains("stops.txt: deflate data is corrupt or does not inflate to"))
}

@Test func gtfsWithoutStopsOrWithBadRowsIsAnError() throws {
    #expect(throws: InputFileError(path: "feed.zip", message: "no stops.txt in the archive; not a GTFS feed")) {
        try GTFSReader.read(ZipArchive(bytes: try tinyFeedBytes().replacingName("stops.txt", with: "stopz.txt"), name: "feed.zip"))
    }
}

@Test func realFeedsOfPortoAlegreSplitBusAndMetro() throws {
    guard RepositoryPaths.hasSharedData else { return }
    let buses = try GTFSReader.read(RepositoryPaths.sharedData("porto-alegre.gtfs-eptc.zip"))
    let metro = try GTFSReader.read(RepositoryPaths.sharedData("porto-alegre.gtfs-trensurb.zip"))
    // 3,986 rows in stops.txt (per the data README); every EPTC route is a bus (route_type 3).
    #expect(buses.stops.count + buses.unservedStops + buses.otherLocations == 3_986)
    #expect(buses.stops.allSatisfy { $0.capacity == .low } && buses.stops.count > 3_000)
    #expect(!metro.stops.isEmpty && metro.stops.allSatisfy { $0.capacity == .high })
}

extension Array where Element == UInt8 {
    /// The bytes with every occurrence of `name` replaced by `other` (same length).
    func replacingName(_ name: String, with other: String) -> [UInt8] {
        let a = Array(name.utf8), b = Array(other.utf8)
        precondition(a.count == b.count)
        var result = self
        var i = 0
        while i <= result.count - a.count {
            if Array(result[i..<(i + a.count)]) == a { result.replaceSubrange(i..<(i + a.count), with: b); i += a.count } else { i += 1 }
        }
        return result
    }
}

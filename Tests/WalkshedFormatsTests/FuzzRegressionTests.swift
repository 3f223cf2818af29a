import Foundation
import Testing
@testable import WalkshedFormats
import WalkshedTestSupport

let regressionFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz-regressions")

/// Inputs that once crashed or hung a fuzz harness (Tests/Fuzz/README.md says which and why):
/// each must now load, with a valid graph, or fail with a located error — never trap or hang.
@Test(arguments: try! FileManager.default.contentsOfDirectory(atPath: regressionFolder.path).sorted())
func fuzzCrashInputsNowFailCleanly(name: String) throws {
    let path = regressionFolder.appendingPathComponent(name).path
    do {
        let (city, _) = try OSMCityLoader.load(path)
        try city.graph.checkInvariants()
        #expect(name.hasPrefix("load-"), "only loader findings may load successfully")
    } catch let error as OSMXMLError {
        #expect("\(error)".hasPrefix("\(path): line "), "\(error)")
    }
}

@Test func invalidUTF8InXMLIsLocated() {
    // Line 2 starts at byte 6; "<a b=" is 5 bytes, so the 0xFF is at column 6, byte 11.
    let path = write(Array("<osm>\n<a b=".utf8) + [0xFF] + Array("/>\n</osm>\n".utf8), "latin.osm")
    #expect(loadError(path) == "\(path): line 2, column 6: error: invalid UTF-8 at byte 11; OSM XML must be UTF-8")
}

@Test(arguments: [
    ([0x41, 0xE5, 0x8D, 0x97, 0xE4, 0xBA, 0xAC], nil),          // "A南京"
    ([0xC0, 0x80], 0),                                          // overlong NUL
    ([0xED, 0xA0, 0x80], 0),                                    // UTF-16 surrogate
    ([0xF4, 0x90, 0x80, 0x80], 0),                              // above U+10FFFF
    ([0x41, 0x42, 0xE5, 0x8D], 2),                              // cut off at the end
    ([0x41, 0x80], 1),                                          // stray continuation byte
] as [([UInt8], Int?)])
func utf8ValidatorFollowsRFC3629(bytes: [UInt8], badOffset: Int?) {
    var validator = UTF8Validator()
    let place = validator.feed(bytes) ?? validator.finish()
    #expect(place?.offset == badOffset)
}

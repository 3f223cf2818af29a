import Foundation
import Testing
@testable import WalkshedFormats
import WalkshedTestSupport

let regressionFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz-regressions")

/// Inputs that once crashed or hung a fuzz harness (Tests/Fuzz/README.md says which and why):
/// each must now load, with a valid graph, or fail with a located error — never trap or hang.
@Test(arguments: try! FileManager.default.contentsOfDirectory(atPath: regressionFolder.path).filter { $0.hasSuffix(".osm") }.sorted())
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

/// FuzzTargets found a `within` of 6.7e47 minutes trapping in `FixedPoint.format` (scaled value
/// beyond UInt64) while naming the target: such budgets are now refused, and the formatter
/// writes huge values in round-trip form instead of trapping.
@Test func hugeTargetBudgetsAreRefusedNotTrapped() throws {
    let path = regressionFolder.appendingPathComponent("targets-within-beyond-uint64.json").path
    #expect(throws: TargetsError(path: path, place: "targets[10].within",
                                 message: "minutes must be positive and at most 1440, got 6.6666666666666664e+47")) {
        try TargetsReader.read(path)
    }
    #expect(FixedPoint.format(6.666666666666667e47, decimals: 1) == "6.666666666666667e+47")
    #expect(FixedPoint.format(-1e19, decimals: 0) == "-1e+19")
    #expect(FixedPoint.format(Double(9_000_000_000_000_000_000), decimals: 0) == "9000000000000000000")
}

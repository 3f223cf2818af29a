import Foundation
import Testing
@testable import WalkshedFormats
import WalkshedTestSupport

/// FIPS 180-4's examples, a message across block boundaries fed in uneven pieces, and the
/// bundled sample against the checksum `Networks/README.md` gives (from `sha256sum`).
@Test func sha256MatchesTheStandardsExamplesAndSha256sum() throws {
    func digest(_ text: String) -> String { var h = SHA256(); h.update(Array(text.utf8)); return h.hexDigest() }
    #expect(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    var pieces = SHA256()
    let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    var offset = 0, step = 1
    while offset < million.count { let end = min(million.count, offset + step); pieces.update(million[offset..<end]); offset = end; step = step * 3 % 997 + 1 }
    #expect(pieces.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    #expect(try SHA256.hexDigest(ofFile: RepositoryPaths.network("helsinki.osm.pbf")) == "b73e9c2c82054d654209b0127f1c3287d5900d6780a6083bf3a45ead8ba3e5ee")
}

import Foundation
import Testing
@testable import WalkshedFormats
import WalkshedTestSupport

/// Staged files arrive byte for byte at the commit (empty, small and several MB), nothing is
/// visible at their paths before it, and the staging leaves no temporary of its own beside them.
@Test func stagedFilesArriveWholeAtTheCommit() throws {
    let folder = RepositoryPaths.temporaryFolder("staged-files")
    var large = Data(count: 3_000_000)
    large.withUnsafeMutableBytes { bytes in for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: (i &* 2_654_435_761) >> 13) } }
    let contents: [String: Data] = ["empty.txt": Data(), "small.json": Data("{\"a\": 1}\n".utf8), "large.tif": large]
    let transaction = OutputTransaction()
    for (name, data) in contents { try transaction.stage(data, at: folder.appendingPathComponent(name).path) }
    for name in contents.keys { #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path)) }
    // One hidden temporary per staged file, and nothing else.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == contents.count)
    try transaction.commit()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == contents.keys.sorted())
    for (name, data) in contents { #expect(try Data(contentsOf: folder.appendingPathComponent(name)) == data, "\(name)") }
}

/// A temporary that cannot be written (its hidden name, the output's with a dot, the process id
/// and `.tmp` around it, is longer than a folder entry may be, where the output's own is not)
/// fails the staging with an error naming the output's path and the system's reason, and a
/// rollback leaves nothing behind.
@Test func unwritableStagingNamesThePathAndTheReason() throws {
    let folder = RepositoryPaths.temporaryFolder("unwritable-staging")
    let target = folder.appendingPathComponent(String(repeating: "m", count: 250) + ".tif").path
    let transaction = OutputTransaction()
    do {
        try transaction.stage(Data([1, 2, 3]), at: target)
        Issue.record("staging a temporary whose name is over 255 bytes succeeded")
    } catch let error as InputFileError {
        #expect(error.path == target)
        #expect(error.message.hasPrefix("cannot write") && error.message.contains("file name too long"), "\(error.message)")
    }
    transaction.rollback()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
}

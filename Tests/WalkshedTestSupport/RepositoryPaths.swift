import Foundation

/// Where the repository, its samples and the shared data live, found from this file's path.
public enum RepositoryPaths {
    /// The repository root.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Networks/<name>`.
    public static func network(_ name: String) -> String { root.appendingPathComponent("Networks/\(name)").path }

    /// `../shared/data/<name>` beside the repository (CI puts it there).
    public static func sharedData(_ name: String) -> String {
        root.deletingLastPathComponent().appendingPathComponent("shared/data/\(name)").path
    }

    /// True when the shared data folder is present.
    public static var hasSharedData: Bool { FileManager.default.fileExists(atPath: sharedData("README.md")) }

    /// One folder per test process holding every temporary folder; removed when the process exits.
    static let temporaryRoot: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("walkshed-tests-\(getpid())")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("walkshed-tests-\(getpid())")
            try? FileManager.default.removeItem(at: root)
        }
        return url
    }()

    /// A new file holding `bytes`, called `name`, in a new temporary folder; returns its path.
    public static func temporaryFile(_ bytes: [UInt8], _ name: String, label: String) -> String {
        let path = temporaryFolder(label).appendingPathComponent(name).path
        precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot write \(path)")
        return path
    }

    /// A new empty temporary folder (inside `temporaryRoot`).
    public static func temporaryFolder(_ label: String) -> URL {
        let url = temporaryRoot.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

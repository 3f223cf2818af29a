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

    /// A new empty temporary folder.
    public static func temporaryFolder(_ label: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("walkshed-\(label)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

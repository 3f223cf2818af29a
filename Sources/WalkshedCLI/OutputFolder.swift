import Foundation
import WalkshedFormats

/// The `--out` folder. `check` runs before any work, so a bad folder fails fast; `create`
/// runs only when results are ready, so a failed run leaves nothing behind.
enum OutputFolder {
    /// Throws unless `path` is a writable folder, or does not exist yet and its parent is one.
    static func check(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw InputFileError(path: path, message: "output path exists and is not a folder") }
            guard access(path, W_OK) == 0 else { throw InputFileError(path: path, message: "output folder is not writable") }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        let parentPath = parent.isEmpty ? "." : parent
        guard FileManager.default.fileExists(atPath: parentPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputFileError(path: path, message: "cannot create output folder: \(parentPath) does not exist")
        }
        guard access(parentPath, W_OK) == 0 else {
            throw InputFileError(path: path, message: "cannot create output folder: \(parentPath) is not writable")
        }
    }

    /// The name of a file from an earlier analysis in `path` (summary.json or a grid), or nil.
    static func earlierResult(in path: String) -> String? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
        return names.sorted().first { $0 == "summary.json" || $0.hasSuffix(".asc") || $0 == "cells.csv" || $0 == "cells.geojson" }
    }

    /// Creates `path` if it does not exist.
    static func create(_ path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        } catch {
            throw InputFileError(path: path, message: "cannot create output folder: \(error.localizedDescription)")
        }
    }
}

import Foundation

/// The `--out` folder. `check` runs before any work, so a bad folder fails fast; `create`
/// runs only when results are ready, so a failed run leaves nothing behind. Commands, a server
/// and a batch runner share it.
public enum OutputFolder {
    /// Throws unless `path` is a writable folder, or does not exist yet and its parent is one.
    public static func check(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw InputFileError(path: path, message: "output path exists and is not a folder") }
            guard canWrite(in: path) else { throw InputFileError(path: path, message: "output folder is not writable") }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        let parentPath = parent.isEmpty ? "." : parent
        guard FileManager.default.fileExists(atPath: parentPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputFileError(path: path, message: "cannot create output folder: \(parentPath) does not exist")
        }
        guard canWrite(in: parentPath) else {
            throw InputFileError(path: path, message: "cannot create output folder: \(parentPath) is not writable")
        }
    }

    /// Creates and removes a probe file: the only test that also holds for root on a read-only
    /// mount, where permission bits say yes.
    public static func canWrite(in folder: String) -> Bool {
        let probe = (folder as NSString).appendingPathComponent(".walkshed-probe-\(getpid())")
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { return false }
        close(fd)
        unlink(probe)
        return true
    }

    /// The name of a file from an earlier analysis in `path` (summary.json or a grid), or nil.
    public static func earlierResult(in path: String) -> String? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
        return names.sorted().first { $0 == "summary.json" || $0.hasSuffix(".asc") || $0.hasSuffix(".tif") || $0 == "cells.csv" || $0 == "cells.geojson" }
    }

    /// A test for `OutputRun`'s guard: `file`'s name when a folder holds it (a command whose
    /// results are one known file, such as `indicators.json`), else nil.
    public static func holding(_ file: String) -> (String) -> String? {
        { folder in FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(file)) ? file : nil }
    }

    /// Creates `path` if it does not exist.
    public static func create(_ path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        } catch {
            // Another process (a concurrent shard of a batch) may have made it meanwhile.
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return }
            throw InputFileError(path: path, message: "cannot create output folder: \(error.localizedDescription)")
        }
    }
}

import Foundation
import WalkshedFormats

/// The `--out` folder: created if missing (parent must exist), checked writable before any
/// work starts.
enum OutputFolder {
    static func prepare(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw InputFileError(path: path, message: "output path exists and is not a folder") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            } catch {
                throw InputFileError(path: path, message: "cannot create output folder (does its parent exist and is it writable?)")
            }
        }
        guard access(path, W_OK) == 0 else { throw InputFileError(path: path, message: "output folder is not writable") }
    }
}

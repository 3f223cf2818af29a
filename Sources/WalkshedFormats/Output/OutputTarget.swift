import Foundation

/// Where a written file lands. A regular file (or a new name) is replaced by renaming a
/// temporary file over it, so a reader never sees it half-written; a symbolic link is followed
/// to the regular file it names, which is replaced in its own folder (the link stays a link);
/// a device, FIFO, socket or anything under `/dev` or `/proc` (`/dev/null`, `/dev/stdout`) is
/// written into directly and never renamed over, so a run as root cannot turn `/dev/null`
/// into a regular file.
public enum OutputTarget: Equatable, Sendable {
    /// Rename a temporary file beside this path over it.
    case replace(String)
    /// Open this path for writing and write the bytes into it.
    case direct(String)

    /// The target `path` names.
    /// - Throws: `InputFileError` when `path` is a folder or a symbolic link to nothing.
    public static func resolve(_ path: String) throws -> OutputTarget {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            guard errno == ENOENT else { throw InputFileError(path: path, message: "cannot inspect: \(String(cString: strerror(errno)))") }
            return .replace(path)   // a new file, also in /dev/shm
        }
        // `/dev/stdout` and `/proc/self/fd/1` lead to a pipe or to the file a shell opened:
        // written through the path, as the shell would.
        if path.hasPrefix("/dev/") || path.hasPrefix("/proc/") { return .direct(path) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .replace(path)
        case S_IFDIR: throw InputFileError(path: path, message: "is a folder, expected a file to write")
        case S_IFLNK:
            guard let resolved = realpath(path, nil) else {
                throw InputFileError(path: path, message: "is a symbolic link to a missing file; give the file's own path")
            }
            defer { free(resolved) }
            let target = String(cString: resolved)
            var targetStatus = stat()
            guard stat(target, &targetStatus) == 0 else { return .replace(target) }
            return try resolve(target)
        default:
            return .direct(path)
        }
    }

    /// Copies the file at `temporary` into `path` (opened for appending, not truncated or
    /// replaced: a FIFO, a terminal, or the file a shell opened for `>`).
    static func copy(_ temporary: String, into path: String) throws {
        let source = open(temporary, O_RDONLY)
        guard source >= 0 else { throw InputFileError(path: path, message: "cannot read the staged output: \(String(cString: strerror(errno)))") }
        defer { close(source) }
        let sink = open(path, O_WRONLY | O_APPEND)
        guard sink >= 0 else { throw InputFileError(path: path, message: "cannot open for writing: \(String(cString: strerror(errno)))") }
        defer { close(sink) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            guard count > 0 else {
                if count < 0 { throw InputFileError(path: path, message: "cannot read the staged output: \(String(cString: strerror(errno)))") }
                return
            }
            var written = 0
            while written < count {
                let n = buffer.withUnsafeBytes { write(sink, $0.baseAddress! + written, count - written) }
                guard n > 0 else { throw InputFileError(path: path, message: "cannot write: \(String(cString: strerror(errno)))") }
                written += n
            }
        }
    }
}

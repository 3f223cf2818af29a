import Foundation

/// One run's exclusive hold on an output folder, from its first check until its results are
/// committed: `flock` on a hidden lock file beside the folder (`.<name>.walkshed-lock` in its
/// parent, since the folder itself is made only when results are ready), holding the run's
/// pid. A second run into the same folder fails at once, naming the first; a run that died
/// holds nothing (the kernel drops its lock), so its leftover lock file is simply reused.
public final class OutputFolderLock: @unchecked Sendable {
    /// The lock file.
    public let path: String
    /// Set once in `init`, closed in `deinit`.
    private let descriptor: Int32

    /// - Throws: `InputFileError` naming `folder` when another run holds it, or when no lock
    ///   file can be made beside it.
    public init(folder: String) throws {
        let url = URL(fileURLWithPath: folder).standardized.resolvingSymlinksInPath()
        let parent = url.deletingLastPathComponent().path
        var lockPath = (parent as NSString).appendingPathComponent(".\(url.lastPathComponent).walkshed-lock")
        if !OutputFolder.canWrite(in: parent), FileManager.default.fileExists(atPath: url.path) {
            lockPath = (url.path as NSString).appendingPathComponent(".walkshed-lock")   // a folder in a read-only parent
        }
        path = lockPath
        while true {
            let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw InputFileError(path: folder, message: "cannot create the lock file \(lockPath): \(String(cString: strerror(errno)))")
            }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                var bytes = [UInt8](repeating: 0, count: 32)
                let count = pread(fd, &bytes, bytes.count, 0)
                close(fd)
                let holder = count > 0 ? String(decoding: bytes[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
                throw InputFileError(path: folder, message: "another walkshed run (pid \(holder)) is writing this folder; "
                                     + "wait for it to finish, or choose another --out")
            }
            // The run before may have removed the file after this one opened it: hold the
            // file that is at the path now, or try again.
            var held = stat(), current = stat()
            if fstat(fd, &held) == 0, stat(lockPath, &current) == 0, held.st_ino == current.st_ino, held.st_dev == current.st_dev {
                let pid = Array("\(getpid())\n".utf8)
                _ = ftruncate(fd, 0)
                _ = pwrite(fd, pid, pid.count, 0)
                descriptor = fd
                return
            }
            close(fd)
        }
    }

    /// Removes the lock file while still holding it, then lets go.
    deinit {
        unlink(path)
        close(descriptor)
    }
}

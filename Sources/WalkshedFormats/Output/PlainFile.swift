#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A file written with plain system calls: created (or emptied) and written, with no temporary
/// of its own and no forced write to the disk. For the temporaries of an `OutputTransaction`,
/// whose rename at the commit is what makes a file appear whole. (Foundation's writers make a
/// temporary of their own and force it to the disk: 0.5–4 ms a file on the benchmark machine,
/// for a guarantee the transaction already gives readers.)
enum PlainFile {
    /// A system call that failed, with the system's reason ("no space left on device").
    struct Failure: Error { let reason: String }

    /// `path` created or emptied (permissions 0666 less the umask, as Foundation's), open for
    /// writing; the caller closes it.
    static func openForWriting(_ path: String) throws(Failure) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno)).lowercased()) }
        return descriptor
    }

    /// Creates `path` holding `bytes`.
    static func create(_ path: String, contents bytes: UnsafeRawBufferPointer) throws(Failure) {
        let descriptor = try openForWriting(path)
        var written = 0
        while written < bytes.count {
            let n = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let reason = n < 0 ? String(cString: strerror(errno)).lowercased() : "no byte written"
                close(descriptor)
                throw Failure(reason: reason)
            }
            written += n
        }
        // A failing close can report a write the system had deferred (a full disk over NFS).
        guard close(descriptor) == 0 else { throw Failure(reason: String(cString: strerror(errno)).lowercased()) }
    }
}

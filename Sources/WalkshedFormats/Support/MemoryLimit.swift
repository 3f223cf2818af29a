import Foundation

/// The memory this process may use: the least of the machine's physical memory, the
/// process's address-space limit (`RLIMIT_AS`, `ulimit -v`) and its cgroup's limit (a
/// container's `memory.max`), each named so a refusal can say which one binds. The default
/// of every `--max-memory-mib` is a share of it.
///
/// The cgroup files exist on Linux only; elsewhere (macOS) the limit is physical memory and
/// the address-space limit.
public struct MemoryLimit: Sendable, Equatable {
    public var bytes: Double
    /// `physical memory`, `ulimit -v` or `cgroup memory.max`.
    public var source: String

    /// The binding limit now.
    public static func current() -> MemoryLimit {
        var limits = [MemoryLimit(bytes: Double(ProcessInfo.processInfo.physicalMemory), source: "physical memory")]
        if let address = addressSpaceLimit() { limits.append(MemoryLimit(bytes: address, source: "ulimit -v")) }
        if let cgroup = cgroupLimit() { limits.append(MemoryLimit(bytes: cgroup, source: "cgroup memory.max")) }
        return limits.min { $0.bytes < $1.bytes }!
    }

    /// The budget a run works within, in bytes, with what set it: `mebibytes` when the user
    /// gave `--max-memory-mib`, else 80 % of the binding limit.
    public static func budget(mebibytes given: Double?) -> (bytes: Double, source: String) {
        if let given { return (given * 1_048_576, "--max-memory-mib") }
        let limit = current()
        return (0.8 * limit.bytes, "80% of \(limit.source), \(Int((limit.bytes / 1_048_576).rounded())) MiB")
    }

    /// `RLIMIT_AS` (`ulimit -v`) in bytes; nil when unlimited.
    static func addressSpaceLimit() -> Double? {
        var address = rlimit()
        guard getrlimit(Int32(RLIMIT_AS.rawValue), &address) == 0, address.rlim_cur != rlim_t.max else { return nil }
        return Double(address.rlim_cur)
    }

    /// The process's cgroup v2 `memory.max` (its own group's, or the root's), or cgroup v1's
    /// `memory.limit_in_bytes`; nil when unlimited or unknown.
    static func cgroupLimit() -> Double? {
        var candidates: [String] = []
        if let text = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("0::") {
                let group = String(line.dropFirst(3))
                candidates.append("/sys/fs/cgroup\(group == "/" ? "" : group)/memory.max")
            }
        }
        candidates += ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"]
        let values = candidates.compactMap { path -> Double? in
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            let value = Double(text.trimmingCharacters(in: .whitespacesAndNewlines))   // "max" reads as nil
            return value.flatMap { $0 > 0 && $0 < 1e18 ? $0 : nil }                     // v1's "unlimited" is ~9.2e18
        }
        return values.min()
    }

    /// The memory a run of `path` is expected to need at least before its analysis: the
    /// process as it is plus about three times the extract (decoded blobs, the node store and
    /// the ways kept while reading; the 211 MB real-size input peaks at 2.5 times its size).
    public static func estimatedReadingBytes(of path: String) -> Double {
        var status = stat()
        let size = stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG ? Double(status.st_size) : 0
        return currentBytes() + 3 * size
    }

    /// The process's size now: its address space when `ulimit -v` limits it, else
    /// its resident memory (from /proc/self/statm; 64 MiB where that file does not exist).
    static func currentBytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 64 * 1_048_576 }
        let fields = text.split(separator: " ").compactMap { Double($0) }
        guard fields.count >= 2 else { return 64 * 1_048_576 }
        let page = Double(sysconf(Int32(_SC_PAGESIZE)))
        return (addressSpaceLimit() != nil ? fields[0] : fields[1]) * page
    }

    /// Throws when reading `extract` is expected to need more than `maxBytes` (the
    /// `--max-memory-mib` in force), naming the limit behind it.
    public static func checkReading(_ extract: String, maxBytes: Double, source: String) throws {
        let need = estimatedReadingBytes(of: extract)
        guard need > maxBytes else { return }
        func mib(_ b: Double) -> String { String(Int((b / 1_048_576).rounded())) }
        throw InputFileError(path: extract, message: "reading it needs about \(mib(need)) MiB, over the \(mib(maxBytes)) MiB allowed "
                             + "(\(source)); raise the limit, or cut the extract first (--bbox, --boundary, osmium extract)")
    }
}

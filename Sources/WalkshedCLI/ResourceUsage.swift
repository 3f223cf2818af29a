import Foundation

/// This process's resource use, from getrusage(2).
enum ResourceUsage {
    /// Peak resident set size so far, in bytes (Linux reports kilobytes).
    static var peakResidentBytes: Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) * 1024
    }
}

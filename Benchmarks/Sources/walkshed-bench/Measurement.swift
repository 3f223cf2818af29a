import Foundation

/// Wall times of repeated runs and the process's peak resident memory, as one JSON line.
struct Measurement {
    var benchmark: String
    var input: String
    var threads: Int
    var nodes: Int
    var arcs: Int
    var seconds: [Double]
    var note: String = ""

    /// Runs `body` `runs` times after one untimed warm-up and records each wall time.
    static func time(runs: Int, _ body: () -> Void) -> [Double] {
        body()
        return (0..<runs).map { _ in
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
    }

    static var peakResidentMiB: Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    var jsonLine: String {
        let sorted = seconds.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        func f(_ v: Double) -> String { String(format: "%.6f", v) }
        var fields = ["\"benchmark\":\"\(benchmark)\"", "\"input\":\"\(input)\"", "\"threads\":\(threads)",
                      "\"runs\":\(seconds.count)", "\"median_s\":\(f(median))", "\"min_s\":\(f(sorted.first ?? 0))",
                      "\"max_s\":\(f(sorted.last ?? 0))", "\"peak_rss_mib\":\(String(format: "%.1f", Self.peakResidentMiB))",
                      "\"nodes\":\(nodes)", "\"arcs\":\(arcs)"]
        if !note.isEmpty { fields.append("\"note\":\"\(note)\"") }
        return "{" + fields.joined(separator: ",") + "}"
    }
}

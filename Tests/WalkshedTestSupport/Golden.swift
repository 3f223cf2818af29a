import Foundation

/// Golden-file comparison. `WALKSHED_RECORD=1` rewrites the golden file and reports a
/// failure, so a recording run can never pass by accident.
public enum Golden {
    /// Returns nil when `actual` equals the golden file `name` in the `Golden/` folder beside
    /// `testFile`, else a message describing the first difference.
    public static func mismatch(_ actual: String, name: String, testFile: String = #filePath) -> String? {
        let url = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        if ProcessInfo.processInfo.environment["WALKSHED_RECORD"] == "1" {
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! actual.write(to: url, atomically: true, encoding: .utf8)
            return "recorded \(name); run again without WALKSHED_RECORD"
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "missing golden file \(url.path); record it with WALKSHED_RECORD=1"
        }
        if expected == actual { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(e.count, a.count) where i >= e.count || i >= a.count || e[i] != a[i] {
            return "\(name): line \(i + 1) differs:\n  expected: \(i < e.count ? String(e[i]) : "<end>")\n  actual:   \(i < a.count ? String(a[i]) : "<end>")"
        }
        return "\(name): differs"
    }
}

import Foundation
import Walkshed

/// The shares an earlier `walkshed analyze` reported in its `summary.json`, for `check
/// --baseline`: the profile and budget they were measured at, and per measure the share of
/// cells and (with population) of residents meeting the budget.
public struct AnalysisBaseline: Sendable, Equatable {
    public var profile: String
    public var budgetMinutes: Double
    public var cellShares: [String: Double]
    public var populationShares: [String: Double]

    /// - Throws: `InputFileError` when the file is missing or is not an analyze summary.
    public static func read(_ path: String) throws -> AnalysisBaseline {
        func fail(_ message: String) -> InputFileError { InputFileError(path: path, message: message) }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("no such file") }
        guard data.count <= 64 << 20 else { throw fail("\(data.count) bytes is too large for a summary.json") }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let options = root["options"] as? [String: Any], let profile = options["profile"] as? String,
              let budget = (options["budget_minutes"] as? NSNumber)?.doubleValue,
              let measures = root["measures"] as? [[String: Any]] else {
            throw fail("not a summary.json written by walkshed analyze (needs options.profile, options.budget_minutes and measures)")
        }
        func shares(_ list: [[String: Any]]) -> [String: Double] {
            var result: [String: Double] = [:]
            for m in list {
                if let name = m["name"] as? String, let share = (m["share_meeting_budget"] as? NSNumber)?.doubleValue { result[name] = share }
            }
            return result
        }
        let population = ((root["population"] as? [String: Any])?["measures"] as? [[String: Any]]) ?? []
        return AnalysisBaseline(profile: profile, budgetMinutes: budget, cellShares: shares(measures), populationShares: shares(population))
    }

    /// This baseline's share comparable with `target` (same profile, budget and rule), or why
    /// there is none.
    public func share(comparableWith target: AccessTarget) -> (share: Double?, note: String?) {
        guard profile == target.profile, budgetMinutes == target.withinMinutes,
              target.atLeastCategories == nil || target.atLeastCategories == DestinationKind.builtIn.count else {
            return (nil, "baseline not comparable (it measured \(profile) within \(FixedPoint.format(budgetMinutes, decimals: 1)) min)")
        }
        let share = target.basis == .population ? populationShares[target.measure.name] : cellShares[target.measure.name]
        return share.map { ($0, nil) } ?? (nil, "baseline has no \(target.basis == .population ? "population " : "")share for \(target.measure.name)")
    }
}

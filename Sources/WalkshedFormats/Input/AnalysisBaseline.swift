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

    /// - Throws: `InputFileError` when the file is missing, is not an analyze summary, or holds
    ///   a share outside 0 … 1.
    public static func read(_ path: String) throws -> AnalysisBaseline {
        let document = try AnalysisSummaryDocument.read(path)
        for (key, measures) in [("measures", document.measures.map { ($0.name, $0.shareMeetingBudget) }),
                                ("population.measures", (document.population?.measures ?? []).map { ($0.name, $0.shareMeetingBudget) })] {
            if let (k, (name, share)) = measures.enumerated().first(where: { !ValidRange.share.contains($0.element.1) }) {
                throw JSONInputError(path: path, place: "\(key)[\(k)].share_meeting_budget",
                                     message: "\(name): share \(share) is beyond \(ValidRange.text(ValidRange.share))")
            }
        }
        guard ValidRange.minutes.contains(document.options.budgetMinutes) else {
            throw JSONInputError(path: path, place: "options.budget_minutes", message: "\(document.options.budgetMinutes) is beyond \(ValidRange.text(ValidRange.minutes))")
        }
        return AnalysisBaseline(profile: document.options.profile, budgetMinutes: document.options.budgetMinutes,
                                cellShares: Dictionary(document.measures.map { ($0.name, $0.shareMeetingBudget) }, uniquingKeysWith: { a, _ in a }),
                                populationShares: Dictionary((document.population?.measures ?? []).map { ($0.name, $0.shareMeetingBudget) },
                                                             uniquingKeysWith: { a, _ in a }))
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

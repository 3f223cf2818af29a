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
        let document = try AnalysisSummaryDocument.read(path)
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

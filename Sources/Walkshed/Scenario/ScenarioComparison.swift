/// How one measure changed between the baseline and a scenario, over cells or residents.
///
/// For `<set>_minutes`: the share within the budget before and after, places *gaining* (not
/// within before, within after) or *losing* access, and places *faster* or *slower* by any
/// amount (a place no longer reached is slower, one newly reached faster). For
/// `categories_within`: the mean number of categories within the budget, and places whose
/// count rose (gaining, faster) or fell (losing, slower).
public struct MeasureChange: Sendable, Equatable {
    public var measure: Measure
    /// Share within the budget (minutes measures) or mean categories within it.
    public var before: Double
    public var after: Double
    /// Weight (residents or cells) gaining and losing access.
    public var gaining: Double
    public var losing: Double
    /// Weight whose time fell or grew, by any amount.
    public var faster: Double
    public var slower: Double
    /// Weighted mean change, scenario minus baseline, over places finite in both (minutes or
    /// categories); 0 when there are none.
    public var meanChange: Double
}

public enum ScenarioComparison {
    /// Changes per measure; `weights` (residents) per place, nil to count places (cells).
    /// Places snapped in neither run are left out of every share.
    public static func compare(baseline: [CoverageLayer], scenario: [CoverageLayer], weights: [Double]?,
                               budgetMinutes: Double) -> [MeasureChange] {
        precondition(baseline.count == scenario.count)
        let budget = Float(budgetMinutes)
        return zip(baseline, scenario).map { a, b in
            precondition(a.measure == b.measure && a.values.count == b.values.count)
            let isCategories = a.measure == .categoriesWithin
            var total = 0.0, before = 0.0, after = 0.0, gaining = 0.0, losing = 0.0, faster = 0.0, slower = 0.0
            var changeSum = 0.0, changeWeight = 0.0
            for i in a.values.indices {
                let x = a.values[i], y = b.values[i]
                let w = weights?[i] ?? 1
                let placed = !(x.isNaN && y.isNaN) && (!isCategories || (!x.isNaN && !y.isNaN))
                guard placed, w > 0 else { continue }
                total += w
                if isCategories {
                    before += w * Double(x); after += w * Double(y)
                    if y > x { gaining += w; faster += w } else if y < x { losing += w; slower += w }
                } else {
                    let was = x <= budget, now = y <= budget   // NaN compares false: not within
                    if was { before += w }
                    if now { after += w }
                    if now && !was { gaining += w } else if was && !now { losing += w }
                    if x.isFinite && (!y.isFinite || y > x) { slower += w } else if y.isFinite && (!x.isFinite || y < x) { faster += w }
                }
                if x.isFinite && y.isFinite { changeSum += w * Double(y - x); changeWeight += w }
            }
            return MeasureChange(measure: a.measure, before: total > 0 ? before / total : 0, after: total > 0 ? after / total : 0,
                                 gaining: gaining, losing: losing, faster: faster, slower: slower, meanChange: changeWeight > 0 ? changeSum / changeWeight : 0)
        }
    }

    /// Per cell, scenario minus baseline, where both are known; NaN elsewhere.
    public static func differenceLayers(baseline: [CoverageLayer], scenario: [CoverageLayer]) -> [CoverageLayer] {
        zip(baseline, scenario).map { a, b in
            CoverageLayer(.change(a.measure),
                          values: zip(a.values, b.values).map { $0.isFinite && $1.isFinite ? $1 - $0 : .nan })
        }
    }
}

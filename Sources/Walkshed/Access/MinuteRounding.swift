/// The one rounding rule for minutes. A time becomes minutes rounded to 0.01 min (0.6 s, half
/// away from zero) when a layer is made, so the value every file holds or prints (two
/// decimals) is the value every threshold compares: a place printed `5.00` is within 5 minutes
/// in tables, grids, checks and indicators alike, and one printed `5.01` is not.
public enum MinuteRounding {
    /// Decimals kept: hundredths of a minute.
    public static let decimals = 2

    /// `seconds` as the minutes a layer holds (NaN stays NaN, infinity stays infinity).
    public static func minutes(seconds: Double) -> Float {
        guard seconds.isFinite else { return Float(seconds) }
        return Float((seconds / 60 * 100).rounded() / 100)
    }

    /// The time, in seconds, up to which a destination counts as within `minutes` under the
    /// rule (its rounded minutes at most `minutes`): searches with a threshold (counts) stop there.
    public static func thresholdSeconds(within minutes: Double) -> Double {
        (minutes + 0.005) * 60
    }
}

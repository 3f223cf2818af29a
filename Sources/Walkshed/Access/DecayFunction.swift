#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much a destination `t` minutes away counts, between 0 and 1, for cumulative-opportunity
/// measures with a threshold `T` (destinations beyond `T` never count).
///
/// | kind | weight for t ≤ T | parameter |
/// |---|---|---|
/// | `step` | 1 | — |
/// | `linear` | 1 − t / T | — |
/// | `exponential` | 2^(−t / h) | half-life h minutes (default 5) |
/// | `gaussian` | exp(−t² / 2σ²) | σ minutes (default T / 2) |
/// | `logistic` | 1 / (1 + exp(s (t − m))) | midpoint m minutes (default T / 2); steepness s per minute (default 1) |
public enum DecayFunction: Sendable, Equatable {
    case step
    case linear
    case exponential(halfLifeMinutes: Double)
    case gaussian(sigmaMinutes: Double)
    case logistic(midpointMinutes: Double, steepnessPerMinute: Double)

    /// The weight of a destination `minutes` away under threshold `thresholdMinutes`.
    public func weight(minutes t: Double, thresholdMinutes limit: Double) -> Double {
        guard t <= limit else { return 0 }
        switch self {
        case .step: return 1
        case .linear: return limit > 0 ? max(0, 1 - t / limit) : 1
        case .exponential(let h): return pow(2, -t / h)
        case .gaussian(let sigma): return exp(-(t * t) / (2 * sigma * sigma))
        case .logistic(let m, let s): return 1 / (1 + exp(s * (t - m)))
        }
    }

    /// Parses `step`, `linear`, `exponential[:half-life]`, `gaussian[:sigma]`,
    /// `logistic[:midpoint[:steepness]]` (minutes), filling defaults from `thresholdMinutes`.
    public static func parse(_ text: String, thresholdMinutes: Double) -> DecayFunction? {
        let parts = text.split(separator: ":").map(String.init)
        let numbers = parts.dropFirst().map { Double($0) }
        guard numbers.allSatisfy({ $0 != nil && $0!.isFinite && $0! > 0 }) else { return nil }
        let values = numbers.map { $0! }
        switch (parts.first, values.count) {
        case ("step", 0): return .step
        case ("linear", 0): return .linear
        case ("exponential", 0...1): return .exponential(halfLifeMinutes: values.first ?? 5)
        case ("gaussian", 0...1): return .gaussian(sigmaMinutes: values.first ?? thresholdMinutes / 2)
        case ("logistic", 0...2):
            return .logistic(midpointMinutes: values.first ?? thresholdMinutes / 2, steepnessPerMinute: values.dropFirst().first ?? 1)
        default: return nil
        }
    }
}

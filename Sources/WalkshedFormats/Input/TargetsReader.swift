import Foundation
import Walkshed

/// Reads `walkshed check` targets (JSON, schema version 1):
///
/// ```json
/// {"version": 1, "targets": [
///   {"name": "parks", "measure": "park_minutes", "profile": "walk", "within": 15, "min_population_share": 0.8},
///   {"measure": "categories_within", "within": 15, "at_least": 5, "min_cell_share": 0.5}]}
/// ```
///
/// `measure` is `<kind>_minutes` (park, each service category of `ServiceCategory`, and the
/// user's own kinds), `greenway_minutes` or `categories_within`; `profile` one of the presets (default
/// walk); `within` minutes (default 15, at most 1,440); exactly one of `min_population_share` and
/// `min_cell_share` (0…1); `at_least` only for `categories_within`. Unknown keys are errors,
/// so a typo cannot pass silently. Files over 1 MiB or nested deeper than 32 are refused
/// before parsing.
public enum TargetsReader {
    public static let maxBytes = 1 << 20
    public static let maxDepth = 32
    /// Longest budget a target may name: a day, in minutes.
    public static let maxMinutes = 1_440.0
    /// The measures a target may name: minutes to each built-in kind, to a greenway, and
    /// the kinds within the budget.
    public static let measures = measures(for: DestinationKind.builtIn)

    /// The measures a target may name when the study measures `kinds` (the user's own too).
    public static func measures(for kinds: [DestinationKind]) -> [Measure] {
        kinds.map { .minutes($0) } + [.greenwayMinutes, .categoriesWithin]
    }

    /// - Parameter kinds: the destination kinds the study measures (`.minutes` of each may be a target).
    public static func read(_ path: String, kinds: [DestinationKind] = DestinationKind.builtIn) throws -> [AccessTarget] {
        try read(bytes: JSONInput.contents(of: path), name: path, kinds: kinds)
    }

    public static func read(bytes: [UInt8], name: String, kinds: [DestinationKind] = DestinationKind.builtIn) throws -> [AccessTarget] {
        let measures = measures(for: kinds)
        func fail(_ place: String, _ message: String) -> TargetsError { TargetsError(path: name, place: place, message: message) }
        let object = try JSONInput.object(bytes, name: name, maxBytes: maxBytes, maxDepth: maxDepth)
        if let unknown = Set(object.keys).subtracting(["version", "targets"]).sorted().first { throw fail(unknown, "unknown key") }
        guard let version = object["version"] as? Int, version == 1 else {
            throw fail("version", "expected 1 (the only schema version), got \(JSONInput.described(object["version"]))")
        }
        guard let list = object["targets"] as? [Any], !list.isEmpty else { throw fail("targets", "expected a non-empty array") }
        return try list.enumerated().map { k, item in
            let at = "targets[\(k)]"
            guard let t = item as? [String: Any] else { throw fail(at, "expected an object") }
            let known: Set<String> = ["name", "measure", "profile", "within", "at_least", "min_population_share", "min_cell_share"]
            if let unknown = Set(t.keys).subtracting(known).sorted().first { throw fail("\(at).\(unknown)", "unknown key") }
            guard let measure = t["measure"] as? String else { throw fail("\(at).measure", "required, a string") }
            guard let measure = measures.first(where: { $0.name == measure }) else {
                throw fail("\(at).measure", "unknown measure '\(measure)'; one of \(measures.map(\.name).joined(separator: ", "))")
            }
            let profile = try t["profile"].map { value -> String in
                guard let p = value as? String, TravelProfile.preset(p) != nil else {
                    throw fail("\(at).profile", "one of \(TravelProfile.presetNames.joined(separator: ", "))")
                }
                return p
            } ?? "walk"
            func number(_ key: String) throws -> Double? {
                guard let n = JSONInput.number(t[key]) else { throw fail("\(at).\(key)", "expected a number") }
                return n
            }
            let within = try number("within") ?? 15
            guard within > 0, within <= maxMinutes else {
                throw fail("\(at).within", "minutes must be positive and at most \(Int(maxMinutes)), got \(within)")
            }
            let atLeast = try number("at_least")
            if let atLeast {
                guard measure == .categoriesWithin else { throw fail("\(at).at_least", "only for categories_within") }
                guard atLeast == atLeast.rounded(), (1...Double(DestinationKind.builtIn.count)).contains(atLeast) else {
                    throw fail("\(at).at_least", "a whole number of categories, 1…\(DestinationKind.builtIn.count)")
                }
            }
            let population = try number("min_population_share"), cells = try number("min_cell_share")
            guard (population == nil) != (cells == nil) else {
                throw fail(at, "give exactly one of min_population_share and min_cell_share")
            }
            let share = population ?? cells!
            guard (0...1).contains(share) else {
                throw fail("\(at).\(population == nil ? "min_cell_share" : "min_population_share")", "a share between 0 and 1, got \(share)")
            }
            let basis: AccessTarget.Basis = population == nil ? .cells : .population
            let defaultName = "\(measure.name) ≤ \(FixedPoint.format(within, decimals: within == within.rounded() ? 0 : 1)) min (\(profile)) for ≥ \(FixedPoint.format(share * 100, decimals: 1)) % of \(basis == .population ? "residents" : "cells")"
            guard let name = (t["name"] ?? defaultName) as? String else { throw fail("\(at).name", "expected a string") }
            return AccessTarget(name: name, measure: measure, profile: profile, withinMinutes: within, atLeastCategories: atLeast.map(Int.init),
                                basis: basis, minimumShare: share)
        }
    }
}

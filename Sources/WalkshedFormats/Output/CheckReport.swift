import Walkshed

/// The outcome of one target of `walkshed check`.
public struct TargetOutcome: Sendable {
    public var target: AccessTarget
    /// The share measured now (0...1).
    public var measured: Double
    /// The share in the baseline, when one was given and is comparable.
    public var baseline: Double?
    /// Why a baseline given could not be compared (different profile or budget): the target
    /// then fails, since it was not checked as asked.
    public var baselineNote: String?
    public var tolerance: Double

    public var meetsTarget: Bool { measured >= target.minimumShare }
    /// False when the share fell below the baseline by more than the tolerance, or when a
    /// baseline was given and cannot be compared: a gate that cannot check must not pass.
    public var holdsBaseline: Bool { baseline.map { measured >= $0 - tolerance } ?? (baselineNote == nil) }
    public var passed: Bool { meetsTarget && holdsBaseline }

    public init(target: AccessTarget, measured: Double, baseline: Double?, baselineNote: String?, tolerance: Double) {
        self.target = target
        self.measured = measured
        self.baseline = baseline
        self.baselineNote = baselineNote
        self.tolerance = tolerance
    }

    static func percent(_ share: Double) -> String { FixedPoint.format(share * 100, decimals: 2) + " %" }

    /// One line: what was measured against what was required.
    public var message: String {
        var text = "measured \(Self.percent(measured)) of \(target.basis == .population ? "residents" : "cells"), "
            + "required \(Self.percent(target.minimumShare))"
        if let baseline {
            text += "; baseline \(Self.percent(baseline)), tolerance \(Self.percent(tolerance))"
            if !holdsBaseline { text += ": worse than the baseline" }
        } else if let baselineNote {
            text += "; \(baselineNote): not checked against the baseline"
        }
        return text
    }
}

/// `walkshed check`'s JUnit XML and stdout table. Deterministic: no timestamps or host names.
public enum CheckReport {
    /// JUnit XML: one `<testcase>` per target, a `<failure>` carrying the measured value when
    /// it fails, `<system-out>` with it when it passes.
    public static func junit(_ outcomes: [TargetOutcome], suite: String) -> String {
        let failures = outcomes.filter { !$0.passed }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"walkshed check\" tests=\"\(outcomes.count)\" failures=\"\(failures)\">\n"
        xml += "  <testsuite name=\"\(escape(suite))\" tests=\"\(outcomes.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        for o in outcomes {
            xml += "    <testcase classname=\"walkshed.\(o.target.profile).\(o.target.measure.name)\" name=\"\(escape(o.target.name))\">\n"
            if o.passed {
                xml += "      <system-out>\(escape(o.message))</system-out>\n"
            } else {
                let type = !o.meetsTarget ? "target" : o.baseline == nil ? "baseline" : "regression"
                xml += "      <failure type=\"\(type)\" message=\"\(escape(o.message))\"/>\n"
            }
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    /// JUnit XML for a run that could not check its targets (a bad extract, a bad targets
    /// file): one test case in error naming why, so CI shows a failed report, not none.
    public static func junit(error message: String, suite: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"walkshed check\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
        xml += "  <testsuite name=\"\(escape(suite))\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
        xml += "    <testcase classname=\"walkshed.check\" name=\"checking the targets\">\n"
        xml += "      <error type=\"error\" message=\"\(escape(message))\"/>\n"
        xml += "    </testcase>\n  </testsuite>\n</testsuites>\n"
        return xml
    }

    /// `--json`: the Walkshed version, each input with its SHA-256, whether every target
    /// holds, and per target its rule, the measured and required shares, the baseline and the
    /// verdict. Deterministic: no timestamps or host names.
    public static func json(_ outcomes: [TargetOutcome], inputs: [(role: String, path: String, sha256: String)],
                            populationSource: String?) -> String {
        let targets: [JSONValue] = outcomes.map { o in
            var members: [(String, JSONValue)] = [
                ("name", .string(o.target.name)), ("measure", .string(o.target.measure.name)), ("profile", .string(o.target.profile)),
                ("within_minutes", .number(o.target.withinMinutes, decimals: 2)), ("basis", .string(o.target.basis.rawValue)),
                ("measured_share", .number(o.measured, decimals: 6)), ("required_share", .number(o.target.minimumShare, decimals: 6)),
            ]
            if let n = o.target.atLeastCategories { members.append(("at_least", .integer(n))) }
            members.append(("baseline_share", o.baseline.map { .number($0, decimals: 6) } ?? .null))
            members += [("passed", .bool(o.passed)), ("message", .string(o.message))]
            return .object(members)
        }
        return JSONValue.object(header(inputs, populationSource: populationSource) + [("passed", .bool(outcomes.allSatisfy(\.passed))), ("targets", .array(targets))]).text() + "\n"
    }

    /// `--json` for a run that could not check its targets: `passed` false and the error.
    public static func json(error message: String, inputs: [(role: String, path: String, sha256: String)],
                            populationSource: String?) -> String {
        JSONValue.object(header(inputs, populationSource: populationSource) + [("passed", .bool(false)), ("error", .string(message))]).text() + "\n"
    }

    static func header(_ inputs: [(role: String, path: String, sha256: String)], populationSource: String?) -> [(String, JSONValue)] {
        [("walkshed_version", .string(WalkshedVersion.current)),
         ("inputs", .array(inputs.map { .object([("role", .string($0.role)), ("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
         ("population_source", populationSource.map { .string($0) } ?? .null)]
    }

    /// `PASS`/`FAIL`, the target's name and the measured value, one line each.
    public static func table(_ outcomes: [TargetOutcome]) -> String {
        outcomes.map { "\($0.passed ? "PASS" : "FAIL")  \($0.target.name): \($0.message)\n" }.joined()
            + "\(outcomes.filter(\.passed).count) of \(outcomes.count) targets hold.\n"
    }

    /// XML 1.0 text: markup characters as entities, newlines as `&#10;`, and every other
    /// control character (which XML 1.0 cannot carry at all) as a visible `\u{…}`.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in VisibleText.escaped(s) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            default: out.append(c)
            }
        }
        return out
    }
}

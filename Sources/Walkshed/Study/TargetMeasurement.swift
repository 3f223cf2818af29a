/// What `Study.measure(_:)` found for one target.
public struct MeasuredTarget: Sendable {
    public var target: AccessTarget
    /// The share of residents or cells meeting the target's rule (0...1).
    public var share: Double
}

extension Study {
    /// The share meeting each target, on the city as `scenario` (if any) leaves it. Each
    /// profile the targets name is analysed once; the grid covers the study's `gridArea`.
    /// - Throws: `StudyError.needsResidents` for a population target without residents,
    ///   `ScenarioError` when the scenario cannot apply, `StudyCancelled`.
    public func measure(_ targets: [AccessTarget], scenario: Scenario?, options: CoverageOptions,
                        progress: any StudyProgress) throws -> [MeasuredTarget] {
        if residents == nil, let t = targets.first(where: { $0.basis == .population }) {
            throw StudyError.needsResidents("target '\(t.name)'")
        }
        var options = options
        options.greenway = targets.contains { $0.measure == .greenwayMinutes }
        var city = self.city
        var applied: AppliedScenario?
        if let scenario {
            progress.begin("applying scenario \(scenario.name)")
            applied = try scenario.apply(to: city)
            city = applied!.city
        }
        var analyses: [String: CoverageResult] = [:]
        var measured: [MeasuredTarget] = []
        for target in targets {
            try progress.checkCancelled()
            let result: CoverageResult
            if let done = analyses[target.profile] {
                result = done
            } else {
                guard let preset = TravelProfile.preset(target.profile) else { throw StudyError.unknownProfile(target.profile) }
                result = try analyze(profile: applied?.profile(preset) ?? preset, options: options, progress: progress,
                                     stagePrefix: "\(target.profile): ", on: city).result
                analyses[target.profile] = result
            }
            let share = target.basis == .population
                ? target.measuredShare(layers: result.populationLayers, kinds: result.destinationKinds.filter(\.isBuiltIn), snapped: result.populationSnapped,
                                       residents: residents?.counts)
                : target.measuredShare(layers: result.layers, kinds: result.destinationKinds.filter(\.isBuiltIn), snapped: result.snapped, residents: nil)
            measured.append(MeasuredTarget(target: target, share: share))
        }
        return measured
    }
}

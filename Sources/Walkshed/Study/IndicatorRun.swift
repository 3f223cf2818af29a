/// The standard indicators of a study, for several profiles side by side.
public struct IndicatorRun: Sendable {
    /// Every indicator of every profile, profile by profile.
    public var values: [IndicatorValue]
    /// Per resident point, the distances and times behind them, profile by profile.
    public var pointLayers: [CoverageLayer]
    /// The study's load warnings plus those of snapping destinations.
    public var diagnostics: Diagnostics
}

extension Study {
    /// SDG 11.7.1, SDG 11.2.1, WHO, 3-30-300, ParkServe and the 15-minute city's measures for
    /// the study's residents, one profile after another.
    /// - Throws: `StudyError.needsResidents` without residents; `StudyCancelled`.
    public func indicators(profiles: [TravelProfile], options: IndicatorOptions, progress: any StudyProgress) throws -> IndicatorRun {
        guard let residents else { throw StudyError.needsResidents("the standard indicators") }
        var diagnostics = loadDiagnostics
        var values: [IndicatorValue] = [], layers: [CoverageLayer] = []
        for profile in profiles {
            try progress.checkCancelled()
            progress.begin("indicators for \(profile.name)")
            let result = StandardIndicators(city: city, profile: profile, points: residents.positions, residents: residents.counts,
                                            options: options, elevation: elevationSampler, diagnostics: &diagnostics)
            values += result.values
            layers += result.pointLayers
        }
        return IndicatorRun(values: values, pointLayers: layers, diagnostics: diagnostics)
    }
}

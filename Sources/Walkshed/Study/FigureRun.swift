/// One study × profile as a batch unit runs it: the baseline analysis (the grids a unit
/// writes) and the figures of the baseline and of each scenario at each budget.
public struct FigureRun: Sendable {
    public var baseline: ProfileAnalysis
    /// Per grid cell, whether its centre is inside the boundary (every cell without one).
    public var cellsInside: [Bool]
    /// The baseline's figures budget by budget, then each scenario's.
    public var figures: [AccessFigures]
    /// The study's load warnings plus those of snapping and the indicators.
    public var diagnostics: Diagnostics
}

extension Study {
    /// Analyses the baseline once, each scenario by an exact incremental update of it, and
    /// sums every one up at each of `budgets` (minutes): shares within, population-weighted
    /// medians, the standard indicators (with residents) and `targets` of `profile`.
    /// With `boundary`, only cells centred and residents living inside it count; the
    /// network stays whole. The grid's `categories_within` counts within `budgets[0]`.
    /// - Throws: `ScenarioError` for a scenario that cannot apply, `StudyError.needsResidents`
    ///   for a population target without residents, `StudyCancelled`.
    public func figures(profile: TravelProfile, scenarios: [Scenario], budgets: [Double], options: CoverageOptions,
                        indicatorOptions: IndicatorOptions, targets: [AccessTarget], boundary: PlanarPolygon?,
                        progress: any StudyProgress) throws -> FigureRun {
        precondition(!budgets.isEmpty, "a figure run needs a budget")
        let study = boundary.map(clipped(to:)) ?? self
        let targets = targets.filter { $0.profile == profile.name }
        if study.residents == nil, let t = targets.first(where: { $0.basis == .population }) {
            throw StudyError.needsResidents("target '\(t.name)'")
        }
        var options = options
        options.budgetMinutes = budgets[0]
        // Minutes to a greenway only when a target asks: a scenario's incremental update does
        // not carry them, so each scenario then gets them from a full analysis of its city.
        options.greenway = targets.contains { $0.measure == .greenwayMinutes }
        let baseline = try ScenarioBaseline(study: study, profile: profile, options: options, progress: progress)
        let result = baseline.analysis.result
        let inside = result.grid.cellsCentred(in: boundary)
        var diagnostics = baseline.analysis.diagnostics
        var figures = try study.figures(name: "baseline", cellLayers: result.layers, counted: zip(inside, result.snapped).map { $0 && $1 },
                                        residentLayers: result.populationLayers, city: study.city, profile: profile, budgets: budgets,
                                        indicatorOptions: indicatorOptions, targets: targets, progress: progress, diagnostics: &diagnostics)
        for scenario in scenarios {
            let outcome = try baseline.outcome(of: scenario, progress: progress)
            let counted = inside.indices.map { i in
                inside[i] && (result.snapped[i] || outcome.cellLayers.contains { !$0.values[i].isNaN })
            }
            var greenway: (cells: [CoverageLayer], residents: [CoverageLayer]) = ([], [])
            if options.greenway {
                let full = try study.analyze(profile: outcome.profile, options: options, progress: progress,
                                             stagePrefix: "\(scenario.name): greenway: ", on: outcome.applied.city).result
                greenway = (full.layers.filter { $0.measure == .greenwayMinutes }, full.populationLayers.filter { $0.measure == .greenwayMinutes })
            }
            figures += try study.figures(name: scenario.name, cellLayers: outcome.cellLayers + greenway.cells, counted: counted,
                                         residentLayers: outcome.residentLayers + greenway.residents, city: outcome.applied.city, profile: outcome.profile,
                                         budgets: budgets, indicatorOptions: indicatorOptions, targets: targets, progress: progress,
                                         diagnostics: &diagnostics)
        }
        return FigureRun(baseline: baseline.analysis, cellsInside: inside, figures: figures, diagnostics: diagnostics)
    }

    /// The figures of one city (the study's or an edited one) from its layers, budget by budget.
    private func figures(name: String, cellLayers: [CoverageLayer], counted: [Bool], residentLayers: [CoverageLayer], city: City,
                         profile: TravelProfile, budgets: [Double], indicatorOptions: IndicatorOptions, targets: [AccessTarget],
                         progress: any StudyProgress, diagnostics: inout Diagnostics) throws -> [AccessFigures] {
        try progress.checkCancelled()
        // No resident at all (an extract without residential buildings) is no residents: no
        // shares of nobody, no indicators.
        let residents = self.residents.flatMap { $0.total > 0 ? $0 : nil }
        let cellValues = AccessFigures.measureValues(cellLayers, count: counted.count)
        let residentValues = residents.map { AccessFigures.measureValues(residentLayers, count: $0.counts.count) }
        var indicators = IndicatorsAtBudgets(values: [], proximity: nil)
        if let residents {
            progress.begin("\(name): standard indicators")
            var options = indicatorOptions
            options.budgetMinutes = budgets[0]
            let computed = StandardIndicators(city: city, profile: profile, points: residents.positions, residents: residents.counts,
                                              options: options, elevation: elevationSampler, diagnostics: &diagnostics)
            indicators = IndicatorsAtBudgets(values: computed.values,
                                             proximity: computed.pointLayers.first { $0.name == "\(profile.name)_proximity_minutes" })
        }
        let kinds = DestinationKind.builtIn
        let measured = targets.map { target in
            MeasuredTarget(target: target, share: target.basis == .population
                ? target.measuredShare(layers: residentLayers, kinds: kinds, snapped: [Bool](repeating: true, count: self.residents!.counts.count),
                                       residents: self.residents!.counts)
                : target.measuredShare(layers: cellLayers, kinds: kinds, snapped: counted, residents: nil))
        }
        return budgets.map { budget in
            let cells = AccessFigures.cellShares(cellValues, counted: counted, budgetMinutes: budget)
            let people = residentValues.map { AccessFigures.residentFigures($0, residents: residents!.counts, budgetMinutes: budget) }
            return AccessFigures(scenario: name, budgetMinutes: budget, cells: cells.cells, cellShares: cells.shares,
                                 residents: self.residents?.total, residentShares: people?.shares, residentMedians: people?.medians,
                                 indicators: indicators.at(budget: budget, residents: residents?.counts ?? []), targets: measured)
        }
    }
}

/// The standard indicators computed at one budget, and the proximity times that give F15 at any other.
private struct IndicatorsAtBudgets {
    var values: [IndicatorValue]
    var proximity: CoverageLayer?

    /// `values` with F15 (the share of residents whose proximity time is within the budget) at `budget`.
    func at(budget: Double, residents: [Double]) -> [IndicatorValue] {
        guard let proximity else { return values }
        let share = PopulationSummary(layer: proximity, residents: residents, budgetMinutes: budget, setCount: 0).share
        return values.map { value in
            guard value.id == "f15" else { return value }
            return IndicatorValue(id: value.id, title: value.title, profile: value.profile, value: value.value == nil ? nil : share,
                                  unit: value.unit, definition: value.definition)
        }
    }
}

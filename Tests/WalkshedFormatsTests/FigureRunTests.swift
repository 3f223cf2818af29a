import Testing
@testable import Walkshed
import WalkshedFormats
import WalkshedTestSupport

/// The Helsinki sample with 400 residents at seeded random points of its extent (1…50 each).
func helsinkiStudyWithResidents() throws -> Study {
    let city = try OSMCityLoader.load(RepositoryPaths.network("helsinki.osm.pbf")).city
    let box = city.extent
    var random = SeededRandom(seed: 11)
    let positions = (0..<400).map { _ in
        PlanarPoint(x: Double.random(in: box.minX...box.maxX, using: &random), y: Double.random(in: box.minY...box.maxY, using: &random))
    }
    let counts = (0..<400).map { _ in Double(Int.random(in: 1...50, using: &random)) }
    return Study(city: city, residents: Residents(source: "random", positions: positions, counts: counts))
}

func figureOptions() -> (CoverageOptions, IndicatorOptions) {
    var options = CoverageOptions()
    options.cellMetres = 150
    options.threads = 2
    var indicators = IndicatorOptions()
    indicators.threads = 2
    return (options, indicators)
}

/// At the analysis's own budget the figures are the summaries `walkshed analyze` writes:
/// each kind's cell share is its layer's share, the all-kinds share is the share of cells
/// with every kind within (categories_within = 8), and resident shares and medians are the
/// population summaries; F15 at another budget is the share with proximity time within it.
@Test func figuresAtTheRunBudgetAreTheAnalysisSummaries() throws {
    let study = try helsinkiStudyWithResidents()
    let (options, indicatorOptions) = figureOptions()
    let run = try study.figures(profile: .walk(), scenarios: [], budgets: [15, 10], options: options, indicatorOptions: indicatorOptions,
                                targets: [], boundary: nil, progress: SilentProgress())
    var fifteen = options
    fifteen.budgetMinutes = 15
    let analysis = try study.analyze(profile: .walk(), options: fifteen, progress: SilentProgress())
    let summaries = analysis.result.summaries()
    let first = run.figures[0]
    #expect(first.scenario == "baseline" && first.budgetMinutes == 15 && run.figures[1].budgetMinutes == 10)
    #expect(first.cells == analysis.result.cellsOnNetwork)
    for (k, kind) in DestinationKind.builtIn.enumerated() {
        let summary = summaries.first { $0.name == Measure.minutes(kind).name }!
        #expect(first.cellShares[k] == summary.shareMeetingBudget, "\(kind)")
        let people = PopulationSummary(layer: analysis.result.populationLayers.first { $0.measure == .minutes(kind) }!,
                                       residents: study.residents!.counts, budgetMinutes: 15, setCount: DestinationKind.builtIn.count)
        #expect(first.residentShares![k] == people.share && first.residentMedians![k] == people.median, "\(kind)")
    }
    let categories = summaries.first { $0.name == "categories_within" }!
    #expect(first.cellShares[DestinationKind.builtIn.count] == categories.shareMeetingBudget)
    let allKinds = PopulationSummary(layer: analysis.result.populationLayers.first { $0.measure == .categoriesWithin }!,
                                     residents: study.residents!.counts, budgetMinutes: 15, setCount: DestinationKind.builtIn.count)
    #expect(first.residentShares![DestinationKind.builtIn.count] == allKinds.share)
    // F15 at 10 minutes equals the indicator computed at 10 minutes.
    var ten = indicatorOptions
    ten.budgetMinutes = 10
    var diagnostics = Diagnostics()
    let direct = StandardIndicators(city: study.city, profile: .walk(), points: study.residents!.positions, residents: study.residents!.counts,
                                    options: ten, diagnostics: &diagnostics)
    #expect(run.figures[1].indicators.first { $0.id == "f15" }!.value == direct.values.first { $0.id == "f15" }!.value)
    #expect(run.figures[1].indicators.first { $0.id == "f15" }!.value != first.indicators.first { $0.id == "f15" }!.value)
}

/// Boundaries: two halves of the extent split the residents between them; a boundary around
/// the whole extent gives the residents' figures of no boundary, value for value.
@Test func boundariesSplitResidentsAndAWholeBoundaryChangesNothing() throws {
    let study = try helsinkiStudyWithResidents()
    let (options, indicatorOptions) = figureOptions()
    let box = study.city.extent, midX = (box.minX + box.maxX) / 2
    func rectangle(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> PlanarPolygon {
        PlanarPolygon(outerRings: [[PlanarPoint(x: x0, y: y0), PlanarPoint(x: x1, y: y0), PlanarPoint(x: x1, y: y1), PlanarPoint(x: x0, y: y1),
                                    PlanarPoint(x: x0, y: y0)]])
    }
    func run(_ boundary: PlanarPolygon?) throws -> AccessFigures {
        try study.figures(profile: .walk(), scenarios: [], budgets: [15], options: options, indicatorOptions: indicatorOptions, targets: [],
                          boundary: boundary, progress: SilentProgress()).figures[0]
    }
    let whole = try run(nil)
    let west = try run(rectangle(box.minX - 10, box.minY - 10, midX, box.maxY + 10))
    let east = try run(rectangle(midX, box.minY - 10, box.maxX + 10, box.maxY + 10))
    #expect(west.residents! + east.residents! == whole.residents!)
    #expect(west.residents! > 0 && east.residents! > 0)
    let around = try run(rectangle(box.minX - 1_000, box.minY - 1_000, box.maxX + 1_000, box.maxY + 1_000))
    #expect(around.residents == whole.residents && around.residentShares == whole.residentShares)
    #expect(around.residentMedians == whole.residentMedians && around.indicators == whole.indicators)
    // Population-weighted, the halves' shares add up to the whole's.
    for k in 0..<9 {
        let sum = west.residentShares![k] * west.residents! + east.residentShares![k] * east.residents!
        #expect(abs(sum - whole.residentShares![k] * whole.residents!) < 1e-6, "measure \(k)")
    }
}

/// A scenario's figures are those of a fresh study of the city as the scenario leaves it.
@Test func scenarioFiguresEqualAFreshStudyOfTheEditedCity() throws {
    let study = try helsinkiStudyWithResidents()
    let (options, indicatorOptions) = figureOptions()
    let scenario = try ScenarioReader.read(RepositoryPaths.network("scenarios/helsinki-pocket-parks.json"))
    let run = try study.figures(profile: .walk(), scenarios: [scenario], budgets: [10], options: options, indicatorOptions: indicatorOptions,
                                targets: [], boundary: nil, progress: SilentProgress())
    var edited = study
    edited.city = try scenario.apply(to: study.city).city
    edited.area = study.city.extent
    let fresh = try edited.figures(profile: .walk(), scenarios: [], budgets: [10], options: options, indicatorOptions: indicatorOptions,
                                   targets: [], boundary: nil, progress: SilentProgress()).figures[0]
    let after = run.figures[1]
    #expect(after.scenario == "pocket-parks")
    #expect(after.cells == fresh.cells && after.cellShares == fresh.cellShares)
    #expect(after.residentShares == fresh.residentShares && after.residentMedians == fresh.residentMedians)
    #expect(after.indicators == fresh.indicators)
    #expect(after.residentMedians![0]! < run.figures[0].residentMedians![0]!)   // the new parks are nearer for the median resident
}

/// A study whose residents number zero (an extract without residential buildings) has no
/// resident figures and no indicators, not shares of nobody; its cells are still measured.
@Test func noResidentsGiveNoResidentFigures() throws {
    var study = try helsinkiStudyWithResidents()
    study.residents = Residents(source: "residential buildings", positions: [], counts: [])
    let (options, indicatorOptions) = figureOptions()
    let figures = try study.figures(profile: .walk(), scenarios: [], budgets: [15], options: options, indicatorOptions: indicatorOptions,
                                    targets: [], boundary: nil, progress: SilentProgress()).figures[0]
    #expect(figures.residents == 0 && figures.residentShares == nil && figures.residentMedians == nil && figures.indicators.isEmpty)
    #expect(figures.cells > 0 && figures.cellShares[0] > 0)
}

import Testing
import Walkshed
import WalkshedTestSupport

/// Records the stages a run reports, and asks it to stop once `stopAfter` stages have begun.
final class RecordingProgress: StudyProgress {
    var stages: [String] = []
    let stopAfter: Int?
    init(stopAfter: Int? = nil) { self.stopAfter = stopAfter }
    func begin(_ stage: String) { stages.append(stage) }
    var isCancelled: Bool { stopAfter.map { stages.count >= $0 } ?? false }
}

///   0 ---100 m--- 1 ---100 m--- 2     a shop at node 2, one resident at node 0
func tinyStudy() -> Study {
    let graph = TinyNetwork.graph(nodes: [(0, 0), (100, 0), (200, 0)], edges: [(0, 1, nil), (1, 2, nil)])
    let shop = ServicePoint(category: .food, position: PlanarPoint(x: 200, y: 0), osmReference: "node/1", name: "")
    let city = City(projection: UTMProjection(zone: 35, isNorth: true), graph: graph, parks: [], services: [shop])
    return Study(city: city, residents: Residents(source: "test", positions: [PlanarPoint(x: 0, y: 0)], counts: [10]))
}

/// A run reports its stages in order and answers exactly (200 m at 1 m/s from the resident to
/// the shop); a caller that cancels stops it between stages with `StudyCancelled`.
@Test func studyRunsReportStagesAndStopWhenCancelled() throws {
    let study = tinyStudy()
    let profile = TravelProfile(name: "test", metresPerSecond: 1)
    var options = CoverageOptions()
    options.cellMetres = 50
    let progress = RecordingProgress()
    let analysis = try study.analyze(profile: profile, options: options, progress: progress)
    #expect(progress.stages.first == "finding park access points and snapping services")
    #expect(progress.stages.contains { $0.hasPrefix("searching ") } && progress.stages.last == "evaluating cells")
    let food = analysis.result.populationLayers.first { $0.measure == .minutes(.service(.food)) }!
    #expect(food.values[0] == MinuteRounding.minutes(seconds: 200))
    #expect(throws: StudyCancelled.self) { try study.analyze(profile: profile, options: options, progress: RecordingProgress(stopAfter: 1)) }
    #expect(throws: StudyError.needsResidents("suggesting parks")) {
        try Study(city: study.city).suggestParks(profile: profile, options: ParkSuggestionOptions(), progress: SilentProgress())
    }
}

import Testing
@testable import Walkshed
import WalkshedFormats
import WalkshedTestSupport

/// Snap diagnostics: every cell's and resident's `snap_metres` is the straight distance from
/// it to the nearest point of an edge the profile may use (brute force over every segment),
/// and the summary's counts over 100 m are those of the points themselves.
@Test func snapMetresAreTheDistanceToTheNearestUsableEdge() throws {
    let study = try helsinkiStudyWithResidents()
    var options = CoverageOptions()
    options.cellMetres = 150
    options.threads = 2
    let result = try study.analyze(profile: .wheelchair(), options: options, progress: SilentProgress()).result
    let graph = study.city.graph, usable = ProfileCosts(graph: graph, profile: .wheelchair()).usableEdges
    func nearest(_ p: PlanarPoint) -> Double {
        var best = Double.infinity
        for e in 0..<graph.edgeCount where usable[e] {
            for s in graph.firstSegment(ofEdge: e)..<graph.firstSegment(ofEdge: e + 1) {
                let (a, b) = graph.segment(s, ofEdge: e)
                best = min(best, SegmentGeometry.distance(p, a, b))
            }
        }
        return best
    }
    var checked = 0
    for i in 0..<result.grid.cellCount {
        let brute = nearest(result.grid.centre(ofCell: i))
        if result.snapped[i] {
            #expect(abs(Double(result.snapMetres[i]) - brute) < 0.01, "cell \(i)")
            checked += 1
        } else {
            #expect(result.snapMetres[i].isNaN && brute > options.snapLimitMetres - 0.01, "cell \(i)")
        }
    }
    #expect(checked > 100)
    let residents = study.residents!
    for (i, p) in residents.positions.enumerated() where result.populationSnapped[i] {
        #expect(abs(Double(result.populationSnapMetres[i]) - nearest(p)) < 0.01, "resident \(i)")
    }
    let far = zip(residents.positions, residents.counts).reduce(0.0) { $0 + (nearest($1.0) > 100 && nearest($1.0) <= 300 ? $1.1 : 0) }
    #expect(abs(result.residentsSnapped(residents: residents.counts) - far) < 1e-9)
    #expect(result.cellsSnapped() == (0..<result.grid.cellCount).filter { result.snapped[$0] && result.snapMetres[$0] > 100 }.count)
}

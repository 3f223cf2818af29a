import Testing
import Walkshed
import WalkshedTestSupport

/// Lazy greedy picks exactly what the plain greedy picks, ties included (small integer weights
/// make ties common).
@Test(arguments: 0..<300) func lazyGreedyEqualsPlainGreedy(seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    let places = Int.random(in: 1...40, using: &rng)
    let weights = (0..<places).map { _ in Double(Int.random(in: 0...5, using: &rng)) }
    let covers: [[Int32]] = (0..<Int.random(in: 1...30, using: &rng)).map { _ in
        Array(Set((0..<Int.random(in: 0...8, using: &rng)).map { _ in Int32(Int.random(in: 0..<places, using: &rng)) })).sorted()
    }
    let k = Int.random(in: 1...8, using: &rng)
    #expect(CoverageGreedy.lazy(covers: covers, weights: weights, count: k) == CoverageGreedy.plain(covers: covers, weights: weights, count: k))
}

/// Brute force on tiny instances: the first pick is the best single candidate, and each
/// pick's gain is what it adds to the union of earlier picks.
@Test(arguments: 0..<100) func greedyGainsAreMarginalCoverage(seed: UInt64) {
    var rng = SeededRandom(seed: seed &+ 1000)
    let weights = (0..<12).map { _ in Double(Int.random(in: 1...9, using: &rng)) }
    let covers: [[Int32]] = (0..<6).map { _ in Array(Set((0..<4).map { _ in Int32(Int.random(in: 0..<12, using: &rng)) })).sorted() }
    let picks = CoverageGreedy.lazy(covers: covers, weights: weights, count: 6)
    func value(_ chosen: [Int]) -> Double { Set(chosen.flatMap { covers[$0] }).reduce(0) { $0 + weights[Int($1)] } }
    #expect(picks.first?.gain == covers.indices.map { value([$0]) }.max())
    for (k, pick) in picks.enumerated() {
        let earlier = picks[..<k].map(\.candidate)
        #expect(pick.gain == value(earlier + [pick.candidate]) - value(earlier))
        #expect(pick.cumulative == value(earlier + [pick.candidate]))
    }
}

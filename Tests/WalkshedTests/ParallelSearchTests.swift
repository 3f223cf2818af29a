import Testing
import Walkshed

/// `drawing` hands every item to exactly one worker, in increasing order per worker, for
/// 1, 2 and 3 workers (and more workers than items).
@Test(arguments: [(1, 1_000), (2, 1_000), (3, 1_000), (4, 2), (2, 0)])
func drawingHandsOutEveryItemOnce(workers: Int, items: Int) {
    let drawn = ParallelSearch.drawing(itemCount: items, workers: workers) { next -> [Int] in
        var mine: [Int] = []
        while let i = next() { mine.append(i) }
        return mine
    }
    #expect(drawn.count == max(1, workers))
    #expect(drawn.flatMap { $0 }.sorted() == Array(0..<items))
    #expect(drawn.allSatisfy { zip($0, $0.dropFirst()).allSatisfy { $0 < $1 } })
}

/// `map` and `forEachChunk` cover every index once and return results in index order.
@Test func mapKeepsIndexOrderForAnyThreadCount() {
    for threads in [1, 2, 3] {
        #expect(ParallelSearch.map(itemCount: 257, threads: threads) { $0 * $0 } == (0..<257).map { $0 * $0 })
    }
}

/// A background job's value is what its work made, while the caller went on meanwhile (here
/// with a parallel loop of its own); reading it again gives the same value without rerunning.
@Test func backgroundJobGivesItsWorksValue() {
    let job = BackgroundJob { ParallelSearch.map(itemCount: 1_000, threads: 2) { $0 * $0 }.reduce(0, +) }
    let meanwhile = ParallelSearch.map(itemCount: 1_000, threads: 2) { $0 }.reduce(0, +)
    #expect(meanwhile == 499_500)
    #expect(job.value == 332_833_500)
    #expect(job.value == 332_833_500)
}

import Testing
import Walkshed
import WalkshedTestSupport
import Synchronization

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

/// The counting sort against a reference: a stable sort of all parts' pairs, in part order,
/// by bucket. Parts emit up to three pairs per item (as a segment lies in several buckets),
/// buckets left empty included; the same values and starts for 1, 2 and 3 threads, and a
/// scratch array of the wrong size is resized.
@Test(arguments: [1, 2, 3])
func countingSortIsAStableSortByBucket(threads: Int) {
    var random = SeededRandom(seed: 18)
    let bucketCount = 50, parts = 5
    let pairsOfPart: [[(bucket: Int, value: Int32)]] = (0..<parts).map { part in
        (0..<(part == 3 ? 0 : 200)).flatMap { item -> [(bucket: Int, value: Int32)] in
            (0..<Int(random.next() % 3 + 1)).map { _ in (Int(random.next() % 40), Int32(part * 1_000 + item)) }
        }
    }
    let expected = pairsOfPart.flatMap { $0 }.enumerated().sorted { ($0.element.bucket, $0.offset) < ($1.element.bucket, $1.offset) }
    var values: [Int32] = [7]
    let starts = ParallelSearch.countingSort(into: &values, filler: -1, bucketCount: bucketCount, parts: parts, threads: threads) { part, sink in
        for pair in pairsOfPart[part] { sink.emit(pair.bucket, pair.value) }
    }
    #expect(values == expected.map(\.element.value))
    #expect(starts.count == bucketCount + 1 && starts.last == Int32(expected.count))
    for b in 0..<bucketCount {
        #expect(starts[b + 1] - starts[b] == Int32(expected.filter { $0.element.bucket == b }.count))
    }
}

/// `inOrder` hands every result to the consumer once, in index order, one call at a time
/// (whichever thread runs it), whatever the thread count and window, while items of uneven cost
/// finish out of order; no more than `window` results are ever made ahead of the consumer.
@Test(arguments: [1, 2, 3])
func inOrderConsumesEveryResultInIndexOrder(threads: Int) throws {
    final class Drawn: Sendable { let count = Atomic<Int>(0) }
    final class Consuming: Sendable { let count = Atomic<Int>(0) }
    for (itemCount, window) in [(0, 4), (1, 4), (500, 1), (500, 4), (500, 64)] {
        let drawn = Drawn(), consuming = Consuming()
        var consumed: [Int] = []
        try ParallelSearch.inOrder(itemCount: itemCount, threads: threads, window: window) { i -> Int in
            drawn.count.add(1, ordering: .relaxed)
            var spin = 0
            for k in 0..<((i * 7_919) % 13 * 2_000) { spin &+= k }   // uneven work
            return i * i + (spin == -1 ? 1 : 0)
        } consume: { i, square in
            #expect(consuming.count.add(1, ordering: .sequentiallyConsistent).newValue == 1, "two consumers at once")
            defer { consuming.count.subtract(1, ordering: .sequentiallyConsistent) }
            var spin = 0
            for k in 0..<((i * 104_729) % 7 * 1_000) { spin &+= k }   // uneven consuming, so deliveries overlap it
            #expect(square == i * i + (spin == -1 ? 1 : 0) && i == consumed.count)
            // The item just taken freed its place: at most `window` more are drawn.
            #expect(drawn.count.load(ordering: .relaxed) <= i + 1 + window, "threads \(threads), window \(window), item \(i)")
            consumed.append(i)
        }
        #expect(consumed == Array(0..<itemCount))
    }
}

/// The first error in index order is the one thrown, from a worker or the consumer, even when a
/// later item fails first; nothing after it is consumed, and the call returns (workers stop).
@Test(arguments: [1, 2, 3])
func inOrderStopsAtTheFirstErrorInIndexOrder(threads: Int) {
    struct Failure: Error, Equatable { let item: Int }
    var consumed: [Int] = []
    #expect(throws: Failure(item: 40)) {
        try ParallelSearch.inOrder(itemCount: 400, threads: threads, window: 8) { i -> Int in
            if i == 40 {
                var spin = 0
                for k in 0..<200_000 { spin &+= k }   // fails late, after item 41 has failed
                if spin != -1 { throw Failure(item: 40) }
            }
            if i == 41 { throw Failure(item: 41) }
            return i
        } consume: { i, _ in consumed.append(i) }
    }
    #expect(consumed == Array(0..<40))
    consumed = []
    #expect(throws: Failure(item: 25)) {
        try ParallelSearch.inOrder(itemCount: 400, threads: threads, window: 8) { $0 } consume: { i, _ in
            if i == 25 { throw Failure(item: 25) }
            consumed.append(i)
        }
    }
    #expect(consumed == Array(0..<25))
}

/// `inOrder` called from inside other parallel work (every thread of Dispatch's pool may be
/// busy): the calling thread makes items itself while no helper has started, so it finishes.
@Test func inOrderFinishesInsideOtherParallelWork() throws {
    let sums = ParallelSearch.map(itemCount: 8, threads: 2) { k -> Int in
        var sum = 0
        try? ParallelSearch.inOrder(itemCount: 300, threads: 2, window: 4) { $0 * k } consume: { _, value in sum += value }
        return sum
    }
    #expect(sums == (0..<8).map { 44_850 * $0 })
}

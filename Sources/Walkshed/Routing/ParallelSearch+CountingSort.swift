extension ParallelSearch {
    /// A stable counting sort in `parts` parts on `threads` threads. `pairs(part, &sink)` hands
    /// `sink.emit` the part's (bucket, value) pairs, and must hand the same ones in the same
    /// order each time: it is called twice per part, once to count, once to place. Afterwards
    /// `values` holds every value grouped by bucket (`0 ..< bucketCount`); within a bucket, a
    /// part's values follow those of the parts before it, in the order it emitted them. So the
    /// order is the same for any thread count.
    ///
    /// Returns where each bucket starts in `values`: `bucketCount + 1` entries, the last the
    /// number of pairs. `values` is resized to that number (new slots hold `filler` until
    /// placed); pass a scratch array of the right size to reuse its storage.
    /// Memory besides `values` and the result: one `Int32` count per bucket per part, which
    /// becomes that part's cursors in place. The pairs must number fewer than `Int32.max`.
    @inlinable
    public static func countingSort<T>(into values: inout [T], filler: T, bucketCount: Int, parts: Int, threads: Int,
                                       _ pairs: @Sendable (_ part: Int, _ sink: inout CountingSortSink<T>) -> Void) -> [Int32] {
        var partCounts = map(itemCount: parts, threads: threads) { part in
            var counted = [Int32](repeating: 0, count: bucketCount)
            counted.withUnsafeMutableBufferPointer { counts in
                var sink = CountingSortSink<T>(cursors: counts.baseAddress!, slots: nil)
                pairs(part, &sink)
            }
            return counted
        }
        // Each part's count of a bucket becomes where its values of that bucket start: after
        // every smaller bucket, then after the parts before it.
        var starts = [Int32](repeating: 0, count: bucketCount + 1)
        var next = 0
        for b in 0..<bucketCount {
            for part in 0..<parts {
                let n = Int(partCounts[part][b])
                partCounts[part][b] = Int32(next)
                next += n
            }
            precondition(next < Int(Int32.max), "a counting sort of \(next) or more pairs")
            starts[b + 1] = Int32(next)
        }
        if values.count != next { values = [T](repeating: filler, count: next) }
        let cursors = (0..<parts).map { PartCursors(taking: &partCounts[$0]) }
        fill(&values, itemCount: parts, threads: threads) { chunk, slots in
            for part in chunk {
                var cursor = cursors[part].take()
                cursor.withUnsafeMutableBufferPointer { cursor in
                    var sink = CountingSortSink<T>(cursors: cursor.baseAddress!, slots: slots)
                    pairs(part, &sink)
                }
            }
        }
        return starts
    }
}

/// Where a part of `ParallelSearch.countingSort` hands its pairs: while counting, each pair
/// adds one to its bucket's count; while placing, the value goes to its bucket's cursor, which
/// moves on.
public struct CountingSortSink<T> {
    @usableFromInline let cursors: UnsafeMutablePointer<Int32>
    /// Nil while counting.
    @usableFromInline let slots: ArraySlots<T>?

    @inlinable init(cursors: UnsafeMutablePointer<Int32>, slots: ArraySlots<T>?) {
        self.cursors = cursors
        self.slots = slots
    }

    /// Hands over one pair; `bucket` must be in `0 ..< bucketCount`.
    @inlinable @inline(__always)
    public mutating func emit(_ bucket: Int, _ value: T) {
        if let slots { slots.write(Int(cursors[bucket]), value) }
        cursors[bucket] += 1
    }
}

/// One part's next slot per bucket, moved into the parallel loop that places the part's
/// values (taken out whole, so it is changed in place rather than copied).
///
/// Invariant: each instance is taken by exactly one work item, after the loop has started. That
/// makes the unchecked `Sendable` sound.
@usableFromInline final class PartCursors: @unchecked Sendable {
    private var next: [Int32] = []

    @usableFromInline init(taking cursors: inout [Int32]) { swap(&next, &cursors) }

    @usableFromInline func take() -> [Int32] {
        var taken: [Int32] = []
        swap(&taken, &next)
        return taken
    }
}

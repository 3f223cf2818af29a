import Synchronization

/// The running totals of `DestinationCounts.forSets`: one count column (and one fixed-point
/// weight array when weighted) per set, to which each worker adds its own accumulators as it
/// moves past a set. The sums are of integers, so the totals do not depend on which worker
/// added first; memory is one column per set, not one per set and worker.
final class CountTotals: Sendable {
    private let sums: Mutex<[(counts: PlaceCountColumn, weightUnits: [UInt64])]>
    private let weighted: Bool

    /// `destinationCounts[k]`: how many destinations set `k` has, the most any place can count.
    init(destinationCounts: [Int], placeCount: Int, weighted: Bool) {
        self.weighted = weighted
        sums = Mutex(destinationCounts.map { maximum in
            (counts: PlaceCountColumn(placeCount: placeCount, maximum: maximum),
             weightUnits: [UInt64](repeating: 0, count: weighted ? placeCount : 0))
        })
    }

    /// Adds what `scan` counted to set `k` and zeroes `scan`'s accumulators.
    func add(_ scan: CountScan, toSet k: Int) {
        let counts = scan.counts, units = scan.weightUnits, weighted = self.weighted
        sums.withLock { sums in
            sums[k].counts.add(counts)
            if weighted {
                sums[k].weightUnits.withUnsafeMutableBufferPointer { total in
                    for p in total.indices { total[p] &+= units[p] }
                }
            }
        }
        counts.update(repeating: 0)
        units.update(repeating: 0)
        scan.destinationsSinceCleared = 0
    }

    /// The counts of every set, in set order.
    func finish() -> [DestinationCounts] {
        sums.withLock { sums in sums.map { DestinationCounts(column: $0.counts, weightUnits: weighted ? $0.weightUnits : []) } }
    }
}

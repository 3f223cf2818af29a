import Synchronization

/// The running totals of `DestinationCounts.forSets`: one count array (and one fixed-point
/// weight array when weighted) per set, to which each worker adds its own accumulators as it
/// moves past a set. The sums are of integers, so the totals do not depend on which worker
/// added first; memory is one array per set, not one per set and worker.
final class CountTotals: Sendable {
    private let sums: Mutex<[(counts: [Int32], weightUnits: [UInt64])]>
    private let weighted: Bool

    init(setCount: Int, placeCount: Int, weighted: Bool) {
        self.weighted = weighted
        let empty = (counts: [Int32](repeating: 0, count: placeCount),
                     weightUnits: [UInt64](repeating: 0, count: weighted ? placeCount : 0))
        sums = Mutex(Array(repeating: empty, count: setCount))
    }

    /// Adds what `scan` counted to set `k` and zeroes `scan`'s accumulators.
    func add(_ scan: CountScan, toSet k: Int) {
        let counts = scan.counts, units = scan.weightUnits, weighted = self.weighted
        sums.withLock { sums in
            sums[k].counts.withUnsafeMutableBufferPointer { total in
                for p in total.indices { total[p] &+= counts[p] }   // ≤ destination count: no overflow
            }
            if weighted {
                sums[k].weightUnits.withUnsafeMutableBufferPointer { total in
                    for p in total.indices { total[p] &+= units[p] }
                }
            }
        }
        counts.update(repeating: 0)
        units.update(repeating: 0)
    }

    /// The counts of every set, in set order.
    func finish() -> [DestinationCounts] {
        sums.withLock { sums in sums.map { DestinationCounts(counts: $0.counts, weightUnits: weighted ? $0.weightUnits : []) } }
    }
}

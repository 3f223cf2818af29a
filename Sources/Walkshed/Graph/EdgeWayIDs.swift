/// The OSM way id of every edge in 4 bytes per edge instead of 8: the low 32 bits of each id,
/// and the high 32 bits as runs over consecutive edges — one run of zeros while every id is
/// below 2^32, as all OSM way ids are today (0 marks an edge a planner added). Exact for any
/// `Int64`, negative ids (unsaved editor objects) included.
///
/// Invariants: `runFirst` starts at 0 and increases, `runFirst.count == runHigh.count`, and
/// both are empty only when there are no edges.
public struct EdgeWayIDs: RandomAccessCollection, Sendable, Equatable {
    private let low: [UInt32]
    /// Run `r` covers edges `runFirst[r] ..< runFirst[r + 1]` (the last one, to the end).
    private let runFirst: [Int32]
    /// The high 32 bits of the ids of run `r`'s edges.
    private let runHigh: [UInt32]

    public init(_ ids: [Int64]) {
        var low = [UInt32](), first = [Int32](), high = [UInt32]()
        low.reserveCapacity(ids.count)
        for (e, id) in ids.enumerated() {
            let bits = UInt64(bitPattern: id)
            low.append(UInt32(truncatingIfNeeded: bits))
            let top = UInt32(truncatingIfNeeded: bits >> 32)
            if high.last != top { first.append(Int32(e)); high.append(top) }
        }
        self.low = low
        self.runFirst = first
        self.runHigh = high
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { low.count }

    /// The way id of edge `e`.
    @inline(__always)
    public subscript(e: Int) -> Int64 {
        let top = runHigh.count == 1 ? runHigh[0] : runHigh[run(containing: e)]
        return Int64(bitPattern: UInt64(top) << 32 | UInt64(low[e]))
    }

    /// The last run starting at or before edge `e`.
    private func run(containing e: Int) -> Int {
        var lo = 0, hi = runFirst.count - 1   // runFirst[lo] ≤ e < runFirst[hi + 1]
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Int(runFirst[mid]) <= e { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}

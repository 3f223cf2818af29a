/// A monotone radix heap of node ids keyed by seconds (Ahuja, Mehlhorn, Orlin and Tarjan 1990),
/// the queue of `SearchWorkspace`: pushes never decrease a key in place (a better label is
/// pushed again and the stale entry skipped when popped), and every key pushed must be ≥ the
/// last key popped, which Dijkstra with non-negative costs guarantees.
///
/// Keys are the IEEE bit patterns of non-negative `Double`s, which order exactly as the
/// numbers do, so a search finds bit-for-bit the labels a comparison heap finds. Entry `k`
/// lives in bucket 0 when its key equals the last popped key, else in bucket 64 − (number of
/// leading bits it shares with it); popping an empty bucket 0 moves the smallest non-empty
/// bucket down around its minimum. Measured against the indexed 4-ary heap on W1 (Porto, 2
/// threads): 0.0122 s against 0.0181 s (Benchmarks/RESULTS.md, experiments).
public struct RadixHeap: Sendable {
    @usableFromInline var buckets: [[(key: UInt64, id: Int32)]] = Array(repeating: [], count: 65)
    @usableFromInline var scratch: [(key: UInt64, id: Int32)] = []
    @usableFromInline var last: UInt64 = 0
    @usableFromInline var entries = 0

    public init() {}

    public var count: Int { entries }
    public var isEmpty: Bool { entries == 0 }

    /// The key of `seconds` (finite, ≥ 0; −0 counts as 0).
    @inlinable @inline(__always)
    public static func key(_ seconds: Double) -> UInt64 { (seconds + 0).bitPattern }

    @inlinable @inline(__always)
    func bucket(_ key: UInt64) -> Int { key == last ? 0 : 64 - (key ^ last).leadingZeroBitCount }

    /// Adds `id` with `seconds`, which must be ≥ the last popped key.
    @inlinable
    public mutating func push(_ id: Int32, seconds: Double) {
        let key = RadixHeap.key(seconds)
        assert(key >= last, "radix heap keys must not fall below the last popped key")
        buckets[bucket(key)].append((key, id))
        entries += 1
    }

    /// Removes and returns an entry with the smallest key (entries with equal keys leave in
    /// a fixed order for the same pushes, so searches stay deterministic).
    @inlinable
    public mutating func popMin() -> (id: Int32, seconds: Double) {
        precondition(entries > 0, "pop from an empty heap")
        if buckets[0].isEmpty {
            var i = 1
            while buckets[i].isEmpty { i += 1 }
            swap(&scratch, &buckets[i])
            var smallest = scratch[0].key
            for entry in scratch where entry.key < smallest { smallest = entry.key }
            last = smallest
            for entry in scratch { buckets[bucket(entry.key)].append(entry) }
            scratch.removeAll(keepingCapacity: true)
        }
        entries -= 1
        let entry = buckets[0].removeLast()
        return (entry.id, Double(bitPattern: entry.key))
    }

    /// Empties the heap, keeping its buffers.
    public mutating func removeAll() {
        if entries > 0 { for i in buckets.indices { buckets[i].removeAll(keepingCapacity: true) } }
        entries = 0
        last = 0
    }
}

/// A monotone radix heap of node ids keyed by seconds (Ahuja, Mehlhorn, Orlin and Tarjan 1990),
/// the queue of `SearchWorkspace`: pushes never decrease a key in place (a better label is
/// pushed again and the stale entry skipped when popped), and every key pushed must be ≥ the
/// last key popped, which Dijkstra with non-negative costs guarantees.
///
/// Keys are the IEEE bit patterns of non-negative `Double`s, which order exactly as the
/// numbers do, so a search finds bit-for-bit the labels a comparison heap finds. Entry `k`
/// lives in bucket 0 when its key equals the last popped key, else in bucket 64 − (number of
/// leading bits it shares with it); popping an empty bucket 0 moves the smallest non-empty
/// bucket (found from a bit mask) down around its minimum.
///
/// The 65 buckets are raw buffers owned by `RadixBuckets` (copied on write), so a push is a
/// store and an increment. The nested Swift arrays this replaced spent 9 % of W1 in uniqueness
/// checks; Porto W1 with one thread went from 0.029 s to 0.020 s (walkshed-bench, same hour).
public struct RadixHeap: Sendable {
    @usableFromInline var buckets = RadixBuckets()
    @usableFromInline var last: UInt64 = 0
    @usableFromInline var entries = 0
    /// Bit `b − 1` is set when bucket `b` (1…64) holds entries.
    @usableFromInline var occupied: UInt64 = 0

    public init() {}

    public var count: Int { entries }
    public var isEmpty: Bool { entries == 0 }

    /// The key of `seconds` (finite, ≥ 0; −0 counts as 0).
    @inlinable @inline(__always)
    public static func key(_ seconds: Double) -> UInt64 { (seconds + 0).bitPattern }

    @inlinable @inline(__always)
    func bucket(_ key: UInt64) -> Int { key == last ? 0 : 64 - (key ^ last).leadingZeroBitCount }

    /// Adds `id` with `seconds`, which must be ≥ the last popped key.
    public mutating func push(_ id: Int32, seconds: Double) {
        makeUnique()
        pushUnique(id, seconds: seconds)
    }

    /// Removes and returns an entry with the smallest key (entries with equal keys leave in
    /// a fixed order for the same pushes, so searches stay deterministic).
    public mutating func popMin() -> (id: Int32, seconds: Double) {
        precondition(entries > 0, "pop from an empty heap")
        makeUnique()
        return popMinUnique()
    }

    /// Empties the heap, keeping its buffers.
    public mutating func removeAll() {
        makeUnique()
        if entries > 0 { buckets.clearAll() }
        entries = 0
        last = 0
        occupied = 0
    }

    /// Gives this heap its own buffers if a copy shares them; call once before a run of
    /// `pushUnique` / `popMinUnique`.
    @usableFromInline mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&buckets) { buckets = buckets.copy() }
    }

    /// `push` without the copy-on-write check: the buffers must be unique (`makeUnique`).
    @inline(__always)
    mutating func pushUnique(_ id: Int32, seconds: Double) {
        let key = RadixHeap.key(seconds)
        assert(key >= last, "radix heap keys must not fall below the last popped key")
        let b = bucket(key)
        buckets.append(RadixBuckets.Entry(key: key, id: id), to: b)
        if b > 0 { occupied |= 1 << UInt64(b - 1) }
        entries += 1
    }

    /// `popMin` without the copy-on-write check: the heap must be non-empty and its buffers unique.
    @inline(__always)
    mutating func popMinUnique() -> (id: Int32, seconds: Double) {
        if buckets.count[0] == 0 { refillBucketZero() }
        entries -= 1
        let entry = buckets.removeLast(from: 0)
        return (entry.id, Double(bitPattern: entry.key))
    }

    /// Moves the smallest non-empty bucket down around its minimum key: afterwards bucket 0
    /// holds every entry with that key and the rest sit in lower buckets than before.
    mutating func refillBucketZero() {
        let i = occupied.trailingZeroBitCount + 1
        let entries = buckets.start[i]!, n = buckets.count[i]
        var smallest = entries[0].key
        for k in 1..<n where entries[k].key < smallest { smallest = entries[k].key }
        last = smallest
        buckets.count[i] = 0
        occupied &= ~(1 << UInt64(i - 1))
        for k in 0..<n {
            let b = bucket(entries[k].key)
            assert(b < i, "a refill moves entries to lower buckets")
            buckets.append(entries[k], to: b)
            if b > 0 { occupied |= 1 << UInt64(b - 1) }
        }
    }
}

/// The raw buffers of a `RadixHeap`: 65 growable arrays of entries. Only `let` pointers live
/// in the class (no exclusivity checks, no per-access uniqueness checks); the heap copies it
/// before writing when it is shared, which makes the unchecked `Sendable` sound.
@usableFromInline final class RadixBuckets: @unchecked Sendable {
    @usableFromInline struct Entry {
        var key: UInt64
        var id: Int32
    }

    static let bucketCount = 65
    /// Start of each bucket's buffer (nil until first used).
    let start: UnsafeMutablePointer<UnsafeMutablePointer<Entry>?>
    /// Entries in each bucket.
    let count: UnsafeMutablePointer<Int>
    /// Capacity of each bucket's buffer.
    let capacity: UnsafeMutablePointer<Int>

    init() {
        start = .allocate(capacity: Self.bucketCount)
        start.initialize(repeating: nil, count: Self.bucketCount)
        count = .allocate(capacity: Self.bucketCount)
        count.initialize(repeating: 0, count: Self.bucketCount)
        capacity = .allocate(capacity: Self.bucketCount)
        capacity.initialize(repeating: 0, count: Self.bucketCount)
    }

    deinit {
        for b in 0..<Self.bucketCount { start[b]?.deallocate() }
        start.deallocate()
        count.deallocate()
        capacity.deallocate()
    }

    func copy() -> RadixBuckets {
        let other = RadixBuckets()
        for b in 0..<Self.bucketCount where count[b] > 0 {
            other.reserve(count[b], in: b)
            other.start[b]!.update(from: start[b]!, count: count[b])
            other.count[b] = count[b]
        }
        return other
    }

    @inline(__always)
    func append(_ entry: Entry, to b: Int) {
        if count[b] == capacity[b] { reserve(max(64, capacity[b] * 2), in: b) }
        start[b]![count[b]] = entry
        count[b] += 1
    }

    @inline(__always)
    func removeLast(from b: Int) -> Entry {
        count[b] -= 1
        return start[b]![count[b]]
    }

    func clearAll() {
        for b in 0..<Self.bucketCount { count[b] = 0 }
    }

    /// Grows bucket `b` to hold at least `minimum` entries, keeping its contents.
    func reserve(_ minimum: Int, in b: Int) {
        guard minimum > capacity[b] else { return }
        let grown = UnsafeMutablePointer<Entry>.allocate(capacity: minimum)
        if let old = start[b] {
            grown.moveInitialize(from: old, count: count[b])
            old.deallocate()
        }
        start[b] = grown
        capacity[b] = minimum
    }
}

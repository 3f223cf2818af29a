import Walkshed

/// Looks up OSM ids in a sorted array: a directory of bucket starts (by the id's high bits
/// above the smallest id) narrows each search to a few entries, so a lookup costs two or three
/// cache misses instead of a full binary search, and memory is 8 bytes per id plus 4 per bucket.
struct SortedIDIndex: Sendable {
    /// Sorted, without repeats; a found id's slot is its position here.
    let ids: [Int64]
    private let base: Int64
    private let shift: UInt64
    /// `directory[b]` is the first position whose id is in bucket `b` or later; one entry more
    /// than there are buckets.
    private let directory: [Int32]

    /// Sorts `ids` (on `threads` threads) and drops repeats. Pass the array with `consume` (or
    /// as its last use): it is sorted in place, with one scratch array of the same size.
    init(unsorted ids: consuming [Int64], threads: Int = 1) {
        var sorted = ids
        Self.radixSort(&sorted, threads: threads)
        self.init(sorted: Self.withoutRepeats(sorted, threads: threads))
    }

    /// `sorted` with each repeat dropped, in an array of the kept ids' own size (repeats can be
    /// many: nodes shared by ways). Chunks count their kept ids, then write them from where the
    /// chunks before them end, on `threads` threads: the same array for any count.
    static func withoutRepeats(_ sorted: [Int64], threads: Int) -> [Int64] {
        let count = sorted.count, chunkCount = threads <= 1 ? 1 : threads * 16
        @Sendable func isKept(_ i: Int) -> Bool { i == 0 || sorted[i] != sorted[i - 1] }
        let keptPerChunk = ParallelSearch.map(itemCount: chunkCount, threads: threads) { c in
            ParallelSearch.chunk(c, of: count, in: chunkCount).reduce(0) { $0 + (isKept($1) ? 1 : 0) }
        }
        var chunkStart = [0]
        for kept in keptPerChunk { chunkStart.append(chunkStart[chunkStart.count - 1] + kept) }
        let starts = chunkStart
        return ParallelSearch.filling(count: starts[chunkCount], initial: 0, itemCount: chunkCount, threads: threads) { chunks, out in
            for c in chunks {
                var k = starts[c]
                for i in ParallelSearch.chunk(c, of: count, in: chunkCount) where isKept(i) {
                    out.write(k, sorted[i])
                    k += 1
                }
            }
        }
    }

    /// Sorts `keys` ascending: least significant digit first, 11 bits of `key − smallest` per
    /// pass, as many passes as the span of the keys needs (four for planet-wide OSM ids), on
    /// `threads` threads (`sortByBits`).
    /// - Complexity: O(passes × count).
    static func radixSort(_ keys: inout [Int64], threads: Int = 1) {
        guard keys.count > 1 else { return }
        let (smallest, largest) = bounds(of: keys, threads: threads)
        let spanBits = UInt64(64 - UInt64(bitPattern: largest &- smallest).leadingZeroBitCount)
        sortByBits(&keys, above: smallest, bits: 0 ..< spanBits, threads: threads)
    }

    /// Sorts `keys` by `bits` of `key − base` (wrapping, read as unsigned), least significant
    /// digit first, 11 bits per pass; the other bits ride along. Each pass counts and moves the
    /// keys of contiguous chunks on `threads` threads, a chunk's keys of a digit placed after
    /// those of the chunks before it: stable, and the same order for any thread count.
    static func sortByBits(_ keys: inout [Int64], above base: Int64, bits: Range<UInt64>, threads: Int) {
        let count = keys.count
        guard count > 1 && !bits.isEmpty else { return }
        let digitBits: UInt64 = 11, digitCount = 1 << Int(digitBits)
        let chunkCount = threads <= 1 ? 1 : min(count, threads * 4)
        var scratch = ParallelSearch.repeating(Int64(0), count: count, threads: threads)
        var shift = bits.lowerBound
        while shift < bits.upperBound {
            let source = keys, passShift = shift, mask = (UInt64(1) << min(digitBits, bits.upperBound - shift)) - 1
            @Sendable func digit(_ key: Int64) -> Int { Int((UInt64(bitPattern: key &- base) >> passShift) & mask) }
            _ = ParallelSearch.countingSort(into: &scratch, filler: 0, bucketCount: digitCount, parts: chunkCount, threads: threads) { c, sink in
                source.withUnsafeBufferPointer { keys in for i in ParallelSearch.chunk(c, of: count, in: chunkCount) { sink.emit(digit(keys[i]), keys[i]) } }
            }
            swap(&keys, &scratch)
            shift += digitBits
        }
    }

    /// The least and greatest of `keys` (not empty), found in chunks on `threads` threads.
    static func bounds(of keys: [Int64], threads: Int) -> (smallest: Int64, largest: Int64) {
        let parts = ParallelSearch.mapChunks(itemCount: keys.count, minimumChunk: 1 << 16, threads: threads) { range in
            keys[range].reduce((smallest: Int64.max, largest: Int64.min)) { (min($0.smallest, $1), max($0.largest, $1)) }
        }
        return (parts.map(\.smallest).min()!, parts.map(\.largest).max()!)
    }

    /// `ids` must be sorted without repeats.
    init(sorted ids: [Int64]) {
        precondition(ids.count < Int(Int32.max))
        self.ids = ids
        base = ids.first ?? 0
        let span = UInt64(bitPattern: (ids.last ?? 0) &- base)
        let wantedBuckets = UInt64(max(1, ids.count / 2))
        var shift: UInt64 = 0
        while shift < 63 && span >> shift >= wantedBuckets { shift += 1 }
        self.shift = shift
        let bucketCount = Int(span >> shift) + 1
        var directory = [Int32](repeating: 0, count: bucketCount + 1)
        var position = 0
        for b in 0...bucketCount {
            while position < ids.count && Int(UInt64(bitPattern: ids[position] &- base) >> shift) < b { position += 1 }
            directory[b] = Int32(position)
        }
        self.directory = directory
    }

    var count: Int { ids.count }

    /// The position of `id`, or nil when it is not in the index.
    func slot(of id: Int64) -> Int32? {
        let position = firstPosition(notBelow: id)
        return position < ids.count && ids[position] == id ? Int32(position) : nil
    }

    /// `slot(of: id)`, trying the places beside `neighbour` (a slot, or -1) first: a way's
    /// nodes were mostly created one after another, so its consecutive ids often sit side by
    /// side here, found without a search.
    @inline(__always)
    func slot(of id: Int64, besides neighbour: Int32) -> Int32? {
        let n = Int(neighbour)
        if n + 1 < ids.count && n >= 0 && ids[n + 1] == id { return neighbour + 1 }
        if n >= 1 && n <= ids.count && ids[n - 1] == id { return neighbour - 1 }
        return slot(of: id)
    }

    /// Whether `id` is in the index.
    func contains(_ id: Int64) -> Bool { slot(of: id) != nil }

    /// The first position whose id is `id` or larger (`count` when every id is smaller).
    func firstPosition(notBelow id: Int64) -> Int {
        guard let first = ids.first, id > first else { return 0 }
        guard id <= ids[ids.count - 1] else { return ids.count }
        let bucket = Int(UInt64(bitPattern: id &- base) >> shift)
        var low = Int(directory[bucket]), high = Int(directory[bucket + 1])
        while low < high {
            let mid = (low + high) >> 1
            if ids[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

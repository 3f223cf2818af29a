import Walkshed

extension SortedIDIndex {
    /// `references` (node ids, with repeats) sorted without repeats, and the slot there of each
    /// reference, by its position in `references`: the join of way references to node slots
    /// made by the sort itself, with no search per reference.
    ///
    /// Each reference becomes one key, its id's offset above the smallest in the high bits and
    /// its position in the low ones, sorted on the high bits alone. Ids spanning too many bits
    /// to sit beside the positions (OSM's span under 2^35; a file's made-up ids may not) are
    /// sorted alone and each reference's slot searched for. Either way the same answer, on
    /// `threads` threads, for any thread count.
    static func ranking(_ references: consuming [Int64], threads: Int = 1) -> (index: SortedIDIndex, slots: [Int32]) {
        let refs = references
        let count = refs.count
        guard count > 0 else { return (SortedIDIndex(sorted: []), []) }
        precondition(count < Int(Int32.max))
        let (smallest, largest) = bounds(of: refs, threads: threads)
        let spanBits = UInt64(64 - UInt64(bitPattern: largest &- smallest).leadingZeroBitCount)
        let positionBits = UInt64(64 - UInt64(count - 1).leadingZeroBitCount)
        guard spanBits + positionBits <= 64 else {
            let index = SortedIDIndex(unsorted: refs, threads: threads)
            let slots = ParallelSearch.filling(count: count, initial: Int32(0), itemCount: count, threads: threads) { range, out in
                var previous: Int32 = -1
                for i in range {
                    previous = index.slot(of: refs[i], besides: previous)!
                    out.write(i, previous)
                }
            }
            return (index, slots)
        }
        var keys = ParallelSearch.map(itemCount: count, threads: threads) { i in
            Int64(bitPattern: UInt64(bitPattern: refs[i] &- smallest) << positionBits | UInt64(i))
        }
        // The references go before the sort makes its scratch array.
        _ = consume refs
        sortByBits(&keys, above: 0, bits: positionBits ..< positionBits + spanBits, threads: threads)
        let sorted = keys, positionMask = (UInt64(1) << positionBits) - 1
        @Sendable func offset(_ i: Int) -> UInt64 { UInt64(bitPattern: sorted[i]) >> positionBits }
        @Sendable func isFirst(_ i: Int) -> Bool { i == 0 || offset(i) != offset(i - 1) }
        // Chunks count their distinct ids, then write them (and every reference's slot) from
        // where the chunks before them end.
        let chunkCount = threads <= 1 ? 1 : threads * 16
        let firstsPerChunk = ParallelSearch.map(itemCount: chunkCount, threads: threads) { c in
            ParallelSearch.chunk(c, of: count, in: chunkCount).reduce(0) { $0 + (isFirst($1) ? 1 : 0) }
        }
        var chunkStart = [0]
        for firsts in firstsPerChunk { chunkStart.append(chunkStart[chunkStart.count - 1] + firsts) }
        let starts = chunkStart
        let ids = ParallelSearch.filling(count: starts[chunkCount], initial: Int64(0), itemCount: chunkCount, threads: threads) { chunks, out in
            for c in chunks {
                var k = starts[c]
                for i in ParallelSearch.chunk(c, of: count, in: chunkCount) where isFirst(i) {
                    out.write(k, smallest &+ Int64(bitPattern: offset(i)))
                    k += 1
                }
            }
        }
        let slots = ParallelSearch.filling(count: count, initial: Int32(0), itemCount: chunkCount, threads: threads) { chunks, out in
            for c in chunks {
                // A chunk starting inside a run of one id continues the slot the chunk before ended on.
                var slot = starts[c] - 1
                for i in ParallelSearch.chunk(c, of: count, in: chunkCount) {
                    if isFirst(i) { slot += 1 }
                    out.write(Int(UInt64(bitPattern: sorted[i]) & positionMask), Int32(slot))
                }
            }
        }
        return (SortedIDIndex(sorted: ids), slots)
    }
}

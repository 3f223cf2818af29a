extension ParallelSearch {
    /// `body` over chunks of `0 ..< itemCount` (at least `minimumChunk` items each, at most eight
    /// chunks per thread) on `threads` threads, each chunk with warnings of its own. Results come
    /// back in item order and the warnings are appended to `diagnostics` in that order, so both
    /// (counts and examples) equal one pass's whatever the thread count.
    public static func mapChunks<T: Sendable>(itemCount: Int, minimumChunk: Int, threads: Int, diagnostics: inout Diagnostics,
                                              _ body: @Sendable (Range<Int>, inout Diagnostics) -> T) -> [T] {
        let examplesPerKind = diagnostics.examplesPerKind
        let parts = mapChunks(itemCount: itemCount, minimumChunk: minimumChunk, chunksPerThread: 8, threads: threads) { range in
            var warnings = Diagnostics()
            warnings.examplesPerKind = examplesPerKind
            let result = body(range, &warnings)
            return (result, warnings)
        }
        for (_, warnings) in parts { diagnostics.append(warnings) }
        return parts.map(\.0)
    }
}

#if canImport(Glibc)
import CMalloc
#endif
import Synchronization

/// How the process's allocator hands memory back, set once at start-up by the executables.
///
/// glibc serves a block of 128 KiB or more with its own `mmap` and unmaps it when freed, but
/// after the first such free it raises that threshold (up to 32 MiB) to the freed size, and
/// later blocks below it come from the heap, whose freed pages it keeps. A run that frees an
/// 8 MB label array and then allocates another kept the old pages resident: the 1M-node
/// generated city held 281 MiB at its peak for W1 + W2 where the live arrays needed 267,
/// and `analyze` 311 MiB where it needed 281. Fixing the threshold at 128 KiB returns every
/// large array to the system as soon as it is freed; the cost is the page faults of
/// touching fresh pages: `analyze` of Porto took 1.43–1.47 s against 1.37–1.39 s with glibc's
/// default (alternating runs). A 1 MiB threshold was as quick there but kept 3 MiB more at the
/// 1M-node city's peak, which sits within 3 MB of issue 5's 250 MB.
///
/// Loading an OSM extract is the exception (`whileLoadingExtract`): every blob's bytes,
/// inflated block and decoded arrays (mostly 100 KiB – 1 MiB) are allocated and freed once per
/// blob, and the steps after reading (way slots, polylines, the skeleton's columns, 1–30 MB
/// each) free what the next one allocates. A fresh mapping for each cost a page fault per
/// 4 KiB touched: a fifth of the ways pass on a 211 MB extract with every block mapped, and
/// with only blocks under 1 MiB from the heap `info` on it still faulted 256,000 times
/// (3.06 s, 5.5 CPU-s); with blocks under 32 MiB (glibc's largest threshold) from the heap for
/// the whole load, 176,000 times (2.79 s, 5.0 CPU-s; medians of 8 alternating runs) for 7 MiB
/// more at the peak.
public enum AllocatorPolicy {
    /// Blocks of this many bytes or more get their own mapping (outside loading).
    static let mappedBlockBytes: Int32 = 128 * 1024
    /// While an extract is loaded: blocks under this many bytes (glibc's largest threshold) come
    /// from the heap, their pages reused step after step.
    static let mappedBlockBytesWhileLoading: Int32 = 32 * 1024 * 1024

    /// Whether the fixed threshold is in force, and how many loaders are inside `whileLoadingExtract`.
    private struct State {
        var fixed = false
        var loaders = 0
    }
    private static let state = Mutex(State())

    /// Serve blocks of 128 KiB or more from their own mappings, always unmapped when freed.
    /// Returns false when the allocator refused (it then keeps its defaults), and on systems
    /// without glibc, whose allocators (Darwin's) have no such control and need none here.
    /// The one platform-specific piece of the package.
    @discardableResult
    public static func returnLargeBlocksWhenFreed() -> Bool {
        #if canImport(Glibc)
        state.withLock { state in
            state.fixed = mallopt(M_MMAP_THRESHOLD, state.loaders > 0 ? mappedBlockBytesWhileLoading : mappedBlockBytes) == 1
            return state.fixed
        }
        #else
        false
        #endif
    }

    /// Runs `body` (loading an extract) with blocks under 32 MiB served from the heap, then puts
    /// the 128 KiB threshold back when the last loader leaves. Changes nothing when
    /// `returnLargeBlocksWhenFreed` is not in force (glibc's defaults then already reuse them).
    /// The heap's freed pages stay resident until reused or handed back (`returnFreedPages`).
    public static func whileLoadingExtract<T>(_ body: () throws -> T) rethrows -> T {
        #if canImport(Glibc)
        state.withLock { state in
            state.loaders += 1
            if state.fixed && state.loaders == 1 { _ = mallopt(M_MMAP_THRESHOLD, mappedBlockBytesWhileLoading) }
        }
        defer {
            state.withLock { state in
                state.loaders -= 1
                if state.fixed && state.loaders == 0 { _ = mallopt(M_MMAP_THRESHOLD, mappedBlockBytes) }
            }
        }
        #endif
        return try body()
    }

    /// Hands back to the system the free pages of the allocator's heaps: after many small
    /// arrays are freed at once (a regional extract's 400,000 way node lists), their pages stay
    /// resident until reused; the arrays that follow are large and mapped afresh. Costs a walk
    /// over the free lists (60 ms on the 211 MB benchmark input). Does nothing without glibc.
    public static func returnFreedPages() {
        #if canImport(Glibc)
        _ = malloc_trim(0)
        #endif
    }
}

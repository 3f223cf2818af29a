#if canImport(Glibc)
import CMalloc
#endif

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
public enum AllocatorPolicy {
    /// Serve blocks of 128 KiB or more from their own mappings, always unmapped when freed.
    /// Returns false when the allocator refused (it then keeps its defaults), and on systems
    /// without glibc, whose allocators (Darwin's) have no such control and need none here.
    /// The one platform-specific piece of the package.
    @discardableResult
    public static func returnLargeBlocksWhenFreed() -> Bool {
        #if canImport(Glibc)
        mallopt(M_MMAP_THRESHOLD, 128 * 1024) == 1
        #else
        false
        #endif
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

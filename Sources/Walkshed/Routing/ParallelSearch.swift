import Dispatch
import Synchronization

/// The one place where the engine runs work in parallel.
///
/// Work is a range of item indices cut into contiguous chunks (about four per thread); `threads`
/// workers take chunks in turn from an atomic counter. Each item writes only its own output
/// slot, so results do not depend on which worker ran which chunk: output is byte-identical for
/// any thread count.
public enum ParallelSearch {
    /// Chunks per worker of `map`, `filling`, `fill` and `repeating`, whose items need no
    /// workspace: 16, so that a step's last chunk, run by one worker while the others are done,
    /// is small (a regional graph's edges differ in cost by orders of magnitude).
    @usableFromInline static let itemChunksPerThread = 16

    /// Runs `body(chunkRange)` for chunks covering `0 ..< itemCount`, on `threads` workers,
    /// `chunksPerThread` chunks per worker: more chunks leave less of a step's end to one
    /// worker when items differ in cost, fewer make fewer per-chunk workspaces.
    /// With `threads == 1` the same chunks run in a plain loop on the calling thread.
    public static func forEachChunk(itemCount: Int, threads: Int, chunksPerThread: Int = 4,
                                    body: @Sendable (Range<Int>) -> Void) {
        guard itemCount > 0 else { return }
        let workers = max(1, min(threads, itemCount))
        let chunkCount = min(itemCount, workers == 1 ? 1 : workers * max(1, chunksPerThread))
        let chunkSize = (itemCount + chunkCount - 1) / chunkCount
        let chunks = (itemCount + chunkSize - 1) / chunkSize
        @Sendable func chunkRange(_ c: Int) -> Range<Int> { (c * chunkSize)..<min(itemCount, (c + 1) * chunkSize) }
        if workers == 1 {
            for c in 0..<chunks { body(chunkRange(c)) }
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let c = next.add(1, ordering: .relaxed).oldValue
                if c >= chunks { break }
                body(chunkRange(c))
            }
        }
    }

    /// Runs `body` once on each of `workers` workers; each calls `next()` for item indices,
    /// handed out in increasing order, each to exactly one worker (`nil` once all are taken), so
    /// a slow item holds no one else back. Results come back in worker order; callers combine
    /// them so that which worker drew which item does not matter (integer sums, say).
    public static func drawing<T: Sendable>(itemCount: Int, workers: Int,
                                            _ body: @Sendable (_ next: () -> Int?) -> T) -> [T] {
        let counter = Atomic<Int>(0)
        return map(itemCount: max(1, workers), threads: max(1, workers)) { _ in
            body {
                let i = counter.add(1, ordering: .relaxed).oldValue
                return i < itemCount ? i : nil
            }
        }
    }

    /// An array of `count` values (`initial` until written) that `body(chunk, slots)` fills for
    /// chunks of `0 ..< itemCount` on `threads` workers, each item writing only slots no other
    /// item writes. The array's own storage is written: no second copy of it is ever held.
    @inlinable
    public static func filling<T: Sendable>(count: Int, initial: T, itemCount: Int, threads: Int,
                                            _ body: @Sendable (Range<Int>, ArraySlots<T>) -> Void) -> [T] {
        var values = repeating(initial, count: count, threads: threads)
        fill(&values, itemCount: itemCount, threads: threads, body)
        return values
    }

    /// `count` copies of `value`, written in chunks on `threads` threads: a large array's pages
    /// are first touched (and zeroed by the system) on every thread, not on one. Below 64 Ki
    /// elements, or on one thread, a plain `Array(repeating:count:)`.
    @inlinable
    public static func repeating<T: Sendable>(_ value: T, count: Int, threads: Int) -> [T] {
        guard threads > 1 && count >= 1 << 16 else { return [T](repeating: value, count: count) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            let slots = UninitializedSlots(buffer)
            forEachChunk(itemCount: count, threads: threads, chunksPerThread: itemChunksPerThread) { range in slots.initialize(range, repeating: value) }
            initializedCount = count
        }
    }

    /// `filling` into an array that exists already (a scratch array reused pass after pass):
    /// slots no item writes keep their values.
    @inlinable
    public static func fill<T>(_ values: inout [T], itemCount: Int, threads: Int,
                               _ body: @Sendable (Range<Int>, ArraySlots<T>) -> Void) {
        values.withUnsafeMutableBufferPointer { buffer in
            let slots = ArraySlots(buffer)
            forEachChunk(itemCount: itemCount, threads: threads, chunksPerThread: itemChunksPerThread) { range in body(range, slots) }
        }
    }

    /// Chunk `c` of `0 ..< itemCount` cut into `chunkCount` contiguous chunks of near-equal size
    /// (sizes differ by at most one); the chunks in order cover every item once.
    @inlinable
    public static func chunk(_ c: Int, of itemCount: Int, in chunkCount: Int) -> Range<Int> {
        (itemCount * c / chunkCount) ..< (itemCount * (c + 1) / chunkCount)
    }

    /// `body` over contiguous chunks of `0 ..< itemCount` on `threads` threads: one chunk on one
    /// thread, otherwise at most `chunksPerThread` per thread and at least `minimumChunk` items
    /// each. Results come back in chunk order, so a caller that joins them in order (sums,
    /// boxes, lists) gets what one pass would give, whatever the thread count.
    @inlinable
    public static func mapChunks<T: Sendable>(itemCount: Int, minimumChunk: Int = 1, chunksPerThread: Int = 4, threads: Int,
                                              _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let chunkCount = threads <= 1 ? 1 : max(1, min(itemCount / max(1, minimumChunk), threads * chunksPerThread))
        return map(itemCount: chunkCount, threads: threads) { c in body(chunk(c, of: itemCount, in: chunkCount)) }
    }

    /// Runs `body(i)` for every `i` in `0 ..< itemCount` and collects the results in index order.
    /// Each result is placed once, straight into the array returned: no optional or second
    /// copy of the results is made (400,000 way lists cost 30 ms to copy twice).
    @inlinable
    public static func map<T: Sendable>(itemCount: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: itemCount) { buffer, initializedCount in
            let slots = UninitializedSlots(buffer)
            forEachChunk(itemCount: itemCount, threads: threads, chunksPerThread: itemChunksPerThread) { range in
                for i in range { slots.initialize(i, to: body(i)) }
            }
            initializedCount = itemCount
        }
    }
}

/// The uninitialized storage of an array being made by `ParallelSearch.map` or `repeating`.
///
/// Invariant: it lives only while the array's initializer runs the parallel loop; every index
/// is initialized by exactly one work item, and the array counts its elements only after the
/// loop returns (`repeating`: every index in exactly one chunk). That makes the unchecked
/// `Sendable` sound.
@usableFromInline
struct UninitializedSlots<T>: @unchecked Sendable {
    @usableFromInline let buffer: UnsafeMutableBufferPointer<T>

    @inlinable init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }

    @inlinable func initialize(_ index: Int, to value: T) {
        precondition(index >= 0 && index < buffer.count)
        (buffer.baseAddress! + index).initialize(to: value)
    }

    @inlinable func initialize(_ range: Range<Int>, repeating value: T) {
        UnsafeMutableBufferPointer(rebasing: buffer[range]).initialize(repeating: value)
    }
}

/// A fixed-size buffer written from parallel workers.
///
/// Invariant: each index is written by exactly one work item, and the buffer is read (through
/// `finish()`) only after the parallel loop that wrote it has returned. That makes the
/// unchecked `Sendable` conformance sound.
public final class DisjointSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T>
    private var finished = false

    public init(count: Int, initial: T) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: initial)
    }

    /// Slots holding `values` to start with (a layer that only some places change).
    public init(copying values: [T]) {
        buffer = .allocate(capacity: values.count)
        _ = buffer.initialize(from: values)
    }

    deinit {
        if !finished { buffer.deinitialize().deallocate() }
    }

    /// Stores `value` at `index`; call once per index per parallel loop.
    public func write(_ index: Int, _ value: T) { buffer[index] = value }

    /// The values in index order, moved out (not copied); the buffer is released.
    public func finish() -> [T] {
        precondition(!finished)
        finished = true
        let values = [T](unsafeUninitializedCapacity: buffer.count) { out, count in
            _ = out.moveInitialize(fromContentsOf: buffer)
            count = buffer.count
        }
        buffer.deallocate()
        return values
    }
}

/// The storage of an array being filled by `ParallelSearch.filling`.
///
/// Invariant: it lives only while `filling`'s parallel loop runs, inside the array's
/// `withUnsafeMutableBufferPointer`; each index is written by exactly one work item, and the
/// array is read only after the loop returns. That makes the unchecked `Sendable` sound.
public struct ArraySlots<T>: @unchecked Sendable {
    @usableFromInline let buffer: UnsafeMutableBufferPointer<T>

    @usableFromInline init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }

    /// Stores `value` at `index`; call once per index per parallel loop.
    @inlinable public func write(_ index: Int, _ value: T) { buffer[index] = value }
}

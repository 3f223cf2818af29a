import Dispatch
import Synchronization

extension ParallelSearch {
    /// Runs `produce(i)` for every `i` in `0 ..< itemCount` on `threads` threads (the calling
    /// thread and `threads − 1` of Dispatch's) and hands the results to `consume(i, result)` in
    /// index order, each as soon as it and every one before it are ready. Whichever thread
    /// delivers the result next in order consumes it, and every later one already made, while
    /// the others go on making items: no thread waits for a consumer to be woken, and none is
    /// woken per item. `consume` sees exactly what a plain loop would give it, one call at a
    /// time (each finished before the next begins), on whichever thread delivered.
    /// At most `window` results are made and not yet consumed (memory stays bounded). The calling
    /// thread makes items too, so the call finishes even when Dispatch's pool is busy (say, when
    /// called from parallel work). The first error in index order, from `produce` or `consume`,
    /// stops the work and is rethrown once every thread has stopped. With `threads == 1`, a
    /// plain loop.
    public static func inOrder<T: Sendable>(itemCount: Int, threads: Int, window: Int,
                                            produce: @Sendable (Int) throws -> T,
                                            consume: (Int, T) throws -> Void) throws {
        guard threads > 1 && itemCount > 1 else {
            for i in 0..<itemCount { try consume(i, try produce(i)) }
            return
        }
        try withoutActuallyEscaping(produce) { produce in
            try withoutActuallyEscaping(consume) { consume in
                // Neither closure is used once every thread has returned from `work`.
                let relay = OrderedRelay<T>(itemCount: itemCount, window: max(1, window), threads: threads, consume: consume)
                let helpers = DispatchGroup()
                DispatchQueue.global().async(group: helpers) {
                    DispatchQueue.concurrentPerform(iterations: threads - 1) { _ in relay.work(produce) }
                }
                relay.work(produce)
                helpers.wait()
                try relay.finish()
            }
        }
    }
}

/// The results of `ParallelSearch.inOrder` on their way to its consumer.
///
/// Invariant: all state is behind `state`'s lock. `consuming` is true while one thread runs the
/// consumer; whenever the lock is free, either a thread is consuming or the result next in
/// order has not arrived, so no delivered result waits unseen. `permits` counts the items that
/// may still be drawn before one is consumed (each draw takes a permit, each consumption returns
/// one; a stop gives every thread one to wake on). `consume` runs on one thread at a time, and
/// the caller reads `failure` only after every thread has returned: that makes the unchecked
/// `Sendable` sound.
private final class OrderedRelay<T: Sendable>: @unchecked Sendable {
    private struct State {
        /// The next item to draw, and the next to consume.
        var next = 0
        var consumeNext = 0
        var consuming = false
        var stopped = false
        var failure: (any Error)?
        var results: [Int: Result<T, any Error>] = [:]
    }
    private let itemCount: Int
    private let threads: Int
    private let consume: (Int, T) throws -> Void
    private let state = Mutex(State())
    private let permits: DispatchSemaphore

    init(itemCount: Int, window: Int, threads: Int, consume: @escaping (Int, T) throws -> Void) {
        self.itemCount = itemCount
        self.threads = threads
        self.consume = consume
        // Made empty and then given its permits: libdispatch stops a process that frees a
        // semaphore holding fewer than it was made with, as this one does after an error.
        permits = DispatchSemaphore(value: 0)
        for _ in 0..<window { permits.signal() }
    }

    /// Makes and delivers items until none is left or work stops.
    func work(_ produce: (Int) throws -> T) {
        while let i = nextItem() { deliver(i, Result { try produce(i) }) }
    }

    /// Rethrows the first error in index order, once every thread has returned from `work`.
    func finish() throws {
        if let failure = state.withLock({ $0.failure }) { throw failure }
    }

    /// The next item to make, once the window allows; nil when none is left or work stopped.
    private func nextItem() -> Int? {
        permits.wait()
        let item: Int? = state.withLock { state in
            guard !state.stopped && state.next < itemCount else { return nil }
            state.next += 1
            return state.next - 1
        }
        if item == nil { permits.signal() }   // pass the permit on to a thread still waiting
        return item
    }

    /// Stores `result`; when it is the one the consumer waits for and no thread is consuming,
    /// this thread consumes it and every later result already delivered.
    private func deliver(_ item: Int, _ result: Result<T, any Error>) {
        let consumes = state.withLock { state -> Bool in
            state.results[item] = result
            guard !state.consuming && !state.stopped && state.results[state.consumeNext] != nil else { return false }
            state.consuming = true
            return true
        }
        guard consumes else { return }
        while let (i, ready) = takeNext() {
            do {
                try consume(i, try ready.get())
                permits.signal()
            } catch {
                state.withLock { state in
                    state.failure = error
                    state.stopped = true
                    state.consuming = false
                }
                for _ in 0..<threads { permits.signal() }   // every thread waiting for a permit sees the stop
                return
            }
        }
    }

    /// The result next in order, taken out; nil (and no longer consuming) when it has not arrived.
    private func takeNext() -> (Int, Result<T, any Error>)? {
        state.withLock { state in
            guard let ready = state.results.removeValue(forKey: state.consumeNext) else {
                state.consuming = false
                return nil
            }
            state.consumeNext += 1
            return (state.consumeNext - 1, ready)
        }
    }
}

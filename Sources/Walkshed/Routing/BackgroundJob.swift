import Dispatch

/// A value made on another thread while the caller goes on with other work (two stages
/// sharing the cores, so that one's serial moments leave no core idle); `value` waits for it.
///
/// Invariant: `result` is written once, by the job, before it leaves `done`, and read only
/// after waiting on `done`. That makes the unchecked `Sendable` sound.
public final class BackgroundJob<T: Sendable>: @unchecked Sendable {
    private var result: T?
    private let done = DispatchGroup()

    /// Starts `work` at once on a thread of Dispatch's pool.
    public init(_ work: @escaping @Sendable () -> T) {
        done.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.done.leave()
        }
    }

    /// The job's value, once it is made (waits until then).
    public var value: T {
        done.wait()
        return result!
    }
}

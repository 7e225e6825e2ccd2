import Foundation

/// Runs blocking work (a child process to its end, a read until end of file) on a thread of
/// its own and suspends the caller until it is done.
///
/// Swift Testing runs tests on the concurrency pool, which has one thread per core: on a
/// two-core machine a test blocked in `waitUntilExit` or `usleep` is half of the suite's
/// parallelism, and the end-to-end tests spend most of their time waiting for a child. A
/// suspended test holds no thread, so the others run meanwhile.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result(catching: work)) }
        thread.start()
    }
}

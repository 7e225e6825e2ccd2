import Foundation

/// Runs async work to its end from synchronous code and returns its result.
///
/// For the few places a test must act between two keys of a scripted terminal, which asks
/// for its next key synchronously: there the write stands for another process. The work runs
/// on the global executor, never on the caller's actor, so waiting for it cannot deadlock.
public func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: Result<T, any Error>!
    Task.detached {
        do { result = .success(try await work()) } catch { result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try result.get()
}

import Foundation

/// Runs `produce` on a thread of its own, up to `depth` results ahead of whoever calls
/// `next`: an import parses and checks its next batch of rows on the second core while
/// SQLite writes the previous one on the first (parsing was a fifth of an import's time).
///
/// `produce` is called on the producing thread only, one call after another; it ends the
/// stream by returning nil or throwing, and `next` hands that on in order. `stop` must be
/// called once the consumer is done: it ends the thread and waits for it, so that whatever
/// `produce` captured may be read safely afterwards.
final class ReadAhead<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [Result<Element?, any Error>] = []
    private let depth: Int
    private var stopping = false
    private var producerDone = false
    private var consumerDone = false

    init(depth: Int = 2, _ produce: @escaping @Sendable () throws -> Element?) {
        self.depth = depth
        let thread = Thread { [self] in run(produce) }
        thread.name = "wenti import read-ahead"
        thread.start()
    }

    private func run(_ produce: () throws -> Element?) {
        defer {
            condition.lock()
            producerDone = true
            condition.broadcast()
            condition.unlock()
        }
        while true {
            condition.lock()
            while ready.count >= depth && !stopping { condition.wait() }
            let stop = stopping
            condition.unlock()
            if stop { return }
            let result = Result { try produce() }
            condition.lock()
            ready.append(result)
            condition.broadcast()
            condition.unlock()
            guard case .success(.some) = result else { return }
        }
    }

    /// The next element; nil at the end. Throws what `produce` threw, once.
    func next() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        if consumerDone { return nil }
        while ready.isEmpty && !producerDone { condition.wait() }
        guard !ready.isEmpty else {
            consumerDone = true
            return nil
        }
        let result = ready.removeFirst()
        condition.broadcast()
        switch result {
        case .success(let element?): return element
        case .success(nil):
            consumerDone = true
            return nil
        case .failure(let error):
            consumerDone = true
            throw error
        }
    }

    /// Ends the producing thread (after the `produce` call under way, if any) and waits for it.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !producerDone { condition.wait() }
        condition.unlock()
    }
}

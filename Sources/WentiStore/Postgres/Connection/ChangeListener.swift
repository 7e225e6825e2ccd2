import Logging
import PostgresNIO
import Synchronization

/// `LISTEN wenti_changed` on a connection of its own, so that a screen's twice-a-second check
/// for changes costs the server nothing while nobody changes anything.
///
/// A notification is a hint only (its payload is ignored, and anyone may send one): it marks
/// the remembered change mark stale, and the next check reads the mark itself. While the
/// listening connection is down, every check reads the mark (and so notices an unreachable
/// server at once); the listener reconnects every second, and a new connection starts stale,
/// since whatever was missed meanwhile is unknown.
///
/// Once a read found the server out of reach, checks do not wait for it again (each wait is
/// the connection patience, seconds in which the screen takes no key): they report the outage
/// at once until the listener is back, and every `retryAfter` try a read that waits
/// `retryPatience` only (in case reads work while listening does not).
final class ChangeListener: Sendable {
    static let channel = "wenti_changed"

    private struct State {
        var listening = false
        var stale = true
        var mark: Int64?
        /// How often the mark was read from the server (for tests of an idle screen).
        var reads = 0
        /// The last read that found the server out of reach, and what it said.
        var outage: (since: ContinuousClock.Instant, error: StoreError)?
    }

    static let retryAfter: Duration = .seconds(10)
    static let retryPatience: Duration = .milliseconds(300)

    private let state = Mutex(State())
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger

    init(configuration: PostgresConnection.Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Starts listening, once; only a screen that keeps checking needs it.
    func start() {
        task.withLock { running in
            guard running == nil else { return }
            let configuration = configuration, logger = logger
            // Holds the listener until `stop` (which its connection's owner calls when it goes).
            running = Task {
                while !Task.isCancelled {
                    do {
                        let connection = try await PostgresConnection.connect(configuration: configuration, id: 2, logger: logger)
                        do {
                            try await connection.listen(on: Self.channel) { notifications in
                                self.state.withLock { $0.listening = true; $0.stale = true; $0.outage = nil }
                                for try await _ in notifications { self.state.withLock { $0.stale = true } }
                            }
                        } catch {}
                        try? await connection.close()
                    } catch {}
                    self.state.withLock { $0.listening = false; $0.stale = true }
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
    }

    func stop() {
        task.withLock { $0?.cancel(); $0 = nil }
    }

    /// The change mark as last read, while the listener vouches that nothing changed since;
    /// nil when that is not known (not listening, a notification came, never read).
    var unchangedMark: Int64? {
        state.withLock { $0.listening && !$0.stale ? $0.mark : nil }
    }

    /// The mark may have moved (this process wrote): the next check reads it.
    func markStale() {
        state.withLock { $0.stale = true }
    }

    var isListening: Bool { state.withLock { $0.listening } }
    var reads: Int { state.withLock { $0.reads } }

    private enum Answer {
        case known(Int64)
        case stillOut(StoreError)
        /// Read, with the usual patience (nil) or a short one during an outage.
        case read(Duration?)
    }

    /// The change mark, read with `read` unless the listener knows it has not moved, or the
    /// server was found out of reach a moment ago.
    func mark(reading read: (_ patience: Duration?) async throws(StoreError) -> Int64) async throws(StoreError) -> Int64 {
        let answer: Answer = state.withLock { state in
            if state.listening, !state.stale, let mark = state.mark { return .known(mark) }
            if let outage = state.outage, outage.since.duration(to: .now) < Self.retryAfter { return .stillOut(outage.error) }
            // A notification arriving while the mark is read sets this again.
            state.stale = false
            state.reads += 1
            return .read(state.outage == nil ? nil : Self.retryPatience)
        }
        let patience: Duration?
        switch answer {
        case .known(let mark): return mark
        case .stillOut(let error): throw error
        case .read(let given): patience = given
        }
        do {
            let mark = try await read(patience)
            state.withLock { $0.mark = mark; $0.outage = nil }
            return mark
        } catch {
            state.withLock { state in
                state.stale = true
                if case .serverUnreachable = error { state.outage = (.now, error) }
            }
            throw error
        }
    }
}

import Foundation
import Logging
import NIOSSL
import PostgresNIO
import Synchronization
import WentiCore

/// The connections of one store to its server: a small pool (postgres-nio's `PostgresClient`,
/// which reconnects by itself after a lost connection), every read on one leased connection
/// and every write in one transaction, with the server's refusals turned into `StoreError`s.
final class ServerConnection: Sendable {
    let location: ServerLocation
    private let client: PostgresClient
    private let running: Task<Void, Never>
    let logger: Logger
    /// Tells when the change mark may have moved (`PostgresStore.changeToken`).
    let changes: ChangeListener

    private init(location: ServerLocation, client: PostgresClient, single: PostgresConnection.Configuration, logger: Logger) {
        self.location = location
        self.client = client
        self.logger = logger
        changes = ChangeListener(configuration: single, logger: logger)
        running = Task { await client.run() }
    }

    deinit {
        changes.stop()
        running.cancel()
    }

    /// Connects once first, so that a wrong password, an unknown role or an unreachable server
    /// is told at once instead of as a pool's timeout.
    static func open(_ location: ServerLocation) async throws(StoreError) -> ServerConnection {
        let logger = Logger(label: "wenti.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        let single: PostgresConnection.Configuration
        var pooled: PostgresClient.Configuration
        do {
            (single, pooled) = try configurations(location)
        } catch {
            throw .cannotOpen(reason: "TLS: \(error)")
        }
        do {
            let probe = try await PostgresConnection.connect(configuration: single, id: 1, logger: logger)
            try await probe.close()
        } catch let error as PSQLError where error.code == .authMechanismRequiresPassword {
            throw .passwordRequired(role: location.username)
        } catch {
            throw storeError(error)
        }
        pooled.options.maximumConnections = 4
        pooled.options.connectTimeout = .seconds(5)
        return ServerConnection(location: location, client: PostgresClient(configuration: pooled, backgroundLogger: logger), single: single, logger: logger)
    }

    private static func configurations(_ location: ServerLocation) throws -> (PostgresConnection.Configuration, PostgresClient.Configuration) {
        switch location.transport {
        case .socket(let path):
            return (PostgresConnection.Configuration(unixSocketPath: path, username: location.username, password: location.password, database: location.database),
                    PostgresClient.Configuration(unixSocketPath: path, username: location.username, password: location.password, database: location.database))
        case .tcp(let host, let port, let caFile):
            // TLS is required over the network and the server's certificate is verified
            // (`.prefer` would silently fall back to plain text).
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .fullVerification
            if let caFile { tls.trustRoots = .file(caFile) }
            let context = try NIOSSLContext(configuration: tls)
            var single = PostgresConnection.Configuration(host: host, port: port, username: location.username, password: location.password,
                                                          database: location.database, tls: .require(context))
            single.options.connectTimeout = .seconds(5)
            return (single, PostgresClient.Configuration(host: host, port: port, username: location.username, password: location.password,
                                                         database: location.database, tls: .require(tls)))
        }
    }

    func close() {
        changes.stop()
        running.cancel()
    }

    /// How long a read or write waits for a connection before saying the server is out of
    /// reach: the pool would otherwise wait for as long as the server is gone, and the screen
    /// with it. Only the wait for a connection is bounded; work on one runs to its end.
    /// 5 s, or `WENTI_SERVER_WAIT` seconds (a slow link; the test process, whose parallel tests
    /// can keep a connection waiting longer than any person would).
    static let patience: Duration = {
        let given = ProcessInfo.processInfo.environment["WENTI_SERVER_WAIT"].flatMap(Double.init)
        return .milliseconds(Int(((given.map { max(0.5, min($0, 600)) }) ?? 5) * 1000))
    }()

    /// One read on a leased connection (each statement sees committed data); `patience`
    /// shorter than the usual for a read that must not hold a screen up.
    func read<T: Sendable>(patience: Duration? = nil, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        let client = client
        return try await withinPatience(patience ?? Self.patience) { leased in
            try await client.withConnection { connection in
                try leased.claim()
                return try await body(connection)
            }
        }
    }

    /// One transaction: everything `body` does commits together or not at all.
    func write<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        let client = client, logger = logger
        // This store's own change is known without waiting for its notification to come back
        // through the listener: the next check reads the mark.
        defer { changes.markStale() }
        return try await withinPatience(Self.patience) { leased in
            try await client.withConnection { connection in
                try leased.claim()
                return try await connection.withTransaction(logger: logger) { connection in try await body(connection) }
            }
        }
    }

    /// Runs `work`, unless no connection was leased within `patience`: then the caller is told
    /// at once, and the work is abandoned rather than awaited, so that however long the pool
    /// takes to honour the cancellation, a screen is not held up past its patience. An abandoned
    /// work that gets its connection later does nothing with it (`LeaseFlag.claim`), so
    /// "nothing was changed" stays true.
    private func withinPatience<T: Sendable>(_ patience: Duration, _ work: @escaping @Sendable (LeaseFlag) async throws -> T) async throws(StoreError) -> T {
        let leased = LeaseFlag()
        let unreachable = StoreError.serverUnreachable(location.shortDescription)
        do {
            return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let outcome = FirstOutcome(continuation)
                let running = Task {
                    do { outcome.finish(.success(try await work(leased))) } catch { outcome.finish(.failure(error)) }
                }
                Task {
                    try? await Task.sleep(for: patience)
                    if leased.abandon() {
                        running.cancel()
                        outcome.finish(.failure(unreachable))
                    }
                }
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// A script of several statements (`SQLScript`), in one transaction, optionally as
    /// another role for its duration (migrations run as the owner).
    func script(_ sql: String, as role: String? = nil) async throws(StoreError) {
        let statements = SQLScript.statements(sql)
        try await write { db in
            if let role { try await db.run(PostgresQuery(unsafeSQL: "SET LOCAL ROLE \(role)"), logger: self.logger) }
            for statement in statements {
                do {
                    try await db.run(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                } catch {
                    // Which statement: an administrator reading a failed migration needs it.
                    let failure = Self.storeError(error)
                    if case .database(let detail) = failure { throw StoreError.database(detail + " — in: " + String(statement.prefix(120))) }
                    throw failure
                }
            }
        }
    }

    /// Domain errors pass through; the server's are told apart by SQLSTATE, wenti's own
    /// (class WT, see `ServerGuards`) included, never by message text.
    static func storeError(_ error: any Error) -> StoreError {
        if let domain = StoreError.fromDomain(error) { return domain }
        switch error {
        case let error as PostgresTransactionError:
            if let inner = error.closureError { return storeError(inner) }
            return storeError(error.commitError ?? error.beginError ?? error.rollbackError ?? error)
        case let error as PostgresError:
            // The simple-query path (migrations) reports through the older error type.
            if case .server(let message) = error, let state = message.fields[.sqlState] {
                return storeError(state: state, message: message.fields[.message])
            }
            return .serverUnreachable("\(error)")
        case let error as PSQLError:
            if let state = error.serverInfo?[.sqlState] { return storeError(state: state, message: error.serverInfo?[.message]) }
            // TLS refused the server (most often: its certificate is not signed by a CA given).
            if error.underlying is NIOSSLError { return .serverNotTrusted }
            return .serverUnreachable("\(error.code)")
        default:
            // The pool's own errors (no connection could be made: the server gone, the pool's
            // circuit breaker tripped) mean the server cannot be reached. Their type lives in
            // postgres-nio's pool module, which is not a product of its own here, so it is
            // known by its name.
            if String(describing: type(of: error)) == "ConnectionPoolError" { return .serverUnreachable("\(error)") }
            return .database("\(type(of: error))")
        }
    }

    private static func storeError(state: String, message: String?) -> StoreError {
        switch state {
        case "WT001": return .auditIsAppendOnly
        case "WT002", "WT003", "42501": return .deniedByServer
        case "28P01", "28000", "3D000": return .cannotOpen(reason: message ?? state)
        case "40001", "40P01", "55P03": return .busy
        case "42P01", "3F000": return .notInitialised
        default:
            if state.hasPrefix("23") { return .constraint }
            return .database(state + (message.map { ": " + $0 } ?? ""))
        }
    }
}

/// Set once a connection has been leased (read from the watchdog task).
/// Resumes a continuation with whichever outcome comes first; later ones are dropped.
final class FirstOutcome<T: Sendable>: Sendable {
    private let waiting: Mutex<CheckedContinuation<T, any Error>?>

    init(_ continuation: CheckedContinuation<T, any Error>) { waiting = Mutex(continuation) }

    func finish(_ result: Result<T, any Error>) {
        waiting.withLock { continuation in
            continuation?.resume(with: result)
            continuation = nil
        }
    }
}

final class LeaseFlag: Sendable {
    /// 0 waiting for a connection, 1 leased (the work runs to its end), 2 abandoned.
    private let state = Atomic<Int>(0)

    /// Called with the connection: refuses when the caller was already told the server is out
    /// of reach, so a late connection runs no statement.
    func claim() throws {
        guard state.compareExchange(expected: 0, desired: 1, ordering: .acquiringAndReleasing).exchanged else { throw CancellationError() }
    }

    /// Gives up waiting, unless a connection was leased already; true when given up.
    func abandon() -> Bool {
        state.compareExchange(expected: 0, desired: 2, ordering: .acquiringAndReleasing).exchanged
    }
}

extension PostgresConnection {
    /// Runs a statement whose rows are not wanted, to its end: postgres-nio reports a failed
    /// statement only to whoever reads its rows, so a result left unread would hide the error
    /// until the next statement found the transaction aborted.
    func run(_ query: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await self.query(query, logger: logger) {}
    }
}

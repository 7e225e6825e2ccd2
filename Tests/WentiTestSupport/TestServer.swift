import Foundation
import Synchronization
import WentiCore
import WentiExchange
import WentiSeal
import WentiSession
import WentiStore

/// The private PostgreSQL cluster of one test process (`scripts/pg-cluster.sh`): started on
/// first use, stopped when the process exits, one fresh database per test. The account running
/// the tests is the cluster's administrator; each demo person logs in as the role named by
/// their id (trust authentication: the test maps itself to the person it needs).
public enum TestServer {
    public enum Unavailable: Error, CustomStringConvertible {
        case noServer(String)
        public var description: String {
            switch self { case .noServer(let why): "no PostgreSQL server for the tests: \(why)" }
        }
    }

    private static let started = Mutex<String?>(nil)
    private static let counter = Atomic<Int>(0)

    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-test-pg-\(getpid())").path

    /// The socket folder of the cluster, started if needed; `WENTI_TEST_PG_SOCKET` names one
    /// already running instead.
    public static func socketFolder() throws -> String {
        // Hundreds of tests run at once on two cores here: a connection may wait its turn for
        // longer than the 5 s after which a person is told the server is out of reach.
        setenv("WENTI_SERVER_WAIT", "120", 1)
        if let given = ProcessInfo.processInfo.environment["WENTI_TEST_PG_SOCKET"], !given.isEmpty { return given }
        return try started.withLock { socket in
            if let socket { return socket }
            let output = try run(repository.appendingPathComponent("scripts/pg-cluster.sh").path, ["start", folder])
            guard let folder = output.split(separator: "\n").last.map(String.init), folder.hasPrefix("/") else {
                throw Unavailable.noServer(output)
            }
            socket = folder
            atexit { TestServer.stop() }
            return folder
        }
    }

    static func stop() {
        _ = try? run(repository.appendingPathComponent("scripts/pg-cluster.sh").path, ["stop", folder])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The account running the tests: the cluster's administrator role.
    public static var administrator: String { Login.current() ?? "postgres" }

    /// A new, empty database on the cluster, initialised by `wenti server init`'s own code.
    public static func freshDatabase() async throws -> ServerWorkspace {
        let socket = try socketFolder()
        let name = "wenti_t\(getpid())_\(counter.add(1, ordering: .relaxed).newValue)"
        _ = try run(psql(socket), ["-h", socket, "-U", administrator, "-d", "postgres", "-qtAc", "CREATE DATABASE \(name)"])
        let workspace = ServerWorkspace(socket: socket, database: name)
        _ = try await PostgresStore.initialise(workspace.location(as: administrator))
        return workspace
    }

    /// A database holding the demo company as of 2026-11-25 (loaded from 2026-09-01 like the
    /// demo), with a login role per person named by their id; the store returned is the
    /// administrator's, on the manual clock. Each is a copy of one template the process loads
    /// once (CREATE DATABASE … TEMPLATE copies files: a tenth of a second, not seven).
    public static func demo() async throws -> (workspace: ServerWorkspace, administrator: PostgresStore, clock: ManualClock) {
        let socket = try socketFolder()
        let template = try await demoTemplate.value
        let name = "wenti_t\(getpid())_\(counter.add(1, ordering: .relaxed).newValue)"
        _ = try run(psql(socket), ["-h", socket, "-U", administrator, "-d", "postgres", "-qtAc", "CREATE DATABASE \(name) TEMPLATE \(template)"])
        let workspace = ServerWorkspace(socket: socket, database: name)
        let clock = ManualClock(day: Day("2026-11-25")!)
        return (workspace, try await workspace.store(as: administrator, clock: clock), clock)
    }

    private static let demoTemplate = Task<String, any Error> {
        let workspace = try await freshDatabase()
        let clock = ManualClock(day: Day("2026-09-01")!)
        let store = try await workspace.store(as: administrator, clock: clock)
        let loader = SeedLoader(directory: SeedLocator.builtIn)
        let creator = try loader.creator(of: try loader.workspace())
        try await SeedReplayer.load(loader, into: store, clock: clock, creatorLogin: creator.id.rawValue, keyHolders: TestKeys.demoHolders())
        for person in try await store.workspace().organisation.people.values.sorted(by: { $0.id < $1.id }) {
            try await store.addPerson(person.id, login: person.id.rawValue, password: nil, actor: creator.id)
        }
        // A template is copied only while nobody is connected to it.
        _ = try run(psql(workspace.socket), ["-h", workspace.socket, "-U", administrator, "-d", "postgres", "-qtAc",
                                             "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(workspace.database)' AND pid <> pg_backend_pid()"])
        return workspace.database
    }

    static func psql(_ socket: String) throws -> String { try tool("psql") }

    /// A PostgreSQL client tool (psql, pg_dump) of the newest installed version.
    public static func tool(_ name: String) throws -> String {
        let candidates = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?.sorted().reversed()
            .map { "/usr/lib/postgresql/\($0)/bin/\(name)" } ?? []
        guard let found = (candidates + ["/usr/bin/\(name)"]).first(where: FileManager.default.isExecutableFile) else {
            throw Unavailable.noServer("\(name) is not installed")
        }
        return found
    }

    /// Runs a tool to its end; its standard output, or an error with what it printed.
    ///
    /// Spawned and reaped here (posix_spawn, waitpid) rather than through Foundation's
    /// `Process`, whose exit monitor missed the end of `pg-cluster.sh` (which leaves a daemon
    /// behind) and left the test waiting on a zombie. Output goes through files, so a chatty
    /// tool cannot fill a pipe.
    @discardableResult
    public static func run(_ tool: String, _ arguments: [String], input: String? = nil) throws -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inPath = scratch.appendingPathComponent("in").path, outPath = scratch.appendingPathComponent("out").path
        let errPath = scratch.appendingPathComponent("err").path
        try Data((input ?? "").utf8).write(to: URL(fileURLWithPath: inPath))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // pg-cluster.sh leaves the server running as a daemon.
        InheritedDescriptors.closeAll(in: &actions)
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tool, &actions, nil, argv, environ)
        guard spawned == 0 else { throw Unavailable.noServer("cannot run \(tool): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0, code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            let errors = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw Unavailable.noServer("\(tool) \(arguments.joined(separator: " ")) exited \(code): \(errors)\(text)")
        }
        return text
    }
}

/// One test's database on the private cluster.
public struct ServerWorkspace: Sendable {
    public let socket: String
    public let database: String

    /// The URL wenti is given for this database, logged in as `role`.
    public func url(as role: String) -> String { "postgresql:///\(database)?host=\(socket)&user=\(role)" }

    public func location(as role: String) throws -> ServerLocation {
        try ServerLocation.parse(url(as: role), environment: [:], home: "/nonexistent", account: nil)
    }

    /// A store logged in as `role` (a person's id in the demo).
    public func store(as role: String, clock: any WorkspaceClock = SystemClock()) async throws -> PostgresStore {
        try await PostgresStore.open(try location(as: role), clock: clock)
    }

    /// Runs SQL through `psql` as `role`, as someone bypassing wenti would; its output, or an
    /// error carrying the server's message.
    @discardableResult
    public func psql(as role: String, _ sql: String) throws -> String {
        try TestServer.run(try TestServer.psql(socket), ["-h", socket, "-U", role, "-d", database, "-v", "ON_ERROR_STOP=1", "-qtAc", sql])
    }
}

extension ServerWorkspace {
    /// The test database a store is connected to (its socket folder and database name).
    public init(serverDatabaseOf store: PostgresStore) throws {
        guard case .socket(let path) = store.location.transport else { throw TestServer.Unavailable.noServer("not a socket connection") }
        self.init(socket: (path as NSString).deletingLastPathComponent, database: store.location.database)
    }
}

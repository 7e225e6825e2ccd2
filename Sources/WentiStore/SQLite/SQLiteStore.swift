import Foundation
import GRDB
import Synchronization
import WentiCore

/// The SQLite backend: one file, WAL mode, foreign keys on, versioned migrations.
///
/// The file is in WAL mode, so a second wenti process (another terminal, a cron job) can
/// read while one writes. Each public write method is one
/// transaction with its audit entries.
public final class SQLiteStore: WorkspaceStore {
    public let path: String
    let writer: any DatabaseWriter
    let clock: any WorkspaceClock
    /// The workspace changes only through `install`, so it is read once per process.
    private let cachedWorkspace = Mutex<Workspace?>(nil)
    /// Made once: building a JSONEncoder per audit row dominated bulk inserts.
    let auditEncoder = JSONEncoder.sorted

    /// Opens (and with `create`, creates) the workspace database at `path`, migrating it to
    /// the current schema. Errors do not name the path: the caller knows it.
    ///
    /// A file that is not a wenti workspace is refused before anything touches it; an empty
    /// one too, unless `create`. A workspace already up to date is opened without a write
    /// (read-only when this process may not change the file), so reading changes nothing and
    /// works beside another process's write.
    public init(path: String, create: Bool = true, clock: any WorkspaceClock = SystemClock()) throws(StoreError) {
        self.path = path
        self.clock = clock
        let fileExists = FileManager.default.fileExists(atPath: path)
        if !fileExists && !create { throw .notInitialised }
        var needsMigration = true
        var readOnly = false
        if fileExists {
            switch WorkspaceFile.inspect(path: path) {
            case .foreign:
                throw .notAWorkspace
            case .unreadable(let reason):
                throw .cannotOpen(reason: reason)
            case .empty:
                if !create { throw .notInitialised }
            case .workspace(let upToDate):
                needsMigration = !upToDate
                readOnly = upToDate && !WorkspaceFile.isWritable(path: path)
            }
        }
        if !fileExists {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                } catch {
                    throw .cannotOpen(reason: error.localizedDescription)
                }
            }
        }
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        // Another process writing: wait a little, then say the file is busy.
        configuration.busyMode = .timeout(3)
        // Temporary storage (the staging table of bulk loads, sorts that outgrow the cache,
        // the sorter that builds an index) stays SQLite's default, a temporary file behind
        // the page cache: in memory, rebuilding the indexes after an import of a million
        // rows held every sorted key at once (85 MB more at the peak for three of the twelve
        // indexes, and twice the time).
        configuration.prepareDatabase { db in
            // The short-word index's triggers and inserts build its text with this function.
            db.add(function: ShortWordIndex.function)
        }
        do {
            if needsMigration {
                // A new or older workspace: the pool switches the file to WAL and migrates.
                let pool = try DatabasePool(path: path, configuration: configuration)
                try Schema.migrator.migrate(pool)
                writer = pool
            } else {
                // Up to date: one plain connection, which the file's own WAL mode lets read
                // beside another process's write. A pool would not do: opening one writes a
                // throwaway table whenever the WAL file is absent, moving the schema cookie.
                writer = try DatabaseQueue(path: readOnly ? WorkspaceFile.readablePath(path) : path, configuration: configuration)
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    public func now() -> Date { clock.now() }
    public func today() -> Day { clock.today() }

    // MARK: Running work

    /// The store's boundary is async (a network database suspends its caller), but a local
    /// SQLite read takes microseconds: it runs on the calling thread through GRDB's
    /// synchronous API. Handing each one to GRDB's queue and back cost more than the read
    /// itself (a key that reads the detail and its similar cases went from 2 to 40 ms).
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        try readHere(body)
    }

    /// Synchronous, so that GRDB's synchronous `read` is the one called.
    private func readHere<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try writer.read(body) } catch { throw Self.storeError(error) }
    }

    /// One transaction; any error rolls everything back.
    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        try writeHere(body)
    }

    private func writeHere<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try writer.write(body) } catch { throw Self.storeError(error) }
    }

    /// One transaction with SQLite's foreign-key checks off, for bulk inserts: `body`
    /// returns the last row id of `concern` from before it wrote, and the keys of every
    /// row written after it are checked once at the end (`NewRowForeignKeys`), inside the
    /// transaction, so a broken key still rolls everything back. The pragma only takes
    /// effect outside a transaction, hence the connection without GRDB's own.
    func writeCheckingKeysOnce<T: Sendable>(_ body: @Sendable (Database) throws -> (T, lastOldID: Int64)) async throws(StoreError) -> T {
        try writeCheckingKeysOnceHere(body)
    }

    /// Synchronous, so that GRDB's synchronous `writeWithoutTransaction` is the one called.
    private func writeCheckingKeysOnceHere<T>(_ body: (Database) throws -> (T, lastOldID: Int64)) throws(StoreError) -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                var result: T?
                try db.inTransaction(.immediate) {
                    let (value, lastOldID) = try body(db)
                    if try NewRowForeignKeys.firstViolation(after: lastOldID, in: db) != nil { throw StoreError.constraint }
                    result = value
                    return .commit
                }
                return result!
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Domain errors pass through; SQLite's are told apart by their result codes, never by
    /// their message text.
    static func storeError(_ error: any Error) -> StoreError {
        if let domain = StoreError.fromDomain(error) { return domain }
        switch error {
        case let error as DatabaseError:
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
            case .SQLITE_READONLY: return .readOnly
            case .SQLITE_CANTOPEN, .SQLITE_NOTADB, .SQLITE_PERM, .SQLITE_AUTH:
                return .cannotOpen(reason: "\(error.resultCode)")
            case .SQLITE_CONSTRAINT:
                // Only the audit log's triggers RAISE: a trigger's refusal is the append-only rule.
                return error.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER ? .auditIsAppendOnly : .constraint
            default: return .database("\(error.resultCode)")
            }
        default: return .database("\(error)")
        }
    }

    // MARK: Audit

    /// One audit row, dated `at` (default: now). The rows of one action pass the same `at`:
    /// `Undo` reads an action back as the latest rows sharing actor and time.
    func appendAudit(_ db: Database, actor: PersonID, action: String, subject: String, changes: [FieldChange], at: Date? = nil) throws {
        try appendAudit(db, actor: actor, action: action, subject: subject,
                        changesJSON: String(decoding: try auditEncoder.encode(changes), as: UTF8.self), at: at)
    }

    func appendAudit(_ db: Database, actor: PersonID, action: String, subject: String, changesJSON json: String, at: Date? = nil) throws {
        try db.cachedStatement(sql: Self.auditInsertSQL)
            .execute(arguments: [(at ?? clock.now()).timeIntervalSince1970, actor.rawValue, action, subject, json])
    }

    static let auditInsertSQL = "INSERT INTO audit_log (at, actor_id, action, subject, changes) VALUES (?,?,?,?,?)"

    public func auditLog(subject: String) async throws(StoreError) -> [AuditEntry] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE subject = ? ORDER BY seq", arguments: [subject]).map { row in
                AuditEntry(sequence: row["seq"], at: row.date("at"), actorID: row.person("actor_id"),
                           action: row["action"], subject: row["subject"],
                           changes: try JSONDecoder().decode([FieldChange].self, from: Data(row.text("changes").utf8)))
            }
        }
    }

    /// The last audit entry's number: SQLite has one writer at a time, so entries commit in
    /// the order of their numbers and the largest one moves with every change.
    public func changeToken() async throws(StoreError) -> ChangeToken {
        let seq = try await read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM audit_log") ?? 0 }
        return ChangeToken(backend: String(seq))
    }

    /// Runs raw SQL in a transaction. For tests that check what the schema itself refuses.
    public func executeRaw(_ sql: String) async throws(StoreError) {
        try await write { db in try db.execute(sql: sql) }
    }

    // MARK: Workspace

    public func install(_ workspace: Workspace, installer: PersonID) async throws(StoreError) {
        guard workspace.organisation.person(installer) != nil else { throw .unknownPerson(installer) }
        try await write { db in
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM unit") ?? 0 > 0 {
                throw StoreError.alreadyInitialised
            }
            for (position, unit) in workspace.organisation.unitsInTreeOrder.enumerated() {
                try db.execute(sql: "INSERT INTO unit VALUES (?,?,?,?,?)",
                               arguments: [unit.id.rawValue, unit.name, unit.kind.rawValue, unit.parentID?.rawValue, position])
                for (order, alias) in unit.aliases.enumerated() {
                    try db.execute(sql: "INSERT INTO unit_alias VALUES (?,?,?)", arguments: [alias, unit.id.rawValue, order])
                }
            }
            for person in workspace.organisation.people.values.sorted(by: { $0.id < $1.id }) {
                try db.execute(sql: "INSERT INTO person (id, name, role, unit_id, login) VALUES (?,?,?,?,?)",
                               arguments: [person.id.rawValue, person.name, person.role.rawValue, person.unitID.rawValue, person.login])
            }
            for (position, category) in workspace.categories.enumerated() {
                try db.execute(sql: "INSERT INTO category VALUES (?,?,?,?)",
                               arguments: [category.id.rawValue, category.name.zh, category.name.en, position])
            }
            for grade in Grade.allCases {
                let days = workspace.policy.deadlineDays[grade]
                try db.execute(sql: "INSERT INTO grade_policy VALUES (?,?,?)",
                               arguments: [grade.rawValue, days, days == nil ? workspace.policy.buddingReviewDays : nil])
            }
            for c in workspace.campaigns {
                try db.execute(sql: "INSERT INTO campaign VALUES (?,?,?,?,?,?)",
                               arguments: [c.id, c.name, c.unitID.rawValue, c.startsOn.ordinal, c.endsOn.ordinal, c.reward])
            }
            for v in workspace.visits {
                try db.execute(sql: "INSERT INTO leader_visit VALUES (?,?,?,?,?,?)",
                               arguments: [v.id, v.leaderID.rawValue, v.unitID.rawValue, v.on.ordinal, v.integration.rawValue, v.findings])
            }
            if workspace.visitQuota != .standard {
                try db.execute(sql: "INSERT OR REPLACE INTO setting VALUES ('visits-per-month', ?)", arguments: [String(workspace.visitQuota.visitsPerMonth)])
            }
            try appendAudit(db, actor: installer, action: "install", subject: "workspace", changes: [
                FieldChange(field: "units", old: "", new: String(workspace.organisation.units.count)),
                FieldChange(field: "people", old: "", new: String(workspace.organisation.people.count)),
                FieldChange(field: "categories", old: "", new: String(workspace.categories.count)),
            ])
        }
        cachedWorkspace.withLock { $0 = workspace }
    }

    public func link(login: String, to person: PersonID, actor: Person) async throws(StoreError) -> Workspace {
        var workspace = try await workspace()
        let organisation: Organisation
        do {
            organisation = try workspace.organisation.linking(login: login, to: person)
        } catch {
            throw .unknownPerson(person)
        }
        let previous = workspace.organisation.person(login: login)
        try await write { db in
            try db.execute(sql: "UPDATE person SET login = NULL WHERE login = ?", arguments: [login])
            try db.execute(sql: "UPDATE person SET login = ? WHERE id = ?", arguments: [login, person.rawValue])
            try appendAudit(db, actor: actor.id, action: MethodAction.people.rawValue, subject: "person:\(person)", changes: [
                FieldChange(field: "login", old: previous.map { "\($0.name): \(login)" } ?? "", new: login),
            ])
        }
        workspace.organisation = organisation
        cachedWorkspace.withLock { $0 = workspace }
        return workspace
    }

    /// Marks the workspace as a demo, which `wenti demo` may later replace.
    public func markAsDemo() async throws(StoreError) {
        try await write { db in try db.execute(sql: "INSERT OR REPLACE INTO setting VALUES ('origin', 'demo')") }
    }

    /// Whether the file at `path` is a workspace built by `wenti demo` (nil: not a workspace).
    public static func isDemo(path: String) -> Bool? {
        guard let queue = try? DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }()) else {
            return nil
        }
        return try? queue.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'origin'") == "demo"
        }
    }

    /// Changes the cached workspace, if one was read, to what was just written.
    func updateCachedWorkspace(_ change: (inout Workspace) -> Void) {
        cachedWorkspace.withLock { cached in
            if var workspace = cached {
                change(&workspace)
                cached = workspace
            }
        }
    }

    public func workspace() async throws(StoreError) -> Workspace {
        if let cached = cachedWorkspace.withLock({ $0 }) { return cached }
        let loaded: Workspace = try await read { db in try Self.loadWorkspace(db) }
        cachedWorkspace.withLock { $0 = loaded }
        return loaded
    }

    private static func loadWorkspace(_ db: Database) throws -> Workspace {
        var aliases: [UnitID: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT alias, unit_id FROM unit_alias ORDER BY unit_id, position") {
            aliases[row.unit("unit_id"), default: []].append(row.text("alias"))
        }
        let units = try Row.fetchAll(db, sql: "SELECT * FROM unit ORDER BY position").map { row in
            let id = row.unit("id")
            return OrgUnit(id: id, name: row["name"], kind: try row.value("kind"), parentID: row.optionalUnit("parent_id"), aliases: aliases[id] ?? [])
        }
        guard !units.isEmpty else { throw StoreError.notInitialised }
        let people = try Row.fetchAll(db, sql: "SELECT * FROM person").map { row in
            Person(id: row.person("id"), name: row["name"], role: try row.value("role"), unitID: row.unit("unit_id"),
                   login: row.optionalText("login"))
        }
        let organisation = try Organisation(units: units, people: people)
        let categories = try Row.fetchAll(db, sql: "SELECT * FROM category ORDER BY position").map { row in
            Category(id: CategoryID(row.text("id")), name: LocalizedText(zh: row["name_zh"], en: row["name_en"]))
        }
        var deadlines: [Grade: Int] = [:]
        var review = 30
        for row in try Row.fetchAll(db, sql: "SELECT * FROM grade_policy") {
            let grade: Grade = try row.value("grade")
            if let days = row.optionalInt("deadline_days") { deadlines[grade] = days }
            if let days = row.optionalInt("review_days") { review = days }
        }
        let policy = try GradePolicy(deadlineDays: deadlines, buddingReviewDays: review)
        let campaigns = try Row.fetchAll(db, sql: "SELECT * FROM campaign ORDER BY id").map { row in
            Campaign(id: row["id"], name: row["name"], unitID: row.unit("unit_id"), startsOn: row.day("starts_on"),
                     endsOn: row.day("ends_on"), reward: row["reward"])
        }
        return Workspace(organisation: organisation, categories: categories, policy: policy, campaigns: campaigns,
                         visits: try loadVisits(db), visitQuota: try loadVisitQuota(db))
    }
}

extension JSONEncoder {
    /// Stable output, so that the same change always reads the same in the audit log.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

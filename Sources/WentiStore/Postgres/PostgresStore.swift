import Foundation
import Logging
import PostgresNIO
import Synchronization
import WentiCore

/// The shared backend: one PostgreSQL database for a whole department, each person logged in
/// as their own database role.
///
/// The server is the authority: row-level security scopes every read and write to what the
/// person's role may see and do, whoever the client is, and its guards hold the workflow's
/// rules (see `ServerPolicies`, `ServerGuards`). The client still applies the same scope and
/// runs `Workflow` first, so that a refusal reads as the permission table's own words.
///
/// Records are stored as the JSON documents of their domain values, with the columns queries
/// need generated from them (`ServerTables`). Each public write is one transaction with its
/// audit entries; each read one statement or a few on one connection.
public final class PostgresStore: WorkspaceStore {
    public let location: ServerLocation
    let connection: ServerConnection
    let clock: any WorkspaceClock
    /// The database role this store is logged in as (`session_user`).
    public let sessionUser: String
    /// A superuser: `server init` and `server import` write as the people of the history they
    /// load; nobody works the method this way.
    public let isAdministrator: Bool
    private let cachedWorkspace = Mutex<Workspace?>(nil)
    /// The most concerns `wordMatches` lists for a word (`ServerWordSearch.cap`); a test lowers
    /// it to reach, on the demo's few concerns, what a common word does on a large server.
    let wordSearchCap = Atomic<Int>(ServerWordSearch.cap)
    /// The last `wordMatches` answer and the change mark it holds for: a keystroke asks for the
    /// page and the count of the same words, and the answer stands until anything changes.
    let lastWordMatches = Mutex<(mark: Int64, cap: Int, words: [String], matches: [String: [String]])?>(nil)
    let encoder = JSONEncoder.sorted
    var logger: Logger { connection.logger }

    private init(location: ServerLocation, connection: ServerConnection, clock: any WorkspaceClock, sessionUser: String, isAdministrator: Bool) {
        self.location = location
        self.connection = connection
        self.clock = clock
        self.sessionUser = sessionUser
        self.isAdministrator = isAdministrator
    }

    deinit { connection.close() }

    /// Connects to a workspace made by `wenti server init`; a server without it (or with an
    /// older schema) is refused with what to run.
    public static func open(_ location: ServerLocation, clock: any WorkspaceClock = SystemClock()) async throws(StoreError) -> PostgresStore {
        let connection = try await ServerConnection.open(location)
        let applied = try await ServerMigrations.appliedVersions(connection)
        guard applied.contains(ServerMigrations.latest) else { throw .notInitialised }
        let (user, administrator) = try await connection.read { db in
            let rows = try await db.query("""
                SELECT session_user::text, coalesce((SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user), false)
                """, logger: connection.logger)
            for try await (user, superuser) in rows.decode((String, Bool).self) { return (user, superuser) }
            return ("", false)
        }
        return PostgresStore(location: location, connection: connection, clock: clock, sessionUser: user, isAdministrator: administrator)
    }

    /// `wenti server init`: brings the server's schema, roles and policies up to date (run by
    /// an administrator), then opens it.
    public static func initialise(_ location: ServerLocation, clock: any WorkspaceClock = SystemClock()) async throws(StoreError) -> PostgresStore {
        let connection = try await ServerConnection.open(location)
        try await ServerMigrations.migrate(connection)
        connection.close()
        let store = try await open(location, clock: clock)
        guard store.isAdministrator else { throw .deniedByServer }
        return store
    }

    public func now() -> Date { clock.now() }
    public func today() -> Day { clock.today() }

    /// A write as `actor` must come from the person logged in (the server checks it too);
    /// an administrator writes history as the people who made it.
    func requireActing(_ actor: PersonID) async throws(StoreError) {
        if isAdministrator { return }
        guard let person = try await workspace().organisation.person(login: sessionUser), person.id == actor else {
            throw .deniedByServer
        }
    }

    // MARK: Audit

    /// One audit row; the rows of one action pass the same `at` (the workflow context's
    /// now), so that `wenti undo` reads them back as one action.
    func appendAudit(_ db: PostgresConnection, actor: PersonID, action: String, subject: String, changes: [FieldChange], at: Date? = nil) async throws {
        let json = String(decoding: try encoder.encode(changes), as: UTF8.self)
        try await db.run("""
            INSERT INTO wenti.audit_log (at, actor_id, action, subject, changes)
            VALUES (\((at ?? clock.now()).timeIntervalSince1970), \(actor.rawValue), \(action), \(subject), \(json)::jsonb)
            """, logger: self.logger)
    }

    public func auditLog(subject: String) async throws(StoreError) -> [AuditEntry] {
        try await connection.read { db in
            var entries: [AuditEntry] = []
            let rows = try await db.query("""
                SELECT seq, at, actor_id, action, subject, changes::text FROM wenti.audit_log WHERE subject = \(subject) ORDER BY seq
                """, logger: self.logger)
            for try await (seq, at, actor, action, subject, changes) in rows.decode((Int64, Double, String, String, String, String).self) {
                entries.append(AuditEntry(sequence: seq, at: Date(timeIntervalSince1970: at), actorID: PersonID(actor), action: action, subject: subject,
                                          changes: try JSONDecoder().decode([FieldChange].self, from: Data(changes.utf8))))
            }
            return entries
        }
    }

    /// The change mark, bumped by every audited statement and committed with it.
    /// The server's change mark; while `LISTEN` says nothing changed, without asking it.
    public func changeToken() async throws(StoreError) -> ChangeToken {
        connection.changes.start()
        let mark = try await connection.changes.mark { (patience: Duration?) async throws(StoreError) -> Int64 in
            try await self.connection.read(patience: patience) { db in
                for try await n in try await db.query("SELECT n FROM wenti.change_mark", logger: self.logger).decode(Int64.self) { return n }
                return 0
            }
        }
        return ChangeToken(backend: String(mark))
    }

    // MARK: Workspace

    public func install(_ workspace: Workspace, installer: PersonID) async throws(StoreError) {
        guard workspace.organisation.person(installer) != nil else { throw .unknownPerson(installer) }
        guard isAdministrator else { throw .deniedByServer }
        let settings = try settingDocuments(workspace)
        try await connection.write { db in
            try await self.writeOrganisation(db, workspace, settings: settings)
            try await self.appendAudit(db, actor: installer, action: "install", subject: "workspace", changes: [
                FieldChange(field: "units", old: "", new: String(workspace.organisation.units.count)),
                FieldChange(field: "people", old: "", new: String(workspace.organisation.people.count)),
                FieldChange(field: "categories", old: "", new: String(workspace.categories.count)),
            ])
        }
        cachedWorkspace.withLock { $0 = workspace }
    }

    /// The workspace's slowly changing parts other than units and people, as JSON documents.
    func settingDocuments(_ workspace: Workspace) throws(StoreError) -> [(key: String, json: String)] {
        do {
            return [
                ("categories", String(decoding: try encoder.encode(workspace.categories), as: UTF8.self)),
                ("policy", String(decoding: try encoder.encode(workspace.policy), as: UTF8.self)),
                ("campaigns", String(decoding: try encoder.encode(workspace.campaigns), as: UTF8.self)),
                ("visit-quota", String(decoding: try encoder.encode(workspace.visitQuota), as: UTF8.self)),
            ]
        } catch {
            throw .database("encoding the workspace")
        }
    }

    /// Units, people and settings into an empty server workspace (refused when it has any).
    func writeOrganisation(_ db: PostgresConnection, _ workspace: Workspace, settings: [(key: String, json: String)]) async throws {
        for try await n in try await db.query("SELECT count(*) FROM wenti.unit", logger: self.logger).decode(Int64.self) where n > 0 {
            throw StoreError.alreadyInitialised
        }
        for (position, unit) in workspace.organisation.unitsInTreeOrder.enumerated() {
            try await db.run("""
                INSERT INTO wenti.unit VALUES (\(unit.id.rawValue), \(unit.name), \(unit.kind.rawValue), \(unit.parentID?.rawValue), \(position), \(unit.aliases))
                """, logger: self.logger)
        }
        for person in workspace.organisation.people.values.sorted(by: { $0.id < $1.id }) {
            try await db.run("""
                INSERT INTO wenti.person VALUES (\(person.id.rawValue), \(person.name), \(person.role.rawValue), \(person.unitID.rawValue), \(person.login))
                """, logger: self.logger)
        }
        for (key, value) in settings {
            try await db.run("INSERT INTO wenti.setting VALUES (\(key), \(value)::jsonb)", logger: self.logger)
        }
        // Each visit is a record of its own (migration v2), not part of a setting.
        try await writeVisits(db, workspace.visits)
    }

    /// Links a database role to a person. On the server that is the administrator's step
    /// (`wenti server add-person`), since it decides who the role is.
    public func link(login: String, to person: PersonID, actor: Person) async throws(StoreError) -> Workspace {
        guard isAdministrator else { throw .deniedByServer }
        var workspace = try await workspace()
        let organisation: Organisation
        do {
            organisation = try workspace.organisation.linking(login: login, to: person)
        } catch {
            throw .unknownPerson(person)
        }
        let previous = workspace.organisation.person(login: login)
        try await connection.write { db in
            if try await Self.superuserRoles(db, logger: self.logger).contains(login) { throw StoreError.superuserLogin(login) }
            try await db.run("UPDATE wenti.person SET login = NULL WHERE login = \(login)", logger: self.logger)
            try await db.run("UPDATE wenti.person SET login = \(login) WHERE id = \(person.rawValue)", logger: self.logger)
            try await self.appendAudit(db, actor: actor.id, action: MethodAction.people.rawValue, subject: "person:\(person)", changes: [
                FieldChange(field: "login", old: previous.map { "\($0.name): \(login)" } ?? "", new: login),
            ])
        }
        workspace.organisation = organisation
        cachedWorkspace.withLock { $0 = workspace }
        return workspace
    }

    /// The server's superuser roles: never a person's login (`StoreError.superuserLogin`).
    static func superuserRoles(_ db: PostgresConnection, logger: Logger) async throws -> Set<String> {
        var roles: Set<String> = []
        for try await name in try await db.query("SELECT rolname::text FROM pg_roles WHERE rolsuper", logger: logger).decode(String.self) {
            roles.insert(name)
        }
        return roles
    }

    /// Marks the workspace as a demo company (`scripts/pg-cluster.sh demo`).
    public func markAsDemo() async throws(StoreError) {
        try await connection.write { db in
            try await db.run("""
                INSERT INTO wenti.setting VALUES ('origin', '"demo"'::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
                """, logger: self.logger)
        }
    }

    public func workspace() async throws(StoreError) -> Workspace {
        if let cached = cachedWorkspace.withLock({ $0 }) { return cached }
        let loaded = try await connection.read { db in try await Self.loadWorkspace(db, logger: self.logger) }
        cachedWorkspace.withLock { $0 = loaded }
        return loaded
    }

    private static func loadWorkspace(_ db: PostgresConnection, logger: Logger) async throws -> Workspace {
        var units: [OrgUnit] = []
        for try await (id, name, kind, parent, aliases) in try await db.query("SELECT id, name, kind, parent_id, aliases FROM wenti.unit ORDER BY position", logger: logger)
            .decode((String, String, String, String?, [String]).self) {
            units.append(OrgUnit(id: UnitID(id), name: name, kind: try stored(UnitKind.self, kind), parentID: parent.map { UnitID($0) }, aliases: aliases))
        }
        guard !units.isEmpty else { throw StoreError.notInitialised }
        var people: [Person] = []
        for try await (id, name, role, unit, login) in try await db.query("SELECT id, name, role, unit_id, login FROM wenti.person", logger: logger)
            .decode((String, String, String, String, String?).self) {
            people.append(Person(id: PersonID(id), name: name, role: try stored(Role.self, role), unitID: UnitID(unit), login: login))
        }
        var settings: [String: Data] = [:]
        for try await (key, value) in try await db.query("SELECT key, value::text FROM wenti.setting", logger: logger).decode((String, String).self) {
            settings[key] = Data(value.utf8)
        }
        let decoder = JSONDecoder()
        func setting<T: Decodable>(_ key: String, _ type: T.Type) throws -> T {
            guard let data = settings[key] else { throw StoreError.notInitialised }
            return try decoder.decode(type, from: data)
        }
        return Workspace(organisation: try Organisation(units: units, people: people), categories: try setting("categories", [Category].self),
                         policy: try setting("policy", GradePolicy.self), campaigns: try setting("campaigns", [Campaign].self),
                         visits: try await loadVisits(db, logger: logger),
                         visitQuota: settings["visit-quota"] == nil ? .standard : try setting("visit-quota", VisitQuota.self))
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

    static func stored<T: RawRepresentable>(_ type: T.Type, _ raw: T.RawValue) throws -> T {
        guard let value = T(rawValue: raw) else { throw UnknownStoredValue(value: "\(raw)", type: "\(T.self)") }
        return value
    }
}

import Foundation
import PostgresNIO
import WentiCore

/// What only an administrator (a superuser) does on the server: give a person a login role,
/// and move a local workspace onto the server.
extension PostgresStore {
    /// Creates the login role `login` when it does not exist (with `password` when given:
    /// the server keeps it as a SCRAM-SHA-256 verifier), makes it a member of `wenti_person`
    /// and of the group role of the person's wenti role (and of no other group), and links it
    /// to the person. A role that another person had loses that link.
    public func addPerson(_ person: PersonID, login: String, password: String?, actor: PersonID) async throws(StoreError) {
        guard isAdministrator else { throw .deniedByServer }
        guard let found = try await workspace().organisation.person(person) else { throw .unknownPerson(person) }
        // Before the role's memberships are touched: a superuser is never made a person.
        if try await connection.read({ db in try await Self.superuserRoles(db, logger: self.logger) }).contains(login) {
            throw .superuserLogin(login)
        }
        let role = ServerMigrations.quoted(login)
        let group = ServerPolicies.roleGroups[found.role.rawValue]!
        var statements = ["""
            DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(Self.literal(login))) THEN CREATE ROLE \(role) LOGIN; END IF; END $$;
            """]
        statements += ServerPolicies.roleGroups.values.sorted().filter { $0 != group }.map { "REVOKE \($0) FROM \(role);" }
        statements.append("GRANT wenti_person, \(group) TO \(role);")
        if let password { statements.append("ALTER ROLE \(role) PASSWORD \(Self.literal(password));") }
        try await connection.script(statements.joined(separator: "\n"))
        let installer = Person(id: actor, name: "administrator", role: .politicalWork, unitID: found.unitID)
        _ = try await link(login: login, to: person, actor: installer)
    }

    /// The index ranges of `count` rows cut into pieces of at most `size`, in order.
    static func batches(of count: Int, size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// An SQL string literal (for the few statements that cannot take bound values).
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Everything of a local workspace, in one transaction: organisation, concerns, meetings,
    /// notices, practices, key holders, sealed envelopes and the audit log as it was written
    /// (same times, actors and order). Refused unless the server's workspace is empty, and
    /// while the file still holds identities from before sealing.
    ///
    /// A login that names a superuser role of the server is not kept (a superuser passes every
    /// check): the result names those people, for the administrator to give them roles.
    ///
    /// Concerns and audit entries go `batchSize` to a statement, each batch encoded only when
    /// it is sent: one statement for a whole workspace would exceed PostgreSQL's 1 GB limit
    /// for one value at a million concerns (and hold every document twice in memory). The
    /// batches share the one transaction, so a failure in any of them leaves nothing behind.
    public func importWorkspace(_ source: LocalWorkspaceExport, batchSize: Int = 5_000) async throws(StoreError) -> ServerImport {
        precondition(batchSize > 0, "a batch holds at least one row")
        guard isAdministrator else { throw .deniedByServer }
        let encoder = self.encoder
        @Sendable func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        let superusers = try await connection.read { db in try await Self.superuserRoles(db, logger: self.logger) }
        let unlinked = source.workspace.organisation.people.values.filter { $0.login.map(superusers.contains) == true }
        let workspace = { var kept = source.workspace; kept.organisation = kept.organisation.removingLogins(superusers); return kept }()
        let settings = try settingDocuments(workspace)
        let meetingDocs: [(String, String)], noticeDocs: [(String, String)], practiceDocs: [(String, String)]
        do {
            meetingDocs = try source.meetings.map { ($0.id, try json($0)) }
            noticeDocs = try source.notices.map { ($0.id, try json($0)) }
            practiceDocs = try source.practices.map { ($0.id, try json($0)) }
        } catch {
            throw .database("encoding the workspace")
        }
        @Sendable func encoded<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch { throw StoreError.database("encoding the workspace") }
        }
        try await connection.write { db in
            try await self.writeOrganisation(db, workspace, settings: settings)
            for batch in Self.batches(of: source.concerns.count, size: batchSize) {
                let docs = try encoded { try source.concerns[batch].map(json) }
                try await db.run("INSERT INTO wenti.concern (doc) SELECT d::jsonb FROM unnest(\(docs)::text[]) WITH ORDINALITY AS x(d, n) ORDER BY n",
                                   logger: self.logger)
            }
            var lastOfYear: [Int: Int] = [:]
            for concern in source.concerns { lastOfYear[concern.code.year] = max(lastOfYear[concern.code.year] ?? 0, concern.code.sequence) }
            for (year, last) in lastOfYear.sorted(by: { $0.key < $1.key }) {
                try await db.run("SELECT wenti.reserve_id('concern', \(year)::int, \(last)::int)", logger: self.logger)
            }
            for (table, rows, kind) in [("meeting", meetingDocs, ""), ("notice", noticeDocs, "notice"), ("practice", practiceDocs, "practice")] {
                for (id, doc) in rows {
                    try await db.run(PostgresQuery(unsafeSQL: "INSERT INTO wenti.\(table) (id, doc) VALUES ($1, $2::jsonb)",
                                                     binds: { var b = PostgresBindings(); b.append(id); b.append(doc); return b }()),
                                       logger: self.logger)
                    let parts = id.split(separator: "-")
                    if !kind.isEmpty, parts.count == 3, let year = Int(parts[1]), let number = Int(parts[2]) {
                        try await db.run("SELECT wenti.reserve_id(\(kind), \(year)::int, \(number)::int)", logger: self.logger)
                    }
                }
            }
            for holder in source.holders {
                try await db.run("""
                    SELECT wenti.register_holder(\(holder.holder.storageName), decode(\(holder.publicKey.base64EncodedString()), 'base64'), \(holder.addedAt.timeIntervalSince1970))
                    """, logger: self.logger)
            }
            for (code, envelope) in source.envelopes { try await self.writeEnvelope(db, envelope, code: code) }
            // In the order written, batch after batch: the log's ids keep that order.
            for batch in Self.batches(of: source.audit.count, size: batchSize) {
                let entries = source.audit[batch]
                let at = entries.map { $0.at.timeIntervalSince1970 }, actors = entries.map(\.actorID.rawValue)
                let actions = entries.map(\.action), subjects = entries.map(\.subject)
                let changes = try encoded { try entries.map { try json($0.changes) } }
                try await db.run("""
                    INSERT INTO wenti.audit_log (at, actor_id, action, subject, changes)
                    SELECT a, p, x, s, c::jsonb FROM unnest(\(at)::float8[], \(actors)::text[], \(actions)::text[],
                      \(subjects)::text[], \(changes)::text[]) WITH ORDINALITY AS r(a, p, x, s, c, n) ORDER BY n
                    """, logger: self.logger)
            }
        }
        return ServerImport(concerns: source.concerns.count, unlinked: unlinked.sorted { $0.id < $1.id })
    }
}

/// What `importWorkspace` moved, and the people whose login it did not keep.
public struct ServerImport: Sendable {
    public var concerns: Int
    /// People whose local login names a superuser role here: they have no login until linked.
    public var unlinked: [Person]
}

/// A local workspace read whole, for `wenti server import`.
public struct LocalWorkspaceExport: Sendable {
    public var workspace: Workspace
    public var concerns: [Concern]
    public var meetings: [Meeting]
    public var notices: [SupervisionNotice]
    public var practices: [PracticeEntry]
    public var holders: [HolderKey]
    public var envelopes: [(ConcernCode, SealedEnvelope)]
    public var audit: [AuditEntry]
}

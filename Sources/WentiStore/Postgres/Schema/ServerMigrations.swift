/// The shared schema's versions, applied by `wenti server init` (and checked by every
/// client on connecting). Only ever appended: a released migration is never edited.
enum ServerMigrations {
    static let all: [(version: String, sql: String)] = [
        ("v1-shared-workspace", v1),
        ("v2-leader-visits", v2),
        ("v3-library-counts", ServerLibraryCounts.sql),
        ("v4-word-search", ServerWordSearch.sql),
        ("v5-reads-at-scale", ServerReadsAtScale.sql),
        ("v6-word-counts", ServerWordCounts.sql),
        ("v7-overdue-count", ServerOverdueCount.sql),
    ]

    static var latest: String { all.last!.version }

    private static var v1: String {
        [
            """
            CREATE SCHEMA wenti;
            CREATE TABLE wenti.schema_migration (
              version text PRIMARY KEY,
              applied_at timestamptz NOT NULL DEFAULT now()
            );
            """,
            ServerTables.pureFunctions, ServerTables.tables,
            ServerScope.functions, ServerGuards.functions, ServerGuards.triggers,
            ServerSealing.functions, ServerPolicies.counters, ServerPolicies.policies,
            ServerPolicies.grants, ServerRollup.sql,
        ].joined(separator: "\n")
    }

    /// Leaders' visits as records of their own, written by political-work staff (they were
    /// one setting, which nobody but an administrator may change); the visit quota, which
    /// political-work staff set; the index of the concerns each source brought in.
    private static var v2: String {
        let role = "(SELECT wenti.my_role())"
        return """
            CREATE TABLE wenti.leader_visit (
              id text PRIMARY KEY CHECK (length(id) > 0),
              doc jsonb NOT NULL,
              leader_id text GENERATED ALWAYS AS (doc->>'leaderID') STORED NOT NULL REFERENCES wenti.person(id),
              unit_id text GENERATED ALWAYS AS (doc->>'unitID') STORED NOT NULL REFERENCES wenti.unit(id),
              on_day int GENERATED ALWAYS AS (wenti.day(doc->>'on')) STORED NOT NULL,
              CHECK (doc->>'id' = id),
              CHECK (doc->>'integration' IN ('grassroots','site','team','staff','customers','projects')),
              CHECK (length(btrim(coalesce(doc->>'findings', ''))) > 0)
            );
            ALTER TABLE wenti.leader_visit ENABLE ROW LEVEL SECURITY;
            ALTER TABLE wenti.leader_visit FORCE ROW LEVEL SECURITY;
            CREATE POLICY read_all ON wenti.leader_visit FOR SELECT USING (true);
            CREATE POLICY visit_log ON wenti.leader_visit FOR INSERT WITH CHECK (\(role) = 'political-work');
            CREATE POLICY owner_moves ON wenti.leader_visit FOR INSERT TO wenti_owner WITH CHECK (true);
            GRANT SELECT, INSERT ON wenti.leader_visit TO wenti_person;
            INSERT INTO wenti.leader_visit (id, doc)
              SELECT v->>'id', v FROM wenti.setting s, jsonb_array_elements(s.value) v WHERE s.key = 'visits';
            CREATE POLICY owner_moves ON wenti.setting FOR DELETE TO wenti_owner USING (key = 'visits');
            DELETE FROM wenti.setting WHERE key = 'visits';
            CREATE POLICY quota_set ON wenti.setting FOR INSERT WITH CHECK (key = 'visit-quota' AND \(role) = 'political-work');
            CREATE POLICY quota_change ON wenti.setting FOR UPDATE USING (key = 'visit-quota' AND \(role) = 'political-work')
              WITH CHECK (key = 'visit-quota' AND \(role) = 'political-work');
            GRANT INSERT, UPDATE ON wenti.setting TO wenti_person;
            \(ServerGuards.guardAudit(visits: true))
            CREATE INDEX concern_source ON wenti.concern ((\(ServerTables.sourceKey("doc")))) WHERE doc ? 'source';
            """
    }

    /// Runs what is missing, each version in its own transaction as the owner role, so that
    /// the owner (whom no one logs in as) owns every object. Needs an administrator.
    static func migrate(_ connection: ServerConnection) async throws(StoreError) {
        try await connection.script(ServerPolicies.roles)
        try await connection.script("GRANT CREATE ON DATABASE \(quoted(connection.location.database)) TO wenti_owner;")
        let applied = try await appliedVersions(connection)
        for migration in all where !applied.contains(migration.version) {
            try await connection.script("""
                \(migration.sql);
                INSERT INTO wenti.schema_migration (version) VALUES ('\(migration.version)');
                """, as: "wenti_owner")
        }
    }

    static func appliedVersions(_ connection: ServerConnection) async throws(StoreError) -> Set<String> {
        try await connection.read { db in
            let exists = try await db.query("SELECT to_regclass('wenti.schema_migration') IS NOT NULL", logger: connection.logger)
            var present = false
            for try await value in exists.decode(Bool.self) { present = value }
            guard present else { return [] }
            var versions: Set<String> = []
            for try await version in try await db.query("SELECT version FROM wenti.schema_migration", logger: connection.logger).decode(String.self) {
                versions.insert(version)
            }
            return versions
        }
    }

    /// An SQL identifier, quoted (a database or role name may hold any character).
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The shared schema's versions, applied by `wenti server init` (and checked by every
/// client on connecting). Only ever appended: a released migration is never edited.
enum ServerMigrations {
    static let all: [(version: String, sql: String)] = [
        ("v1-shared-workspace", v1),
        ("v2-library-counts", ServerLibraryCounts.sql),
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

import GRDB

/// The foreign keys of the rows one bulk insert wrote, checked once at its end instead of
/// by SQLite row by row.
///
/// A bulk insert runs with foreign keys off (`SQLiteStore.writeCheckingKeysOnce`): with them
/// on, every staged row looked up its eight parents, and every child row written before its
/// concern left a deferred violation that made each later concern insert search ten child
/// tables for orphans. `PRAGMA foreign_key_check` would check every row of a table, old
/// ones too (a demo loaded in twenty batches would check a million rows twenty times), so
/// the check here reads only the new rows: those of `concern` after the first new id, and
/// those of its child tables that belong to them. The keys themselves are read from the
/// schema (`pragma_foreign_key_list`), never listed here, so a new foreign key is checked
/// without anyone remembering to.
enum NewRowForeignKeys {
    /// The tables a bulk insert writes, and how their new rows are told from the old.
    private static let written: [(table: String, newRows: String)] = [
        ("concern", "id > ?"),
        ("concern_task", "concern_id > ?"), ("concern_link", "concern_id > ?"), ("progress_note", "concern_id > ?"),
        ("escalation", "concern_id > ?"), ("feedback", "concern_id > ?"),
        ("identity_envelope", "concern_id > ?"), ("identity_key", "concern_id > ?"),
    ]

    /// The first broken key among the rows written after `lastOldID` ("table.column"), nil
    /// when every key holds.
    static func firstViolation(after lastOldID: Int64, in db: Database) throws -> String? {
        for (table, newRows) in written {
            for key in try Row.fetchAll(db, sql: "SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?)", arguments: [table]) {
                let parent: String = key["table"]
                let column: String = key["from"]
                // No "to": the parent's primary key.
                let target: String = try key["to"] ?? String.fetchOne(db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk = 1", arguments: [parent]) ?? "rowid"
                let broken = try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM main.\(table) c WHERE \(newRows) AND c.\(column) IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM main.\(parent) p WHERE p.\(target) = c.\(column)))
                    """, arguments: [lastOldID]) ?? false
                if broken { return "\(table).\(column)" }
            }
        }
        return nil
    }
}

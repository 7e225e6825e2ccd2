import GRDB

extension Schema {
    /// The running deadlines per library (v12), kept by trigger as `unit_stage_count` is, so
    /// that the tree's overdue counts are a sum over a few thousand kept rows instead of a
    /// group over every concern whose clock runs: that group sorted 19,000 index entries at
    /// 100,000 concerns (5.5 ms of a 29 ms first frame) and 200,000 at 1,000,000 (50 ms).
    ///
    /// One row per library and deadline (`due_on`, paused days added back) of the concerns
    /// whose clock runs (`clockRuns`); overdue on a day is the sum of the rows before it. A
    /// row that falls to zero stays (the reader sums). The same shape as the server's
    /// `wenti.library_count` keeps (`ServerLibraryCounts`).
    static func runningDeadlines(_ db: Database) throws {
        let old = "old.stage IN ('defined','solving') AND old.paused_since IS NULL AND old.due_on IS NOT NULL"
        let new = "new.stage IN ('defined','solving') AND new.paused_since IS NULL AND new.due_on IS NOT NULL"
        let same = "new.unit_id IS old.unit_id AND new.due_on IS old.due_on"
        try db.execute(sql: """
            CREATE TABLE unit_running_due (
              unit_id TEXT NOT NULL,
              due_on INTEGER NOT NULL,
              n INTEGER NOT NULL,
              PRIMARY KEY (unit_id, due_on)
            ) STRICT, WITHOUT ROWID;
            \(recountRunningDeadlines)
            \(runningDueInsertTrigger.create)
            CREATE TRIGGER running_due_delete AFTER DELETE ON concern WHEN \(old) BEGIN
              UPDATE unit_running_due SET n = n - 1 WHERE unit_id = old.unit_id AND due_on = old.due_on;
            END;
            CREATE TRIGGER running_due_update_old AFTER UPDATE OF unit_id, stage, paused_since, deadline, paused_days ON concern
              WHEN \(old) AND NOT (\(new) AND \(same)) BEGIN
              UPDATE unit_running_due SET n = n - 1 WHERE unit_id = old.unit_id AND due_on = old.due_on;
            END;
            CREATE TRIGGER running_due_update_new AFTER UPDATE OF unit_id, stage, paused_since, deadline, paused_days ON concern
              WHEN \(new) AND NOT (\(old) AND \(same)) BEGIN
              INSERT INTO unit_running_due VALUES (new.unit_id, new.due_on, 1) ON CONFLICT (unit_id, due_on) DO UPDATE SET n = n + 1;
            END;
            """)
    }

    /// Keeps `unit_running_due` right on every single insert (a bulk load drops it and
    /// recounts once at the end, as it does for `unit_stage_count`).
    static let runningDueInsertTrigger = (name: "running_due_insert", create: """
        CREATE TRIGGER IF NOT EXISTS running_due_insert AFTER INSERT ON concern
          WHEN new.stage IN ('defined','solving') AND new.paused_since IS NULL AND new.due_on IS NOT NULL BEGIN
          INSERT INTO unit_running_due VALUES (new.unit_id, new.due_on, 1) ON CONFLICT (unit_id, due_on) DO UPDATE SET n = n + 1;
        END;
        """)

    static let recountRunningDeadlines = """
        DELETE FROM unit_running_due;
        INSERT INTO unit_running_due SELECT unit_id, due_on, count(*) FROM concern WHERE \(clockRuns) AND due_on IS NOT NULL GROUP BY unit_id, due_on;
        """
}

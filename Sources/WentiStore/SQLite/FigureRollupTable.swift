import GRDB
import WentiCore

/// Where the SQLite store keeps `FigureRollup`: one row per key with its count, changed in
/// the transaction of every write that changes a concern (`ConcernRows`), so that the
/// dashboard's first visit reads the months it shows instead of every concern.
///
/// Kept by the writer rather than by trigger: a concern's share of the figures depends on
/// its escalations and latest feedback (child tables written after the row) and on the
/// overdue rule, which `FigureRollup` states once for both backends and which the tests
/// compare with the figures of the facts themselves.
enum FigureRollupTable {
    /// "No unit" and "no category" as stored: the key columns are NOT NULL so that the
    /// primary key is one row per key.
    private static let none = ""

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE figure_rollup (
              part TEXT NOT NULL CHECK (part IN (\(FigureRollup.Part.allCases.map { "'\($0.rawValue)'" }.joined(separator: ",")))),
              bucket INTEGER NOT NULL,
              unit_id TEXT NOT NULL,
              solving_unit_id TEXT NOT NULL,
              category_id TEXT NOT NULL,
              detail INTEGER NOT NULL,
              n INTEGER NOT NULL,
              PRIMARY KEY (part, bucket, unit_id, solving_unit_id, category_id, detail)
            ) STRICT, WITHOUT ROWID;
            """)
        try recount(db)
    }

    /// Builds the rollup again from the concerns as stored (the migration of a workspace
    /// made before it, and a bulk load).
    static func recount(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM figure_rollup")
        var rows: [FigureRollup.Key: Int] = [:]
        try SQLiteStore.eachFact(in: db) { fact in
            for (key, n) in FigureRollup.contributions(of: fact) { rows[key, default: 0] += n }
        }
        try apply(rows.filter { $0.value != 0 }, in: db)
    }

    /// Adds `delta` to the kept counts; a count that comes to zero is removed.
    static func apply(_ delta: [FigureRollup.Key: Int], in db: Database) throws {
        guard !delta.isEmpty else { return }
        if delta.count >= bulkFrom {
            try applyInBulk(delta, in: db)
        } else {
            try applyKeyByKey(delta, in: db)
        }
    }

    /// From this many keys (a bulk insert's), `apply` merges them in one statement.
    static let bulkFrom = 256

    private static let keyColumns = "part, bucket, unit_id, solving_unit_id, category_id, detail"

    /// One upsert per key, and a delete where the upsert says the count came to zero: what
    /// a concern's change brings (a handful of keys).
    private static func applyKeyByKey(_ delta: [FigureRollup.Key: Int], in db: Database) throws {
        let upsert = BoundStatement(try db.cachedStatement(sql: """
            INSERT INTO figure_rollup VALUES (?,?,?,?,?,?,?)
              ON CONFLICT (\(keyColumns)) DO UPDATE SET n = n + excluded.n
              RETURNING n
            """))
        let prune = BoundStatement(try db.cachedStatement(sql: """
            DELETE FROM figure_rollup WHERE part = ? AND bucket = ? AND unit_id = ? AND solving_unit_id = ?
              AND category_id = ? AND detail = ? AND n = 0
            """))
        for (key, n) in delta {
            bind(key, to: upsert)
            upsert.bind(7, n)
            if try upsert.runReturningInt() == 0 {
                bind(key, to: prune)
                try prune.run()
            }
        }
    }

    /// The keys go into a temporary table, are merged with one upsert and the counts that
    /// came to zero deleted with one statement: at 100,000 concerns a bulk insert brings
    /// 177,000 keys, and a statement per key took 2.3 s of the 11.5 s the demo takes to
    /// create them; merged, 1.9 s (four merges of 69,000 keys, 0.4–0.5 s each inside the
    /// demo's transaction, whose inserts keep the rollup's pages out of the cache; 0.2 s
    /// for all 177,000 into an empty table in the sqlite3 shell).
    private static func applyInBulk(_ delta: [FigureRollup.Key: Int], in db: Database) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS rollup_delta (part TEXT, bucket INTEGER, unit_id TEXT, solving_unit_id TEXT,
              category_id TEXT, detail INTEGER, n INTEGER);
            DELETE FROM temp.rollup_delta;
            """)
        let insert = BoundStatement(try db.cachedStatement(sql: "INSERT INTO temp.rollup_delta VALUES (?,?,?,?,?,?,?)"))
        for (key, n) in delta {
            bind(key, to: insert)
            insert.bind(7, n)
            try insert.run()
        }
        try db.execute(sql: """
            INSERT INTO figure_rollup SELECT * FROM temp.rollup_delta WHERE true
              ON CONFLICT (\(keyColumns)) DO UPDATE SET n = n + excluded.n;
            DELETE FROM figure_rollup WHERE n = 0 AND (\(keyColumns)) IN (SELECT \(keyColumns) FROM temp.rollup_delta);
            DELETE FROM temp.rollup_delta;
            """)
    }

    private static func bind(_ key: FigureRollup.Key, to statement: BoundStatement) {
        statement.reset()
        statement.bind(1, key.part.rawValue)
        statement.bind(2, key.bucket)
        statement.bind(3, key.unitID.rawValue)
        statement.bind(4, key.solvingUnitID?.rawValue ?? none)
        statement.bind(5, key.categoryID?.rawValue ?? none)
        statement.bind(6, key.detail)
    }

    /// What `FigureRollup.selected` says, read by the primary key: the found rows of the
    /// trends and the period, the other parts' rows of the period, and the overdue count on
    /// `day` from the months before its own (`overdueMonth`) and its own month's days.
    static func read(period: ClosedRange<YearMonth>, trends: ClosedRange<YearMonth>, overdueOn day: Day,
                     in db: Database) throws -> [(FigureRollup.Key, Int)] {
        let apart: [FigureRollup.Part] = [.found, .overdue, .overdueMonth]
        let handling = FigureRollup.Part.allCases.filter { !apart.contains($0) }
        let sql = """
            SELECT part, bucket, unit_id, solving_unit_id, category_id, detail, n FROM figure_rollup
              WHERE part = 'found' AND (bucket BETWEEN ? AND ? OR bucket BETWEEN ? AND ?)
            UNION ALL
            SELECT part, bucket, unit_id, solving_unit_id, category_id, detail, n FROM figure_rollup
              WHERE part IN (\(handling.map { "'\($0.rawValue)'" }.joined(separator: ","))) AND bucket BETWEEN ? AND ?
            UNION ALL
            SELECT 'overdue', ?, unit_id, solving_unit_id, '', 0, sum(n) FROM (
              SELECT unit_id, solving_unit_id, n FROM figure_rollup WHERE part = 'overdueMonth' AND bucket < ?
              UNION ALL
              SELECT unit_id, solving_unit_id, n FROM figure_rollup WHERE part = 'overdue' AND bucket BETWEEN ? AND ?)
            GROUP BY unit_id, solving_unit_id
            """
        let periodFrom = FigureRollup.monthNumber(period.lowerBound), periodTo = FigureRollup.monthNumber(period.upperBound)
        let arguments: StatementArguments = [FigureRollup.monthNumber(trends.lowerBound), FigureRollup.monthNumber(trends.upperBound),
                                             periodFrom, periodTo, periodFrom, periodTo,
                                             day.ordinal, FigureRollup.monthNumber(day.month), day.month.firstDay.ordinal, day.ordinal]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row -> (FigureRollup.Key, Int)? in
            guard let part = FigureRollup.Part(rawValue: row.text("part")) else { throw UnknownStoredValue(value: row.text("part"), type: "FigureRollup.Part") }
            let solving = row.text("solving_unit_id"), category = row.text("category_id")
            let key = FigureRollup.Key(part: part, unitID: row.unit("unit_id"), solvingUnitID: solving == none ? nil : UnitID(solving),
                                       categoryID: category == none ? nil : CategoryID(category), bucket: row.int("bucket"), detail: row.int("detail"))
            let n = row.int("n")
            return n == 0 ? nil : (key, n)
        }
    }
}

import Foundation
import GRDB
import WentiCore

extension SQLiteStore {
    // MARK: Writing

    public func open(_ new: NewConcern, actor person: Person) async throws(StoreError) -> Concern {
        let workspace = try await workspace()
        let context = makeContext(person, workspace)
        return try await write { db in
            var new = new
            let envelope: SealedEnvelope?
            let year = context.today.civil.year
            let code = ConcernCode(year: year, sequence: try Self.nextSequence(year: year, in: db))
            (new.reporter, envelope) = try Self.sealing(new.reporter, of: code) { try Self.holderKeys(in: db, organisation: workspace.organisation) }
            let concern = try Workflow.open(new, code: code, context: context)
            let rowID = try ConcernRows.insert(concern, in: db)
            if let envelope { try Self.writeEnvelope(envelope, concernID: rowID, in: db) }
            try appendAudit(db, actor: person.id, action: ConcernAction.open.rawValue, subject: code.description,
                            changes: ChangeSet.between(nil, concern))
            return concern
        }
    }

    public func perform(_ commands: [ConcernCommand], on code: ConcernCode, expectedVersion: Int?, actor person: Person) async throws(StoreError) -> Concern {
        let workspace = try await workspace()
        let context = makeContext(person, workspace)
        let scope = AccessPolicy.scope(of: person, in: workspace.organisation)
        return try await write { db in
            try apply(commands, on: code, expectedVersion: expectedVersion, in: db, as: person, context: context, scope: scope, workspace: workspace)
        }
    }

    /// Applies commands to one concern inside the caller's transaction, each through the
    /// workflow with its audit entry; the concern's version goes up once.
    func apply(_ commands: [ConcernCommand], on code: ConcernCode, expectedVersion: Int?, in db: Database, as person: Person,
               context: WorkflowContext, scope: ConcernScope, workspace: Workspace) throws -> Concern {
        guard let (rowID, current) = try ConcernRows.load(code, in: db), scope.contains(current) else {
            throw StoreError.concernNotFound(code)
        }
        if let expectedVersion, expectedVersion != current.version {
            throw conflict(code, expected: expectedVersion, current: current, workspace: workspace)
        }
        var next = current
        for command in commands {
            let before = next
            next = try Workflow.apply(command, to: next, context: context)
            // One time for the action's rows, so that undo reads them back as one action.
            try appendAudit(db, actor: person.id, action: command.action.rawValue, subject: code.description,
                            changes: ChangeSet.of(command, from: before, to: next), at: context.now)
        }
        next.version = current.version + 1
        guard try ConcernRows.update(next, rowID: rowID, expectedVersion: current.version, previous: current, in: db) else {
            throw conflict(code, expected: current.version, current: current, workspace: workspace)
        }
        return next
    }

    public func insert(_ concerns: [Concern], actor person: Person, action: String) async throws(StoreError) -> [Concern] {
        try await insert(concerns, actor: person, action: action, rebuildingIndexes: concerns.count >= Self.rebuildThreshold)
    }

    public func insert(batches next: @escaping @Sendable () throws -> [Concern]?, expected: Int, largestGiven: [Int: Int],
                       actor person: Person, action: String) async throws(StoreError) -> [ConcernCode] {
        try await insertion(of: expected, rebuildingIndexes: expected >= Self.rebuildThreshold, largestGiven: largestGiven,
                            actor: person, action: action) { run, db in
            var codes: [ConcernCode] = []
            codes.reserveCapacity(expected)
            while let batch = try next() {
                codes += try run.add(batch, in: db).map(\.code)
            }
            return codes
        }
    }

    /// From this many concerns in one insert (an import of a large file), the secondary
    /// indexes of `concern` are dropped and built again in the same transaction, as
    /// `bulkLoad` does across its batches, when the table holds no more rows than are
    /// coming: one sort of every row is then cheaper than a random B-tree insert per new row
    /// and index, and a failure rolls the dropped indexes back with the rows.
    static let rebuildThreshold = 10_000

    private func insert(_ concerns: [Concern], actor person: Person, action: String, rebuildingIndexes: Bool) async throws(StoreError) -> [Concern] {
        try await insertion(of: concerns.count, rebuildingIndexes: rebuildingIndexes, largestGiven: ConcernCode.largestPerYear(concerns.map(\.code)),
                            actor: person, action: action) { run, db in try run.add(concerns, in: db) }
    }

    /// One `InsertionRun` of `count` concerns in one transaction, `body` adding them. With
    /// `rebuildingIndexes`, the indexes are dropped and built again when the new rows are at
    /// least as many as the old ones (false within `bulkLoad`, which has dropped them
    /// already). Children are written before their staged parents reach `concern`: the keys
    /// are checked once, at the end (`writeCheckingKeysOnce`).
    private func insertion<T: Sendable>(of count: Int, rebuildingIndexes: Bool, largestGiven: [Int: Int], actor person: Person, action: String,
                                        _ body: @Sendable (inout InsertionRun, Database) throws -> T) async throws(StoreError) -> T {
        let organisation = try await workspace().organisation
        return try await writeCheckingKeysOnce { db in
            var run = try InsertionRun(db, actor: person, action: action, now: clock.now(), organisation: organisation, largestGiven: largestGiven)
            let rebuilding = try rebuildingIndexes && Int.fetchOne(db, sql: "SELECT count(*) FROM concern") ?? 0 <= count
            if rebuilding { try Self.dropBulkIndexes(in: db) }
            let result = try body(&run, db)
            try run.finish(in: db)
            if rebuilding { try Self.rebuildBulkIndexes(in: db) }
            return (result, run.lastOldID)
        }
    }

    /// Loads many concerns as fast as SQLite allows, one transaction per batch: the
    /// secondary indexes of `concern` and the per-unit counting trigger are dropped first and
    /// rebuilt once at the end (one sort beats a random B-tree insert per row and index). For
    /// building workspaces (the demo at scale, benchmarks, a first large import); readers of
    /// the same file meanwhile get correct but unindexed queries. Returns how many were loaded.
    @discardableResult
    public func bulkLoad(_ batches: some Sequence<[Concern]>, actor: Person, action: String) async throws(StoreError) -> Int {
        try await write { db in try Self.dropBulkIndexes(in: db) }
        var loaded = 0
        var failure: StoreError?
        do {
            for batch in batches {
                await loaded += try insert(batch, actor: actor, action: action, rebuildingIndexes: false).count
            }
        } catch {
            failure = error
        }
        // The indexes come back whether or not every batch went in.
        try await write { db in try Self.rebuildBulkIndexes(in: db) }
        if let failure { throw failure }
        return loaded
    }

    /// The secondary indexes of `concern` and its per-unit counting triggers, which a bulk
    /// insert does without.
    static func dropBulkIndexes(in db: Database) throws {
        for index in Schema.bulkLoadIndexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
        for trigger in [Schema.unitCountInsertTrigger, Schema.runningDueInsertTrigger] {
            try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger.name)")
        }
    }

    /// Builds them again, recounts the units and refreshes the planner's statistics.
    static func rebuildBulkIndexes(in db: Database) throws {
        for index in Schema.bulkLoadIndexes { try db.execute(sql: index.create) }
        try db.execute(sql: Schema.recountUnits)
        try db.execute(sql: Schema.recountRunningDeadlines)
        try db.execute(sql: Schema.unitCountInsertTrigger.create)
        try db.execute(sql: Schema.runningDueInsertTrigger.create)
        try db.execute(sql: "ANALYZE")
    }

    /// The codes in chunks of 500 pairs (1,000 parameters a statement), each code one
    /// lookup of the (year, seq) index: written as a join, since SQLite 3.40 answers
    /// `(year, seq) IN (VALUES …)` by scanning the whole index.
    public func takenCodes(among codes: [ConcernCode]) async throws(StoreError) -> Set<ConcernCode> {
        try await read { db in
            var taken: Set<ConcernCode> = []
            var start = 0
            while start < codes.count {
                let chunk = codes[start..<min(start + 500, codes.count)]
                start += chunk.count
                let pairs = Array(repeating: "(?,?)", count: chunk.count).joined(separator: ",")
                let arguments = StatementArguments(chunk.flatMap { [$0.year, $0.sequence] })
                for row in try Row.fetchAll(db, sql: """
                    SELECT c.year, c.seq FROM (VALUES \(pairs)) AS v JOIN concern c ON c.year = v.column1 AND c.seq = v.column2
                    """, arguments: arguments) {
                    taken.insert(ConcernCode(year: row.int("year"), sequence: row.int("seq")))
                }
            }
            return taken
        }
    }

    static func nextSequence(year: Int, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) + 1 FROM concern WHERE year = ?", arguments: [year]) ?? 1
    }

    func makeContext(_ person: Person, _ workspace: Workspace) -> WorkflowContext {
        WorkflowContext(actor: person, organisation: workspace.organisation, categories: workspace.categoryIDs,
                        sources: workspace.sources, policy: workspace.policy, now: clock.now(), today: clock.today())
    }

    func conflict(_ code: ConcernCode, expected: Int, current: Concern, workspace: Workspace) -> StoreError {
        StoreError.conflict(code, expected: expected, current: current, in: workspace)
    }

    // MARK: Reading

    public func concern(_ code: ConcernCode, scope: ConcernScope) async throws(StoreError) -> Concern {
        let loaded = try await read { db in try ConcernRows.load(code, in: db) }
        guard let (_, concern) = loaded, scope.contains(concern) else { throw .concernNotFound(code) }
        return concern
    }

    public func page(_ query: ConcernQuery, scope: ConcernScope, after cursor: PageCursor?, limit: Int) async throws(StoreError) -> ConcernPage {
        try await page(query, scope: scope, from: cursor, limit: limit, upwards: false)
    }

    public func page(_ query: ConcernQuery, scope: ConcernScope, before cursor: PageCursor?, limit: Int) async throws(StoreError) -> ConcernPage {
        try await page(query, scope: scope, from: cursor, limit: limit, upwards: true)
    }

    /// Keyset paging either way: upwards runs the mirrored order from the cursor and turns
    /// the rows back into display order.
    private func page(_ query: ConcernQuery, scope: ConcernScope, from cursor: PageCursor?, limit: Int, upwards: Bool) async throws(StoreError) -> ConcernPage {
        let today = clock.today()
        var conditions = ConcernFilterSQL(query: query, scope: scope, today: today)
        let dueKnown = query.keepsOnlyDeadlines
        // In id order a short word's index drives the listing (`drivenByShortWord`); in the
        // other orders every match is sorted anyway.
        let driven = ConcernOrder.key(query.sort) == nil && conditions.drivenByShortWord != nil
        let id = driven ? "w.rowid" : "c.id"
        if let cursor {
            let (clause, arguments) = ConcernOrder.after(cursor, sort: query.sort, reversed: upwards, dueKnown: dueKnown, id: id)
            conditions.add(clause, arguments)
        }
        let listing: (from: String, whereClause: String, arguments: [DatabaseValue]) = driven ? conditions.drivenByShortWord!
            : (from: "concern c", whereClause: conditions.whereClause, arguments: conditions.arguments)
        let (from, whereClause, arguments) = listing
        let sql = """
            SELECT c.id, c.year, c.seq, c.title, c.tier, c.unit_id, c.stage, c.grade, c.category_id, c.channel,
                   c.first_responsible_id, c.reporter_name, c.anonymous, c.reported_on, c.due_on, c.paused_since, c.version,
                   \(ConcernOrder.key(query.sort, dueKnown: dueKnown) ?? "NULL") AS sort_key
            FROM \(from) \(whereClause)
            ORDER BY \(ConcernOrder.orderBy(query.sort, reversed: upwards, dueKnown: dueKnown, id: id)) LIMIT ?
            """
        let rows = try await read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments) + [limit + 1])
                .map { try Self.summary($0, today: today) }
        }
        return ConcernPage(probed: rows, limit: limit, upwards: upwards)
    }

    public func concerns(_ query: ConcernQuery, scope: ConcernScope, after cursor: PageCursor?, limit: Int) async throws(StoreError) -> (concerns: [Concern], next: PageCursor?) {
        var conditions = ConcernFilterSQL(query: query, scope: scope, today: clock.today())
        conditions.add("c.id > ?", [cursor?.position ?? 0])
        let loaded = try await read { [conditions] db in
            try ConcernRows.loadMany(try Row.fetchAll(db, sql: "SELECT c.* FROM concern c \(conditions.whereClause) ORDER BY c.id LIMIT ?",
                                                      arguments: StatementArguments(conditions.arguments) + [limit]), in: db)
        }
        let next = loaded.count < limit ? nil : loaded.last.map { PageCursor(position: $0.0, key: nil) }
        return (loaded.map(\.1), next)
    }

    public func comparedTexts(_ query: ConcernQuery, scope: ConcernScope, limit: Int) async throws(StoreError) -> [ComparedText] {
        let conditions = ConcernFilterSQL(query: query, scope: scope, today: clock.today())
        return try await read { [conditions] db in
            try Row.fetchAll(db, sql: "SELECT c.year, c.seq, c.version, c.title, c.root_cause FROM concern c \(conditions.whereClause) ORDER BY c.id LIMIT ?",
                             arguments: StatementArguments(conditions.arguments) + [limit]).map { row in
                ComparedText(code: ConcernCode(year: row.int("year"), sequence: row.int("seq")), version: row.int("version"),
                             title: row["title"], rootCause: row["root_cause"])
            }
        }
    }

    public func cursor(of code: ConcernCode, sort: ConcernQuery.Sort, scope: ConcernScope) async throws(StoreError) -> PageCursor {
        _ = try await concern(code, scope: scope)   // the same visibility as reading it
        return try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT c.id, \(ConcernOrder.key(sort) ?? "NULL") AS sort_key FROM concern c WHERE c.year = ? AND c.seq = ?",
                                             arguments: [code.year, code.sequence]) else { throw StoreError.concernNotFound(code) }
            return PageCursor(position: row["id"], key: row.optionalInt("sort_key"))
        }
    }

    public func count(_ query: ConcernQuery, scope: ConcernScope, upTo cap: Int?) async throws(StoreError) -> Int {
        let filter = ConcernFilterSQL(query: query, scope: scope, today: clock.today())
        // A short word alone is counted from its token list; with other conditions, the
        // list is joined with the concerns (`drivenByShortWord`).
        let counting: (from: String, whereClause: String, arguments: [DatabaseValue])
        if filter.isOneShortWord, let driven = filter.drivenByShortWord {
            counting = (from: "\(ShortWordIndex.table)(?)", whereClause: "", arguments: driven.arguments)
        } else {
            counting = filter.drivenByShortWord ?? (from: "concern c", whereClause: filter.whereClause, arguments: filter.arguments)
        }
        let (from, whereClause, arguments) = counting
        return try await read { db in
            if let cap {
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM \(from) \(whereClause) LIMIT ?)",
                                        arguments: StatementArguments(arguments) + [cap]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM \(from) \(whereClause)",
                                    arguments: StatementArguments(arguments)) ?? 0
        }
    }

    public func counts(_ query: ConcernQuery, by facet: Facet, scope: ConcernScope) async throws(StoreError) -> [String: Int] {
        let filter = ConcernFilterSQL(query: query, scope: scope, today: clock.today())
        let column = switch facet {
        case .tier: "c.tier"
        case .stage: "c.stage"
        case .grade: "coalesce(c.grade, '')"
        case .category: "c.category_id"
        case .channel: "c.channel"
        case .unit: "c.unit_id"
        case .batchGroup: "coalesce(c.batch_group, '')"
        }
        return try await read { db in
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT \(column) AS k, count(*) AS n FROM concern c \(filter.whereClause) GROUP BY k",
                                        arguments: StatementArguments(filter.arguments)) {
                // Tiers are stored as 1...3 and reported as L1...L3; every other key is text.
                let key = facet == .tier ? "L\(row.int("k"))" : row.text("k")
                result[key] = row.int("n")
            }
            return result
        }
    }

    public func libraryCounts(scope: ConcernScope) async throws(StoreError) -> [UnitID: LibraryCounts] {
        let today = clock.today()
        // Whoever sees everything reads the kept counts and the running-deadline index; a
        // narrower scope (a few libraries) is counted from its rows.
        if scope.everything {
            return try await read { db in
                var result: [UnitID: LibraryCounts] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT unit_id, sum(n * (stage <> 'closed')) AS open, sum(n * (stage = 'awaiting-feedback')) AS awaiting
                    FROM unit_stage_count GROUP BY unit_id
                    """) {
                    result[row.unit("unit_id")] = LibraryCounts(open: row.int("open"), overdue: 0, awaitingFeedback: row.int("awaiting"))
                }
                // The kept running deadlines (Schema.runningDeadlines), read in key order: no
                // sort. A bulk load drops their insert trigger and recounts them at its end;
                // meanwhile (its trigger absent) the rows are counted instead.
                let rows: [Row]
                if try !Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                      arguments: [Schema.runningDueInsertTrigger.name])! {
                    rows = try Row.fetchAll(db, sql: "SELECT unit_id, count(*) AS overdue FROM concern WHERE \(Schema.clockRuns) AND due_on < ? GROUP BY unit_id",
                                            arguments: [today.ordinal])
                } else {
                    rows = try Row.fetchAll(db, sql: "SELECT unit_id, sum(n) AS overdue FROM unit_running_due WHERE due_on < ? GROUP BY unit_id HAVING sum(n) <> 0",
                                            arguments: [today.ordinal])
                }
                for row in rows {
                    result[row.unit("unit_id"), default: LibraryCounts()].overdue = row.int("overdue")
                }
                return result
            }
        }
        let filter = ConcernFilterSQL(query: ConcernQuery(), scope: scope, today: today)
        let sql = """
            SELECT c.unit_id AS unit,
                   sum(c.stage <> 'closed') AS open,
                   sum(\(ConcernFilterSQL.overdue) AND c.due_on < ?) AS overdue,
                   sum(c.stage = 'awaiting-feedback') AS awaiting
            FROM concern c \(filter.whereClause) GROUP BY c.unit_id
            """
        return try await read { db in
            var result: [UnitID: LibraryCounts] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: [today.ordinal] + StatementArguments(filter.arguments)) {
                result[row.unit("unit")] = LibraryCounts(open: row.int("open"), overdue: row.int("overdue"), awaitingFeedback: row.int("awaiting"))
            }
            return result
        }
    }

    private static func summary(_ row: Row, today: Day) throws -> ConcernSummary {
        let stage: Stage = try row.value("stage")
        let due = row.optionalDay("due_on")
        return ConcernSummary(
            cursor: PageCursor(position: row["id"], key: row.optionalInt("sort_key")),
            code: ConcernCode(year: row.int("year"), sequence: row.int("seq")), title: row["title"],
            tier: try row.tier("tier"), unitID: row.unit("unit_id"), stage: stage,
            grade: try row.optionalValue("grade"), categoryID: CategoryID(row.text("category_id")),
            channel: try row.value("channel"),
            firstResponsibleID: row.optionalPerson("first_responsible_id"),
            reporterName: row["reporter_name"], anonymous: row.bool("anonymous"),
            reportedOn: row.day("reported_on"), due: due,
            daysOverdue: DeadlineClock.daysOverdue(stage: stage, pausedSince: row.optionalDay("paused_since"), due: due, today: today),
            version: row["version"])
    }
}

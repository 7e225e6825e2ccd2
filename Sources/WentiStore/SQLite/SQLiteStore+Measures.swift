import Foundation
import GRDB
import GRDBSQLite
import WentiCore

/// The facts behind the figures (bulletin, dashboard, assessment): one row per concern,
/// read from columns, in one pass.
extension SQLiteStore {
    public func facts(_ query: ConcernQuery, scope: ConcernScope, titles: Bool, after cursor: PageCursor?,
                      limit: Int) async throws(StoreError) -> (facts: [ConcernFact], next: PageCursor?) {
        var filter = ConcernFilterSQL(query: query, scope: scope, today: clock.today())
        filter.add("c.id > ?", [cursor?.position ?? 0])
        return try await read { [filter] db in
            var facts: [ConcernFact] = []
            facts.reserveCapacity(min(limit, 4096))
            var last: Int64 = 0
            try Self.eachFact(in: db, titles: titles, filter: filter, limit: limit) { fact, id in
                facts.append(fact)
                last = id
            }
            return (facts, facts.count < limit ? nil : PageCursor(position: last, key: nil))
        }
    }

    /// Every fact of every concern, in the caller's transaction (the figure rollup's recount).
    static func eachFact(in db: Database, _ body: (ConcernFact) throws -> Void) throws {
        try eachFact(in: db, titles: false, filter: nil, limit: nil) { fact, _ in try body(fact) }
    }

    /// The matching concerns' facts in id order, with their row ids.
    private static func eachFact(in db: Database, titles: Bool, filter: ConcernFilterSQL?, limit: Int?,
                                 _ body: (ConcernFact, Int64) throws -> Void) throws {
        // The escalations and the latest feedback come from their own tables, looked up by
        // primary key (concern_id, position). A concern escalates one tier at a time and
        // there are three tiers, so it has at most two escalations. Columns are read by
        // position.
        let sql = """
            SELECT c.year, c.seq, \(titles ? "c.title" : "''"), c.unit_id, c.tier, c.category_id, c.channel, c.grade, c.stage,
                   c.reported_on, c.due_on, c.paused_since, c.paused_days, c.solved_on, c.closed_on, c.closure,
                   c.referral_on, c.first_responsible_id,
                   e.from_unit_id, e.from_tier, e.on_day,
                   f.on_day, f.effect, f.satisfaction, f.score,
                   c.responsible_unit_id, e2.from_unit_id, e2.from_tier, e2.on_day, c.id
            FROM concern c
            LEFT JOIN escalation e ON e.concern_id = c.id AND e.position = 0
            LEFT JOIN escalation e2 ON e2.concern_id = c.id AND e2.position = 1
            LEFT JOIN feedback f ON f.concern_id = c.id
                 AND f.position = (SELECT max(position) FROM feedback WHERE concern_id = c.id)
            \(filter?.whereClause ?? "")
            ORDER BY c.id \(limit == nil ? "" : "LIMIT ?")
            """
        // Stepped through the C API: decoding a GRDB Row per concern took three quarters
        // of a dashboard's time at a million concerns.
        let statement = try db.makeStatement(sql: sql)
        var arguments = StatementArguments(filter?.arguments ?? [])
        if let limit { arguments += [limit] }
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        var reader = FactColumns()
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            try body(try reader.fact(handle), sqlite3_column_int64(handle, 29))
        }
    }

    /// The kept figure rollup (`FigureRollup`) for `months`, overdue judged on `day`.
    public func figureRollup(period: ClosedRange<YearMonth>, trends: ClosedRange<YearMonth>, overdueOn day: Day) async throws(StoreError) -> [(FigureRollup.Key, Int)] {
        try await read { db in try FigureRollupTable.read(period: period, trends: trends, overdueOn: day, in: db) }
    }
}

/// Reads one fact row from a stepped statement, by column position, interning the few
/// distinct texts (units, categories, stages...) instead of building a string per row.
private struct FactColumns {
    private var units: [String: UnitID] = [:]
    private var categories: [String: CategoryID] = [:]
    private var people: [String: PersonID] = [:]

    private func text(_ handle: OpaquePointer?, _ column: Int32) -> String? {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL, let bytes = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: bytes)
    }

    private func int(_ handle: OpaquePointer?, _ column: Int32) -> Int? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(handle, column))
    }

    private func day(_ handle: OpaquePointer?, _ column: Int32) -> Day? { int(handle, column).map(Day.init(ordinal:)) }

    private func value<T: RawRepresentable>(_ handle: OpaquePointer?, _ column: Int32) throws -> T? where T.RawValue == String {
        guard let raw = text(handle, column) else { return nil }
        guard let value = T(rawValue: raw) else { throw UnknownStoredValue(value: raw, type: "\(T.self)") }
        return value
    }

    private func tier(_ handle: OpaquePointer?, _ column: Int32) throws -> Tier? {
        guard let raw = int(handle, column) else { return nil }
        guard let tier = Tier(rawValue: raw) else { throw UnknownStoredValue(value: "\(raw)", type: "Tier") }
        return tier
    }

    private mutating func unit(_ handle: OpaquePointer?, _ column: Int32) -> UnitID? {
        guard let raw = text(handle, column) else { return nil }
        if let known = units[raw] { return known }
        units[raw] = UnitID(raw)
        return units[raw]
    }

    mutating func fact(_ h: OpaquePointer?) throws -> ConcernFact {
        let library = unit(h, 3)!
        let tier = try tier(h, 4)!
        let categoryRaw = text(h, 5) ?? ""
        let category = categories[categoryRaw] ?? CategoryID(categoryRaw)
        categories[categoryRaw] = category
        let responsible = text(h, 17).map { raw in
            let id = people[raw] ?? PersonID(raw)
            people[raw] = id
            return id
        }
        var fact = ConcernFact(
            code: ConcernCode(year: int(h, 0)!, sequence: int(h, 1)!), title: text(h, 2) ?? "",
            unitID: library, tier: tier, originUnitID: unit(h, 18) ?? library, originTier: try self.tier(h, 19) ?? tier,
            categoryID: category, channel: try value(h, 6)!, grade: try value(h, 7), stage: try value(h, 8)!,
            reportedOn: day(h, 9)!, due: day(h, 10), pausedSince: day(h, 11), pausedDays: int(h, 12) ?? 0,
            solvedOn: day(h, 13), closedOn: day(h, 14), closedWithFeedback: text(h, 15) == "with-feedback",
            referredOn: day(h, 16), escalatedOn: day(h, 20), firstResponsibleID: responsible, responsibleUnitID: unit(h, 25))
        if let second = unit(h, 26), let tier = try self.tier(h, 27), let on = day(h, 28) {
            fact.escalations.append(ConcernFact.EscalationStep(fromUnitID: second, fromTier: tier, on: on))
        }
        if let on = day(h, 21) {
            fact.latestFeedback = ConcernFact.FeedbackFact(on: on, effect: try value(h, 22)!, satisfaction: try value(h, 23)!, score: int(h, 24) ?? 0)
        }
        return fact
    }
}

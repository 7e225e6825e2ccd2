import Foundation
import GRDB
import WentiCore

/// The facts behind the figures (bulletin, dashboard, assessment): one row per concern,
/// read from columns, in one pass.
extension SQLiteStore {
    public func facts(_ query: ConcernQuery, viewer: PersonID?) throws(StoreError) -> [ConcernFact] {
        var facts: [ConcernFact] = []
        try eachFact(query, viewer: viewer, titles: true) { facts.append($0) }
        return facts
    }

    /// Streams the fact rows without holding them: a dashboard over a million concerns keeps
    /// one row at a time. Without `titles` the title is left empty (it is the bulk of a row).
    public func eachFact(_ query: ConcernQuery, viewer: PersonID?, titles: Bool, _ body: (ConcernFact) throws -> Void) throws(StoreError) {
        let workspace = try workspace()
        let person = try workspace.actor(viewer)
        let scope = AccessPolicy.scope(of: person, in: workspace.organisation)
        let filter = ConcernFilterSQL(query: query, scope: scope, today: clock.today())
        // The first escalation and the latest feedback come from their own tables; both are
        // looked up by primary key (concern_id, position). Columns are read by position.
        let sql = """
            SELECT c.year, c.seq, \(titles ? "c.title" : "''"), c.unit_id, c.tier, c.category_id, c.channel, c.grade, c.stage,
                   c.reported_on, c.due_on, c.paused_since, c.paused_days, c.solved_on, c.closed_on, c.closure,
                   c.referral_on, c.first_responsible_id,
                   e.from_unit_id, e.from_tier, e.on_day,
                   f.on_day, f.effect, f.satisfaction, f.score
            FROM concern c
            LEFT JOIN escalation e ON e.concern_id = c.id AND e.position = 0
            LEFT JOIN feedback f ON f.concern_id = c.id
                 AND f.position = (SELECT max(position) FROM feedback WHERE concern_id = c.id)
            \(filter.whereClause)
            ORDER BY c.id
            """
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(filter.arguments))
            var units: [String: UnitID] = [:]
            var categories: [String: CategoryID] = [:]
            func unit(_ raw: String) -> UnitID {
                if let known = units[raw] { return known }
                let id = UnitID(raw)
                units[raw] = id
                return id
            }
            while let row = try cursor.next() {
                let library = unit(row[3])
                let tier = try Self.enumValue(Tier.self, row[4] as Int)
                let categoryRaw: String = row[5]
                let category = categories[categoryRaw] ?? CategoryID(categoryRaw)
                categories[categoryRaw] = category
                let fromUnit: String? = row[18]
                let fromTier: Int? = row[19]
                var fact = ConcernFact(
                    code: ConcernCode(year: row[0], sequence: row[1]), title: row[2],
                    unitID: library, tier: tier, originUnitID: fromUnit.map(unit) ?? library,
                    originTier: try fromTier.map { try Self.enumValue(Tier.self, $0) } ?? tier,
                    categoryID: category, channel: try Self.enumValue(Channel.self, row[6] as String),
                    grade: try (row[7] as String?).map { try Self.enumValue(Grade.self, $0) },
                    stage: try Self.enumValue(Stage.self, row[8] as String), reportedOn: Day(ordinal: row[9]),
                    due: (row[10] as Int?).map(Day.init(ordinal:)), pausedSince: (row[11] as Int?).map(Day.init(ordinal:)),
                    pausedDays: row[12], solvedOn: (row[13] as Int?).map(Day.init(ordinal:)),
                    closedOn: (row[14] as Int?).map(Day.init(ordinal:)), closedWithFeedback: (row[15] as String?) == "with-feedback",
                    referredOn: (row[16] as Int?).map(Day.init(ordinal:)), escalatedOn: (row[20] as Int?).map(Day.init(ordinal:)),
                    firstResponsibleID: (row[17] as String?).map { PersonID($0) })
                if let on = row[21] as Int? {
                    fact.latestFeedback = ConcernFact.FeedbackFact(
                        on: Day(ordinal: on), effect: try Self.enumValue(FeedbackRecord.Effect.self, row[22] as String),
                        satisfaction: try Self.enumValue(FeedbackRecord.Satisfaction.self, row[23] as String), score: row[24])
                }
                try body(fact)
            }
        }
    }

    private static func enumValue<T: RawRepresentable>(_ type: T.Type, _ raw: T.RawValue) throws -> T {
        guard let value = T(rawValue: raw) else { throw UnknownStoredValue(value: "\(raw)", type: "\(T.self)") }
        return value
    }
}

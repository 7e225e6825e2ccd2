import Foundation
import GRDB
import WentiCore

/// The facts behind the figures (bulletin, dashboard, assessment): one row per concern,
/// read from columns, in one pass.
extension SQLiteStore {
    public func facts(_ query: ConcernQuery, viewer: PersonID?) throws(StoreError) -> [ConcernFact] {
        let workspace = try workspace()
        let person = try workspace.actor(viewer)
        let scope = AccessPolicy.scope(of: person, in: workspace.organisation)
        let filter = ConcernFilterSQL(query: query, scope: scope, today: clock.today())
        // The first escalation and the latest feedback come from their own tables; both are
        // looked up by primary key (concern_id, position).
        let sql = """
            SELECT c.year, c.seq, c.title, c.unit_id, c.tier, c.category_id, c.channel, c.grade, c.stage,
                   c.reported_on, c.due_on, c.paused_since, c.paused_days, c.solved_on, c.closed_on, c.closure,
                   c.referral_on, c.first_responsible_id,
                   e.from_unit_id, e.from_tier, e.on_day AS escalated_on,
                   f.on_day AS feedback_on, f.effect, f.satisfaction, f.score
            FROM concern c
            LEFT JOIN escalation e ON e.concern_id = c.id AND e.position = 0
            LEFT JOIN feedback f ON f.concern_id = c.id
                 AND f.position = (SELECT max(position) FROM feedback WHERE concern_id = c.id)
            \(filter.whereClause)
            ORDER BY c.id
            """
        return try read { db in
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(filter.arguments))
            var facts: [ConcernFact] = []
            while let row = try cursor.next() {
                let unit = row.unit("unit_id")
                let tier = try row.tier("tier")
                var fact = ConcernFact(
                    code: ConcernCode(year: row.int("year"), sequence: row.int("seq")), title: row.text("title"),
                    unitID: unit, tier: tier, originUnitID: row.optionalUnit("from_unit_id") ?? unit,
                    originTier: row.optionalInt("from_tier") == nil ? tier : try row.tier("from_tier"),
                    categoryID: CategoryID(row.text("category_id")), channel: try row.value("channel"),
                    grade: try row.optionalValue("grade"), stage: try row.value("stage"), reportedOn: row.day("reported_on"),
                    due: row.optionalDay("due_on"), pausedSince: row.optionalDay("paused_since"), pausedDays: row.int("paused_days"),
                    solvedOn: row.optionalDay("solved_on"), closedOn: row.optionalDay("closed_on"),
                    closedWithFeedback: row.optionalText("closure") == "with-feedback",
                    referredOn: row.optionalDay("referral_on"), escalatedOn: row.optionalDay("escalated_on"),
                    firstResponsibleID: row.optionalPerson("first_responsible_id"))
                if let on = row.optionalDay("feedback_on") {
                    fact.latestFeedback = ConcernFact.FeedbackFact(on: on, effect: try row.value("effect"),
                                                                   satisfaction: try row.value("satisfaction"), score: row.int("score"))
                }
                facts.append(fact)
            }
            return facts
        }
    }

}

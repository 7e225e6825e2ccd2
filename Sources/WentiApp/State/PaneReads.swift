import WentiCore
import WentiSession
import WentiStore

/// What the supervision and feedback panes read, through the session (scoped to the viewer).
extension Session {
    static let supervisionRows = 50

    /// Concerns with a running clock due within `days` (not yet overdue), soonest first.
    func dueSoon(within days: Int) throws -> [ConcernSummary] {
        var query = ConcernQuery()
        query.sort = .dueSoonest
        let today = today()
        query.dueWithin = today...today.adding(days: days)
        return try page(query, after: nil, limit: Self.supervisionRows).rows
    }

    func overdue() throws -> (rows: [ConcernSummary], total: Int) {
        var query = ConcernQuery()
        query.overdueOnly = true
        query.sort = .dueSoonest
        let rows = try page(query, after: nil, limit: Self.supervisionRows).rows
        return (rows, try count(query, upTo: 10_000))
    }

    /// The notices the viewer may see, with their concerns' titles (where the viewer may
    /// read the concern).
    func visibleNotices() throws -> (notices: [SupervisionNotice], titles: [ConcernCode: String]) {
        var titles: [ConcernCode: String] = [:]
        let visible = try notices()
        for notice in visible where titles[notice.concern] == nil {
            if let concern = try? concern(notice.concern) { titles[notice.concern] = concern.title }
        }
        // Open notices first, the latest first among them; then the next node due; completed last.
        let today = today()
        func key(_ notice: SupervisionNotice) -> (Int, Int, Int, String) {
            (notice.state == .completed ? 1 : 0, -notice.daysOverdue(today: today), notice.nextNode(today: today).due.ordinal, notice.id)
        }
        return (visible.sorted { key($0) < key($1) }, titles)
    }

    static let feedbackQueueLimit = 200

    /// The concerns awaiting feedback, longest waiting first (of the earliest 200), and how
    /// many there are in all.
    func feedbackQueue() throws -> (concerns: [Concern], total: Int) {
        var query = ConcernQuery()
        query.stages = [.awaitingFeedback]
        query.sort = .oldest
        let rows = try page(query, after: nil, limit: Self.feedbackQueueLimit).rows
        let concerns = try rows.map { row in try concern(row.code) }
            .sorted { ($0.solvedOn ?? $0.reportedOn, $0.code) < ($1.solvedOn ?? $1.reportedOn, $1.code) }
        return (concerns, try count(query, upTo: 10_000))
    }
}

/// What the dashboard reads.
extension Session {

    /// The dashboard's figures for its period: per unit (rolled up), six months of trends
    /// ending with the period, and the ranking of departments with `weights`.
    func dashboard(_ state: DashboardState, weights: AssessmentWeights) throws -> DashboardState {
        var state = state
        let today = today()
        let month = state.month ?? today.month
        state.month = month
        let period = state.period!
        let org = organisation
        // Those who may not see the company's figures see the units they own.
        let root = try figuresRoot(for: .figures)
        // One pass over the facts, none of them kept: figures per library and the trends.
        var figuresBuilder = UnitFigures.Builder(period: period, today: today)
        var trendsBuilder = Trends.Builder(months: Trends.months(endingWith: month, count: 6), organisation: org, window: state.quarter ? 3 : 1)
        try eachFact(for: .figures, unit: root, titles: false) { fact in
            figuresBuilder.add(fact)
            trendsBuilder.add(fact)
        }
        let figures = figuresBuilder.rolledUp(org)
        let shown = root.map(org.subtree(of:))
        state.units = org.unitsInTreeOrder.filter { shown?.contains($0.id) ?? true }.map { unit in
            (unit, org.pathToRoot(from: unit.id).count - 1, figures[unit.id] ?? Figures())
        }
        state.trends = trendsBuilder.trends
        let departments = org.unitsInTreeOrder.filter { org.parent(of: $0.id)?.id == org.company.id && (shown?.contains($0.id) ?? true) }
        state.ranking = Assessment.rank(departments.map(\.id), figures: figures, weights: weights)
        return state
    }
}

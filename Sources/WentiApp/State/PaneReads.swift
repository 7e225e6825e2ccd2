import WentiCore
import WentiSession
import WentiStore

/// What the supervision and feedback panes read, through the session (scoped to the viewer).
extension Session {
    static let supervisionRows = 50

    /// Concerns due within `days` (not yet overdue), soonest first: those whose clock runs,
    /// and those graded but not yet defined. A grade sets the deadline at once, but the clock
    /// is judged only from the definition on (docs/METRICS.md, "overdue"), so the running
    /// list alone said "due within 7 days: 0" of a concern due in 6 days that still waited
    /// for its meeting: exactly the one supervision must chase.
    func dueSoon(within days: Int) async throws -> [ConcernSummary] {
        let today = today()
        let window = today...today.adding(days: days)
        var running = ConcernQuery()
        running.sort = .dueSoonest
        running.dueWithin = window
        var undefined = ConcernQuery()
        undefined.stages = Self.undefinedStages
        undefined.sort = .dueSoonest
        undefined.deadlineWithin = window
        let rows = try await page(running, after: nil, limit: Self.supervisionRows).rows
            + page(undefined, after: nil, limit: Self.supervisionRows).rows
        return Array(rows.sorted { ($0.due ?? today, $0.code) < ($1.due ?? today, $1.code) }.prefix(Self.supervisionRows))
    }

    /// The stages before a concern is defined: a deadline there comes, but the clock is not judged.
    static let undefinedStages: Set<Stage> = [.found, .analysing]

    func overdue() async throws -> (rows: [ConcernSummary], total: Int) {
        var query = ConcernQuery()
        query.overdueOnly = true
        query.sort = .dueSoonest
        let rows = try await page(query, after: nil, limit: Self.supervisionRows).rows
        return (rows, try await count(query, upTo: 10_000))
    }

    /// The notices the viewer sees with their concerns as they stand now (for the title, the
    /// concern's own lateness and what changed since the notice went out), where the viewer
    /// may read the concern. The concerns are read in one query: one read per notice was a
    /// round trip each on the shared server.
    func visibleNotices() async throws -> (notices: [SupervisionNotice], concerns: [ConcernCode: Concern]) {
        let visible = try await notices()
        var query = ConcernQuery()
        query.codes = Set(visible.map(\.concern))
        var concerns: [ConcernCode: Concern] = [:]
        if !query.codes.isEmpty {
            for concern in try await self.concerns(query, limit: query.codes.count) { concerns[concern.code] = concern }
        }
        // Open notices first, the latest first among them; then the next node due; completed last.
        let today = today()
        func key(_ notice: SupervisionNotice) -> (Int, Int, Int, String) {
            (notice.isOpen ? 0 : 1, -notice.daysOverdue(today: today),
             notice.nextOpenNode(today: today)?.due.ordinal ?? Int.max, notice.id)
        }
        return (visible.sorted { key($0) < key($1) }, concerns)
    }

    static let feedbackQueueLimit = 200

    /// The concerns awaiting feedback, longest waiting first (of the earliest 200), and how
    /// many there are in all.
    func feedbackQueue() async throws -> (concerns: [Concern], total: Int) {
        var query = ConcernQuery()
        query.stages = [.awaitingFeedback]
        query.sort = .oldest
        var concerns = try await self.concerns(query, limit: Self.feedbackQueueLimit)
        concerns.sort { ($0.solvedOn ?? $0.reportedOn, $0.code) < ($1.solvedOn ?? $1.reportedOn, $1.code) }
        return (concerns, try await count(query, upTo: 10_000))
    }
}

/// What the dashboard reads.
extension Session {

    /// The dashboard's figures for its period: per unit (rolled up), per solving department,
    /// six months of trends ending with the period, and the ranking of departments with
    /// `weights`. Computed over every concern, whoever looks; then narrowed to the units the
    /// viewer may look at (their figures unchanged, the ranks the organisation's).
    func dashboard(_ state: DashboardState, weights: AssessmentWeights) async throws -> DashboardState {
        var state = state
        let today = today()
        let firstVisit = state.month == nil
        state.month = state.month ?? today.month
        let org = organisation
        // Figures per library and the trends, from the store's kept rollup.
        var (figuresBuilder, trendsBuilder) = try await organisationFigures(
            for: .figures, period: state.period!, today: today, trendMonths: Trends.months(endingWith: state.period!.to.month, count: 6),
            window: state.quarter ? 3 : 1)
        // On the first days of a month nothing has happened in it yet: a page of zeros tells
        // nobody anything, and the month being reported on then is the one just ended.
        if firstVisit, !state.quarter, Self.nothingHappened(in: figuresBuilder.rolledUp(org)[org.company.id] ?? Figures()) {
            state.passedOver = state.month
            state.month = today.month.previous
            (figuresBuilder, trendsBuilder) = try await organisationFigures(
                for: .figures, period: state.period!, today: today, trendMonths: Trends.months(endingWith: state.period!.to.month, count: 6),
                window: 1)
        }
        let shown = unitsShownInFigures(for: .figures)
        let figures = UnitFigures.shown(figuresBuilder.rolledUp(org), to: shown)
        state.units = org.unitsInTreeOrder.filter { shown?.contains($0.id) ?? true }.map { unit in
            (unit, org.pathToRoot(from: unit.id).count - 1, figures[unit.id] ?? Figures())
        }
        let solving = UnitFigures.shown(figuresBuilder.bySolvingUnit, to: shown)
        state.solving = org.unitsInTreeOrder.filter { $0.kind == .department && (shown?.contains($0.id) ?? true) }
            .map { unit in (unit, solving[unit.id] ?? Figures()) }
        let trends = trendsBuilder.trends
        state.trends = shown.map { trends.shown(to: $0) } ?? trends
        let departments = org.unitsInTreeOrder.filter { org.parent(of: $0.id)?.id == org.company.id }
        let ranking = Assessment.rank(departments.map(\.id), figures: figuresBuilder.rolledUp(org), weights: weights)
        let standings = Assessment.standings(ranking, mark: 3)
        let kept = ranking.indices.filter { shown?.contains(ranking[$0].unitID) ?? true }
        state.ranking = kept.map { ranking[$0] }
        state.standings = kept.map { standings[$0] }
        return state
    }

    /// Nothing taken in, escalated or solved (what stays late carries over from before).
    private static func nothingHappened(in figures: Figures) -> Bool {
        figures.found == 0 && figures.accepted == 0 && figures.escalated == 0 && figures.solved == 0
    }

    /// The concerns counted in the dashboard's selected cell (nil when the view has none).
    func figureCell(_ state: DashboardState) -> FigureCell? {
        guard let period = state.period else { return nil }
        let measure = state.measure ?? .found
        let today = today()
        switch state.view {
        case .units:
            guard state.units.indices.contains(state.selected) else { return nil }
            return .unit(state.units[state.selected].unit.id, measure: measure, period: period, today: today, organisation: organisation)
        case .solving:
            guard state.solving.indices.contains(state.selected) else { return nil }
            return FigureCell(measure: measure, period: period, today: today, owner: .solvingUnit(state.solving[state.selected].unit.id))
        case .trends:
            // A rising series: what its unit found of its category in the latest window,
            // which is the dashboard's period (the month, or the quarter).
            guard let rising = state.trends?.rising, rising.indices.contains(state.selected), let unit = rising[state.selected].unitID else { return nil }
            return .unit(unit, measure: .found, period: period, today: today, organisation: organisation,
                         categoryID: rising[state.selected].categoryID)
        case .ranking:
            return nil
        }
    }
}

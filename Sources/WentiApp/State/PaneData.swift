import WentiCore
import WentiStore

/// What the meetings, supervision and feedback panes read, as the acting person.
extension LibraryData {
    /// Every meeting, the next month's first, then the newest.
    func meetingList() throws(StoreError) -> [Meeting] {
        try store.meetings().sorted { ($0.month, $0.id) > ($1.month, $1.id) }
    }

    func concerns(of meeting: Meeting) -> [ConcernCode: Concern] {
        store.concerns(of: meeting, viewer: viewer)
    }

    /// Builds (or rebuilds, keeping what was entered) the unit's agenda for `month` and
    /// stores it as planned. Returns its id.
    func prepareAgenda(unit: UnitID, month: YearMonth) throws(StoreError) -> Meeting {
        let meeting = try store.agenda(unit: unit, month: month, viewer: viewer)
        if meeting.state == .planned { try store.save(meeting, actor: actor.id) }
        return meeting
    }

    static let supervisionRows = 50

    /// Concerns with a running clock due within `days` (not yet overdue), soonest first.
    func dueSoon(within days: Int) throws(StoreError) -> [ConcernSummary] {
        var query = ConcernQuery()
        query.stages = [.defined, .solving]
        query.sort = .dueSoonest
        let today = store.today()
        let limit = today.adding(days: days)
        var rows: [ConcernSummary] = []
        var cursor: PageCursor?
        repeat {
            let page = try store.page(query, viewer: viewer, after: cursor, limit: Self.supervisionRows)
            for row in page.rows {
                guard let due = row.due else { return rows }
                if due > limit { return rows }
                if due >= today && rows.count < Self.supervisionRows { rows.append(row) }
            }
            cursor = page.next
        } while cursor != nil && rows.count < Self.supervisionRows
        return rows
    }

    func overdue() throws(StoreError) -> (rows: [ConcernSummary], total: Int) {
        var query = ConcernQuery()
        query.overdueOnly = true
        query.sort = .dueSoonest
        let rows = try store.page(query, viewer: viewer, after: nil, limit: Self.supervisionRows).rows
        return (rows, try store.count(query, viewer: viewer, upTo: 10_000))
    }

    /// Notices on concerns the viewer may see, with those concerns' titles.
    func visibleNotices() throws(StoreError) -> (notices: [SupervisionNotice], titles: [ConcernCode: String]) {
        var titles: [ConcernCode: String] = [:]
        var visible: [SupervisionNotice] = []
        for notice in try store.notices() {
            if titles[notice.concern] == nil, let concern = try? concern(notice.concern) { titles[notice.concern] = concern.title }
            if titles[notice.concern] != nil { visible.append(notice) }
        }
        // Open notices first, the latest first among them; then the next node due; completed last.
        let today = store.today()
        func key(_ notice: SupervisionNotice) -> (Int, Int, Int, String) {
            (notice.state == .completed ? 1 : 0, -notice.daysOverdue(today: today), notice.nextNode(today: today).due.ordinal, notice.id)
        }
        return (visible.sorted { key($0) < key($1) }, titles)
    }

    static let feedbackQueueLimit = 200

    /// The concerns awaiting feedback, longest waiting first (of the earliest 200), and how
    /// many there are in all.
    func feedbackQueue() throws(StoreError) -> (concerns: [Concern], total: Int) {
        var query = ConcernQuery()
        query.stages = [.awaitingFeedback]
        query.sort = .oldest
        let rows = try store.page(query, viewer: viewer, after: nil, limit: Self.feedbackQueueLimit).rows
        let concerns = try rows.map { row throws(StoreError) in try concern(row.code) }
            .sorted { ($0.solvedOn ?? $0.reportedOn, $0.code) < ($1.solvedOn ?? $1.reportedOn, $1.code) }
        return (concerns, try store.count(query, viewer: viewer, upTo: 10_000))
    }
}

import WentiCore
import WentiStore

/// Reading concerns: every read scoped to the viewer, every concern redacted for them.
extension Session {
    /// One concern in full, as the viewer may read it.
    public func concern(_ code: ConcernCode) async throws -> Concern {
        await redacted(try store.concern(code, scope: scope))
    }

    func redacted(_ concern: Concern) -> Concern {
        AccessPolicy.redacted(concern, for: viewer, in: organisation)
    }

    public func page(_ query: ConcernQuery, after cursor: PageCursor?, limit: Int) async throws -> ConcernPage {
        try await store.page(query, scope: scope, after: cursor, limit: limit)
    }

    public func page(_ query: ConcernQuery, before cursor: PageCursor?, limit: Int) async throws -> ConcernPage {
        try await store.page(query, scope: scope, before: cursor, limit: limit)
    }

    public func cursor(of code: ConcernCode, sort: ConcernQuery.Sort) async throws -> PageCursor {
        try await store.cursor(of: code, sort: sort, scope: scope)
    }

    /// Exact without `cap`; with it, stops counting there.
    public func count(_ query: ConcernQuery, upTo cap: Int? = nil) async throws -> Int {
        try await store.count(query, scope: scope, upTo: cap)
    }

    public func counts(_ query: ConcernQuery, by facet: Facet) async throws -> [String: Int] {
        try await store.counts(query, by: facet, scope: scope)
    }

    /// The first `limit` matching concerns in full and redacted, oldest first, read as one
    /// batch (a pane that shows two hundred concerns whole reads them in a few statements,
    /// not a few statements each).
    public func concerns(_ query: ConcernQuery, limit: Int) async throws -> [Concern] {
        try await store.concerns(query, scope: scope, after: nil, limit: limit).concerns.map(redacted)
    }

    /// Every matching concern in full and redacted, a batch at a time (for exports).
    /// Runs on the caller's actor, so that `body` may add to the caller's own state.
    public nonisolated(nonsending) func eachConcern(_ query: ConcernQuery, batch: Int = 500, _ body: ([Concern]) throws -> Void) async throws {
        try await store.eachConcern(query, scope: scope, batch: batch) { concerns in try body(concerns.map(redacted)) }
    }

    /// The concern's recorded steps, oldest first, for whoever may read the concern.
    /// The steps of someone who filed anonymously show no name to those the report hides
    /// them from (`AccessPolicy.redacted(_:of:for:in:)`).
    public func log(_ code: ConcernCode) async throws -> [AuditEntry] {
        let concern = try await store.concern(code, scope: scope)
        return AccessPolicy.redacted(try await store.auditLog(subject: code.description), of: concern, for: viewer, in: organisation)
    }

    /// One line of the org tree: a unit's library and its counts, its subtree included.
    public struct LibraryRow: Sendable, Equatable {
        public var unit: OrgUnit
        public var depth: Int
        public var open: Int
        public var overdue: Int
        public var awaitingFeedback: Int
    }

    /// The tree in display order with what the viewer may see counted (one grouped query).
    public func libraryTree() async throws -> [LibraryRow] {
        let org = organisation
        let counts = try await store.libraryCounts(scope: scope)
        return org.unitsInTreeOrder.map { unit in
            let sum = org.subtree(of: unit.id).reduce(into: LibraryCounts()) { total, id in
                guard let c = counts[id] else { return }
                total.open += c.open
                total.overdue += c.overdue
                total.awaitingFeedback += c.awaitingFeedback
            }
            return LibraryRow(unit: unit, depth: org.pathToRoot(from: unit.id).count - 1,
                              open: sum.open, overdue: sum.overdue, awaitingFeedback: sum.awaitingFeedback)
        }
    }

    /// Solved concerns of the same category most alike the concern in title and root cause
    /// (`PracticeSearch.similar`): the newest 60 of the category are compared, so the cost is
    /// bounded whatever the size. A candidate is read whole (the root cause is not in a list
    /// row) only the first time and when it changed, all such in one batch (one at a time, the
    /// first visit of a category cost 70-130 ms at 100,000): its runs are kept per version.
    public func similarSolved(to concern: Concern) async throws -> [ConcernSummary] {
        var query = ConcernQuery()
        query.categoryIDs = [concern.categoryID]
        query.stages = [.awaitingFeedback, .closed]
        let rows = try await page(query, after: nil, limit: 60).rows.filter { $0.code != concern.code }
        let unread = rows.filter { comparedRuns.runs(of: $0.code, version: $0.version) == nil }
        if !unread.isEmpty {
            var named = ConcernQuery()
            named.codes = Set(unread.map(\.code))
            // Only the compared texts: the candidates in full cost 5 ms of a first frame.
            for read in try await store.comparedTexts(named, scope: scope, limit: unread.count) { _ = comparedRuns.keep(read) }
        }
        var candidates: [(code: ConcernCode, runs: Set<String>)] = []
        for row in rows {
            if let runs = comparedRuns.runs(of: row.code, version: row.version) {
                candidates.append((row.code, runs))
            } else {
                // Changed between the page and the batch: read alone.
                candidates.append((row.code, comparedRuns.keep(try await self.concern(row.code))))
            }
        }
        let chosen = PracticeSearch.similar(to: concern, among: candidates, organisation: organisation)
        return chosen.compactMap { code in rows.first { $0.code == code } }
    }

    /// The change token of the store (see `WorkspaceStore.changeToken`).
    public func changeToken() async throws -> ChangeToken { try await store.changeToken() }
}

/// The records around concerns that a concern's detail names: its supervision notices and
/// the meetings whose agenda it was on.
extension Session {
    public struct RecordsAround: Sendable, Equatable {
        public var notices: [ConcernCode: [SupervisionNotice]] = [:]
        public var meetings: [ConcernCode: [Meeting]] = [:]
        /// The meetings that have sat (see `Session.held`).
        public var held: Set<String> = []

        public init() {}

        /// The notices of one concern, the latest first.
        public func notices(of code: ConcernCode) -> [SupervisionNotice] { notices[code] ?? [] }
        /// The meetings one concern was on, the latest month first.
        public func meetings(of code: ConcernCode) -> [Meeting] { meetings[code] ?? [] }
    }

    /// Every notice and every meeting, indexed by the concerns they name: two reads for the
    /// whole pane, so that moving from concern to concern reads none. Only what is indexed
    /// under a concern the viewer reads is ever shown (the detail shows one such concern).
    public func recordsAround() async throws -> RecordsAround {
        var records = RecordsAround()
        for notice in try await store.notices() { records.notices[notice.concern, default: []].append(notice) }
        for code in records.notices.keys { records.notices[code]?.sort { ($0.issuedOn, $0.id) > ($1.issuedOn, $1.id) } }
        let meetings = try await store.meetings()
        records.held = Self.held(meetings)
        for meeting in meetings.sorted(by: { ($0.month, $0.id) > ($1.month, $1.id) }) {
            for code in Set(meeting.items.map(\.concern)) { records.meetings[code, default: []].append(meeting) }
        }
        return records
    }
}

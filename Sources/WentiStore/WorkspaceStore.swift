import Foundation
import WentiCore

/// Everything wenti asks of persistence, in domain terms only.
///
/// SQLite (`SQLiteStore`) is the first backend; a PostgreSQL backend for departments that
/// share one database implements the same protocol, so neither the domain nor the UI
/// changes. Every write is one transaction that also appends its audit entries; every
/// read is scoped to the person asking.
public protocol WorkspaceStore: AnyObject, Sendable {
    /// Now and today as this store keeps time (a fixed clock in tests and seed replays), so
    /// that every screen judges deadlines by the same day as the store.
    func now() -> Date
    func today() -> Day

    // MARK: Workspace
    /// Writes the organisation, categories, policy and sources into an empty workspace.
    func install(_ workspace: Workspace) throws(StoreError)
    func workspace() throws(StoreError) -> Workspace

    // MARK: Concerns
    func open(_ new: NewConcern, actor: PersonID?) throws(StoreError) -> Concern
    /// Applies a command. With `expectedVersion`, refuses with `.conflict` when the concern
    /// changed since that version.
    func perform(_ command: ConcernCommand, on code: ConcernCode, expectedVersion: Int?, actor: PersonID?) throws(StoreError) -> Concern
    /// Applies several commands to one concern as one action: all or nothing.
    func perform(_ commands: [ConcernCommand], on code: ConcernCode, expectedVersion: Int?, actor: PersonID?) throws(StoreError) -> Concern
    func concern(_ code: ConcernCode, viewer: PersonID?) throws(StoreError) -> Concern
    func page(_ query: ConcernQuery, viewer: PersonID?, after cursor: PageCursor?, limit: Int) throws(StoreError) -> ConcernPage
    /// The cursor that continues a listing in `sort` order after `code`.
    func cursor(of code: ConcernCode, sort: ConcernQuery.Sort, viewer: PersonID?) throws(StoreError) -> PageCursor
    /// The page that ends just before `cursor` (the rows above it on screen), in display
    /// order; with nil, the last page of the listing. Its `next` continues upwards.
    func page(_ query: ConcernQuery, viewer: PersonID?, before cursor: PageCursor?, limit: Int) throws(StoreError) -> ConcernPage
    /// Every matching concern in full, oldest first, `batch` at a time (children read once
    /// per batch), redacted for the viewer: for exports, never all held at once.
    func eachConcern(_ query: ConcernQuery, viewer: PersonID?, batch: Int, _ body: ([Concern]) throws -> Void) throws(StoreError)
    func count(_ query: ConcernQuery, viewer: PersonID?) throws(StoreError) -> Int
    /// Counts up to `cap` and stops: a screen's "10000+" must not cost a scan of a million rows.
    func count(_ query: ConcernQuery, viewer: PersonID?, upTo cap: Int) throws(StoreError) -> Int
    func counts(_ query: ConcernQuery, by facet: Facet, viewer: PersonID?) throws(StoreError) -> [String: Int]
    /// Per unit: open, overdue and awaiting-feedback concerns (for the libraries tree), in
    /// one pass over what the viewer may see.
    func libraryCounts(viewer: PersonID?) throws(StoreError) -> [UnitID: LibraryCounts]
    /// Inserts concerns that are already complete (seed or import or generator), each with
    /// an audit entry, in one transaction. Codes are allocated when `code.sequence == 0`.
    func insert(_ concerns: [Concern], actor: PersonID?, action: String) throws(StoreError) -> [Concern]

    // MARK: Records around concerns
    /// Inserts or replaces a planned meeting (a held one's minutes are a record).
    func save(_ meeting: Meeting, actor: PersonID?) throws(StoreError)
    /// Carries out every decision of a planned meeting and marks it held: all or nothing.
    func confirmMinutes(_ meetingID: String, heldOn: Day, actor: PersonID?) throws(StoreError) -> Meeting
    func meetings() throws(StoreError) -> [Meeting]
    /// Concerns that may belong on an agenda of `units` for `month` (see `AgendaBuilder`),
    /// at most `limit` of each kind.
    func agendaCandidates(units: Set<UnitID>, month: YearMonth, since: Day?, viewer: PersonID?, limit: Int) throws(StoreError) -> [Concern]
    func issue(_ notice: SupervisionNotice, actor: PersonID?) throws(StoreError)
    /// Changes one notice through its own rules, in one transaction with its audit entry.
    @discardableResult
    func changeNotice(_ id: String, actor: PersonID?, action: String,
                      _ change: (SupervisionNotice) throws -> SupervisionNotice) throws(StoreError) -> SupervisionNotice
    func nextNoticeID(year: Int) throws(StoreError) -> String
    func notices() throws(StoreError) -> [SupervisionNotice]
    func add(_ practice: PracticeEntry, actor: PersonID?) throws(StoreError)
    func practices() throws(StoreError) -> [PracticeEntry]
    func nextPracticeID(year: Int) throws(StoreError) -> String

    // MARK: Figures
    /// One fact row per concern the viewer may see that matches `query` (see `Figures`).
    func facts(_ query: ConcernQuery, viewer: PersonID?) throws(StoreError) -> [ConcernFact]
    /// The same rows streamed, never all held (without `titles`, titles are left empty).
    func eachFact(_ query: ConcernQuery, viewer: PersonID?, titles: Bool, _ body: (ConcernFact) throws -> Void) throws(StoreError)
    /// Every concern's fact row, whoever asks: figures are the organisation's, not a view of
    /// one person's scope; narrow the figures afterwards (`UnitFigures.shown`).
    func eachOrganisationFact(_ query: ConcernQuery, titles: Bool, _ body: (ConcernFact) throws -> Void) throws(StoreError)

    // MARK: Audit
    func auditLog(subject: String) throws(StoreError) -> [AuditEntry]
    /// Grows with every change anyone makes (the last audit entry's number): a screen that
    /// remembers it can tell, with one cheap read, whether another process changed something.
    func changeMark() throws(StoreError) -> Int64
}

/// What the libraries tree shows beside a unit.
public struct LibraryCounts: Sendable, Hashable {
    public var open: Int
    public var overdue: Int
    public var awaitingFeedback: Int

    public init(open: Int = 0, overdue: Int = 0, awaitingFeedback: Int = 0) {
        self.open = open
        self.overdue = overdue
        self.awaitingFeedback = awaitingFeedback
    }
}

import Foundation
import WentiCore

/// Everything wenti asks of persistence, in domain terms only, so that a network database
/// fits behind it as well as an SQLite file.
///
/// The store neither knows nor decides who is asking: reads take the `ConcernScope` the
/// session computed, writes take the acting `Person` (always the principal) and go through
/// `Workflow`, whose permission check runs inside the write's own transaction on the concern
/// as it is stored. Cursors, change tokens and ids are opaque or allocated inside the insert;
/// no row ids, file paths or database messages cross this boundary, and no caller code runs
/// inside a transaction. `StoreConformanceTests` is the suite every backend must pass.
public protocol WorkspaceStore: AnyObject, Sendable {
    /// Now and today as this store keeps time (a fixed clock in tests and seed replays), so
    /// that every screen judges deadlines by the same day as the store.
    func now() -> Date
    func today() -> Day

    // MARK: Workspace
    /// Writes the organisation, categories, policy and sources into an empty workspace,
    /// audited as `installer` (one of its people).
    func install(_ workspace: Workspace, installer: PersonID) async throws(StoreError)
    func workspace() async throws(StoreError) -> Workspace
    /// Links `login` to `person` (taking it from whoever had it), audited as `actor`.
    func link(login: String, to person: PersonID, actor: Person) async throws(StoreError) -> Workspace

    // MARK: Concerns
    func open(_ new: NewConcern, actor: Person) async throws(StoreError) -> Concern
    /// Applies several commands to one concern as one action: all or nothing. With
    /// `expectedVersion`, refuses with `.conflict` when the concern changed since.
    func perform(_ commands: [ConcernCommand], on code: ConcernCode, expectedVersion: Int?, actor: Person) async throws(StoreError) -> Concern
    /// One concern in full, as stored (the session redacts it for the reader).
    func concern(_ code: ConcernCode, scope: ConcernScope) async throws(StoreError) -> Concern
    func page(_ query: ConcernQuery, scope: ConcernScope, after cursor: PageCursor?, limit: Int) async throws(StoreError) -> ConcernPage
    /// The page that ends just before `cursor` (the rows above it on screen), in display
    /// order; with nil, the last page of the listing. Its `next` continues upwards.
    func page(_ query: ConcernQuery, scope: ConcernScope, before cursor: PageCursor?, limit: Int) async throws(StoreError) -> ConcernPage
    /// The cursor that continues a listing in `sort` order after `code`.
    func cursor(of code: ConcernCode, sort: ConcernQuery.Sort, scope: ConcernScope) async throws(StoreError) -> PageCursor
    /// Matching concerns in full, oldest first, `limit` at a time: exports read them batch
    /// by batch and never hold them all.
    func concerns(_ query: ConcernQuery, scope: ConcernScope, after cursor: PageCursor?, limit: Int) async throws(StoreError) -> (concerns: [Concern], next: PageCursor?)
    /// The compared texts of the matching concerns (at most `limit`): a detail compares its
    /// concern with sixty candidates, and reading those in full (tasks, notes, feedback and
    /// all) was 5 ms of the 30 ms first frame at 100,000 concerns.
    func comparedTexts(_ query: ConcernQuery, scope: ConcernScope, limit: Int) async throws(StoreError) -> [ComparedText]
    /// Counts up to `cap` and stops (nil: exact): a screen's "10000+" must not cost a scan of a million rows.
    func count(_ query: ConcernQuery, scope: ConcernScope, upTo cap: Int?) async throws(StoreError) -> Int
    func counts(_ query: ConcernQuery, by facet: Facet, scope: ConcernScope) async throws(StoreError) -> [String: Int]
    /// Per unit: open, overdue and awaiting-feedback concerns (for the libraries tree).
    func libraryCounts(scope: ConcernScope) async throws(StoreError) -> [UnitID: LibraryCounts]
    /// Inserts concerns that are already complete (seed or import), each with an audit
    /// entry, in one transaction. Codes are allocated when `code.sequence == 0`.
    func insert(_ concerns: [Concern], actor: Person, action: String) async throws(StoreError) -> [Concern]
    /// The same for concerns that come batch by batch (`next` until it returns nil), all in
    /// one transaction: every batch or none. An import of a million rows reads its file a
    /// second time into these batches instead of holding a million concerns. `expected`:
    /// how many are coming (a store may prepare for a large load). `largestGiven`: for each
    /// year, the largest sequence a code the batches give has; codes allocated (sequence 0)
    /// come after it, so that a row without a code never takes one a later row gives.
    /// Returns the codes, in order. An error thrown by `next` rolls everything back and
    /// reaches the caller as the store's error; a caller with its own error to report keeps
    /// it aside.
    func insert(batches next: @escaping @Sendable () throws -> [Concern]?, expected: Int, largestGiven: [Int: Int],
                actor: Person, action: String) async throws(StoreError) -> [ConcernCode]
    /// Which of `codes` are already held by a stored concern: an import asks once for the
    /// whole file, not once per row (a read per row made importing 100,000 concerns take
    /// 80 s instead of 10).
    func takenCodes(among codes: [ConcernCode]) async throws(StoreError) -> Set<ConcernCode>

    // MARK: Records around concerns
    /// Inserts or replaces a planned meeting (a held one's minutes are a record). One pending
    /// meeting per unit and month, and a concern on one pending agenda only.
    func save(_ meeting: Meeting, actor: Person) async throws(StoreError)
    /// Carries out every decision of a planned meeting and marks it held, with who attended
    /// and how each item stood: all or nothing. The day may not be after today nor before
    /// the unit's last held meeting (`Meeting.validateMinutes`).
    func confirmMinutes(_ meetingID: String, heldOn: Day, attendance: MeetingAttendance, actor: Person) async throws(StoreError) -> Meeting
    /// Checks what `confirmMinutes` would check, writing nothing: the UI asks "confirm?"
    /// only about minutes the store would take.
    func checkMinutes(_ meetingID: String, heldOn: Day, attendance: MeetingAttendance) async throws(StoreError)
    func meetings() async throws(StoreError) -> [Meeting]
    /// Concerns that may belong on an agenda of `units` for `month` (see `AgendaBuilder`),
    /// at most `limit` of each kind.
    func agendaCandidates(units: Set<UnitID>, month: YearMonth, since: Day?, scope: ConcernScope, limit: Int) async throws(StoreError) -> [Concern]
    /// Issues a notice; its id (DB-YYYY-NNN) is allocated in the same transaction. One open
    /// notice per concern: when its concern has one, `replacing` must name it, and it is closed
    /// as replaced by the new one in the same transaction, with its own audit entry
    /// (`SupervisionNotice.replacement`); otherwise `StoreError.notice(.openNoticeExists)`.
    func issue(_ draft: SupervisionNotice, replacing: String?, actor: Person) async throws(StoreError) -> SupervisionNotice
    /// Changes one notice through its own rules, in one transaction with its audit entry.
    func changeNotice(_ id: String, _ change: NoticeChange, actor: Person) async throws(StoreError) -> SupervisionNotice
    func notices() async throws(StoreError) -> [SupervisionNotice]
    /// Adds a practice entry; its id (SJ-YYYY-NNN) is allocated in the same transaction.
    func add(_ draft: PracticeEntry, actor: Person) async throws(StoreError) -> PracticeEntry
    func practices() async throws(StoreError) -> [PracticeEntry]
    /// Records a leader's visit (`LeaderVisit.validate`); its id is allocated in the same
    /// transaction, with its audit entry. `workspace()` lists it from then on.
    func add(_ visit: LeaderVisit, actor: Person) async throws(StoreError) -> LeaderVisit
    /// Every leader's visit as stored now (others may have recorded some since `workspace()`
    /// was read), oldest first; the workspace this store hands out lists them from then on.
    func visits() async throws(StoreError) -> [LeaderVisit]
    /// Sets how many visits each leader owes per month, audited.
    func setVisitQuota(_ quota: VisitQuota, actor: Person) async throws(StoreError)

    // MARK: Figures
    /// Fact rows (see `Figures`) of the matching concerns, `limit` at a time in a stable
    /// order; without `titles`, titles are left empty (they are the bulk of a row). Figures
    /// are the organisation's: the session reads them with `ConcernScope.all` and narrows
    /// afterwards (`UnitFigures.shown`).
    func facts(_ query: ConcernQuery, scope: ConcernScope, titles: Bool, after cursor: PageCursor?, limit: Int) async throws(StoreError) -> (facts: [ConcernFact], next: PageCursor?)
    /// The figure rollup (`FigureRollup`) of every concern: the found rows of `trends` and
    /// `period`, every other part's rows of `period`, and the overdue counts on `day` per
    /// library and solving department as one row each, dated `day`
    /// (`FigureRollup.selected`). What `UnitFigures.Builder` and `Trends.Builder` make of
    /// them is what they make of every fact, for a period of those whole months.
    func figureRollup(period: ClosedRange<YearMonth>, trends: ClosedRange<YearMonth>, overdueOn day: Day) async throws(StoreError) -> [(FigureRollup.Key, Int)]

    // MARK: Sealed identities
    // An anonymous reporter's identity enters as `SealedIdentity.toSeal` on `open` or
    // `insert`; the store seals it to `keyHolders()` (public keys only) before it writes
    // anything, and reads only ever say `.sealed`. No method here takes or returns plaintext
    // except `sealAwaitingIdentities`, which never lets it out of the store.

    /// The holders whose public keys new identities are sealed to: the recovery key and the
    /// political-work staff who registered one (a person who left political work is skipped).
    func keyHolders() async throws(StoreError) -> [HolderKey]
    /// Adds a holder or replaces its public key (a replaced key loses its wraps), audited.
    func register(_ key: HolderKey, actor: Person) async throws(StoreError)
    /// Drops a holder and every data key wrapped to it: it opens nothing from now on.
    func remove(_ holder: KeyHolder, actor: Person) async throws(StoreError)
    /// One concern's envelope, as stored (nil when it has none).
    func envelope(_ code: ConcernCode) async throws(StoreError) -> SealedEnvelope?
    /// Envelopes in concern order, `limit` at a time, for giving a new holder access.
    func envelopes(after code: ConcernCode?, limit: Int) async throws(StoreError) -> [(code: ConcernCode, envelope: SealedEnvelope)]
    /// How many envelopes there are, how many are not bound to their concern yet, and how many
    /// each holder has a wrap for: counts only, so reading them opens and audits nothing.
    func envelopeCounts() async throws(StoreError) -> EnvelopeCounts
    /// Adds wraps of existing data keys to `holder`, one audit entry for the lot.
    func addWraps(_ wraps: [ConcernCode: WrappedKey], to holder: KeyHolder, actor: Person) async throws(StoreError)
    /// Replaces the ciphertext of envelopes sealed before the binding by the same text bound to
    /// its concern (`IdentitySeal.bind`); one already bound is left as it is. One audit entry.
    func bindEnvelopes(_ ciphertexts: [ConcernCode: Data], actor: Person) async throws(StoreError)
    /// Records that `actor` opened the identity of `code` for `reason`, or tried to and failed
    /// for `failure` (subject `sealedIdentityAuditSubject`, so the concern's own log, which
    /// others read, does not show it).
    func recordOpening(_ code: ConcernCode, reason: String, failure: OpeningFailure?, actor: Person) async throws(StoreError)
    /// How many identities written before sealing still wait to be sealed.
    func identitiesAwaitingSeal() async throws(StoreError) -> Int
    /// Seals every identity still waiting, to the current holders; erases the plain text and
    /// compacts the storage so that no old page keeps it. Returns how many were sealed.
    func sealAwaitingIdentities(actor: Person) async throws(StoreError) -> Int

    // MARK: Audit
    func auditLog(subject: String) async throws(StoreError) -> [AuditEntry]
    /// Changes whenever anyone changes anything: a screen that remembers it can tell, with
    /// one cheap read, whether it must read again. Only equality means anything.
    func changeToken() async throws(StoreError) -> ChangeToken
}

/// The audit subject of identity openings and key changes: listed by political-work staff only.
public let sealedIdentityAuditSubject = "sealed-identities"

/// What `WorkspaceStore.envelopeCounts` tells.
public struct EnvelopeCounts: Sendable, Hashable {
    public var total: Int
    /// Sealed before envelopes were bound to their concern (`Session.bindOldEnvelopes`).
    public var unbound: Int
    public var byHolder: [KeyHolder: Int]

    public init(total: Int, unbound: Int, byHolder: [KeyHolder: Int]) {
        self.total = total
        self.unbound = unbound
        self.byHolder = byHolder
    }
}

/// Why an opening of a sealed identity failed, as the audit log keeps it: a failed attempt
/// is recorded as an opening is, so that guessing passphrases leaves a trace.
public enum OpeningFailure: String, Sendable, CaseIterable {
    case wrongPassphrase = "wrong-passphrase"
    /// No key file of the principal's here, or one that cannot be read.
    case noKeyHere = "no-key-here"
    case notWrappedToHolder = "not-wrapped-to-holder"
    case damaged
}

/// An opaque mark of the store's state (see `WorkspaceStore.changeToken`).
public struct ChangeToken: Sendable, Hashable {
    let value: String
    public init(backend value: String) { self.value = value }
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

extension WorkspaceStore {
    /// One read per code: right for any backend, and what a backend with a set query overrides.
    public func takenCodes(among codes: [ConcernCode]) async throws(StoreError) -> Set<ConcernCode> {
        var taken: Set<ConcernCode> = []
        for code in codes {
            do {
                _ = try await concern(code, scope: .all)
                taken.insert(code)
            } catch .concernNotFound(_) {
                continue
            }
        }
        return taken
    }

    /// Issues a notice that replaces none (the seeds, and a concern without an open one).
    public func issue(_ draft: SupervisionNotice, actor: Person) async throws(StoreError) -> SupervisionNotice {
        try await issue(draft, replacing: nil, actor: actor)
    }

    /// Every matching concern in full, a batch at a time (the loop lives here, outside any
    /// transaction: each batch is its own read).
    /// Runs on the caller's actor, so that `body` may add to the caller's own state.
    public nonisolated(nonsending) func eachConcern(_ query: ConcernQuery, scope: ConcernScope, batch: Int = 500,
                            _ body: ([Concern]) async throws -> Void) async throws {
        var cursor: PageCursor?
        repeat {
            let page = try await concerns(query, scope: scope, after: cursor, limit: batch)
            if !page.concerns.isEmpty { try await body(page.concerns) }
            cursor = page.next
        } while cursor != nil
    }

    /// Every fact row, streamed batch by batch: a dashboard over a million concerns keeps
    /// one batch at a time.
    /// Runs on the caller's actor, so that `body` may add to the caller's own state.
    public nonisolated(nonsending) func eachFact(_ query: ConcernQuery, scope: ConcernScope, titles: Bool, batch: Int = 20_000,
                         _ body: (ConcernFact) throws -> Void) async throws {
        var cursor: PageCursor?
        repeat {
            let page = try await facts(query, scope: scope, titles: titles, after: cursor, limit: batch)
            for fact in page.facts { try body(fact) }
            cursor = page.next
        } while cursor != nil
    }
}

import WentiCore
import WentiSeal
import WentiSession
import WentiStore
import WentiTerminal

/// Everything the screen shows, as a value. `update` changes it, `render` draws it.
public struct AppState: Sendable {
    public enum Focus: Sendable, Equatable { case tree, table }

    /// A layer above the panes. Keys go to the top layer first; drawing goes bottom to top.
    public enum Overlay: Sendable, Equatable {
        /// `top`: the first line shown, so that a page moves the view by a whole page.
        case help(filter: TextField, selected: Int, top: Int = 0)
        case commandLine(TextField)
        case filter(TextField)
        /// A type-ahead choice over the org tree (names and ids, Chinese substrings).
        case unitPicker(TextField, selected: Int)
        /// A dangerous action waits here for y: it says what and how many.
        case confirm(question: String, actionID: String)
        /// A form whose values become commands on the target concerns.
        case form(Form, TriageForm, targets: [TriageTarget])
        /// Taking in a new concern, with similar open ones alongside.
        case intake(IntakeForm)
        /// People with type-ahead: to name the first responsible person (targets), or with no
        /// targets, to choose whose view to look at (political-work staff, read-only).
        case personPicker(TextField, selected: Int, targets: [TriageTarget])
        /// The four grades with their handling stance and the deadline each would set.
        case gradePicker(selected: Int, targets: [TriageTarget])
        /// Commands ready to run once the user says yes (what and how many are in the question);
        /// `back` is the form they came from, reopened with its input if they are refused.
        indirect case confirmCommands(question: String, commands: [ConcernCommand], targets: [TriageTarget], back: Overlay?)
        /// A form that writes a record: a meeting decision, minutes, a notice, a chaser, an export.
        case recordForm(Form, RecordForm)
        /// Minutes the store has checked, waiting for y; the question says how many decisions
        /// are applied and how many concerns deferred. `back` is the minutes form, kept.
        indirect case confirmMinutes(question: String, meetingID: String, heldOn: Day, attendance: MeetingAttendance, back: Overlay)
    }

    /// Work only the runner can do (it owns the terminal).
    public enum Effect: Sendable, Equatable {
        case quit, suspend, setMouse(Bool)
    }

    public var language: Language
    public var tab: AppTab = .libraries
    public var meetings = MeetingsState()
    public var supervision = SupervisionState()
    public var feedbackQueue = FeedbackQueueState()
    public var practices = PracticesState()
    public var dashboard = DashboardState()
    public var finding = FindingState()
    public var focus: Focus = .table
    public var tree: [Session.LibraryRow] = []
    /// The meetings that have sat: a concern linked only to these (decided or deferred
    /// there) may go on the next agenda (`A`, `AgendaBuilder.whyNotOnAgenda`).
    public var heldMeetings: Set<String> = []
    public var treeSelected = 0
    /// What the user typed after `/` (words and tokens, see `FilterText`).
    public var filterText = ""
    /// What in the filter names nothing known (`unit:运建部`), said on the filter line and the
    /// status bar; nil when every token was understood.
    public var filterProblem: LocalizedText?
    public var table = ConcernTableModel()
    public var detail: Concern?
    /// The selected concern's recorded steps, for the timeline.
    public var detailLog: [AuditEntry] = []
    /// Solved concerns like the selected one (same category, alike title), and the practice
    /// entries written from cases like it: one case teaches the next.
    public var detailSimilar: [ConcernSummary] = []
    public var detailPractices: [PracticeEntry] = []
    /// The step the method asks for next on the selected concern, and who may take it.
    public var detailAdvice: NextStep.Advice?
    /// The supervision notices and the meetings of each concern (read with the pane).
    public var recordsAround = Session.RecordsAround()
    /// How many lines of the detail are scrolled off its top (the detail keys move it).
    public var detailScroll = 0
    /// The concern whose detail `detailScroll` belongs to.
    public var detailCode: ConcernCode?
    /// The details last read, so that moving back and forth over the same rows reads nothing:
    /// a concern with a 1 MB description cost a 1 MB read and decode on every visit. Emptied
    /// whenever the pane is read again (anything may have changed), and checked against the
    /// row's version.
    public var recentDetails = RecentDetails()
    public var showDetail = true
    /// A sealed identity this screen opened (with a reason, audited): shown on that concern's
    /// detail only, and dropped as soon as the detail shows anything else.
    public var openedIdentity: OpenedIdentity?
    public var overlays: [Overlay] = []
    /// A message for the status bar until the next key.
    public var toast: String?
    public var mouse = false
    public var effects: [Effect] = []
    /// How to take back the last triage action of this session, if the rules allow it.
    public var undo: Undo?
    /// Why the last triage action cannot be taken back (`U` says it in words), when it cannot.
    public var whyNoUndo: LocalizedText?
    /// The store's change token when each pane was last read (see `LiveRefresh`): a pane whose
    /// token is current is shown again on a tab switch without reading anything.
    public var loadedMarks: [AppTab: ChangeToken] = [:]
    /// The last tick could not read the store (a shared server out of reach): said once.
    public var storeUnreachable = false
    /// Today as the store keeps time, read with the data: drawing never asks the store.
    public var today = Day(year: 2026, month: 1, day: 1)!
    /// The size of the last frame: paging moves by what is visible.
    public var size = (width: 80, height: 24)

    public init(language: Language) {
        self.language = language
    }

    /// The concern table's data rows on screen now: more when the detail is hidden, so that
    /// a page is what is seen.
    public var visibleTableRows: Int { Layout(size).tableRows(showDetail: showDetail) }

    public var selectedUnit: OrgUnit? { tree.indices.contains(treeSelected) ? tree[treeSelected].unit : nil }

    /// Forgets the opened identity once its concern's detail is no longer what is shown.
    mutating func forgetOpenedIdentityIfElsewhere() {
        guard let opened = openedIdentity else { return }
        if tab != .libraries || detail?.code != opened.code { openedIdentity = nil }
    }
}

/// The plaintext of one opened identity, for as long as its detail stays on screen.
public struct OpenedIdentity: Sendable, Equatable {
    public var code: ConcernCode
    public var text: String
}

/// What actions may use besides the state: the session, the registry. One per run.
@MainActor
public final class AppEnvironment {
    /// Who is acting and whose view the screens show (replaced when staff view as someone else).
    public private(set) var session: Session
    public var registry: ActionRegistry
    /// Where the half-filled intake form is kept (nil: not kept).
    public let draft: IntakeDraft?
    /// How the dashboard ranks units (the organisation's assessment file, else the standard).
    public let assessmentWeights: AssessmentWeights
    /// Where this account keeps its protected keys (nil: opening identities is not offered).
    public let keyFolder: KeyFolder?
    /// Said when the passphrase is asked for: the demo's, which the demo cannot ask for itself.
    public let passphraseHint: LocalizedText?
    /// Where this person's own files about the workspace go (office settings and numbers):
    /// the SQLite file's path, or a name in the user's data folder for a shared server.
    public let localFilesBase: String?

    public init(session: Session, registry: ActionRegistry, draft: IntakeDraft? = nil, assessmentWeights: AssessmentWeights = .standard,
                keyFolder: KeyFolder? = nil, passphraseHint: LocalizedText? = nil, localFilesBase: String? = nil) {
        self.localFilesBase = localFilesBase
        self.session = session
        self.registry = registry
        self.draft = draft
        self.assessmentWeights = assessmentWeights
        self.keyFolder = keyFolder
        self.passphraseHint = passphraseHint
    }

    /// The session again with the workspace as stored now (after a visit was recorded).
    public func refreshSession() async throws {
        session = try await session.refreshed()
    }

    /// Looks as `person` sees from now on (read-only), or back as oneself.
    public func view(as person: Person) throws {
        session = try session.viewing(as: person)
    }
}

/// A concern an action will change, with the version the user was looking at: a change
/// someone else made in between is refused as a conflict instead of being overwritten.
public struct TriageTarget: Sendable, Hashable, CustomStringConvertible {
    public var code: ConcernCode
    /// nil when the row was not on screen (a mark outside the loaded window).
    public var version: Int?
    /// The concern as the user saw it at that version, when it was read: a change someone
    /// else makes meanwhile is then said field by field (`ChangedMeanwhile`).
    public var seen: Concern? = nil

    public var description: String { code.description }
}

/// A few concern details as last read (the concern, its log and its similar cases).
public struct RecentDetails: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        var concern: Concern
        var log: [AuditEntry]
        var similar: [ConcernSummary]
    }

    static let capacity = 8
    private(set) var entries: [Entry] = []

    /// The entry of `code` if it was read at `version`.
    func entry(_ code: ConcernCode, version: Int?) -> Entry? {
        entries.first { $0.concern.code == code && (version == nil || $0.concern.version == version) }
    }

    mutating func keep(_ entry: Entry) {
        entries.removeAll { $0.concern.code == entry.concern.code }
        entries.append(entry)
        if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
    }

    mutating func removeAll() { entries = [] }
}

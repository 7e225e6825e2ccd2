import WentiCore
import WentiStore
import WentiTerminal

/// Everything the screen shows, as a value. `update` changes it, `render` draws it.
public struct AppState: Sendable {
    public enum Focus: Sendable, Equatable { case tree, table }

    /// A layer above the panes. Keys go to the top layer first; drawing goes bottom to top.
    public enum Overlay: Sendable, Equatable {
        case help(filter: TextField, selected: Int)
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
        /// targets, to choose whom the UI acts as.
        case personPicker(TextField, selected: Int, targets: [TriageTarget])
        /// The four grades with their handling stance and the deadline each would set.
        case gradePicker(selected: Int, targets: [TriageTarget])
        /// Commands ready to run once the user says yes (what and how many are in the question);
        /// `back` is the form they came from, reopened with its input if they are refused.
        indirect case confirmCommands(question: String, commands: [ConcernCommand], targets: [TriageTarget], back: Overlay?)
        /// A form that writes a record: a meeting decision, minutes, a notice, a chaser, an export.
        case recordForm(Form, RecordForm)
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
    public var focus: Focus = .table
    public var tree: [LibraryData.TreeRow] = []
    public var treeSelected = 0
    /// What the user typed after `/` (words and tokens, see `FilterText`).
    public var filterText = ""
    public var table = ConcernTableModel()
    public var detail: Concern?
    /// The selected concern's recorded steps, for the timeline.
    public var detailLog: [AuditEntry] = []
    /// Solved concerns like the selected one (same category, alike title), and the practice
    /// entries written from cases like it: one case teaches the next.
    public var detailSimilar: [ConcernSummary] = []
    public var detailPractices: [PracticeEntry] = []
    public var showDetail = true
    public var overlays: [Overlay] = []
    /// A message for the status bar until the next key.
    public var toast: String?
    public var mouse = false
    public var effects: [Effect] = []
    /// How to take back the last triage action of this session, if the rules allow it.
    public var undo: Undo?
    /// The store's change mark when each pane was last read (see `LiveRefresh`): a pane whose
    /// mark is current is shown again on a tab switch without reading anything.
    public var loadedMarks: [AppTab: Int64] = [:]
    /// The size of the last frame: paging moves by what is visible.
    public var size = (width: 80, height: 24)

    public init(language: Language) {
        self.language = language
    }

    public var selectedUnit: OrgUnit? { tree.indices.contains(treeSelected) ? tree[treeSelected].unit : nil }
}

/// What actions may use besides the state: the data and the registry. One per run.
@MainActor
public final class AppEnvironment {
    /// What the screens read, as the acting person (replaced when the user switches person).
    public private(set) var data: LibraryData
    public var registry: ActionRegistry
    /// Where the half-filled intake form is kept (nil: not kept).
    public let draft: IntakeDraft?
    /// How the dashboard ranks units (the organisation's assessment file, else the standard).
    public let assessmentWeights: AssessmentWeights

    public init(data: LibraryData, registry: ActionRegistry, draft: IntakeDraft? = nil, assessmentWeights: AssessmentWeights = .standard) {
        self.data = data
        self.registry = registry
        self.draft = draft
        self.assessmentWeights = assessmentWeights
    }

    /// Acts as another person from now on: every scope and permission follows.
    public func switchPerson(to person: PersonID) throws(StoreError) {
        data = try LibraryData(store: data.store, viewer: person)
    }
}

/// A concern an action will change, with the version the user was looking at: a change
/// someone else made in between is refused as a conflict instead of being overwritten.
public struct TriageTarget: Sendable, Hashable, CustomStringConvertible {
    public var code: ConcernCode
    /// nil when the row was not on screen (a mark outside the loaded window).
    public var version: Int?

    public var description: String { code.description }
}

/// The commands that put back what the last action changed, per concern. Only changes that
/// another command can restore are undoable (grade, plan, first responsible person,
/// analysis, processing); an escalation, a referral or a note stays, as the method wants.
public struct Undo: Sendable, Equatable {
    public var label: LocalizedText
    public var steps: [(target: TriageTarget, commands: [ConcernCommand])]

    public static func == (lhs: Undo, rhs: Undo) -> Bool {
        lhs.label == rhs.label && lhs.steps.map(\.target) == rhs.steps.map(\.target) && lhs.steps.map(\.commands) == rhs.steps.map(\.commands)
    }

    /// What restores `before` after `after`, or nil when something changed that no command restores.
    static func inverse(from before: Concern, to after: Concern) -> [ConcernCommand]? {
        var commands: [ConcernCommand] = []
        if before.stage != after.stage || before.unitID != after.unitID || before.notes.count != after.notes.count
            || before.referral != after.referral || before.closure != after.closure || before.tasks != after.tasks {
            return nil
        }
        if before.grade != after.grade {
            guard let grade = before.grade else { return nil }
            commands.append(.grade(grade))
        }
        if before.plan != after.plan {
            guard !before.plan.isBlank else { return nil }
            commands.append(.plan(before.plan))
        }
        if before.firstResponsibleID != after.firstResponsibleID || before.responsibleUnitID != after.responsibleUnitID {
            guard let person = before.firstResponsibleID, let unit = before.responsibleUnitID else { return nil }
            commands.append(.assign(firstResponsible: person, department: unit))
        }
        if before.analysis != after.analysis {
            guard !before.analysis.rootCause.isBlank else { return nil }
            commands.append(.analyse(before.analysis))
        }
        if before.processing != after.processing {
            guard let processing = before.processing else { return nil }
            commands.append(.setProcessing(processing))
        }
        return commands.isEmpty ? nil : commands
    }
}

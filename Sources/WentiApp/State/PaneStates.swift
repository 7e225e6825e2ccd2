import WentiCore
import WentiSession
import WentiStore

/// The meetings pane: every meeting (next first), the agenda of the selected one, and the
/// concerns its items name (titles, stages, feedback).
public struct MeetingsState: Sendable, Equatable {
    public enum Focus: Sendable, Equatable { case list, items }

    public var meetings: [Meeting] = []
    public var selected = 0
    public var item = 0
    public var focus: Focus = .items
    public var concerns: [ConcernCode: Concern] = [:]

    public var meeting: Meeting? { meetings.indices.contains(selected) ? meetings[selected] : nil }
    public var selectedItem: MeetingItem? {
        guard let meeting, meeting.items.indices.contains(item) else { return nil }
        return meeting.items[item]
    }
}

/// The supervision pane: the notices, and the concerns due in the next `horizon` days or
/// overdue (with how many there are in all).
public struct SupervisionState: Sendable, Equatable {
    public var notices: [SupervisionNotice] = []
    public var selected = 0
    public var horizon = 7
    public var dueSoon: [ConcernSummary] = []
    public var overdue: [ConcernSummary] = []
    public var overdueTotal = 0
    /// The titles of the notices' concerns.
    public var titles: [ConcernCode: String] = [:]

    public var notice: SupervisionNotice? { notices.indices.contains(selected) ? notices[selected] : nil }
}

/// The feedback queue: solved concerns waiting for the return contact, longest waiting first.
public struct FeedbackQueueState: Sendable, Equatable {
    public var concerns: [Concern] = []
    public var total = 0
    public var selected = 0

    public var concern: Concern? { concerns.indices.contains(selected) ? concerns[selected] : nil }
}

/// The practice libraries: every entry, narrowed by library and by the words searched.
public struct PracticesState: Sendable, Equatable {
    public enum Focus: Sendable, Equatable { case libraries, entries }

    public var entries: [PracticeEntry] = []
    /// 0: every library; 1...3: `PracticeLibrary.allCases[index - 1]`.
    public var library = 0
    public var search = ""
    public var selected = 0
    public var focus: Focus = .entries

    public var libraryFilter: PracticeLibrary? { library == 0 ? nil : PracticeLibrary.allCases[library - 1] }

    public var shown: [PracticeEntry] {
        entries.filter { entry in
            (libraryFilter.map { entry.library == $0 } ?? true) && PracticeSearch.matches(entry, text: search)
        }
    }

    public var entry: PracticeEntry? {
        let shown = shown
        return shown.indices.contains(selected) ? shown[selected] : nil
    }
}

/// The dashboard: a month or a quarter, with figures per unit, trends by category and the
/// unit ranking, one view at a time.
public struct DashboardState: Sendable, Equatable {
    public enum View: Int, Sendable, CaseIterable { case units, trends, ranking }

    public var view: View = .units
    /// The last month shown; a quarter ends with it.
    public var month: YearMonth?
    public var quarter = false
    public var selected = 0
    public var units: [(unit: OrgUnit, depth: Int, figures: Figures)] = []
    public var trends: Trends?
    public var ranking: [UnitScore] = []

    public static func == (lhs: DashboardState, rhs: DashboardState) -> Bool {
        lhs.view == rhs.view && lhs.month == rhs.month && lhs.quarter == rhs.quarter && lhs.selected == rhs.selected
            && lhs.units.map(\.unit) == rhs.units.map(\.unit) && lhs.units.map(\.figures) == rhs.units.map(\.figures)
            && lhs.trends?.byUnitAndCategory == rhs.trends?.byUnitAndCategory && lhs.ranking == rhs.ranking
    }

    public var period: Period? {
        guard let month else { return nil }
        return quarter ? Period(months: month.previous.previous, month) : Period(month: month)
    }
}

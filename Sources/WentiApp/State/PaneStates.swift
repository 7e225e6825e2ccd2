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
    /// The notices' concerns as they stand now (title, lateness, responsible person, deadline).
    public var concerns: [ConcernCode: Concern] = [:]

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

/// The dashboard: a month or a calendar quarter, with figures per unit, the solving
/// departments' own view, trends by category and the unit ranking, one view at a time.
public struct DashboardState: Sendable, Equatable {
    public enum View: Int, Sendable, CaseIterable { case units, solving, trends, ranking }

    public var view: View = .units
    /// The month shown, or one of the quarter's months.
    public var month: YearMonth?
    /// Set when the first visit found nothing yet taken in, escalated or solved in the current
    /// month (its first days): the pane opened on the month before, and says which month it
    /// passed over. Cleared once the person moves the period.
    public var passedOver: YearMonth?
    public var quarter = false
    public var selected = 0
    /// The measure selected in the units and solving views (Left / Right): Enter opens the
    /// concerns counted in that one cell.
    public var column = 0
    /// The units the viewer may look at, with their (rolled-up) figures.
    public var units: [(unit: OrgUnit, depth: Int, figures: Figures)] = []
    /// The solving departments the viewer may look at, with the figures of what they were
    /// named to solve.
    public var solving: [(unit: OrgUnit, figures: Figures)] = []
    public var trends: Trends?
    /// The ranking entries the viewer may look at (ranks are the organisation's) and their
    /// standing, decided on the whole ranking.
    public var ranking: [UnitScore] = []
    public var standings: [Assessment.Standing?] = []

    public static func == (lhs: DashboardState, rhs: DashboardState) -> Bool {
        lhs.view == rhs.view && lhs.month == rhs.month && lhs.passedOver == rhs.passedOver && lhs.quarter == rhs.quarter && lhs.selected == rhs.selected
            && lhs.column == rhs.column
            && lhs.units.map(\.unit) == rhs.units.map(\.unit) && lhs.units.map(\.figures) == rhs.units.map(\.figures)
            && lhs.solving.map(\.unit) == rhs.solving.map(\.unit) && lhs.solving.map(\.figures) == rhs.solving.map(\.figures)
            && lhs.trends?.byUnitAndCategory == rhs.trends?.byUnitAndCategory && lhs.ranking == rhs.ranking
            && lhs.standings == rhs.standings
    }

    /// The measures a cell of the units view opens, in column order; the solving view has
    /// only the handling ones.
    public static let unitMeasures: [FigureMeasure] = [.found, .accepted, .escalated, .solved, .overdue, .referred]
    public static let solvingMeasures: [FigureMeasure] = [.solved, .overdue, .referred, .closed]

    public var measures: [FigureMeasure] { view == .solving ? Self.solvingMeasures : Self.unitMeasures }

    public var measure: FigureMeasure? {
        guard view == .units || view == .solving else { return nil }
        return measures[min(column, measures.count - 1)]
    }

    /// The calendar quarter holding the month (Q4 = 10–12), or the month.
    public var period: Period? {
        guard let month else { return nil }
        return quarter ? Period(quarterOf: month) : Period(month: month)
    }
}

/// The finding sources (发现来源): leaders' visits, each leader's month against the quota,
/// and the rewarded campaigns with their reward ledgers.
public struct FindingState: Sendable, Equatable {
    public enum Section: Int, Sendable, CaseIterable {
        case visits, quota, campaigns

        var title: LocalizedText {
            switch self {
            case .visits: LocalizedText(zh: "领导走访", en: "Visits")
            case .quota: LocalizedText(zh: "走访定额", en: "Quota")
            case .campaigns: LocalizedText(zh: "有奖征集", en: "Campaigns")
            }
        }
    }
    public enum Focus: Sendable, Equatable { case sections, rows }

    public var section: Section = .visits
    public var focus: Focus = .rows
    /// Every visit, the latest first.
    public var visits: [LeaderVisit] = []
    public var selectedVisit = 0
    /// The concerns the selected visit brought in (those the viewer sees), and how many.
    public var visitConcerns: [ConcernSummary] = []
    public var visitConcernsTotal = 0
    /// The month the quota is shown for (today's month until moved).
    public var month: YearMonth?
    public var quota = VisitQuota.standard
    public var standings: [VisitQuota.Standing] = []
    public var selectedLeader = 0
    public var campaigns: [Campaign] = []
    public var selectedCampaign = 0
    /// The selected campaign's concerns and who earned what.
    public var ledger: RewardLedger?
    /// How many lines of the detail under the table are scrolled off its top.
    public var detailScroll = 0

    public var visit: LeaderVisit? { visits.indices.contains(selectedVisit) ? visits[selectedVisit] : nil }
    public var campaign: Campaign? { campaigns.indices.contains(selectedCampaign) ? campaigns[selectedCampaign] : nil }
    public var standing: VisitQuota.Standing? { standings.indices.contains(selectedLeader) ? standings[selectedLeader] : nil }

    /// The concern source the selection names (a visit, or a campaign), if any.
    public var source: ConcernSource? {
        switch section {
        case .visits: visit.map { ConcernSource(kind: .leaderVisit, id: $0.id) }
        case .campaigns: campaign.map { ConcernSource(kind: .campaign, id: $0.id) }
        case .quota: nil
        }
    }
}

/// A supervision notice (督办通知单) to the responsible department and the first
/// responsible person, with the deadline nodes of the task book.
public struct SupervisionNotice: Sendable, Hashable, Codable, Identifiable {
    public enum State: String, Sendable, Codable, CaseIterable, Labelled {
        case issued, acknowledged
        case progressReported = "progress-reported"
        case completed
        /// Closed by a newer notice on the same concern that explicitly replaces it
        /// (`replacedBy`); only issuing that notice puts one here.
        case replaced

        public var label: LocalizedText {
            switch self {
            case .issued: LocalizedText(zh: "已下发", en: "issued")
            case .acknowledged: LocalizedText(zh: "已签收", en: "acknowledged")
            case .progressReported: LocalizedText(zh: "已报进展", en: "progress reported")
            case .completed: LocalizedText(zh: "已完成", en: "completed")
            case .replaced: LocalizedText(zh: "已被替代", en: "replaced")
            }
        }

        /// The moves a notice may make: forward only, progress may be reported again.
        var next: Set<State> {
            switch self {
            case .issued: [.acknowledged]
            case .acknowledged: [.progressReported, .completed]
            case .progressReported: [.progressReported, .completed]
            case .completed, .replaced: []
            }
        }
    }

    public struct Node: Sendable, Hashable, Codable {
        public var title: String
        public var due: Day
        public init(title: String, due: Day) {
            self.title = title
            self.due = due
        }
    }

    /// A chaser (催办) sent on a late notice, and when it was answered.
    public struct Chaser: Sendable, Hashable, Codable {
        public var on: Day
        public var byID: PersonID
        public var text: String
        public var answeredOn: Day?
        public init(on: Day, byID: PersonID, text: String, answeredOn: Day? = nil) {
            self.on = on
            self.byID = byID
            self.text = text
            self.answeredOn = answeredOn
        }
    }

    public var id: String
    public var concern: ConcernCode
    public var issuedOn: Day
    public var issuedByID: PersonID
    public var toUnitID: UnitID
    public var toPersonID: PersonID
    public var nodes: [Node]
    public var state: State
    public var chasers: [Chaser]
    /// The notice that replaced this one (state `.replaced`), else nil.
    public var replacedBy: String?

    /// Issues a notice; it needs at least one deadline node, none before the day of issue.
    public init(id: String, concern: ConcernCode, issuedOn: Day, issuedByID: PersonID, toUnitID: UnitID,
                toPersonID: PersonID, nodes: [Node]) throws(NoticeError) {
        guard !nodes.isEmpty else { throw .noDeadlineNodes }
        if let early = nodes.first(where: { $0.due < issuedOn }) { throw .nodeBeforeIssue(early.due) }
        self.id = id
        self.concern = concern
        self.issuedOn = issuedOn
        self.issuedByID = issuedByID
        self.toUnitID = toUnitID
        self.toPersonID = toPersonID
        self.nodes = nodes.sorted { $0.due < $1.due }
        self.state = .issued
        self.chasers = []
        self.replacedBy = nil
    }

    /// Still to be worked: neither completed nor replaced by a newer notice.
    public var isOpen: Bool { state != .completed && state != .replaced }

    public func advanced(to state: State) throws(NoticeError) -> SupervisionNotice {
        guard self.state.next.contains(state) else { throw .illegalMove(self.state, state) }
        var copy = self
        copy.state = state
        return copy
    }

    /// Sends a chaser (催办) on a notice not yet completed.
    public func chased(on day: Day, by person: PersonID, text: String) throws(NoticeError) -> SupervisionNotice {
        guard isOpen else { throw .chaseCompleted }
        guard !text.isBlank else { throw .blankChaser }
        var copy = self
        copy.chasers.append(Chaser(on: day, byID: person, text: text))
        return copy
    }

    /// Records the answer to the oldest unanswered chaser.
    public func chaserAnswered(on day: Day) throws(NoticeError) -> SupervisionNotice {
        guard let index = chasers.firstIndex(where: { $0.answeredOn == nil }) else { throw .noOpenChaser }
        guard day >= chasers[index].on else { throw .answerBeforeChaser(day) }
        var copy = self
        copy.chasers[index].answeredOn = day
        return copy
    }

    /// Chasers sent and not answered yet.
    public var openChasers: Int { chasers.filter { $0.answeredOn == nil }.count }

    /// The next deadline node not yet passed on `today`; nil once every node has passed (then
    /// the notice is late, which `daysOverdue` says, and there is no "next" node to show).
    public func nextOpenNode(today: Day) -> Node? { nodes.first { $0.due >= today } }

    /// How many days ahead a chaser asks for an answer when no node is still ahead.
    public static let chaserReplyDays = 3

    /// The day a chaser asks to be answered by: the next open node, else a few days ahead.
    public func chaserDue(today: Day) -> Day { nextOpenNode(today: today)?.due ?? today.adding(days: Self.chaserReplyDays) }

    /// What changed on the concern since the notice went out: a notice keeps naming whom and
    /// by when it was issued to, and the screens say when that no longer holds.
    public struct Drift: Sendable, Equatable {
        public var responsible: PersonID?
        public var deadline: Day?
        public var isEmpty: Bool { responsible == nil && deadline == nil }
    }

    /// The concern's first responsible person where it is not the notice's addressee, and its
    /// deadline where it lies past the notice's last node (an open notice only).
    public func drift(from concern: Concern, today: Day) -> Drift {
        guard isOpen else { return Drift() }
        var drift = Drift()
        if let person = concern.firstResponsibleID, person != toPersonID { drift.responsible = person }
        // A deadline moved past the last node leaves the notice's nodes behind; one earlier than
        // the last node is normal (a notice may follow up beyond the deadline).
        if let deadline = DeadlineClock.effectiveDeadline(of: concern, today: today), deadline > finalDue { drift.deadline = deadline }
        return drift
    }

    /// The final deadline node.
    public var finalDue: Day { nodes.map(\.due).max()! }

    /// Not completed and a deadline node passed.
    public func isOverdue(today: Day) -> Bool {
        isOpen && nodes.contains { $0.due < today }
    }

    public func daysOverdue(today: Day) -> Int {
        guard isOpen, let firstMissed = nodes.first(where: { $0.due < today }) else { return 0 }
        return today.days(since: firstMissed.due)
    }
}

public enum NoticeError: Error, Equatable, Sendable, Labelled {
    case noDeadlineNodes
    case nodeBeforeIssue(Day)
    case illegalMove(SupervisionNotice.State, SupervisionNotice.State)
    case chaseCompleted
    case blankChaser
    case noOpenChaser
    case answerBeforeChaser(Day)
    /// One open notice per concern: a new one must say it replaces the open one.
    case openNoticeExists(notice: String, concern: ConcernCode)
    case replacesOtherConcern(notice: String, concern: ConcernCode)
    case replacesClosedNotice(notice: String, state: SupervisionNotice.State)
    case unknownNotice(String)

    public var label: LocalizedText {
        switch self {
        case .noDeadlineNodes:
            LocalizedText(zh: "督办通知单须至少有一个时间节点", en: "a supervision notice needs at least one deadline node")
        case .nodeBeforeIssue(let day):
            LocalizedText(zh: "时间节点 \(day) 早于下发日期", en: "deadline node \(day) is before the day of issue")
        case .illegalMove(let from, let to):
            // What comes first, when there is a way forward (an issued notice is acknowledged).
            from == .issued
                ? LocalizedText(zh: "督办通知单不能从“\(from.label.zh)”变为“\(to.label.zh)”：须先签收",
                                en: "a notice cannot go from \(from.label.en) to \(to.label.en): it must be acknowledged first")
                : LocalizedText(zh: "督办通知单不能从“\(from.label.zh)”变为“\(to.label.zh)”",
                                en: "a notice cannot go from \(from.label.en) to \(to.label.en)")
        case .chaseCompleted:
            LocalizedText(zh: "已完成或已被替代的督办不能再催办", en: "a completed or replaced notice cannot be chased")
        case .blankChaser:
            LocalizedText(zh: "催办须写明内容", en: "a chaser needs a text")
        case .noOpenChaser:
            LocalizedText(zh: "没有待回复的催办", en: "no chaser is waiting for an answer")
        case .answerBeforeChaser(let day):
            LocalizedText(zh: "回复日期 \(day) 早于催办日期", en: "answered on \(day), before the chaser was sent")
        case .openNoticeExists(let notice, let concern):
            LocalizedText(zh: "\(concern) 已有未完成的督办通知单 \(notice)；新通知单须写明替代它",
                          en: "\(concern) already has the open notice \(notice); a new one must say it replaces it")
        case .replacesOtherConcern(let notice, let concern):
            LocalizedText(zh: "\(notice) 督办的是 \(concern)，不是这个问题", en: "\(notice) is about \(concern), not this concern")
        case .unknownNotice(let notice):
            LocalizedText(zh: "没有督办通知单 \(notice)", en: "there is no notice \(notice)")
        case .replacesClosedNotice(let notice, let state):
            LocalizedText(zh: "\(notice) \(state.label.zh)，无须替代", en: "\(notice) is \(state.label.en); there is nothing to replace")
        }
    }
}

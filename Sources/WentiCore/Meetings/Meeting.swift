/// A monthly tri-party meeting (三方会议) of one unit's library.
///
/// Three parties sit for each concern: the finder (political-work staff), the people or
/// unit involved, and the department that must solve it. The meeting defines the concern,
/// decides a plan and names one first responsible person; confirming the minutes turns
/// each decision into commands on its concern (see `MeetingDecision.commands`).
public struct Meeting: Sendable, Hashable, Codable, Identifiable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case planned, held
    }

    public var id: String
    public var unitID: UnitID
    public var month: YearMonth
    public var heldOn: Day?
    public var state: State
    public var items: [MeetingItem]
    public var notes: String

    public init(id: String, unitID: UnitID, month: YearMonth, heldOn: Day? = nil, state: State = .planned,
                items: [MeetingItem] = [], notes: String = "") {
        self.id = id
        self.unitID = unitID
        self.month = month
        self.heldOn = heldOn
        self.state = state
        self.items = items
        self.notes = notes
    }

    /// Checks that the minutes can be confirmed: held on a day of its month, and every
    /// decision taken has its three parties and is complete. A concern the meeting did not
    /// decide is deferred (it stays undefined and comes up again next month), but a meeting
    /// with concerns to define that decided none of them is refused as a likely mistake.
    public func validateMinutes() throws(MeetingError) {
        guard state == .planned else { throw .alreadyConfirmed(id) }
        guard let heldOn else { throw .notHeld(id) }
        guard month.contains(heldOn) else { throw .heldOutsideMonth(heldOn, month) }
        let toDefine = items.filter { $0.purpose == .define }
        for item in toDefine {
            guard let decision = item.decision else { continue }
            guard item.parties.isComplete else { throw .partiesMissing(item.concern) }
            try decision.validate(for: item.concern)
        }
        if let first = toDefine.first, !toDefine.contains(where: { $0.decision != nil }) { throw .decisionMissing(first.concern) }
    }

    /// The id of a unit's meeting for a month: HY-2026-12 for the company's, HY-2026-12-d-yj
    /// for a department's or a team's. The one place the scheme is written.
    public static func id(unit: UnitID, month: YearMonth, in organisation: Organisation) -> String {
        organisation.company.id == unit ? "HY-\(month)" : "HY-\(month)-\(unit.rawValue)"
    }

    /// Concerns to define that the meeting left undecided.
    public var deferred: [ConcernCode] { items.filter { $0.purpose == .define && $0.decision == nil }.map(\.concern) }
}

/// Why a concern is on the agenda.
public enum AgendaPurpose: String, Sendable, Codable, CaseIterable, Labelled {
    /// New since the last meeting or put on the agenda: to define.
    case define
    /// Overdue or stuck: to review.
    case reviewOverdue = "review-overdue"
    /// Closed since the last meeting: feedback to report back.
    case reportFeedback = "report-feedback"
    /// Budding, due for its monthly review.
    case reviewBudding = "review-budding"

    public var label: LocalizedText {
        switch self {
        case .define: LocalizedText(zh: "界定问题", en: "to define")
        case .reviewOverdue: LocalizedText(zh: "逾期督查", en: "overdue review")
        case .reportFeedback: LocalizedText(zh: "反馈通报", en: "feedback report")
        case .reviewBudding: LocalizedText(zh: "萌芽复查", en: "budding review")
        }
    }
}

/// The three parties of a tri-party meeting for one concern.
public struct TriParty: Sendable, Hashable, Codable {
    public var finderID: PersonID?
    public var involved: String
    public var solvingUnitID: UnitID?

    public init(finderID: PersonID?, involved: String, solvingUnitID: UnitID?) {
        self.finderID = finderID
        self.involved = involved
        self.solvingUnitID = solvingUnitID
    }

    public var isComplete: Bool { finderID != nil && !involved.isBlank && solvingUnitID != nil }
}

public struct MeetingItem: Sendable, Hashable, Codable {
    public var concern: ConcernCode
    public var purpose: AgendaPurpose
    public var parties: TriParty
    public var decision: MeetingDecision?

    public init(concern: ConcernCode, purpose: AgendaPurpose, parties: TriParty, decision: MeetingDecision? = nil) {
        self.concern = concern
        self.purpose = purpose
        self.parties = parties
        self.decision = decision
    }
}

/// What the meeting decided for one concern.
public struct MeetingDecision: Sendable, Hashable, Codable {
    public var analysis: Analysis
    public var grade: Grade
    public var plan: String
    public var firstResponsibleID: PersonID
    public var responsibleUnitID: UnitID
    /// A deadline other than the grade policy's, which then needs a reason.
    public var deadlineOverride: Day?
    public var deadlineReason: String?

    public init(analysis: Analysis, grade: Grade, plan: String, firstResponsibleID: PersonID,
                responsibleUnitID: UnitID, deadlineOverride: Day? = nil, deadlineReason: String? = nil) {
        self.analysis = analysis
        self.grade = grade
        self.plan = plan
        self.firstResponsibleID = firstResponsibleID
        self.responsibleUnitID = responsibleUnitID
        self.deadlineOverride = deadlineOverride
        self.deadlineReason = deadlineReason
    }

    public func validate(for code: ConcernCode) throws(MeetingError) {
        guard !analysis.rootCause.isBlank else { throw .incompleteDecision(code, .rootCauseRequired) }
        guard !plan.isBlank else { throw .incompleteDecision(code, .missingForSolving([.plan])) }
        if deadlineOverride != nil {
            guard grade != .budding else { throw .incompleteDecision(code, .buddingNeedsRegrade) }
            guard let reason = deadlineReason, !reason.isBlank else {
                throw .incompleteDecision(code, .reasonRequired(.setDeadline))
            }
        }
    }

    /// The commands that carry the decision out on a concern being analysed, in order.
    /// Applied through `Workflow.apply`, so every rule still holds.
    public func commands(meetingID: String) -> [ConcernCommand] {
        var commands: [ConcernCommand] = [
            .analyse(analysis),
            .grade(grade),
            .plan(plan),
            .assign(firstResponsible: firstResponsibleID, department: responsibleUnitID),
        ]
        if let deadlineOverride, let deadlineReason {
            commands.append(.setDeadline(deadlineOverride, reason: deadlineReason))
        }
        commands.append(.define(meetingID: meetingID))
        commands.append(.link(ConcernLink(kind: .meeting, target: meetingID)))
        return commands
    }
}

public enum MeetingError: Error, Equatable, Sendable, Labelled {
    case alreadyConfirmed(String)
    case notHeld(String)
    case heldOutsideMonth(Day, YearMonth)
    case partiesMissing(ConcernCode)
    case decisionMissing(ConcernCode)
    case incompleteDecision(ConcernCode, WorkflowError)

    public var label: LocalizedText {
        switch self {
        case .alreadyConfirmed(let id):
            LocalizedText(zh: "会议 \(id) 的纪要已确认", en: "the minutes of meeting \(id) are already confirmed")
        case .notHeld(let id):
            LocalizedText(zh: "会议 \(id) 没有召开日期", en: "meeting \(id) has no date it was held on")
        case .heldOutsideMonth(let day, let month):
            LocalizedText(zh: "召开日期 \(day) 不在 \(month) 月内", en: "held on \(day), outside its month \(month)")
        case .partiesMissing(let code):
            LocalizedText(zh: "\(code) 缺少三方人员（发现者、涉及人员、解决部门）",
                          en: "\(code) lacks one of the three parties (finder, people involved, solving department)")
        case .decisionMissing(let code):
            LocalizedText(zh: "\(code) 尚无会议决定", en: "\(code) has no decision")
        case .incompleteDecision(let code, let error):
            LocalizedText(zh: "\(code)：\(error.label.zh)", en: "\(code): \(error.label.en)")
        }
    }
}

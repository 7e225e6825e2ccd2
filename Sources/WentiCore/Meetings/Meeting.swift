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
    /// Who sat, who chaired, who kept the minutes and where: recorded when the minutes are
    /// confirmed (nil while the meeting is planned).
    public var attendance: MeetingAttendance?

    public init(id: String, unitID: UnitID, month: YearMonth, heldOn: Day? = nil, state: State = .planned,
                items: [MeetingItem] = [], notes: String = "", attendance: MeetingAttendance? = nil) {
        self.id = id
        self.unitID = unitID
        self.month = month
        self.heldOn = heldOn
        self.state = state
        self.items = items
        self.notes = notes
        self.attendance = attendance
    }

    /// Checks that the minutes can be confirmed: held on a day of its month that has come
    /// (`today` or earlier) and is not before the unit's last held meeting (`lastHeldOn`),
    /// with its attendance recorded, and every decision taken has its three parties and is
    /// complete. A concern the meeting did not decide is deferred (it stays undefined and
    /// comes up again next month), but a meeting with concerns to define that decided none
    /// of them is refused as a likely mistake.
    public func validateMinutes(today: Day, lastHeldOn: Day?) throws(MeetingError) {
        guard state == .planned else { throw .alreadyConfirmed(id) }
        guard let heldOn else { throw .notHeld(id) }
        // A date in the future would start every decided deadline from a day not yet come.
        guard month.firstDay <= today else { throw .monthNotCome(id, month) }
        guard heldOn <= today else { throw .heldInFuture(heldOn, today: today) }
        guard month.contains(heldOn) else { throw .heldOutsideMonth(heldOn, month) }
        if let lastHeldOn, heldOn < lastHeldOn { throw .heldBeforeLast(heldOn, last: lastHeldOn) }
        let toDefine = items.filter { $0.purpose == .define }
        for item in toDefine {
            guard let decision = item.decision else { continue }
            guard item.parties.isComplete else { throw .partiesMissing(item.concern) }
            try decision.validate(for: item.concern)
        }
        if let first = toDefine.first, !toDefine.contains(where: { $0.decision != nil }) { throw .decisionMissing(first.concern) }
        guard let attendance else { throw .attendanceMissing(.chair) }
        if let missing = attendance.missing { throw .attendanceMissing(missing) }
    }

    /// The id of a unit's meeting for a month: HY-2026-12 for the company's, HY-2026-12-d-yj
    /// for a department's or a team's. The one place the scheme is written.
    public static func id(unit: UnitID, month: YearMonth, in organisation: Organisation) -> String {
        organisation.company.id == unit ? "HY-\(month)" : "HY-\(month)-\(unit.rawValue)"
    }

    /// Concerns to define that the meeting left undecided.
    public var deferred: [ConcernCode] { items.filter { $0.purpose == .define && $0.decision == nil }.map(\.concern) }

    /// Concerns to define that the meeting decided.
    public var decided: [ConcernCode] { items.filter { $0.purpose == .define && $0.decision != nil }.map(\.concern) }
}

/// Who attended a held meeting, who chaired it, who kept the minutes and where it sat.
public struct MeetingAttendance: Sendable, Hashable, Codable {
    public enum Field: String, Sendable, Codable, CaseIterable {
        case chair, recorder, place, attendees
    }

    public var chairID: PersonID?
    public var recorderID: PersonID?
    public var place: String
    /// The people present, as written in the minutes (staff representatives need not be
    /// people of the organisation).
    public var attendees: [String]

    public init(chairID: PersonID?, recorderID: PersonID?, place: String, attendees: [String]) {
        self.chairID = chairID
        self.recorderID = recorderID
        self.place = place
        self.attendees = attendees
    }

    /// The first field the minutes still lack (nil: complete).
    public var missing: Field? {
        if chairID == nil { return .chair }
        if recorderID == nil { return .recorder }
        if place.isBlank { return .place }
        return attendees.contains(where: { !$0.isBlank }) ? nil : .attendees
    }

    public static func fieldLabel(_ field: Field) -> LocalizedText {
        switch field {
        case .chair: LocalizedText(zh: "主持人", en: "chair")
        case .recorder: LocalizedText(zh: "记录人", en: "recorder")
        case .place: LocalizedText(zh: "地点", en: "place")
        case .attendees: LocalizedText(zh: "参会人员", en: "attendees")
        }
    }
}

/// How an agenda item's concern stood when the meeting sat, kept with the held minutes so
/// that they read the same a year later, whatever has happened to the concern since.
public struct ItemSnapshot: Sendable, Hashable, Codable {
    public var stage: Stage
    public var grade: Grade?

    public init(stage: Stage, grade: Grade?) {
        self.stage = stage
        self.grade = grade
    }

    public init(_ concern: Concern) {
        self.init(stage: concern.stage, grade: concern.grade)
    }
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
    /// The held meeting that deferred this concern, when it comes up again to define.
    public var deferredFrom: String?
    /// The concern as the meeting left it (set when the minutes are confirmed).
    public var snapshot: ItemSnapshot?

    public init(concern: ConcernCode, purpose: AgendaPurpose, parties: TriParty, decision: MeetingDecision? = nil,
                deferredFrom: String? = nil, snapshot: ItemSnapshot? = nil) {
        self.concern = concern
        self.purpose = purpose
        self.parties = parties
        self.decision = decision
        self.deferredFrom = deferredFrom
        self.snapshot = snapshot
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
    case heldInFuture(Day, today: Day)
    /// The meeting's month has not begun: it cannot have sat yet.
    case monthNotCome(String, YearMonth)
    case heldBeforeLast(Day, last: Day)
    case attendanceMissing(MeetingAttendance.Field)
    /// A second pending agenda for the same unit and month.
    case alreadyPlanned(unit: UnitID, month: YearMonth, existing: String)
    /// A concern already on another pending agenda.
    case onAnotherAgenda(ConcernCode, String)
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
        case .heldInFuture(let day, let today):
            LocalizedText(zh: "召开日期 \(day) 晚于今天 \(today)：会议开过后才能确认纪要",
                          en: "held on \(day) is after today (\(today)): confirm the minutes once the meeting has sat")
        case .monthNotCome(let id, let month):
            LocalizedText(zh: "会议 \(id) 是 \(month) 的会议：该月开会之后才能确认纪要",
                          en: "meeting \(id) is for \(month): confirm its minutes once it has sat in that month")
        case .heldBeforeLast(let day, let last):
            LocalizedText(zh: "召开日期 \(day) 早于本单位上次会议（\(last)）", en: "held on \(day) is before the unit's last meeting (\(last))")
        case .attendanceMissing(let field):
            LocalizedText(zh: "纪要缺少\(MeetingAttendance.fieldLabel(field).zh)", en: "the minutes lack the \(MeetingAttendance.fieldLabel(field).en)")
        case .alreadyPlanned(let unit, let month, let existing):
            LocalizedText(zh: "\(unit) \(month) 已有待召开的会议 \(existing)", en: "\(unit) already has a pending meeting for \(month): \(existing)")
        case .onAnotherAgenda(let code, let other):
            LocalizedText(zh: "\(code) 已在待召开会议 \(other) 的议程上", en: "\(code) is already on the pending agenda of \(other)")
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

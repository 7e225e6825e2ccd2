/// Builds a tri-party meeting's agenda from the data, never from typing: the concerns to
/// define, the overdue or stuck ones, the closed ones whose feedback is reported back, and
/// the budding ones due for their monthly review.
///
/// Pure: it classifies the candidate concerns it is given (the store narrows them to the
/// meeting's unit and stages first), so it can be tested on hand-built fixtures.
public struct AgendaBuilder: Sendable {
    /// A concern in the clock-running stages with no progress for this many days is stuck.
    public static let stuckAfterDays = 30

    public var organisation: Organisation
    /// The day the agenda is prepared: overdue and stuck are judged on it.
    public var today: Day
    /// The day the unit's previous meeting was held (nil: none yet): "new since" and
    /// "closed since" count from it.
    public var lastHeldOn: Day?
    /// Concerns a held meeting left undecided, with the latest such meeting: they come up
    /// again to define, marked as deferred.
    public var deferredAt: [ConcernCode: String]
    /// Concerns on another pending agenda, with its meeting: they are not put on this one.
    public var pendingElsewhere: [ConcernCode: String]

    public init(organisation: Organisation, today: Day, lastHeldOn: Day?,
                deferredAt: [ConcernCode: String] = [:], pendingElsewhere: [ConcernCode: String] = [:]) {
        self.organisation = organisation
        self.today = today
        self.lastHeldOn = lastHeldOn
        self.deferredAt = deferredAt
        self.pendingElsewhere = pendingElsewhere
    }

    /// What `meetings` tell a builder of `meeting`'s agenda: for each concern a held meeting
    /// deferred, the latest of those meetings; for each concern on another planned meeting,
    /// that meeting.
    public static func history(of meetings: [Meeting], for meeting: Meeting) -> (deferredAt: [ConcernCode: String], pendingElsewhere: [ConcernCode: String]) {
        var deferred: [ConcernCode: (month: YearMonth, id: String)] = [:]
        var pending: [ConcernCode: String] = [:]
        for other in meetings where other.id != meeting.id {
            switch other.state {
            case .held:
                for code in other.deferred where deferred[code].map({ $0.month < other.month }) ?? true {
                    deferred[code] = (other.month, other.id)
                }
            case .planned:
                for item in other.items where pending[item.concern] == nil { pending[item.concern] = other.id }
            }
        }
        return (deferred.mapValues(\.id), pending)
    }

    /// Why `concern` belongs on the agenda of a meeting in `month` (nil: it does not).
    /// A concern put on this meeting's agenda by hand is always there to define.
    public func purpose(of concern: Concern, meetingID: String, month: YearMonth) -> AgendaPurpose? {
        switch concern.stage {
        case .found, .analysing:
            let requested = concern.links.contains { $0.kind == .meeting && $0.target == meetingID }
            let isNew = lastHeldOn.map { concern.reportedOn > $0 } ?? true
            // Older undefined concerns stay on until defined: the method leaves none behind,
            // and one a meeting deferred comes up again at the next.
            return requested || isNew || deferredAt[concern.code] != nil || !hasBeenOnAMeeting(concern) ? .define : nil
        case .defined, .solving:
            return DeadlineClock.isOverdue(concern, today: today) || isStuck(concern) ? .reviewOverdue : nil
        case .closed:
            guard let closedOn = concern.closedOn else { return nil }
            return closedOn > (lastHeldOn ?? month.previous.firstDay.adding(days: -1)) ? .reportFeedback : nil
        case .watch:
            guard let review = concern.nextReview else { return .reviewBudding }
            return review <= month.lastDay ? .reviewBudding : nil
        case .awaitingFeedback, .referred:
            return nil
        }
    }

    /// Why `concern` cannot be put on an agenda by hand (nil: it can): it is on a pending
    /// agenda already, or it is no longer a concern to define. A link to a meeting in
    /// `heldMeetings` does not count: that meeting either decided the concern (then its stage
    /// says so) or deferred it, and a deferred concern must be able to go on the next agenda.
    public static func whyNotOnAgenda(_ concern: Concern, heldMeetings: Set<String>) -> LocalizedText? {
        if let meeting = concern.links.first(where: { $0.kind == .meeting && !heldMeetings.contains($0.target) }) {
            return LocalizedText(zh: "已在会议 \(meeting.target) 的议程上", en: "already on the agenda of \(meeting.target)")
        }
        return [.found, .analysing].contains(concern.stage) ? nil
            : LocalizedText(zh: "只有待界定的问题（已发现、分析中）列入议程", en: "only concerns still to define (found, analysing) go on the agenda")
    }

    /// No progress recorded for `stuckAfterDays` while the clock runs.
    public func isStuck(_ concern: Concern) -> Bool {
        guard concern.stage.hasRunningDeadline, concern.pausedSince == nil else { return false }
        let lastMove = concern.notes.map(\.on).max() ?? concern.reportedOn
        return today.days(since: lastMove) > Self.stuckAfterDays
    }

    private func hasBeenOnAMeeting(_ concern: Concern) -> Bool {
        concern.links.contains { $0.kind == .meeting }
    }

    /// The agenda for `meeting`: its generated items in purpose order (most pressing grade
    /// first within), keeping the parties and decisions already entered on items that are
    /// still on it. Items whose concern no longer qualifies are dropped, except a decision
    /// already taken (kept so no recorded work is lost).
    public func agenda(for meeting: Meeting, candidates: [Concern]) -> [MeetingItem] {
        let existing = Dictionary(meeting.items.map { (ItemKey($0.concern, $0.purpose), $0) }, uniquingKeysWith: { first, _ in first })
        var seen = Set<ItemKey>()
        var generated: [(item: MeetingItem, rank: Int)] = []
        for concern in candidates {
            // One pending agenda per concern: what another pending meeting will discuss is not
            // put on this one too.
            guard pendingElsewhere[concern.code] == nil else { continue }
            guard let purpose = purpose(of: concern, meetingID: meeting.id, month: meeting.month) else { continue }
            let key = ItemKey(concern.code, purpose)
            guard seen.insert(key).inserted else { continue }
            let proposed = parties(of: concern, for: purpose)
            var item = existing[key] ?? MeetingItem(concern: concern.code, purpose: purpose, parties: proposed)
            // What the record knows fills what was left blank; what someone entered stays.
            item.parties.finderID = item.parties.finderID ?? proposed.finderID
            if item.parties.involved.isBlank { item.parties.involved = proposed.involved }
            item.parties.solvingUnitID = item.parties.solvingUnitID ?? proposed.solvingUnitID
            if purpose == .define { item.deferredFrom = deferredAt[concern.code] }
            generated.append((item, concern.grade.map { Grade.allCases.firstIndex(of: $0)! } ?? 9))
        }
        for item in meeting.items where item.decision != nil && !seen.contains(ItemKey(item.concern, item.purpose)) {
            generated.append((item, 0))
        }
        let order = Dictionary(uniqueKeysWithValues: AgendaPurpose.allCases.enumerated().map { ($1, $0) })
        return generated.sorted {
            (order[$0.item.purpose]!, $0.rank, $0.item.concern) < (order[$1.item.purpose]!, $1.rank, $1.item.concern)
        }.map(\.item)
    }

    /// The three parties as the record knows them: the finder, the people involved (or the
    /// unit involved, or the concern's own unit), and the department that will solve it.
    public func parties(of concern: Concern, for purpose: AgendaPurpose) -> TriParty {
        let involvedUnit = concern.involvedUnitID ?? concern.unitID
        let involved = concern.involvedPeople.isBlank ? (organisation.unit(involvedUnit)?.name ?? "") : concern.involvedPeople
        let solving = concern.responsibleUnitID ?? (purpose == .define ? solvingDepartment(for: concern) : nil)
        return TriParty(finderID: concern.finderID, involved: involved, solvingUnitID: solving)
    }

    /// A proposal for the department that will solve a new concern: the department its
    /// library belongs to (the meeting may change it).
    func solvingDepartment(for concern: Concern) -> UnitID {
        organisation.department(of: concern.unitID)
    }

    private struct ItemKey: Hashable {
        var code: ConcernCode
        var purpose: AgendaPurpose
        init(_ code: ConcernCode, _ purpose: AgendaPurpose) {
            self.code = code
            self.purpose = purpose
        }
    }
}

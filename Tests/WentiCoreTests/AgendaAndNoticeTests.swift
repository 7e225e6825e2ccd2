import Foundation
import Testing
@testable import WentiCore

@Suite("Agenda construction and notice rules")
struct AgendaAndNoticeTests {
    /// Builds a concern with a code and whatever the test sets on it.
    static func concern(_ sequence: Int, _ stage: Stage, reported: String = "2026-11-05", configure: (inout Concern) -> Void = { _ in }) throws -> Concern {
        var concern = try Fixtures.found()
        concern.code = ConcernCode(year: 2026, sequence: sequence)
        concern.stage = stage
        concern.reportedOn = Day(reported)!
        configure(&concern)
        return concern
    }

    static let lastHeld = Day("2026-10-28")!
    static let today = Day("2026-11-25")!
    static let builder = AgendaBuilder(organisation: Fixtures.organisation, today: today, lastHeldOn: lastHeld)
    static let meeting = Meeting(id: "HY-2026-12", unitID: "co", month: YearMonth("2026-12")!)

    @Test func eachKindOfConcernGetsItsPurpose() throws {
        let newOne = try Self.concern(1, .found)
        let oldDefinedBefore = try Self.concern(2, .analysing, reported: "2026-09-01") { $0.links = [ConcernLink(kind: .meeting, target: "HY-2026-10")] }
        let requested = try Self.concern(3, .analysing, reported: "2026-09-01") { $0.links = [ConcernLink(kind: .meeting, target: "HY-2026-12")] }
        let overdue = try Self.concern(4, .solving, reported: "2026-10-01") {
            $0.grade = .urgent; $0.deadline = Day("2026-11-10"); $0.notes = [ProgressNote(on: Day("2026-11-20")!, authorID: "pw", text: "进行中")]
        }
        let onTrack = try Self.concern(5, .solving, reported: "2026-11-01") {
            $0.grade = .general; $0.deadline = Day("2026-12-30"); $0.notes = [ProgressNote(on: Day("2026-11-20")!, authorID: "pw", text: "进行中")]
        }
        let stuck = try Self.concern(6, .defined, reported: "2026-10-01") { $0.grade = .major; $0.deadline = Day("2026-12-20") }
        let closedSince = try Self.concern(7, .closed, reported: "2026-09-01") { $0.closedOn = Day("2026-11-02") }
        let closedBefore = try Self.concern(8, .closed, reported: "2026-09-01") { $0.closedOn = Day("2026-10-20") }
        let buddingDue = try Self.concern(9, .watch, reported: "2026-10-01") { $0.grade = .budding; $0.nextReview = Day("2026-12-05") }
        let buddingLater = try Self.concern(10, .watch, reported: "2026-10-01") { $0.grade = .budding; $0.nextReview = Day("2027-01-05") }
        let waiting = try Self.concern(11, .awaitingFeedback)

        let purposes = [newOne, oldDefinedBefore, requested, overdue, onTrack, stuck, closedSince, closedBefore, buddingDue, buddingLater, waiting]
            .map { Self.builder.purpose(of: $0, meetingID: Self.meeting.id, month: Self.meeting.month) }
        #expect(purposes == [.define, nil, .define, .reviewOverdue, nil, .reviewOverdue, .reportFeedback, nil, .reviewBudding, nil, nil])
    }

    @Test func agendaIsOrderedByPurposeThenGradeAndKeepsEnteredWork() throws {
        let general = try Self.concern(1, .analysing) { $0.grade = .general }
        let urgent = try Self.concern(2, .found) { $0.grade = .urgent }
        let closed = try Self.concern(3, .closed) { $0.closedOn = Day("2026-11-10") }
        var meeting = Self.meeting
        let decision = MeetingDecision(analysis: Fixtures.analysis, grade: .general, plan: "合并报表", firstResponsibleID: "dh1", responsibleUnitID: "d1")
        meeting.items = [MeetingItem(concern: general.code, purpose: .define,
                                     parties: TriParty(finderID: "pw", involved: "变电运维班", solvingUnitID: "d1"), decision: decision)]
        let agenda = Self.builder.agenda(for: meeting, candidates: [closed, general, urgent, general])
        #expect(agenda.map(\.concern.sequence) == [2, 1, 3])
        #expect(agenda.map(\.purpose) == [.define, .define, .reportFeedback])
        #expect(agenda[1].decision == decision, "the decision already entered stays")
        // The proposed parties: the finder, the people written down (else the unit), the department.
        #expect(agenda[0].parties == TriParty(finderID: "pw", involved: "变电运维班", solvingUnitID: "d1"))
        #expect(agenda[2].parties.solvingUnitID == nil)
    }

    @Test func aDeferredConcernComesBackMarkedAndOneOnAnotherPendingAgendaStaysThere() throws {
        // Linked to October's meeting and reported before it: without the history it would be left off.
        let deferred = try Self.concern(2, .analysing, reported: "2026-09-01") { $0.links = [ConcernLink(kind: .meeting, target: "HY-2026-10")] }
        let pendingElsewhere = try Self.concern(3, .found)
        let fresh = try Self.concern(4, .found)
        let held = Meeting(id: "HY-2026-10", unitID: "co", month: YearMonth("2026-10")!, heldOn: Self.lastHeld, state: .held, items: [
            MeetingItem(concern: deferred.code, purpose: .define, parties: TriParty(finderID: "pw", involved: "班组", solvingUnitID: "d1")),
        ])
        let november = Meeting(id: "HY-2026-11", unitID: "co", month: YearMonth("2026-11")!, items: [
            MeetingItem(concern: pendingElsewhere.code, purpose: .define, parties: TriParty(finderID: "pw", involved: "班组", solvingUnitID: "d1")),
        ])
        #expect(Self.builder.agenda(for: Self.meeting, candidates: [deferred]).isEmpty, "the rule this test is about")
        let history = AgendaBuilder.history(of: [held, november, Self.meeting], for: Self.meeting)
        let builder = AgendaBuilder(organisation: Fixtures.organisation, today: Self.today, lastHeldOn: Self.lastHeld,
                                    deferredAt: history.deferredAt, pendingElsewhere: history.pendingElsewhere)
        let agenda = builder.agenda(for: Self.meeting, candidates: [deferred, pendingElsewhere, fresh])
        #expect(agenda.map(\.concern.sequence) == [2, 4])
        #expect(agenda.map(\.deferredFrom) == ["HY-2026-10", nil])
    }

    @Test func aDecidedItemStaysWhenItsConcernNoLongerQualifies() throws {
        let defined = try Self.concern(1, .defined) { $0.grade = .general; $0.deadline = Day("2027-01-10") }
        var meeting = Self.meeting
        let decision = MeetingDecision(analysis: Fixtures.analysis, grade: .general, plan: "p", firstResponsibleID: "dh1", responsibleUnitID: "d1")
        meeting.items = [
            MeetingItem(concern: defined.code, purpose: .define, parties: TriParty(finderID: "pw", involved: "x", solvingUnitID: "d1"), decision: decision),
            MeetingItem(concern: ConcernCode(year: 2026, sequence: 9), purpose: .define, parties: TriParty(finderID: "pw", involved: "y", solvingUnitID: "d1")),
        ]
        let agenda = Self.builder.agenda(for: meeting, candidates: [defined])
        #expect(agenda.map(\.concern.sequence) == [1])
    }

    @Test func minutesNeedPartiesDecisionsAndADayInTheMonth() throws {
        var meeting = Self.meeting
        meeting.items = [MeetingItem(concern: ConcernCode(year: 2026, sequence: 1), purpose: .define,
                                     parties: TriParty(finderID: "pw", involved: "", solvingUnitID: "d1"))]
        #expect(throws: MeetingError.notHeld("HY-2026-12")) { try meeting.validateMinutes(today: Day("2026-12-31")!, lastHeldOn: nil) }
        meeting.heldOn = Day("2026-11-30")
        #expect(throws: MeetingError.heldOutsideMonth(Day("2026-11-30")!, YearMonth("2026-12")!)) { try meeting.validateMinutes(today: Day("2026-12-31")!, lastHeldOn: nil) }
        meeting.heldOn = Day("2026-12-03")
        #expect(throws: MeetingError.decisionMissing(ConcernCode(year: 2026, sequence: 1))) { try meeting.validateMinutes(today: Day("2026-12-31")!, lastHeldOn: nil) }
        meeting.items[0].decision = MeetingDecision(analysis: Fixtures.analysis, grade: .major, plan: "p", firstResponsibleID: "dh1",
                                                    responsibleUnitID: "d1", deadlineOverride: Day("2026-12-20"), deadlineReason: " ")
        #expect(throws: MeetingError.partiesMissing(ConcernCode(year: 2026, sequence: 1))) { try meeting.validateMinutes(today: Day("2026-12-31")!, lastHeldOn: nil) }
        meeting.items[0].parties.involved = "班组"
        #expect(throws: MeetingError.incompleteDecision(ConcernCode(year: 2026, sequence: 1), .reasonRequired(.setDeadline))) { try meeting.validateMinutes(today: Day("2026-12-31")!, lastHeldOn: nil) }
        meeting.items[0].decision?.deadlineReason = "年底检修窗口"
        // A second concern left undecided is deferred, not refused.
        meeting.items.append(MeetingItem(concern: ConcernCode(year: 2026, sequence: 2), purpose: .define,
                                         parties: TriParty(finderID: nil, involved: "", solvingUnitID: nil)))
        #expect(meeting.deferred == [ConcernCode(year: 2026, sequence: 2)])
        #expect(throws: MeetingError.attendanceMissing(.chair)) { try meeting.validateMinutes(today: Day("2026-12-31")!, lastHeldOn: nil) }
        meeting.attendance = Self.attendance
        try meeting.validateMinutes(today: Day("2026-12-31")!, lastHeldOn: nil)
    }

    static let attendance = MeetingAttendance(chairID: "pw", recorderID: "pw", place: "三楼会议室", attendees: ["政工部", "运维班"])

    @Test func minutesAreHeldOnADayThatHasComeAndAfterTheUnitsLastMeeting() throws {
        var meeting = Self.meeting
        meeting.items = [MeetingItem(concern: ConcernCode(year: 2026, sequence: 1), purpose: .define,
                                     parties: TriParty(finderID: "pw", involved: "班组", solvingUnitID: "d1"),
                                     decision: MeetingDecision(analysis: Fixtures.analysis, grade: .general, plan: "p",
                                                               firstResponsibleID: "dh1", responsibleUnitID: "d1"))]
        meeting.attendance = Self.attendance
        meeting.heldOn = Day("2026-12-10")
        #expect(throws: MeetingError.heldInFuture(Day("2026-12-10")!, today: Day("2026-12-09")!)) {
            try meeting.validateMinutes(today: Day("2026-12-09")!, lastHeldOn: nil)
        }
        #expect(throws: MeetingError.heldBeforeLast(Day("2026-12-10")!, last: Day("2026-12-12")!)) {
            try meeting.validateMinutes(today: Day("2026-12-20")!, lastHeldOn: Day("2026-12-12"))
        }
        try meeting.validateMinutes(today: Day("2026-12-10")!, lastHeldOn: Day("2026-12-10"))
        meeting.attendance?.place = " "
        #expect(throws: MeetingError.attendanceMissing(.place)) { try meeting.validateMinutes(today: Day("2026-12-10")!, lastHeldOn: nil) }
    }

    @Test func noticesMoveForwardAndChasersAreAnsweredInOrder() throws {
        let issued = Day("2026-11-01")!
        #expect(throws: NoticeError.noDeadlineNodes) {
            try SupervisionNotice(id: "DB-1", concern: ConcernCode(year: 2026, sequence: 1), issuedOn: issued, issuedByID: "pw", toUnitID: "d1", toPersonID: "dh1", nodes: [])
        }
        #expect(throws: NoticeError.nodeBeforeIssue(Day("2026-10-30")!)) {
            try SupervisionNotice(id: "DB-1", concern: ConcernCode(year: 2026, sequence: 1), issuedOn: issued, issuedByID: "pw", toUnitID: "d1",
                                  toPersonID: "dh1", nodes: [.init(title: "a", due: Day("2026-10-30")!)])
        }
        var notice = try SupervisionNotice(id: "DB-1", concern: ConcernCode(year: 2026, sequence: 1), issuedOn: issued, issuedByID: "pw",
                                           toUnitID: "d1", toPersonID: "dh1",
                                           nodes: [.init(title: "完成", due: Day("2026-11-20")!), .init(title: "方案", due: Day("2026-11-10")!)])
        #expect(notice.nodes.map(\.title) == ["方案", "完成"], "nodes in date order")
        #expect(throws: NoticeError.illegalMove(.issued, .completed)) { try notice.advanced(to: .completed) }
        #expect(!notice.isOverdue(today: Day("2026-11-10")!))
        #expect(notice.daysOverdue(today: Day("2026-11-13")!) == 3, "counted from the first missed node")
        #expect(notice.nextOpenNode(today: Day("2026-11-13")!)?.title == "完成")
        #expect(notice.nextOpenNode(today: Day("2026-11-21")!) == nil, "no node is next once all have passed")
        #expect(notice.chaserDue(today: Day("2026-11-13")!) == Day("2026-11-20")!, "a chaser asks by the next node")
        #expect(notice.chaserDue(today: Day("2026-11-21")!) == Day("2026-11-24")!, "or a few days ahead when none is left")
        #expect(throws: NoticeError.noOpenChaser) { try notice.chaserAnswered(on: Day("2026-11-13")!) }
        #expect(throws: NoticeError.blankChaser) { try notice.chased(on: Day("2026-11-13")!, by: "pw", text: "　") }
        notice = try notice.chased(on: Day("2026-11-13")!, by: "pw", text: "请说明原因")
        notice = try notice.chased(on: Day("2026-11-15")!, by: "pw", text: "再次催办")
        #expect(notice.openChasers == 2)
        #expect(throws: NoticeError.answerBeforeChaser(Day("2026-11-12")!)) { try notice.chaserAnswered(on: Day("2026-11-12")!) }
        notice = try notice.chaserAnswered(on: Day("2026-11-16")!)
        #expect(notice.chasers.map(\.answeredOn) == [Day("2026-11-16"), nil])
        notice = try notice.advanced(to: .acknowledged).advanced(to: .progressReported).advanced(to: .progressReported).advanced(to: .completed)
        #expect(!notice.isOverdue(today: Day("2026-12-30")!))
        #expect(throws: NoticeError.chaseCompleted) { try notice.chased(on: Day("2026-12-01")!, by: "pw", text: "x") }
        #expect(throws: NoticeError.illegalMove(.completed, .acknowledged)) { try notice.advanced(to: .acknowledged) }
    }

    @Test func oneOpenNoticePerConcernUnlessTheNewOneReplacesIt() throws {
        let issued = Day("2026-11-01")!
        let code = ConcernCode(year: 2026, sequence: 7)
        func notice(_ id: String, on concern: ConcernCode = code) throws -> SupervisionNotice {
            try SupervisionNotice(id: id, concern: concern, issuedOn: issued, issuedByID: "pw", toUnitID: "d1", toPersonID: "dh1",
                                  nodes: [.init(title: "完成", due: Day("2026-11-20")!)])
        }
        let open = try notice("DB-2026-001").advanced(to: .acknowledged)
        let draft = try notice("")
        #expect(throws: NoticeError.openNoticeExists(notice: "DB-2026-001", concern: code)) {
            try SupervisionNotice.replacement(for: draft, replacing: nil, among: [open])
        }
        let replaced = try #require(try SupervisionNotice.replacement(for: draft, replacing: "DB-2026-001", among: [open]))
        #expect(replaced.id == "DB-2026-001" && replaced.state == .replaced && !replaced.isOpen)
        // A replaced notice is closed: neither late nor chased, and it goes nowhere.
        #expect(!replaced.isOverdue(today: Day("2026-12-30")!) && replaced.daysOverdue(today: Day("2026-12-30")!) == 0)
        #expect(throws: NoticeError.chaseCompleted) { try replaced.chased(on: Day("2026-12-01")!, by: "pw", text: "x") }
        #expect(throws: NoticeError.illegalMove(.replaced, .completed)) { try replaced.advanced(to: .completed) }
        // Only an open notice of the same concern can be replaced.
        #expect(throws: NoticeError.replacesClosedNotice(notice: "DB-2026-001", state: .replaced)) {
            try SupervisionNotice.replacement(for: draft, replacing: "DB-2026-001", among: [replaced])
        }
        let other = try notice("DB-2026-009", on: ConcernCode(year: 2026, sequence: 8))
        #expect(throws: NoticeError.replacesOtherConcern(notice: "DB-2026-009", concern: other.concern)) {
            try SupervisionNotice.replacement(for: draft, replacing: "DB-2026-009", among: [other])
        }
        #expect(throws: NoticeError.unknownNotice("DB-2026-404")) { try SupervisionNotice.replacement(for: draft, replacing: "DB-2026-404", among: []) }
        // A completed notice leaves the concern free for a new one.
        let completed = try open.advanced(to: .completed)
        #expect(try SupervisionNotice.replacement(for: draft, replacing: nil, among: [completed, other]) == nil)
    }

    @Test func aConcernDeferredAtAHeldMeetingMayGoOnTheNextAgendaByHand() throws {
        let deferred = try Self.concern(12, .analysing) { $0.links = [ConcernLink(kind: .meeting, target: "HY-2026-11")] }
        // Linked to a meeting that has sat (and left it undecided): it may go on the next agenda.
        #expect(AgendaBuilder.whyNotOnAgenda(deferred, heldMeetings: ["HY-2026-11"]) == nil)
        // Linked to a meeting still to sit: it is on that agenda already.
        #expect(AgendaBuilder.whyNotOnAgenda(deferred, heldMeetings: [])?.en == "already on the agenda of HY-2026-11")
        var planned = deferred
        planned.links.append(ConcernLink(kind: .meeting, target: "HY-2026-12"))
        #expect(AgendaBuilder.whyNotOnAgenda(planned, heldMeetings: ["HY-2026-11"])?.en == "already on the agenda of HY-2026-12")
        // A concern a held meeting decided is past defining, whatever its links.
        let decided = try Self.concern(13, .defined) { $0.links = [ConcernLink(kind: .meeting, target: "HY-2026-11")] }
        #expect(AgendaBuilder.whyNotOnAgenda(decided, heldMeetings: ["HY-2026-11"]) != nil)
    }
}

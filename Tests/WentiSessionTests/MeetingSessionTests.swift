import Foundation
import Testing
@testable import WentiCore
@testable import WentiSession
@testable import WentiStore

@Suite("Tri-party meetings through the session, on the demo")
struct MeetingSessionTests {
    static let december = "HY-2026-12"
    static let decemberToDefine = ["Q-2026-0004", "Q-2026-0013", "Q-2026-0022", "Q-2026-0030"].map { ConcernCode($0)! }
    static let attendance = MeetingAttendance(chairID: "ld-zhou", recorderID: "zg-zhao", place: "公司三楼会议室", attendees: ["周建国", "赵雅琴"])

    static func decision(responsible: PersonID = "bz-zheng", unit: UnitID = "d-yj") -> MeetingDecision {
        MeetingDecision(analysis: Analysis(rootCause: "值班安排不合理"), grade: .general, plan: "调整排班", firstResponsibleID: responsible,
                        responsibleUnitID: unit)
    }

    @Test func theDemosHeldMeetingsRecordTheirDecisionsAttendanceAndHowEachItemStood() async throws {
        let fixture = try await DemoFixture(day: "2026-12-05")
        let session = try await fixture.session(DemoFixture.creatorLogin)
        let meetings = try await session.meetings()
        let held = meetings.filter { $0.state == .held }
        #expect(held.map(\.id).sorted() == ["HY-2026-09", "HY-2026-10", "HY-2026-11"])
        for meeting in held {
            #expect(meeting.deferred.isEmpty, "\(meeting.id) defined everything it was to define")
            #expect(meeting.decided.count == meeting.items.filter { $0.purpose == .define }.count && !meeting.decided.isEmpty)
            #expect(meeting.attendance?.missing == nil && meeting.attendance?.chairID != nil, "\(meeting.id) has its attendance")
            #expect(meeting.items.allSatisfy { $0.snapshot != nil })
        }
        // Q-2026-0001 is closed now; September's minutes show it as the meeting left it.
        let september = try #require(held.first { $0.id == "HY-2026-09" })
        let first = try #require(september.items.first { $0.concern == ConcernCode("Q-2026-0001")! })
        #expect(try await fixture.concern("Q-2026-0001").stage == .closed)
        #expect(first.snapshot == ItemSnapshot(stage: .defined, grade: .general))
        #expect(first.decision?.firstResponsibleID == "bz-zheng")
        #expect(try #require(meetings.first { $0.id == Self.december }).notes.contains("待召开") == false,
                "the state is shown apart, so the note still reads right once it is held")
    }

    @Test func nextMonthsAgendaLeavesWhatThisMonthsPendingOneWillDiscuss() async throws {
        let fixture = try await DemoFixture(day: "2026-12-05")
        let session = try await fixture.session(DemoFixture.creatorLogin)
        let january = try await session.prepareAgenda(unit: "co", month: YearMonth("2027-01")!)
        #expect(Set(january.items.map(\.concern)).isDisjoint(with: Self.decemberToDefine), "they stand on \(Self.december)")
        // Preparing December again gives the one pending meeting, not a second.
        #expect(try await session.prepareAgenda(unit: "co", month: YearMonth("2026-12")!).id == Self.december)
        #expect(try await session.meetings().filter { $0.unitID == "co" && $0.month == YearMonth("2026-12")! }.count == 1)
    }

    @Test func confirmingIsRefusedForADayNotYetComeAndWhatIsDeferredComesBackMarked() async throws {
        let fixture = try await DemoFixture(day: "2026-12-05")
        let session = try await fixture.session(DemoFixture.creatorLogin)
        let decided = Self.decemberToDefine[0]
        var meeting = try await session.prepareAgenda(unit: "co", month: YearMonth("2026-12")!)
        let index = try #require(meeting.items.firstIndex { $0.concern == decided })
        meeting.items[index].parties.solvingUnitID = "d-yj"
        meeting.items[index].decision = Self.decision()
        try await session.saveDecisions(meeting)

        let future = Day("2026-12-10")!
        await #expect(throws: StoreError.meeting(.heldInFuture(future, today: Day("2026-12-05")!))) {
            try await session.confirmMinutes(Self.december, heldOn: future, attendance: Self.attendance)
        }
        #expect(try await fixture.concern(decided.description).stage != .defined, "nothing was applied")
        #expect(StoreError.meeting(.heldInFuture(future, today: Day("2026-12-05")!)).label.zh.contains("晚于今天"))

        // One of those the meeting will defer was put on its agenda by hand (A): linked to it.
        let linked = Self.decemberToDefine[1]
        _ = try await session.perform([.link(ConcernLink(kind: .meeting, target: Self.december))], on: linked)
        await #expect(throws: SessionError.self, "on a pending agenda already") { try await session.putOnAgenda(try await fixture.concern(linked.description)) }
        let held = try await session.confirmMinutes(Self.december, heldOn: Day("2026-12-04")!, attendance: Self.attendance)
        #expect(held.decided == [decided] && Set(Self.decemberToDefine.dropFirst()).isSubset(of: held.deferred))
        let january = try await session.agenda(unit: "co", month: YearMonth("2027-01")!)
        for code in Self.decemberToDefine.dropFirst() {
            let item = try #require(january.items.first { $0.concern == code && $0.purpose == .define }, "\(code) comes back")
            #expect(item.deferredFrom == Self.december)
        }
        #expect(january.items.contains { $0.concern == decided && $0.purpose == .define } == false)
        // Deferred there, it may be put on the next agenda by hand: the held meeting's link does not hold it back.
        let next = try await session.putOnAgenda(try await fixture.concern(linked.description))
        #expect(next != Self.december && next.hasSuffix("2027-01"), "\(next)")
        #expect(try await session.meeting(next).items.contains { $0.concern == linked && $0.purpose == .define })
    }
}

import Foundation
import WentiTestSupport
import Testing
@testable import WentiCore
@testable import WentiStore

@Suite("Minutes, notices and facts in the store")
struct MeetingAndNoticeStoreTests {
    static let analysis = Analysis(rootCause: "报表重复布置", difficulty: .medium, breadth: .team)

    static func decision(_ grade: Grade = .general, plan: String = "合并报表") -> MeetingDecision {
        MeetingDecision(analysis: analysis, grade: grade, plan: plan, firstResponsibleID: "dh1", responsibleUnitID: "d1")
    }

    static func item(_ concern: Concern, decision: MeetingDecision?) -> MeetingItem {
        MeetingItem(concern: concern.code, purpose: .define, parties: TriParty(finderID: "pw", involved: "变电运维班", solvingUnitID: "d1"),
                    decision: decision)
    }

    @Test func confirmingTheMinutesDefinesEveryConcernAndKeepsTheRecord() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let first = try fixture.add("报表太多")
        let second = try fixture.add("夜班没有热饭", unit: "t3")
        let meeting = Meeting(id: "HY-2026-11", unitID: "co", month: YearMonth("2026-11")!,
                              items: [Self.item(first, decision: Self.decision()), Self.item(second, decision: Self.decision(.budding, plan: "观察"))])
        try fixture.store.save(meeting, actor: "pw")
        fixture.clock.set(day: Day("2026-11-23")!)   // the minutes are confirmed three days after the meeting
        let held = try fixture.store.confirmMinutes("HY-2026-11", heldOn: Day("2026-11-20")!, actor: "pw")
        #expect(held.state == .held && held.heldOn == Day("2026-11-20"))

        let defined = try fixture.store.concern(first.code, viewer: "pw")
        #expect(defined.stage == .defined && defined.grade == .general && defined.firstResponsibleID == "dh1")
        #expect(defined.deadline == Day("2027-01-19"), "60 days for a general concern, from the meeting")
        #expect(defined.links.contains(ConcernLink(kind: .meeting, target: "HY-2026-11")))
        #expect(try fixture.store.concern(second.code, viewer: "pw").stage == .watch)
        #expect(try fixture.store.meetings().first?.state == .held)
        #expect(try fixture.store.auditLog(subject: "HY-2026-11").map(\.action) == ["meeting-plan", "meeting-minutes"])
        // The minutes are a record now.
        #expect(throws: StoreError.meeting(.alreadyConfirmed("HY-2026-11"))) { try fixture.store.save(held, actor: "pw") }
        #expect(throws: StoreError.meeting(.alreadyConfirmed("HY-2026-11"))) {
            try fixture.store.confirmMinutes("HY-2026-11", heldOn: Day("2026-11-21")!, actor: "pw")
        }
    }

    @Test func oneRefusedDecisionLeavesEverythingAsItWas() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let first = try fixture.add("报表太多")
        let second = try fixture.add("培训排在夜班后")
        // The second concern is already being solved: defining it again is against the rules.
        _ = try fixture.store.perform([.analyse(Self.analysis), .grade(.general), .plan("p"), .assign(firstResponsible: "dh1", department: "d1"),
                                       .define(meetingID: nil), .startSolving], on: second.code, expectedVersion: nil, actor: "pw")
        let before = try fixture.store.concern(second.code, viewer: "pw")
        try fixture.store.save(Meeting(id: "HY-2026-11", unitID: "co", month: YearMonth("2026-11")!,
                                       items: [Self.item(first, decision: Self.decision()), Self.item(second, decision: Self.decision())]), actor: "pw")
        let auditBefore = try fixture.store.changeToken()
        #expect(throws: StoreError.self) { try fixture.store.confirmMinutes("HY-2026-11", heldOn: Day("2026-11-20")!, actor: "pw") }
        #expect(try fixture.store.concern(first.code, viewer: "pw").stage == .found, "the first decision was rolled back too")
        #expect(try fixture.store.concern(second.code, viewer: "pw") == before)
        #expect(try fixture.store.meetings().first?.state == .planned)
        #expect(try fixture.store.changeToken() == auditBefore, "no audit entry survived")
        #expect(throws: StoreError.recordNotFound(.meeting, id: "HY-2099-01")) {
            try fixture.store.confirmMinutes("HY-2099-01", heldOn: Day("2026-11-20")!, actor: "pw")
        }
    }

    @Test func noticesChangeOnlyThroughTheirRules() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let concern = try fixture.add("报表太多")
        let draft = try SupervisionNotice(id: "", concern: concern.code, issuedOn: Day("2026-11-01")!, issuedByID: "pw",
                                          toUnitID: "d1", toPersonID: "dh1", nodes: [.init(title: "完成", due: Day("2026-11-10")!)])
        // The store numbers notices inside the insert: one after the other, per year.
        #expect(try fixture.store.issue(draft, actor: "pw").id == "DB-2026-001")
        #expect(try fixture.store.issue(draft, actor: "pw").id == "DB-2026-002")
        fixture.clock.set(day: Day("2026-11-12")!)
        try fixture.store.changeNotice("DB-2026-001", .chase(text: "催办"), actor: "pw")
        try fixture.store.changeNotice("DB-2026-001", .acknowledge, actor: "dh1")
        #expect(throws: StoreError.notice(.illegalMove(.acknowledged, .acknowledged))) {
            try fixture.store.changeNotice("DB-2026-001", .acknowledge, actor: "pw")
        }
        let stored = try #require(try fixture.store.notices().first)
        #expect(stored.state == .acknowledged && stored.chasers.count == 1 && stored.openChasers == 1)
        #expect(stored.chasers.first?.on == Day("2026-11-12")!, "dated by the store's day")
        #expect(try fixture.store.auditLog(subject: "DB-2026-001").map(\.action) == ["notice-issue", "notice-chase", "notice-acknowledge"])
        #expect(throws: StoreError.recordNotFound(.notice, id: "DB-9")) {
            try fixture.store.changeNotice("DB-9", .complete, actor: "pw")
        }
    }

    @Test func factsReadFromColumnsAgreeWithTheFullRecord() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let plain = try fixture.add("报表太多")
        let escalated = try fixture.add("夜班没有热饭")
        let closed = try fixture.add("培训排在夜班后", unit: "t3")
        _ = try fixture.store.perform([.escalate(reason: "班组解决不了")], on: escalated.code, expectedVersion: nil, actor: "pw")
        _ = try fixture.store.perform([.analyse(Self.analysis), .grade(.urgent), .plan("调整"), .assign(firstResponsible: "dh1", department: "d1"),
                                       .define(meetingID: nil), .startSolving], on: closed.code, expectedVersion: nil, actor: "pw")
        fixture.clock.set(day: Day("2026-11-05")!)
        _ = try fixture.store.perform([.solve(summary: "已调整")], on: closed.code, expectedVersion: nil, actor: "pw")
        _ = try fixture.store.perform([.recordFeedback(FeedbackRecord(on: Day("2026-11-06")!, byID: "pw", contact: "班组", method: .phone,
                                                                      effect: .partly, satisfaction: .basicallySatisfied, score: 4)),
                                       .close(noFeedbackReason: nil)], on: closed.code, expectedVersion: nil, actor: "pw")
        let facts = try fixture.store.facts(ConcernQuery(), viewer: "pw")
        for code in [plain.code, escalated.code, closed.code] {
            let full = ConcernFact(try fixture.store.concern(code, viewer: "pw"))
            #expect(facts.first { $0.code == code } == full)
        }
        let escalatedFact = try #require(facts.first { $0.code == escalated.code })
        #expect(escalatedFact.tier == .l2 && escalatedFact.originTier == .l1 && escalatedFact.originUnitID == "t1")
        #expect(try fixture.store.facts(ConcernQuery(), viewer: "tl3").map(\.code) == [closed.code], "scoped to what the viewer may see")
    }

    @Test func agendaCandidatesAreNarrowedByUnitAndKind() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let inD1 = try fixture.add("报表太多")
        _ = try fixture.add("客服排班", unit: "t3")
        let candidates = try fixture.store.agendaCandidates(units: ["d1", "t1"], month: YearMonth("2026-12")!, since: nil, scope: .all, limit: 10)
        #expect(candidates.map(\.code) == [inD1.code])
    }
}

@Suite("Kept counts")
struct KeptCountTests {
    /// The tree's counts for whoever sees everything come from `unit_stage_count` (kept by
    /// trigger, recounted after a bulk load) and the running-deadline index; they must equal
    /// counting the rows.
    @Test func keptCountsEqualCountingTheRows() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let first = try fixture.add("报表太多")
        _ = try fixture.add("夜班没有热饭", unit: "t3")
        let third = try fixture.add("培训排在夜班后")
        _ = try fixture.store.perform([.escalate(reason: "班组解决不了")], on: first.code, expectedVersion: nil, actor: "pw")
        _ = try fixture.store.perform([.analyse(Analysis(rootCause: "r", difficulty: .low, breadth: .team)), .grade(.urgent), .plan("p"),
                                       .assign(firstResponsible: "dh1", department: "d1"), .define(meetingID: nil), .startSolving],
                                      on: third.code, expectedVersion: nil, actor: "pw")
        var later = try fixture.store.concern(third.code, viewer: "pw")
        later.code = ConcernCode(year: 2026, sequence: 0)
        _ = try fixture.store.bulkLoad([[later, later]], actor: try fixture.store.person("pw"), action: "generate")
        fixture.clock.set(day: Day("2026-11-20")!)   // the urgent ones are overdue now

        func expected() throws -> [UnitID: LibraryCounts] {
            // The row-counting path: a viewer whose scope is every unit by name.
            var result: [UnitID: LibraryCounts] = [:]
            var open = ConcernQuery()
            open.stages = Set(Stage.allCases).subtracting([.closed])
            for (unit, open) in try fixture.store.counts(open, by: .unit, viewer: "ld") {
                result[UnitID(unit), default: LibraryCounts()].open = open
            }
            var overdue = ConcernQuery()
            overdue.overdueOnly = true
            for (unit, n) in try fixture.store.counts(overdue, by: .unit, viewer: "ld") { result[UnitID(unit), default: LibraryCounts()].overdue = n }
            return result
        }
        let kept = try fixture.store.libraryCounts(viewer: "ld").filter { $0.value != LibraryCounts() }
        #expect(kept == (try expected()))
        #expect(kept["t1"]?.overdue == 3 && kept["d1"]?.open == 1)
    }
}

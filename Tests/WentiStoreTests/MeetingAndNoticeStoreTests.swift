import Foundation
import GRDB
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

    @Test func confirmingTheMinutesDefinesEveryConcernAndKeepsTheRecord() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let first = try await fixture.add("报表太多")
        let second = try await fixture.add("夜班没有热饭", unit: "t3")
        let meeting = Meeting(id: "HY-2026-11", unitID: "co", month: YearMonth("2026-11")!,
                              items: [Self.item(first, decision: Self.decision()), Self.item(second, decision: Self.decision(.budding, plan: "观察"))])
        try await fixture.store.save(meeting, actor: "pw")
        fixture.clock.set(day: Day("2026-11-23")!)   // the minutes are confirmed three days after the meeting
        let held = try await fixture.store.confirmMinutes("HY-2026-11", heldOn: Day("2026-11-20")!, actor: "pw")
        #expect(held.state == .held && held.heldOn == Day("2026-11-20"))

        let defined = try await fixture.store.concern(first.code, viewer: "pw")
        #expect(defined.stage == .defined && defined.grade == .general && defined.firstResponsibleID == "dh1")
        #expect(defined.deadline == Day("2027-01-19"), "60 days for a general concern, from the meeting")
        #expect(defined.links.contains(ConcernLink(kind: .meeting, target: "HY-2026-11")))
        await #expect(try fixture.store.concern(second.code, viewer: "pw").stage == .watch)
        await #expect(try fixture.store.meetings().first?.state == .held)
        await #expect(try fixture.store.auditLog(subject: "HY-2026-11").map(\.action) == ["meeting-plan", "meeting-minutes"])
        // The minutes are a record now.
        await #expect(throws: StoreError.meeting(.alreadyConfirmed("HY-2026-11"))) { try await fixture.store.save(held, actor: "pw") }
        await #expect(throws: StoreError.meeting(.alreadyConfirmed("HY-2026-11"))) {
            try await fixture.store.confirmMinutes("HY-2026-11", heldOn: Day("2026-11-21")!, actor: "pw")
        }
    }

    @Test func oneRefusedDecisionLeavesEverythingAsItWas() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let first = try await fixture.add("报表太多")
        let second = try await fixture.add("培训排在夜班后")
        // The second concern is already being solved: defining it again is against the rules.
        _ = try await fixture.store.perform([.analyse(Self.analysis), .grade(.general), .plan("p"), .assign(firstResponsible: "dh1", department: "d1"),
                                       .define(meetingID: nil), .startSolving], on: second.code, expectedVersion: nil, actor: "pw")
        let before = try await fixture.store.concern(second.code, viewer: "pw")
        try await fixture.store.save(Meeting(id: "HY-2026-11", unitID: "co", month: YearMonth("2026-11")!,
                                       items: [Self.item(first, decision: Self.decision()), Self.item(second, decision: Self.decision())]), actor: "pw")
        let auditBefore = try await fixture.store.changeToken()
        await #expect(throws: StoreError.self) { try await fixture.store.confirmMinutes("HY-2026-11", heldOn: Day("2026-11-20")!, actor: "pw") }
        await #expect(try fixture.store.concern(first.code, viewer: "pw").stage == .found, "the first decision was rolled back too")
        await #expect(try fixture.store.concern(second.code, viewer: "pw") == before)
        await #expect(try fixture.store.meetings().first?.state == .planned)
        await #expect(try fixture.store.changeToken() == auditBefore, "no audit entry survived")
        await #expect(throws: StoreError.recordNotFound(.meeting, id: "HY-2099-01")) {
            try await fixture.store.confirmMinutes("HY-2099-01", heldOn: Day("2026-11-20")!, actor: "pw")
        }
    }

    @Test func minutesAreNotHeldInTheFutureNorBeforeTheUnitsLastMeeting() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let first = try await fixture.add("报表太多")
        let second = try await fixture.add("夜班没有热饭")
        try await fixture.store.save(Meeting(id: "HY-2026-11", unitID: "co", month: YearMonth("2026-11")!,
                                             items: [Self.item(first, decision: Self.decision())]), actor: "pw")
        fixture.clock.set(day: Day("2026-11-18")!)
        // Held "on" a day not yet come: every deadline would run from the future.
        await #expect(throws: StoreError.meeting(.heldInFuture(Day("2026-11-20")!, today: Day("2026-11-18")!))) {
            try await fixture.store.confirmMinutes("HY-2026-11", heldOn: Day("2026-11-20")!, actor: "pw")
        }
        await #expect(try fixture.store.concern(first.code, viewer: "pw").stage == .found, "nothing was applied")
        let held = try await fixture.store.confirmMinutes("HY-2026-11", heldOn: Day("2026-11-17")!, actor: "pw")
        #expect(held.attendance == .sample, "the attendance is kept with the minutes")
        await #expect(try fixture.store.meetings().first?.attendance == .sample)
        // A later meeting of the same unit may not be dated before this one.
        try await fixture.store.save(Meeting(id: "HY-2026-11-b", unitID: "co", month: YearMonth("2026-11")!,
                                             items: [Self.item(second, decision: Self.decision())]), actor: "pw")
        await #expect(throws: StoreError.meeting(.heldBeforeLast(Day("2026-11-10")!, last: Day("2026-11-17")!))) {
            try await fixture.store.confirmMinutes("HY-2026-11-b", heldOn: Day("2026-11-10")!, actor: "pw")
        }
        await #expect(throws: StoreError.meeting(.attendanceMissing(.recorder))) {
            try await fixture.store.confirmMinutes("HY-2026-11-b", heldOn: Day("2026-11-18")!,
                                                   attendance: MeetingAttendance(chairID: "pw", recorderID: nil, place: "会议室", attendees: ["班组"]),
                                                   actor: "pw")
        }
    }

    @Test func onePendingAgendaPerUnitAndMonthAndAConcernOnOneOnly() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let concern = try await fixture.add("报表太多")
        let december = Meeting(id: "HY-2026-12", unitID: "co", month: YearMonth("2026-12")!, items: [Self.item(concern, decision: nil)])
        try await fixture.store.save(december, actor: "pw")
        await #expect(throws: StoreError.meeting(.alreadyPlanned(unit: "co", month: YearMonth("2026-12")!, existing: "HY-2026-12"))) {
            try await fixture.store.save(Meeting(id: "HY-2026-12-x", unitID: "co", month: YearMonth("2026-12")!), actor: "pw")
        }
        await #expect(throws: StoreError.meeting(.onAnotherAgenda(concern.code, "HY-2026-12"))) {
            try await fixture.store.save(Meeting(id: "HY-2027-01", unitID: "co", month: YearMonth("2027-01")!,
                                                 items: [Self.item(concern, decision: nil)]), actor: "pw")
        }
        try await fixture.store.save(december, actor: "pw")   // saving the same agenda again is no second one
        await #expect(try fixture.store.meetings().map(\.id) == ["HY-2026-12"])
    }

    @Test func theMinutesKeepEachItemAsItStoodAtTheMeeting() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let concern = try await fixture.add("报表太多")
        try await fixture.store.save(Meeting(id: "HY-2026-11", unitID: "co", month: YearMonth("2026-11")!,
                                             items: [Self.item(concern, decision: Self.decision(.major))]), actor: "pw")
        fixture.clock.set(day: Day("2026-11-23")!)
        _ = try await fixture.store.confirmMinutes("HY-2026-11", heldOn: Day("2026-11-20")!, actor: "pw")
        // Later the concern moves on: regraded and being solved.
        _ = try await fixture.store.perform([.grade(.general), .startSolving], on: concern.code, expectedVersion: nil, actor: "pw")
        let minutes = try await fixture.store.meetings().first
        #expect(minutes?.items.first?.snapshot == ItemSnapshot(stage: .defined, grade: .major))
    }

    @Test func noticesChangeOnlyThroughTheirRules() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let concern = try await fixture.add("报表太多")
        let other = try await fixture.add("夜班没有热饭")
        let draft = try SupervisionNotice(id: "", concern: concern.code, issuedOn: Day("2026-11-01")!, issuedByID: "pw",
                                          toUnitID: "d1", toPersonID: "dh1", nodes: [.init(title: "完成", due: Day("2026-11-10")!)])
        var second = draft
        second.concern = other.code
        // The store numbers notices inside the insert: one after the other, per year.
        await #expect(try fixture.store.issue(draft, actor: "pw").id == "DB-2026-001")
        await #expect(try fixture.store.issue(second, actor: "pw").id == "DB-2026-002")
        fixture.clock.set(day: Day("2026-11-12")!)
        try await fixture.store.changeNotice("DB-2026-001", .chase(text: "催办"), actor: "pw")
        try await fixture.store.changeNotice("DB-2026-001", .acknowledge, actor: "dh1")
        await #expect(throws: StoreError.notice(.illegalMove(.acknowledged, .acknowledged))) {
            try await fixture.store.changeNotice("DB-2026-001", .acknowledge, actor: "pw")
        }
        let stored = try await #require(try fixture.store.notices().first)
        #expect(stored.state == .acknowledged && stored.chasers.count == 1 && stored.openChasers == 1)
        #expect(stored.chasers.first?.on == Day("2026-11-12")!, "dated by the store's day")
        await #expect(try fixture.store.auditLog(subject: "DB-2026-001").map(\.action) == ["notice-issue", "notice-chase", "notice-acknowledge"])
        await #expect(throws: StoreError.recordNotFound(.notice, id: "DB-9")) {
            try await fixture.store.changeNotice("DB-9", .complete, actor: "pw")
        }
    }

    @Test func factsReadFromColumnsAgreeWithTheFullRecord() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let plain = try await fixture.add("报表太多")
        let escalated = try await fixture.add("夜班没有热饭")
        let closed = try await fixture.add("培训排在夜班后", unit: "t3")
        _ = try await fixture.store.perform([.escalate(reason: "班组解决不了")], on: escalated.code, expectedVersion: nil, actor: "pw")
        _ = try await fixture.store.perform([.analyse(Self.analysis), .grade(.urgent), .plan("调整"), .assign(firstResponsible: "dh1", department: "d1"),
                                       .define(meetingID: nil), .startSolving], on: closed.code, expectedVersion: nil, actor: "pw")
        fixture.clock.set(day: Day("2026-11-05")!)
        _ = try await fixture.store.perform([.solve(summary: "已调整")], on: closed.code, expectedVersion: nil, actor: "pw")
        _ = try await fixture.store.perform([.recordFeedback(FeedbackRecord(on: Day("2026-11-06")!, byID: "pw", contact: "班组", method: .phone,
                                                                      effect: .partly, satisfaction: .basicallySatisfied, score: 4)),
                                       .close(noFeedbackReason: nil)], on: closed.code, expectedVersion: nil, actor: "pw")
        let facts = try await fixture.store.facts(ConcernQuery(), viewer: "pw")
        for code in [plain.code, escalated.code, closed.code] {
            let full = await ConcernFact(try fixture.store.concern(code, viewer: "pw"))
            #expect(facts.first { $0.code == code } == full)
        }
        let escalatedFact = try #require(facts.first { $0.code == escalated.code })
        #expect(escalatedFact.tier == .l2 && escalatedFact.originTier == .l1 && escalatedFact.originUnitID == "t1")
        await #expect(try fixture.store.facts(ConcernQuery(), viewer: "tl3").map(\.code) == [closed.code], "scoped to what the viewer may see")
    }

    @Test func agendaCandidatesAreNarrowedByUnitAndKind() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let inD1 = try await fixture.add("报表太多")
        _ = try await fixture.add("客服排班", unit: "t3")
        let candidates = try await fixture.store.agendaCandidates(units: ["d1", "t1"], month: YearMonth("2026-12")!, since: nil, scope: .all, limit: 10)
        #expect(candidates.map(\.code) == [inD1.code])
    }
}

@Suite("Kept counts")
struct KeptCountTests {
    /// The tree's counts for whoever sees everything come from `unit_stage_count` and
    /// `unit_running_due` (kept by trigger, recounted after a bulk load); they must equal
    /// counting the rows, also after pauses, new deadlines, solving and deletion, on several days.
    @Test func keptCountsEqualCountingTheRows() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let first = try await fixture.add("报表太多")
        _ = try await fixture.add("夜班没有热饭", unit: "t3")
        let third = try await fixture.add("培训排在夜班后")
        _ = try await fixture.store.perform([.escalate(reason: "班组解决不了")], on: first.code, expectedVersion: nil, actor: "pw")
        _ = try await fixture.store.perform([.analyse(Analysis(rootCause: "r", difficulty: .low, breadth: .team)), .grade(.urgent), .plan("p"),
                                       .assign(firstResponsible: "dh1", department: "d1"), .define(meetingID: nil), .startSolving],
                                      on: third.code, expectedVersion: nil, actor: "pw")
        var later = try await fixture.store.concern(third.code, viewer: "pw")
        later.code = ConcernCode(year: 2026, sequence: 0)
        _ = try await fixture.store.bulkLoad([[later, later]], actor: try fixture.store.person("pw"), action: "generate")
        fixture.clock.set(day: Day("2026-11-20")!)   // the urgent ones are overdue now

        func expected() async throws -> [UnitID: LibraryCounts] {
            // The row-counting path: a viewer whose scope is every unit by name.
            var result: [UnitID: LibraryCounts] = [:]
            var open = ConcernQuery()
            open.stages = Set(Stage.allCases).subtracting([.closed])
            for (unit, open) in try await fixture.store.counts(open, by: .unit, viewer: "ld") {
                result[UnitID(unit), default: LibraryCounts()].open = open
            }
            var overdue = ConcernQuery()
            overdue.overdueOnly = true
            for (unit, n) in try await fixture.store.counts(overdue, by: .unit, viewer: "ld") { result[UnitID(unit), default: LibraryCounts()].overdue = n }
            var awaiting = ConcernQuery()
            awaiting.stages = [.awaitingFeedback]
            for (unit, n) in try await fixture.store.counts(awaiting, by: .unit, viewer: "ld") { result[UnitID(unit), default: LibraryCounts()].awaitingFeedback = n }
            return result
        }
        let kept = try await fixture.store.libraryCounts(viewer: "ld").filter { $0.value != LibraryCounts() }
        await #expect(kept == (try expected()))
        #expect(kept["t1"]?.overdue == 3 && kept["d1"]?.open == 1)

        // The kept deadlines are what a recount gives, and the tree agrees with the rows.
        func expectKept(_ moment: String) async throws {
            let counted = try await fixture.store.libraryCounts(viewer: "ld").filter { $0.value != LibraryCounts() }
            await #expect(counted == (try expected()), "\(moment)")
            let differing = try await fixture.store.read { db in
                try Int.fetchOne(db, sql: """
                    WITH recounted AS (SELECT unit_id, due_on, count(*) AS n FROM concern
                                       WHERE \(Schema.clockRuns) AND due_on IS NOT NULL GROUP BY unit_id, due_on),
                         kept AS (SELECT unit_id, due_on, n FROM unit_running_due WHERE n <> 0)
                    SELECT (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM recounted))
                         + (SELECT count(*) FROM (SELECT * FROM recounted EXCEPT SELECT * FROM kept))
                    """) ?? -1
            }
            #expect(differing == 0, "\(moment): kept running deadlines that differ from a recount")
        }
        let running = try await fixture.store.concern(third.code, viewer: "pw")
        _ = try await fixture.store.perform([.pause(reason: "等待备件")], on: third.code, expectedVersion: running.version, actor: "pw")
        try await expectKept("after a pause")
        fixture.clock.set(day: Day("2026-11-27")!)
        _ = try await fixture.store.perform([.unpause], on: third.code, expectedVersion: nil, actor: "pw")
        try await expectKept("after the clock runs again (paused days added to the deadline)")
        _ = try await fixture.store.perform([.setDeadline(Day("2026-12-20")!, reason: "延期")], on: third.code, expectedVersion: nil, actor: "pw")
        try await expectKept("after a new deadline")
        let loaded = try await fixture.store.page(ConcernQuery(), scope: .all, after: nil, limit: 100).rows.filter { $0.code != third.code && $0.daysOverdue != nil }
        let solving = try #require(loaded.first)
        _ = try await fixture.store.perform([.solve(summary: "已解决")], on: solving.code, expectedVersion: nil, actor: "pw")
        try await expectKept("after a solve")
        let gone = try #require(loaded.dropFirst().first)
        try await fixture.store.executeRaw("DELETE FROM concern WHERE year = \(gone.code.year) AND seq = \(gone.code.sequence)")
        try await expectKept("after a delete")
        fixture.clock.set(day: Day("2027-01-10")!)
        try await expectKept("later still")
        #expect(try await fixture.store.libraryCounts(viewer: "ld").values.reduce(0) { $0 + $1.overdue } > 0, "something stays overdue to count")
    }
}

import Foundation
import Testing
@testable import WentiCore
@testable import WentiExchange
@testable import WentiSession
@testable import WentiStore

@Suite("Who is acting")
struct PrincipalTests {
    @Test func theLoginThatRunsWentiIsThePrincipalAndAnUnknownOneIsRefusedByName() async throws {
        let fixture = try await DemoFixture()
        await #expect(try fixture.session(DemoFixture.creatorLogin).principal.name == "赵雅琴")
        await #expect(try fixture.session("yg-song").principal.name == "宋佳")
        await #expect(throws: SessionError.unknownLogin("nobody")) { try await fixture.session("nobody") }
        #expect(SessionError.unknownLogin("nobody").label.zh.contains("wenti people login 人员 nobody"))
    }

    @Test func onlyPoliticalWorkStaffMayViewAsSomeoneElse() async throws {
        let fixture = try await DemoFixture()
        let zhao = try await fixture.session(DemoFixture.creatorLogin)
        let asSong = try zhao.viewing(as: "yg-song")
        #expect(asSong.viewer.name == "宋佳" && asSong.principal.name == "赵雅琴" && asSong.isReadOnly)
        #expect(asSong.viewHeader?.zh == "赵雅琴 · 以 宋佳 的视角查看（只读）")
        #expect(try asSong.viewing(as: "赵雅琴").isReadOnly == false, "back to oneself")
        for login in ["ld-zhou", "bz-zheng", "bzz-li", "yg-song"] {
            await #expect(throws: SessionError.self, "\(login)") { try await fixture.session(login, viewAs: "zg-zhao") }
        }
    }

    /// The scope of a view-as session is exactly the person's own.
    @Test func viewingAsShowsExactlyThatPersonsScope() async throws {
        let fixture = try await DemoFixture()
        for id in ["ld-zhou", "bz-zheng", "bzz-li", "yg-song"] {
            let viewed = try await fixture.session(DemoFixture.creatorLogin, viewAs: id)
            let own = try await fixture.session(id)
            let all = ConcernQuery()
            await #expect(try viewed.page(all, after: nil, limit: 500).rows.map(\.code) == own.page(all, after: nil, limit: 500).rows.map(\.code), "\(id)")
        }
        let song = try await fixture.session("yg-song").page(ConcernQuery(), after: nil, limit: 500).rows
        #expect(!song.isEmpty && song.count < 10, "an employee follows their own: \(song.count)")
    }
}

/// Every write of the session, for the permission table: refused in a view-as session
/// (read-only), refused to an employee (by name), allowed to whom the table allows — and a
/// refusal writes nothing.
@Suite("Every write goes through the permission table")
struct SessionWriteTests {
    struct Write: Sendable {
        var action: MethodAction
        /// Who may: a login of the demo.
        var allowed: String
        /// What the demo needs first (done before anything is counted).
        var prepare: @Sendable (DemoFixture) async throws -> Void = { _ in }
        var run: @Sendable (Session, DemoFixture) async throws -> Void
    }

    /// An open concern of 变电运维班 that 宋佳 follows (she found, reported or owns it).
    static func songs(_ fixture: DemoFixture) async throws -> Concern {
        let scope = AccessPolicy.scope(of: fixture.person("yg-song"), in: fixture.organisation)
        return try await fixture.first { scope.contains($0) && $0.unitID == "t-bdyw" && $0.stage.isOpen && $0.stage != .awaitingFeedback }
    }

    static func code(_ text: String) -> ConcernCode { ConcernCode(text)! }

    /// Each write on a concern of the demo in the stage it needs (looked up, not assumed).
    static let writes: [Write] = [
        // Into 客户服务班's library: its team leader may, 宋佳 (of 变电运维班) may not.
        Write(action: .intake, allowed: "bzz-huang") { session, _ in
            _ = try await session.intake(NewConcern(title: "夜班没有热饭", categoryID: "team-burden", channel: .hotline,
                                              finderID: session.principal.id, reporter: .named(name: "黄晓梅", personID: "bzz-huang"), unitID: "t-kf"))
        },
        Write(action: .analyse, allowed: "bzz-li") { session, fixture in
            let c = try await fixture.first { $0.unitID == "t-bdyw" && [.found, .analysing].contains($0.stage) }
            _ = try await session.perform([.analyse(Analysis(rootCause: "排班", difficulty: .low, breadth: .team))], on: c.code)
        },
        Write(action: .grade, allowed: "bz-zheng") { session, fixture in
            let c = try await fixture.first { $0.unitID == "t-bdyw" && [.found, .analysing].contains($0.stage) }
            _ = try await session.perform([.grade(.general)], on: c.code)
        },
        // One she follows: she sees it, and is still refused, by name; her team leader may.
        Write(action: .progress, allowed: "bzz-li") { session, fixture in
            _ = try await session.perform([.progress("已走访")], on: try songs(fixture).code)
        },
        Write(action: .escalate, allowed: "bzz-li") { session, fixture in
            let c = try await fixture.first { $0.unitID == "t-bdyw" && [.found, .analysing].contains($0.stage) }
            _ = try await session.perform([.escalate(reason: "班组解决不了")], on: c.code)
        },
        Write(action: .noticeIssue, allowed: "zg-zhao") { session, fixture in
            // One without an open notice: a second one would have to replace it.
            let open = Set(try await fixture.store.notices().filter(\.isOpen).map(\.concern))
            let c = try await fixture.first { $0.stage == .solving && $0.firstResponsibleID != nil && $0.responsibleUnitID != nil && !open.contains($0.code) }
            _ = try await session.issueNotice(on: c.code, toUnit: c.responsibleUnitID!, toPerson: c.firstResponsibleID!,
                                        nodes: [.init(title: "完成", due: session.today().adding(days: 10))])
        },
        Write(action: .noticeChase, allowed: "zg-zhao") { session, fixture in
            let notice = try await #require(try fixture.store.notices().first { $0.state != .completed })
            _ = try await session.changeNotice(notice.id, .chase(text: "请说明进度"))
        },
        Write(action: .noticeAcknowledge, allowed: "zg-zhao", prepare: { fixture in
            let open = Set(try await fixture.store.notices().filter(\.isOpen).map(\.concern))
            let c = try await fixture.first { $0.stage == .solving && $0.firstResponsibleID != nil && $0.responsibleUnitID != nil && !open.contains($0.code) }
            _ = try await fixture.store.issue(try SupervisionNotice(id: "", concern: c.code, issuedOn: fixture.store.today(), issuedByID: "zg-zhao",
                                                              toUnitID: c.responsibleUnitID!, toPersonID: c.firstResponsibleID!,
                                                              nodes: [.init(title: "完成", due: fixture.store.today().adding(days: 5))]),
                                        actor: fixture.person("zg-zhao"))
        }) { session, fixture in
            let notice = try await #require(try fixture.store.notices().first { $0.state == .issued })
            _ = try await session.changeNotice(notice.id, .acknowledge)
        },
        Write(action: .meetingPrepare, allowed: "zg-zhao") { session, fixture in
            _ = try await session.prepareAgenda(unit: "co", month: YearMonth("2026-12")!)
        },
        Write(action: .meetingDecide, allowed: "zg-zhao") { session, fixture in
            let meeting = try await #require(try fixture.store.meetings().first { $0.state == .planned && $0.items.contains { $0.purpose == .define } })
            let item = try #require(meeting.items.first { $0.purpose == .define })
            _ = try await session.decide(meetingID: meeting.id, concern: item.concern,
                                   parties: TriParty(finderID: "zg-zhao", involved: "班组", solvingUnitID: "d-yj"),
                                   decision: MeetingDecision(analysis: Analysis(rootCause: "排班不合理"), grade: .general, plan: "调整排班",
                                                             firstResponsibleID: "bz-zheng", responsibleUnitID: "d-yj"))
        },
        Write(action: .practiceWrite, allowed: "zg-zhao") { session, fixture in
            let solved = try await fixture.first { $0.stage == .closed }
            _ = try await session.writePractice(PracticeEntry.draft(from: solved, id: "", library: .caseAnalysis, on: session.today(), author: session.principal.id))
        },
        Write(action: .people, allowed: "zg-zhao") { session, _ in
            _ = try await session.link(login: "song-account", to: "宋佳")
        },
    ]

    /// A refusal by the permission table (naming the person), or — where the concern or
    /// notice is outside what the person sees — the same answer as for one that does not exist.
    static func isRefusal(_ error: any Error, _ action: MethodAction) -> Bool {
        switch error {
        case SessionError.refused(let refusal): refusal.action == action && refusal.label.zh.contains("宋佳（员工）无权")
        case StoreError.rule(.notPermitted(let refusal)): refusal.action == action && refusal.label.zh.contains("宋佳（员工）无权")
        case StoreError.concernNotFound, StoreError.recordNotFound: true
        default: false
        }
    }

    @Test(arguments: writes.map(\.action))
    func aViewAsSessionIsReadOnlyAnEmployeeIsRefusedTheOwnerMay(_ action: MethodAction) async throws {
        let write = try #require(Self.writes.first { $0.action == action })
        let fixture = try await DemoFixture()
        try await write.prepare(fixture)
        let before = try await fixture.auditCount()
        // Read-only, whoever is viewed.
        let viewing = try await fixture.session(DemoFixture.creatorLogin, viewAs: write.allowed == "zg-zhao" ? "zg-sun" : write.allowed)
        do {
            try await write.run(viewing, fixture)
            Issue.record("\(action): a view-as session wrote")
        } catch SessionError.readOnly(let principal, _, _) {
            #expect(principal.name == "赵雅琴")
        }
        // 宋佳 (staff) is refused, by name.
        do {
            try await write.run(try fixture.session("yg-song"), fixture)
            Issue.record("\(action): an employee was allowed")
        } catch {
            #expect(Self.isRefusal(error, action), "\(action): \(error)")
        }
        await #expect(try fixture.auditCount() == before, "\(action): a refusal writes nothing")
        // The one the table allows may, and the audit log names them.
        try await write.run(try fixture.session(write.allowed), fixture)
        await #expect(try fixture.auditCount() > before, "\(action)")
        let last = try await fixture.store.read { db in try String.fetchOne(db, sql: "SELECT actor_id FROM audit_log ORDER BY seq DESC LIMIT 1") }
        #expect(last == write.allowed, "\(action): the audit names the principal")
    }
}

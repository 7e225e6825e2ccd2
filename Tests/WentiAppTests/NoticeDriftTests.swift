import Testing
import WentiTestSupport
@testable import WentiApp
@testable import WentiCore
@testable import WentiStore

/// An open notice says when its concern moved on (a new first responsible person, a deadline
/// past its last node); its next node and the concern's lateness are shown apart; a chaser
/// asks by a day that can still be met.
@MainActor
@Suite("Supervision notices as the concern moves on", .serialized)
struct NoticeDriftTests {
    /// DB-2026-002 (Q-2026-0002) was issued to 郑伟, acknowledged, not completed.
    let notice = "DB-2026-002"

    func row(_ fixture: AppFixture, width: Int = 120, language: Language = .en) async throws -> (line: String, screen: String, app: TerminalApp) {
        let (app, screen) = await fixture.run("3", width: width, height: 36, language: language)
        let line = try #require(screen.lastFrame.lines.first { $0.contains(notice) })
        return (line, screen.lastFrame.text, app)
    }

    @Test func aNewFirstResponsiblePersonIsShownOnTheOpenNotice() async throws {
        let fixture = try await AppFixture()
        let before = try await row(fixture)
        #expect(!before.line.contains("≠"), "\(before.line)")
        let code = ConcernCode("Q-2026-0002")!
        let concern = try await fixture.store.concern(code, viewer: nil)
        _ = try await fixture.store.perform([.assign(firstResponsible: "bzz-li", department: concern.responsibleUnitID ?? concern.unitID)],
                                            on: code, expectedVersion: nil, actor: "zg-zhao")
        let after = try await row(fixture)
        #expect(after.line.contains("≠郑伟"), "the row marks that the addressee is no longer responsible: \(after.line)")
        // Selected, the notice says who is responsible now.
        let index = try #require(after.app.state.supervision.notices.firstIndex { $0.id == notice })
        let (_, selected) = await fixture.run("3" + String(repeating: " j", count: index), width: 120, height: 36, language: .zh)
        #expect(selected.lastFrame.text.contains("第一责任人已改为 李强（通知单下发给 郑伟）"), "\(selected.lastFrame.text)")
    }

    @Test func theNextNodeAndTheConcernsLatenessAreApart() async throws {
        let fixture = try await AppFixture()
        let stored = try #require(try await fixture.store.notices().first { $0.id == notice })
        // Past every node: no "next" node is shown, and the lateness is the concern's own.
        fixture.clock.set(day: stored.finalDue.adding(days: 5))
        let (line, _, _) = try await row(fixture)
        let concern = try await fixture.store.concern(stored.concern, viewer: nil)
        let late = DeadlineClock.daysOverdue(concern, today: fixture.clock.today())
        #expect(line.contains(" — "), "no next node once all have passed: \(line)")
        #expect(late == 0 || line.contains("\(late)d late"), "\(line)")
        #expect(!line.contains(stored.finalDue.description), "a passed node is not shown as next")
    }

    @Test func aChaserAsksByTheNextNodeOrAFewDaysAhead() async throws {
        let fixture = try await AppFixture()
        let stored = try #require(try await fixture.store.notices().first { $0.id == notice })
        fixture.clock.set(day: stored.finalDue.adding(days: 1))
        let today = fixture.clock.today()
        let form = NoticeForms.chaseForm(stored, today: today)
        let text = try #require(form.fields.first?.value)
        #expect(text.hasPrefix("请于 \(today.adding(days: SupervisionNotice.chaserReplyDays)) 前报告"), "\(text)")
    }

    @Test func nOnADriftedNoticeReissuesItAsTheReplacement() async throws {
        let fixture = try await AppFixture()
        let code = ConcernCode("Q-2026-0002")!
        let concern = try await fixture.store.concern(code, viewer: nil)
        _ = try await fixture.store.perform([.assign(firstResponsible: "bzz-li", department: concern.responsibleUnitID ?? concern.unitID)],
                                            on: code, expectedVersion: nil, actor: "zg-zhao")
        let (_, _, app) = try await row(fixture)
        let index = try #require(app.state.supervision.notices.firstIndex { $0.id == notice })
        let select = "3" + String(repeating: " j", count: index)
        let (selected, screen) = await fixture.run(select, width: 120, height: 36, language: .zh)
        #expect(screen.lastFrame.text.contains("N 重新下发并替代"), "the ≠ line offers the reissue")
        #expect(selected.state.supervision.notice?.id == notice)
        let (asked, _) = await fixture.run(select + " N", width: 120, height: 36)
        guard case .recordForm(let form, .issueNotice(code, replacing: notice))? = asked.state.overlays.last else {
            Issue.record("N opens the notice form for the concern, replacing \(notice): \(asked.state.toast ?? "")")
            return
        }
        #expect(form.fields.first { $0.id == "responsible" }?.value == "bzz-li", "to whom the concern stands now")
        if case .pick(let picker)? = form.fields.first(where: { $0.id == "responsible" })?.input {
            #expect(picker.field.text == "李强", "shown by name")
        }
        #expect(form.fields.first { $0.id == "replace" }?.value == "1", "replacing is already chosen")
        let (issued, _) = await fixture.run(select + " N C-s", width: 120, height: 36)
        #expect(issued.state.toast == "DB-2026-006 issued (Q-2026-0002 → 李强), DB-2026-002 replaced", "\(issued.state.toast ?? "")")
        let notices = try await fixture.store.notices()
        #expect(notices.first { $0.id == notice }?.state == .replaced)
        #expect(notices.filter { $0.concern == code && $0.isOpen }.map(\.toPersonID) == ["bzz-li"])
    }

    @Test func theNoticeFormAsksBeforeReplacingTheConcernsOpenNotice() async throws {
        let fixture = try await AppFixture()
        let issue = "/ 轮 休 Enter N"
        let (asked, _) = await fixture.run(issue, width: 120, height: 36)
        guard case .recordForm(let form, .issueNotice(_, replacing: notice))? = asked.state.overlays.last else {
            Issue.record("the form knows the open notice: \(asked.state.toast ?? "") \(String(describing: asked.state.overlays.last))")
            return
        }
        #expect(form.fields.first { $0.id == "replace" }?.label.en == "Replace DB-2026-002?")
        #expect(form.fields.first { $0.id == "replace" }?.value == "0", "no until the person says yes")
        // Left at "no", the notice does not go out; the form says why and stays.
        let (refused, _) = await fixture.run(issue + " C-s", width: 120, height: 36)
        guard case .recordForm(let kept, _)? = refused.state.overlays.last else {
            Issue.record("the form stays open")
            return
        }
        #expect(kept.fields.first { $0.id == "replace" }?.message?.en == "DB-2026-002 is still open: one per concern, choose yes to replace it")
        #expect(try await fixture.store.notices().count == 5, "nothing was issued")
    }
}

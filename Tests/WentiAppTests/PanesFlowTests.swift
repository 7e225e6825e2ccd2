import Foundation
import WentiTestSupport
import Testing
@testable import WentiApp
@testable import WentiCore
@testable import WentiStore
@testable import WentiTerminal

/// Issue "Panes II" done-when, from the keyboard: prepare next month's meeting from the
/// generated agenda, record decisions for three concerns, confirm the minutes, issue their
/// notices, see one go overdue, record feedback for a solved one, print the bulletin.
@MainActor
@Suite("Meetings, supervision and feedback from the keyboard", .serialized)
struct PanesFlowTests {
    /// Fills the decision form of the selected item: the plan (Tab ×7 from the finder),
    /// the first responsible person, submit.
    static func decide(plan: String, responsible: String) -> String {
        "Enter " + Array(repeating: "Tab", count: 7).joined(separator: " ") + " " + spaced(plan) + " Tab " + spaced(responsible) + " Enter "
    }

    static func spaced(_ text: String) -> String { text.map(String.init).joined(separator: " ") }

    /// The minutes form after the held-on day and the chair (both prefilled): the recorder,
    /// the place and the attendees.
    static let sitting = "Tab Tab " + spaced("孙文博") + " Tab " + spaced("三楼会议室") + " Tab " + spaced("周建国，孙文博")

    @Test func confirmingTheMinutesAsksFirstAndRefusesADayNotYetCome() async throws {
        let fixture = try await AppFixture()
        _ = await fixture.run("2 n " + Self.decide(plan: "固定检修窗口", responsible: "郑伟"), width: 120, height: 36)
        fixture.clock.set(day: Day("2026-12-03")!)
        // The held-on day defaults to today; a day after it is refused on that field.
        let (future, _) = await fixture.run("2 C C-u " + Self.spaced("2026-12-10") + " " + Self.sitting + " Enter", width: 120, height: 36)
        guard case .recordForm(let form, .minutes)? = future.state.overlays.last else {
            Issue.record("the form closed")
            return
        }
        #expect(form.fields.first { $0.id == "held-on" }?.message?.en.contains("after today (2026-12-03)") == true)
        // Today: the question says how many decisions and how many deferred, and nothing is applied yet.
        let (asked, screen) = await fixture.run("2 C " + Self.sitting + " Enter", width: 120, height: 36, language: .zh)
        let planned = try await #require(try fixture.store.meetings().first { $0.id == "HY-2026-12" })
        #expect(planned.state == .planned)
        let deferred = planned.items.filter { $0.purpose == .define }.count - 1
        #expect(screen.lastFrame.text.contains("确认 2026-12 江城供电公司三方会议纪要：执行 1 项决定，暂缓 \(deferred) 项？"))
        guard case .confirmMinutes(_, _, let heldOn, let attendance, _)? = asked.state.overlays.last else {
            Issue.record("no question was asked")
            return
        }
        #expect(heldOn == Day("2026-12-03") && attendance.recorderID == "zg-sun" && attendance.place == "三楼会议室")
        #expect(attendance.attendees == ["周建国", "孙文博"])
        // n goes back to the form with what was typed.
        let (back, _) = await fixture.run("2 C " + Self.sitting + " Enter n", width: 120, height: 36)
        guard case .recordForm(let kept, .minutes)? = back.state.overlays.last else {
            Issue.record("the form was not kept")
            return
        }
        #expect(kept.value("place") == "三楼会议室")
        await #expect(try fixture.store.meetings().first { $0.id == "HY-2026-12" }?.state == .planned)
        let (_, held) = await fixture.run("2 C " + Self.sitting + " Enter y", width: 120, height: 36, language: .zh)
        let minutes = try await #require(try fixture.store.meetings().first { $0.id == "HY-2026-12" })
        #expect(minutes.state == .held && minutes.heldOn == Day("2026-12-03") && minutes.attendance?.chairID == "zg-zhao")
        #expect(held.lastFrame.text.contains("主持 赵雅琴 · 记录 孙文博 · 地点 三楼会议室"))
    }

    @Test func nextMonthsAgendaLeavesTheConcernsOfThisMonthsPendingOne() async throws {
        let fixture = try await AppFixture()
        fixture.clock.set(day: Day("2026-12-03")!)
        let onDecember = try await #require(try fixture.store.meetings().first { $0.id == "HY-2026-12" }).items.map(\.concern)
        let (app, screen) = await fixture.run("2 n", width: 120, height: 36)
        let january = try #require(app.state.meetings.meeting)
        #expect(january.id == "HY-2027-01" && !january.items.isEmpty)
        #expect(Set(january.items.map(\.concern)).isDisjoint(with: onDecember))
        #expect(screen.lastFrame.text.contains("2026-12") && screen.lastFrame.text.contains("2027-01"), "both pending meetings are listed")
    }

    @Test func aMonthOfMeetingsSupervisionAndFeedback() async throws {
        let fixture = try await AppFixture()
        // 2: meetings; n: next month's agenda from the data. The first three items (to define)
        // get a plan and a first responsible person each.
        let (prepared, screen) = await fixture.run("2 n", width: 120, height: 36, language: .zh)
        let meeting = try #require(prepared.state.meetings.meeting)
        #expect(meeting.id == "HY-2026-12" && meeting.state == .planned)
        #expect(screen.lastFrame.text.contains("2026-12 江城供电公司三方会议议程已生成"))
        let codes = meeting.items.prefix(3).map(\.concern)
        #expect(meeting.items.prefix(3).allSatisfy { $0.purpose == .define })
        let script = "2 " + Self.decide(plan: "修订聘任办法", responsible: "周建国") + "j " + Self.decide(plan: "增加培训名额", responsible: "王丽华")
            + "j " + Self.decide(plan: "固定检修窗口", responsible: "郑伟")
        let (decided, _) = await fixture.run(script, width: 120, height: 36, language: .zh)
        #expect(decided.state.overlays.isEmpty, "every form was accepted")
        let stored = try await #require(try fixture.store.meetings().first { $0.id == "HY-2026-12" })
        #expect(stored.items.prefix(3).map { $0.decision?.plan } == ["修订聘任办法", "增加培训名额", "固定检修窗口"])
        #expect(stored.items.prefix(3).map { $0.decision?.firstResponsibleID } == ["ld-zhou", "bz-wang", "bz-zheng"])

        // The meeting sits on 2026-12-03: C records the sitting, asks, and y applies every decision at once.
        fixture.clock.set(day: Day("2026-12-03")!)
        let (confirmed, _) = await fixture.run("2 C " + Self.sitting + " Enter y", width: 120, height: 36)
        let deferred = meeting.items.filter { $0.purpose == .define }.count - 3
        #expect(confirmed.state.toast == "minutes of the 江城供电公司 meeting of 2026-12 confirmed: 3 decisions applied, \(deferred) deferred")
        for code in codes {
            let concern = try await fixture.store.concern(code, viewer: nil)
            #expect([.defined, .watch].contains(concern.stage), "\(code) is \(concern.stage)")
            #expect(concern.links.contains(ConcernLink(kind: .meeting, target: "HY-2026-12")))
        }
        // Held: no more decisions; the export writes the minutes.
        let minutesPath = fixture.directory.appendingPathComponent("minutes").path
        let (held, _) = await fixture.run("2 Enter x Tab C-u " + Self.spaced(minutesPath) + " Enter", width: 120, height: 36)
        #expect(held.state.toast == "written to \(minutesPath).md")
        let minutes = try String(contentsOfFile: minutesPath + ".md", encoding: .utf8)
        #expect(minutes.contains("# Tri-party meeting minutes") && minutes.contains("修订聘任办法") && minutes.contains("held on") == false)

        // N on each item issues a notice to its first responsible person, by the concern's
        // deadline; the third gets an earlier node typed in: "2026-12-10 提交方案".
        let (issued, _) = await fixture.run("2 N Enter j N Enter j N Tab Tab C-u " + Self.spaced("2026-12-10") + " Space " + Self.spaced("提交方案") + " C-s",
                                      width: 120, height: 36)
        #expect(issued.state.toast?.hasPrefix("DB-2026-008 issued") == true)
        let notices = try await fixture.store.notices().filter { codes.contains($0.concern) }
        #expect(notices.count == 3 && notices.allSatisfy { $0.state == .issued })

        // Eight days on, the notices are overdue in the supervision pane, then acknowledged and chased.
        fixture.clock.set(day: Day("2026-12-20")!)
        let (supervision, board) = await fixture.run("3", width: 120, height: 36)
        let index = try #require(supervision.state.supervision.notices.firstIndex { $0.id == "DB-2026-008" })
        let late = supervision.state.supervision.notices[index]
        #expect(late.isOverdue(today: Day("2026-12-20")!))
        #expect(board.lastFrame.text.contains("DB-2026-008") && board.lastFrame.text.contains("d late"))
        _ = await fixture.run("3 " + String(repeating: "j ", count: index) + "a h Enter", width: 120, height: 36)
        let chased = try await #require(try fixture.store.notices().first { $0.id == late.id })
        #expect(chased.state == .acknowledged && chased.openChasers == 1)

        // 4: the feedback queue; f records the answer, and closing is offered and taken.
        let (queue, _) = await fixture.run("4", width: 120, height: 36)
        let waiting = try #require(queue.state.feedbackQueue.concern)
        let (answered, asked) = await fixture.run("4 f 本 人 Enter", width: 120, height: 36, language: .zh)
        #expect(asked.lastFrame.text.contains("反馈已记录：现在关闭 \(waiting.code)？"))
        _ = answered
        _ = await fixture.run("4 f 本 人 Enter y", width: 120, height: 36)
        let closed = try await fixture.store.concern(waiting.code, viewer: nil)
        #expect(closed.stage == .closed && closed.closure == .withFeedback)

        // B writes the month's bulletin.
        let bulletinPath = fixture.directory.appendingPathComponent("bulletin.txt").path
        let (printed, _) = await fixture.run("3 B Right Right Tab Tab C-u " + Self.spaced(bulletinPath) + " Enter", width: 120, height: 36)
        #expect(printed.state.toast == "written to \(bulletinPath)")
        let bulletin = try String(contentsOfFile: bulletinPath, encoding: .utf8)
        #expect(bulletin.contains("Supervision bulletin 2026-12"))
        #expect(!bulletin.contains("测试人员"), "no anonymous reporter's identity in a document")
    }

    @Test func aDecisionNeedsItsFieldsAndKeepsWhatWasTyped() async throws {
        let fixture = try await AppFixture()
        // The first responsible person left empty: the form stays, with the message on that field.
        let (app, screen) = await fixture.run("2 n Enter Tab Tab Tab Tab Tab Tab Tab 方 案 Tab Enter", width: 120, height: 36)
        guard case .recordForm(let form, .decision)? = app.state.overlays.last else {
            Issue.record("the form closed")
            return
        }
        #expect(form.fields.first { $0.id == "responsible" }?.message?.en == "required")
        #expect(form.value("plan") == "方案")
        #expect(screen.lastFrame.text.contains("✗ required"))
        // A name nobody has is refused by name.
        let (named, _) = await fixture.run("2 n Enter Tab Tab Tab Tab Tab Tab Tab 方 案 Tab 无 此 人 Enter", width: 120, height: 36)
        guard case .recordForm(let again, _)? = named.state.overlays.last else {
            Issue.record("the form closed")
            return
        }
        #expect(again.fields.first { $0.id == "responsible" }?.message?.en == "no such person")
        await #expect(try fixture.store.meetings().first { $0.id == "HY-2026-12" }?.items.first?.decision == nil)
    }

    @Test func noticeNodesAreCheckedLineByLine() async throws {
        let fixture = try await AppFixture()
        // Q-2026-0064 in the libraries (being solved, 胡志刚 first responsible); N with a node
        // line that is not a date. (A concern not defined yet offers no notice at all.)
        let (refused, _) = await fixture.run("/ 活 动 室 Enter N", width: 120, height: 36)
        #expect(refused.state.overlays.isEmpty && refused.state.toast?.contains("notices go to concerns that are defined or being solved") == true, "\(refused.state.toast ?? "")")
        let (app, _) = await fixture.run("/ 移 动 作 业 终 端 Enter N Tab Tab C-u 下 周 Enter C-s", width: 120, height: 36)
        guard case .recordForm(let form, .issueNotice)? = app.state.overlays.last else {
            Issue.record("the form closed")
            return
        }
        #expect(form.fields.first { $0.id == "nodes" }?.message?.en == "line 1 should read \"2026-12-20 what\"")
        await #expect(try fixture.store.notices().count == 5, "nothing was issued")
    }

    @Test func everyTabKeepsItsOwnKeys() async throws {
        let fixture = try await AppFixture()
        // `a` analyses in the libraries but acknowledges in supervision; `x` exports only where there is something to export.
        let registry = fixture.environment.registry
        #expect(registry.action(for: .character("a"), on: .libraries)?.id == "analyse")
        #expect(registry.action(for: .character("a"), on: .supervision)?.id == "notice-acknowledge")
        #expect(registry.action(for: .character("a"), on: .meetings) == nil)
        #expect(registry.action(for: .enter, on: .meetings)?.id == "meeting-decide")
        #expect(registry.action(for: .enter, on: .libraries)?.id == "toggle-detail")
        // From the command line or the help, another pane's action says where it works.
        let (elsewhere, _) = await fixture.run(": n o t i c e - a c k n o w l e d g e Enter")
        #expect(elsewhere.state.toast == "works on the Supervision pane (key 3)")
        // And so does its key, pressed on a pane where it does nothing (`A` puts on the agenda
        // from the libraries).
        let (pressed, _) = await fixture.run("2 A")
        #expect(pressed.state.toast == "works on the Libraries pane (key 1)")
        // A month's minutes are not offered before the month: the key says why.
        fixture.clock.set(day: Day("2026-12-03")!)
        let (early, _) = await fixture.run("2 n C")
        #expect(early.state.meetings.meeting?.id == "HY-2027-01" && early.state.overlays.isEmpty)
        #expect(early.state.toast == "meeting HY-2027-01 is for 2027-01: confirm its minutes once it has sat in that month", "\(early.state.toast ?? "")")
        #expect(throws: KeymapError.conflict(key: "n", first: "meeting-prepare", second: "x")) {
            try ActionRegistry(actions: StandardActions.all + [AppAction("x", keys: [.character("n")], LocalizedText(zh: "x", en: "x"), group: .app) { _, _ in }])
        }
    }
}

import Testing
@testable import WentiApp
@testable import WentiCore
@testable import WentiStore
@testable import WentiTerminal

@MainActor
@Suite("Triage from the keyboard", .serialized)
struct TriageFlowTests {
    /// Q-2026-0004 is found, in 变电运维班 (L1); the filter makes it the selected row.
    let select = "/ 活 动 室 Enter "

    @Test func analyseGradeAndEscalateFromTheKeyboard() throws {
        let fixture = try AppFixture()
        let (_, analysed) = fixture.run(select + "a 挪 作 库 房 Enter", language: .zh)
        var concern = try fixture.store.concern(ConcernCode("Q-2026-0004")!, viewer: nil)
        #expect(concern.stage == .analysing && concern.analysis.rootCause == "挪作库房" && concern.analysis.difficulty == .medium)
        #expect(analysed.lastFrame.text.contains("已更新 1 个问题"))
        // The grade picker shows each grade's stance and the deadline it would set, before choosing.
        let (_, picker) = fixture.run(select + "=", language: .zh)
        #expect(picker.lastFrame.text.contains("急难  快速办理  期限") && picker.lastFrame.text.contains("萌芽  提高重视  每月复查"))
        _ = fixture.run(select + "= 1 Enter")
        concern = try fixture.store.concern(ConcernCode("Q-2026-0004")!, viewer: nil)
        #expect(concern.grade == .urgent && concern.deadline != nil)
        // Escalation asks first, naming the library that receives it; n leaves everything as it was.
        let (_, asked) = fixture.run(select + "e 需 部 门 协 调 Enter", language: .zh)
        #expect(asked.lastFrame.text.contains("把 Q-2026-0004 上报到 运维检修部（L2）？"))
        _ = fixture.run(select + "e 需 部 门 协 调 Enter n")
        #expect(try fixture.store.concern(ConcernCode("Q-2026-0004")!, viewer: nil).tier == .l1)
        let (_, escalated) = fixture.run(select + "e 需 部 门 协 调 Enter y", language: .zh)
        concern = try fixture.store.concern(ConcernCode("Q-2026-0004")!, viewer: nil)
        #expect(concern.tier == .l2 && concern.unitID == "d-yj" && concern.escalations.last?.reason == "需部门协调")
        #expect(escalated.lastFrame.text.contains("L1→L2：需部门协调"), "the escalation path shows in the detail")
        #expect(escalated.lastFrame.text.contains("上报"), "and in the timeline")
        // Every step went to the audit log as the acting person.
        let actions = try fixture.store.auditLog(subject: "Q-2026-0004").map(\.action)
        #expect(actions == ["open", "analyse", "grade", "escalate"])
    }

    @Test func aRequiredFieldKeepsTheFormOpenWithAMessage() throws {
        let fixture = try AppFixture()
        let (app, screen) = fixture.run(select + "e Enter", language: .en)
        guard case .form(let form, .escalate, _)? = app.state.overlays.last else {
            Issue.record("the form closed")
            return
        }
        #expect(form.fields[0].message?.en == "required")
        #expect(screen.lastFrame.text.contains("✗ required"))
        #expect(try fixture.store.concern(ConcernCode("Q-2026-0004")!, viewer: nil).escalations.isEmpty)
    }

    @Test func unavailableTriageSaysTheRule() throws {
        let fixture = try AppFixture()
        // Q-2026-0053 is in the company's library (L3): escalation is refused by the workflow's rule.
        let (app, _) = fixture.run("/ 结 构 性 缺 员 Enter e", language: .en)
        #expect(app.state.overlays.isEmpty)
        #expect(app.state.toast == WorkflowError.alreadyTopTier.label.en)
        let (_, help) = fixture.run("/ 结 构 性 缺 员 Enter ? e s c a l a t e", width: 120, height: 30)
        #expect(help.lastFrame.text.contains("unavailable: the concern is already in the L3 (company) library"))
    }

    @Test func batchGradeAppliesToEveryMarkedConcern() throws {
        let fixture = try AppFixture()
        // The three newest are found or analysing: mark them and grade them general at once.
        let (_, screen) = fixture.run("j Space j Space j Space = 3 Enter", language: .en)
        #expect(screen.lastFrame.text.contains("3 updated"))
        for code in ["Q-2026-0069", "Q-2026-0068", "Q-2026-0067"] {
            #expect(try fixture.store.concern(ConcernCode(code)!, viewer: nil).grade == .general, "\(code)")
        }
    }

    @Test func aTeamLeaderCannotTriageAnotherTeamsConcernAndProgressIsRecorded() throws {
        let fixture = try AppFixture(viewer: "bzz-li")   // 变电运维班
        let (_, screen) = fixture.run(select + "p 已 清 理 C-s")
        #expect(screen.lastFrame.text.contains("1 updated"))
        #expect(try fixture.store.concern(ConcernCode("Q-2026-0004")!, viewer: nil).notes.last?.text == "已清理")
    }
}

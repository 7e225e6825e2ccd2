import Foundation
import WentiTestSupport
import Testing
@testable import WentiApp
@testable import WentiCore
@testable import WentiStore
@testable import WentiTerminal

@MainActor
@Suite("Intake", .serialized)
struct IntakeTests {
    @Test func takeInAConcernThenFindItByTwoCharacters() async throws {
        let fixture = try await AppFixture()
        // In 河口供电所's library (Tab to the tree, down to it): title, description, the unit
        // (empty at first: the selected library is offered first), then file.
        let (app, screen) = await fixture.run("Tab j j j j Tab i 宿 舍 没 有 热 水 Tab 冬 天 洗 澡 难 Tab Tab Tab Tab 河 口 C-s", language: .zh)
        #expect(app.state.overlays.isEmpty)
        #expect(screen.lastFrame.lines.last!.contains("Q-2026-0071 已登记"))
        // The table shows the new concern, selected.
        #expect(app.state.table.selectedRow?.code.description == "Q-2026-0071")
        #expect(screen.lastFrame.text.contains("▸ Q-2026-0071"), "\(screen.lastFrame.text)")
        let concern = try await fixture.store.concern(ConcernCode("Q-2026-0071")!, viewer: nil)
        #expect(concern.title == "宿舍没有热水" && concern.description == "冬天洗澡难" && concern.unitID == "t-hk")
        #expect(concern.finderID == "zg-zhao" && concern.stage == .found)
        // Found again with a two-character search.
        let (found, _) = await fixture.run("/ 热 水 Enter")
        #expect(found.state.table.rows.map(\.code.description) == ["Q-2026-0071"])
    }

    @Test func similarOpenConcernsAreOfferedAndAReportCanBeAttached() async throws {
        let fixture = try await AppFixture()
        // Typing a title that shares 河口所 with open concerns of that department lists them.
        let (app, screen) = await fixture.run("i 河 口 所 缺 员 严 重 Tab Tab Tab Tab Tab 河 口 Tab", language: .zh)
        guard case .intake(let intake)? = app.state.overlays.last else {
            Issue.record("the intake closed")
            return
        }
        #expect(intake.similar.contains { $0.code.description == "Q-2026-0027" })
        #expect(screen.lastFrame.text.contains("类似的未结问题"))
        let index = try #require(intake.similar.firstIndex { $0.code.description == "Q-2026-0027" })
        let moves = Array(repeating: "C-n", count: index).joined(separator: " ")
        // The first C-a asks, naming the concern; only a second one writes.
        let typed = "i 河 口 所 缺 员 严 重 Tab 又 走 了 一 人 Tab Tab Tab Tab 河 口 Tab \(moves)"
        let (asked, _) = await fixture.run(typed + " C-a", language: .zh)
        #expect(asked.state.toast?.hasPrefix("把这次反映并入 Q-2026-0027「") == true, "\(asked.state.toast ?? "")")
        await #expect(try fixture.store.concern(ConcernCode("Q-2026-0027")!, viewer: nil).notes.last?.text.contains("又走了一人") != true)
        _ = await fixture.run(typed + " C-a C-a")
        let target = try await fixture.store.concern(ConcernCode("Q-2026-0027")!, viewer: nil)
        #expect(target.notes.last?.text.contains("河口所缺员严重 — 又走了一人") == true)
        await #expect(try fixture.store.count(ConcernQuery(), viewer: nil) == 70, "no duplicate was filed")
    }

    @Test func aHalfFilledFormSurvivesAndIsOfferedBack() async throws {
        let fixture = try await AppFixture()
        let draft = IntakeDraft(path: fixture.directory.appendingPathComponent("draft.json").path)
        let env = AppEnvironment(session: fixture.environment.session, registry: fixture.environment.registry, draft: draft)
        // The session ends (the script runs out) in the middle of the form.
        let first = TerminalApp(state: AppState(language: .zh), environment: env,
                                backend: HeadlessTerminal(width: 100, height: 30, keys: KeyScript.parse("i 停 车 位 不 够 Tab 早 上 抢 车 位")))
        await first.run()
        #expect(draft.load()?["title"] == "停车位不够")
        // The next start says so, and i brings it back.
        let second = HeadlessTerminal(width: 100, height: 30, keys: KeyScript.parse("i"))
        let again = TerminalApp(state: AppState(language: .zh), environment: env, backend: second)
        await again.run()
        guard case .intake(let intake)? = again.state.overlays.last else {
            Issue.record("no intake")
            return
        }
        #expect(intake.form.value("title") == "停车位不够" && intake.form.value("description") == "早上抢车位")
        // Filing it removes the draft.
        let third = TerminalApp(state: AppState(language: .zh), environment: env,
                                backend: HeadlessTerminal(width: 100, height: 30, keys: KeyScript.parse("i Tab Tab Tab Tab Tab 计 量 C-s")))
        await third.run()
        #expect(draft.load() == nil)
        await #expect(try fixture.store.concern(ConcernCode("Q-2026-0071")!, viewer: nil).title == "停车位不够")
    }

    @Test func anUnknownUnitIsNamedAndNothingIsFiled() async throws {
        let fixture = try await AppFixture()
        let (app, _) = await fixture.run("i 标 题 Tab Tab Tab Tab Tab C-u 火 星 站 C-s", language: .en)
        #expect(app.state.toast == "no unit \"火星站\"")
        await #expect(try fixture.store.count(ConcernQuery(), viewer: nil) == 70)
    }
}

@MainActor
@Suite("Intake: the unit by type-ahead", .serialized)
struct IntakeUnitTests {
    @Test func aUniquePartOfANameIsEnoughAndAnAmbiguousOneIsNamed() async throws {
        let fixture = try await AppFixture()
        // The field starts empty (it was the principal's unit, and typing was appended to it).
        let (opened, _) = await fixture.run("i Tab Tab Tab Tab Tab", language: .zh)
        guard case .intake(let intake)? = opened.state.overlays.last else {
            Issue.record("no intake")
            return
        }
        #expect(intake.form.value("unit") == "")
        // Typing lists the units it matches, by name, with the tier and the unit above.
        let (_, hinted) = await fixture.run("i 测 试 Tab Tab Tab Tab Tab 河 口", language: .zh)
        #expect(hinted.lastFrame.text.contains("▸ 河口供电所  L1 · 农网管理部"), "\(hinted.lastFrame.text)")
        _ = await fixture.run("i 测 试 Tab Tab Tab Tab Tab 河 口 C-s")
        await #expect(try fixture.store.concern(ConcernCode("Q-2026-0071")!, viewer: nil).unitID == "t-hk")
        // A short name chooses its unit (运检部 is 运维检修部).
        _ = await fixture.run("i 测 试 三 Tab Tab Tab Tab Tab 运 检 部 C-s")
        await #expect(try fixture.store.concern(ConcernCode("Q-2026-0072")!, viewer: nil).unitID == "d-yj")
        // Several matches: writing the form takes no guess, and says so at the field.
        let (ambiguous, _) = await fixture.run("i 测 试 二 Tab Tab Tab Tab Tab 供 电 所 C-s", language: .en)
        #expect(ambiguous.state.toast == "\"供电所\" names several units; pick one from the list")
        // Down and Tab take the second of the list.
        let second = PickOptions.units(fixture.environment.session.organisation).filter { $0.label.contains("供电所") }[1]
        _ = await fixture.run("i 测 试 四 Tab Tab Tab Tab Tab 供 电 所 Down Tab C-s")
        await #expect(try fixture.store.concern(ConcernCode("Q-2026-0073")!, viewer: nil).unitID.rawValue == second.value)
    }

    @Test func anEmptyUnitIsSaidAtTheField() async throws {
        let fixture = try await AppFixture()
        let (app, screen) = await fixture.run("i 标 题 C-s", language: .zh)
        #expect(app.state.toast?.hasPrefix("请填写单位：问题记入哪个单位的问题库") == true, "\(app.state.toast ?? "")")
        guard case .intake(let intake)? = app.state.overlays.last else {
            Issue.record("the intake should stay open")
            return
        }
        #expect(intake.form.fields[intake.form.focus].id == "unit", "the cursor goes to the unit")
        #expect(screen.lastFrame.text.contains("✗ 请填写单位"))
        await #expect(try fixture.store.count(ConcernQuery(), viewer: nil) == 70)
    }
}

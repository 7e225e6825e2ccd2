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
        // In 河口供电所's library (Tab to the tree, down to it): title, description, then file.
        let (app, screen) = await fixture.run("Tab j j j j Tab i 宿 舍 没 有 热 水 Tab 冬 天 洗 澡 难 C-s", language: .zh)
        #expect(app.state.overlays.isEmpty)
        #expect(screen.lastFrame.lines.last!.contains("Q-2026-0071 已登记"))
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
        let (app, screen) = await fixture.run("Tab j j j j Tab i 河 口 所 缺 员 严 重", language: .zh)
        guard case .intake(let intake)? = app.state.overlays.last else {
            Issue.record("the intake closed")
            return
        }
        #expect(intake.similar.contains { $0.code.description == "Q-2026-0027" })
        #expect(screen.lastFrame.text.contains("类似的未结问题"))
        let index = try #require(intake.similar.firstIndex { $0.code.description == "Q-2026-0027" })
        let moves = Array(repeating: "C-n", count: index).joined(separator: " ")
        _ = await fixture.run("Tab j j j j Tab i 河 口 所 缺 员 严 重 Tab 又 走 了 一 人 \(moves) C-a")
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
                                backend: HeadlessTerminal(width: 100, height: 30, keys: KeyScript.parse("i C-s")))
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
        let (_, hinted) = await fixture.run("i 测 试 Tab Tab Tab Tab Tab C-u 河 口", language: .zh)
        #expect(hinted.lastFrame.text.contains("→ 河口供电所（L1）"))
        _ = await fixture.run("i 测 试 Tab Tab Tab Tab Tab C-u 河 口 C-s")
        await #expect(try fixture.store.concern(ConcernCode("Q-2026-0071")!, viewer: nil).unitID == "t-hk")
        let (ambiguous, _) = await fixture.run("i 测 试 二 Tab Tab Tab Tab Tab C-u 供 电 所 C-s", language: .en)
        #expect(ambiguous.state.toast == "\"供电所\" names several units; type more")
    }
}

import Testing
import WentiTestSupport
@testable import WentiApp
@testable import WentiCore
@testable import WentiTerminal

/// `?` lists more actions than fit at 80×24: it says so, and pages.
@MainActor
@Suite("The help pages", .serialized)
struct HelpPagingTests {
    @Test func theHelpSaysWhatIsBelowAndPagesToTheEnd() async throws {
        let fixture = try await AppFixture()
        let rows = 24 - 5   // the screen less the bars, the frame and the filter line
        let total = fixture.environment.registry.actions.count
        #expect(total > rows, "more actions than one screen holds, or this test proves nothing")
        let (first, screen) = await fixture.run("?", width: 80, height: 24)
        #expect(screen.lastFrame.lines[22].contains("↓ \(total - rows) more (PageDown/End)"))
        #expect(first.state.overlays.last == .help(filter: TextField(), selected: 0))
        let (paged, pagedScreen) = await fixture.run("? PageDown", width: 80, height: 24)
        #expect(paged.state.overlays.last == .help(filter: TextField(), selected: rows, top: rows))
        // A whole page on: the first line shown is the one after the last of the first page
        // (it moved 9 lines, half a page, when the view followed the selection's middle).
        let actions = fixture.environment.registry.actions
        #expect(pagedScreen.lastFrame.lines[3].contains(actions[rows].title.en), "\(pagedScreen.lastFrame.lines[3])")
        let (end, last) = await fixture.run("? End", width: 80, height: 24, language: .zh)
        #expect(end.state.overlays.last == .help(filter: TextField(), selected: total - 1, top: total - rows))
        let lastTitle = fixture.environment.registry.actions.last!.title.zh
        #expect(last.lastFrame.text.contains(lastTitle), "the last action is on screen")
        #expect(last.lastFrame.lines[22].contains("↑ 上面还有"))
        #expect(!last.lastFrame.lines[22].contains("下面还有"))
        let (home, _) = await fixture.run("? End PageUp Home", width: 80, height: 24)
        #expect(home.state.overlays.last == .help(filter: TextField(), selected: 0))
    }
}

/// The detail draws the find → analyse → solve chain and the next step with its key.
@MainActor
@Suite("The chain and the next step", .serialized)
struct NextStepTests {
    @Test func theDetailSaysWhereTheConcernStandsAndWhatComesNext() async throws {
        let fixture = try await AppFixture()
        let (_, found) = await fixture.run("/ 活 动 室 Enter", language: .zh)
        #expect(found.lastFrame.text.contains("查找 ● ─ 分析 · ─ 解决 ·  下一步：分析 a"))
        let (_, analysed) = await fixture.run("/ 活 动 室 Enter a 挪 作 库 房 Enter", language: .zh)
        #expect(analysed.lastFrame.text.contains("查找 ✓ ─ 分析 ● ─ 解决 ·  下一步：定级 ="))
        // A user's key for the grade is the one named.
        let moved = try await AppFixture(overrides: ["grade": [.character("G")], "last": [.end]])
        let (_, rebound) = await moved.run("/ 活 动 室 Enter a 挪 作 库 房 Enter")
        #expect(rebound.lastFrame.text.contains("find ✓ ─ analyse ● ─ solve ·  Next: grade G"))
        let (_, solving) = await fixture.run("/ 山 区 线 路 Enter")
        #expect(solving.lastFrame.text.contains("find ✓ ─ analyse ✓ ─ solve ●  Next: mark solved d"))
    }
}

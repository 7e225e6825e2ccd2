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
        let rows = 24 - 6
        let total = fixture.environment.registry.actions.count
        #expect(total > rows, "more actions than one screen holds, or this test proves nothing")
        let (first, screen) = await fixture.run("?", width: 80, height: 24)
        #expect(screen.lastFrame.lines[22].contains("↓ \(total - rows) more (PageDown/End)"))
        #expect(first.state.overlays.last == .help(filter: TextField(), selected: 0))
        let (paged, _) = await fixture.run("? PageDown", width: 80, height: 24)
        #expect(paged.state.overlays.last == .help(filter: TextField(), selected: rows))
        let (end, last) = await fixture.run("? End", width: 80, height: 24, language: .zh)
        #expect(end.state.overlays.last == .help(filter: TextField(), selected: total - 1))
        let lastTitle = fixture.environment.registry.actions.last!.title.zh
        #expect(last.lastFrame.text.contains(lastTitle), "the last action is on screen")
        #expect(last.lastFrame.lines[22].contains("↑ 上面还有"))
        #expect(!last.lastFrame.lines[22].contains("下面还有"))
        let (home, _) = await fixture.run("? End PageUp Home", width: 80, height: 24)
        #expect(home.state.overlays.last == .help(filter: TextField(), selected: 0))
    }
}

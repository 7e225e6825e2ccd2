import Testing
import WentiTestSupport
@testable import WentiApp
@testable import WentiCore
@testable import WentiSession
@testable import WentiStore

/// Finding a concern by its number with `/`, `:goto` and `#`; the filter line saying where it
/// looks and widening to every unit; Chinese command names on the `:` line.
@MainActor
@Suite("Finding by number and Chinese commands from the keyboard", .serialized)
struct FindKeyboardTests {
    /// The libraries limited to 运维检修部 and its teams.
    let yunjian = "u 运 维 检 修 部 Enter "

    @Test func aNumberInTheFilterGoesToThatConcernInAnyOfItsForms() async throws {
        let fixture = try await AppFixture()
        for typed in ["6 8", "0 0 6 8", "Q - 2 0 2 6 - 0 0 6 8", "q - 2 0 2 6 - 6 8"] {
            let (app, _) = await fixture.run(yunjian + "/ \(typed) Enter")
            #expect(app.state.table.selectedRow?.code == ConcernCode("Q-2026-0068"), "\(typed)")
            #expect(app.state.selectedUnit?.name == "运维检修部", "\(typed): found where the table already was")
            #expect(app.state.filterText.isEmpty, "\(typed): the number is not left as a filter")
        }
    }

    @Test func aNumberIsNoSearchWordButLongNumbersAre() async throws {
        let fixture = try await AppFixture()
        let (all, _) = await fixture.run(yunjian)
        let (typing, screen) = await fixture.run(yunjian + "/ 6 8")
        #expect(typing.state.table.total == all.state.table.total, "typing a number does not empty the table")
        #expect(screen.lastFrame.lines.last!.contains("Enter: go to 68"))
        // Five digits and more are words: the 95598 hotline is in a title.
        let (hotline, _) = await fixture.run("/ 9 5 5 9 8 Enter")
        #expect(hotline.state.table.rows.map(\.title).contains { $0.contains("95598") })
    }

    @Test func aConcernOutsideTheUnitOrTheFilterWidensAndSaysSo() async throws {
        let fixture = try await AppFixture()
        // Q-2026-0004 is in 变电运维班, not in 营销部.
        let (other, _) = await fixture.run("u 营 销 部 Enter / 4 Enter")
        #expect(other.state.table.selectedRow?.code == ConcernCode("Q-2026-0004"))
        #expect(other.state.treeSelected == 0)
        #expect(other.state.toast == "Q-2026-0004 · 变电运维班 (widened to every unit)")
        // A filter that leaves it out is cleared too.
        let (filtered, _) = await fixture.run("/ s t a g e : c l o s e d Enter / Space 4 Enter")
        #expect(filtered.state.table.selectedRow?.code == ConcernCode("Q-2026-0004"))
        #expect(filtered.state.filterText.isEmpty)
        #expect(filtered.state.toast == "Q-2026-0004 · 变电运维班 (widened to every unit, filter cleared)")
        // A number nobody may see says so, and nothing moves.
        let (missing, _) = await fixture.run(yunjian + "/ 9 9 9 9 Enter")
        #expect(missing.state.toast == "no concern \"9999\" that you may see")
        #expect(missing.state.selectedUnit?.name == "运维检修部")
    }

    @Test func gotoTakesTheNumberInEnglishOrChineseAndHashAsksForIt() async throws {
        let fixture = try await AppFixture()
        let (english, _) = await fixture.run(": g o t o Space 6 8 Enter")
        #expect(english.state.table.selectedRow?.code == ConcernCode("Q-2026-0068"))
        let (chinese, _) = await fixture.run(": 转 到 Space 2 0 2 6 - 0 0 4 4 Enter", language: .zh)
        #expect(chinese.state.table.selectedRow?.code == ConcernCode("Q-2026-0044"))
        // From another pane it comes back to the libraries.
        let (elsewhere, _) = await fixture.run("3 # 4 4 Enter")
        #expect(elsewhere.state.tab == .libraries && elsewhere.state.table.selectedRow?.code == ConcernCode("Q-2026-0044"))
        let (asked, screen) = await fixture.run("#")
        #expect(asked.state.overlays.last == .commandLine({ var field = TextField(); field.set("goto "); return field }()))
        #expect(screen.lastFrame.lines.last!.hasPrefix(":goto"))
        let (noArgument, _) = await fixture.run(": s o r t Space x Enter")
        #expect(noArgument.state.toast == "sort takes no argument")
    }

    @Test func theFilterLineSaysWhereItLooksAndTabWidensToEveryUnit() async throws {
        let fixture = try await AppFixture()
        let (_, limited) = await fixture.run(yunjian + "/ 班", language: .zh)
        #expect(limited.lastFrame.lines.last!.contains("限 运维检修部 及下级"))
        #expect(limited.lastFrame.lines.last!.contains("Tab 全部单位"))
        let (widened, screen) = await fixture.run(yunjian + "/ 班 Tab", language: .zh)
        #expect(widened.state.treeSelected == 0 && widened.state.filterText == "班")
        #expect(screen.lastFrame.lines.last!.contains("全部单位 · 共"))
        #expect(!screen.lastFrame.lines.last!.contains("Tab 全部单位"))
        // w does the same outside the filter, and says it has nothing to widen at the top.
        let (w, _) = await fixture.run(yunjian + "w")
        #expect(w.state.treeSelected == 0)
        let (top, _) = await fixture.run("w")
        #expect(top.state.toast == "every unit is shown already")
    }

    @Test func chineseCommandNamesRunAndComplete() async throws {
        let fixture = try await AppFixture()
        // 上报 opens the escalation form on the selected concern, as :escalate does.
        let (escalate, _) = await fixture.run("/ 活 动 室 Enter : 上 报 Enter", language: .zh)
        guard case .form(_, .escalate, _)? = escalate.state.overlays.last else {
            Issue.record("上报 did not open the escalation form: \(escalate.state.toast ?? "")")
            return
        }
        let (completed, _) = await fixture.run(": 定 Tab", language: .zh)
        #expect(completed.state.overlays.last == .commandLine({ var field = TextField(); field.set("定级"); return field }()))
        let (_, offered) = await fixture.run(": 转", language: .zh)
        for name in ["转到", "转办", "转到单位"] { #expect(offered.lastFrame.lines.last!.contains(name)) }
        let (_, help) = await fixture.run("? 上 报", width: 120, height: 30, language: .zh)
        #expect(help.lastFrame.text.contains("上报") && help.lastFrame.text.contains("上报到上一级问题库"))
    }

    @Test func everyActionHasOneChineseNameOfItsOwn() async throws {
        let fixture = try await AppFixture()
        let registry = fixture.environment.registry
        let missing = registry.actions.map(\.id).filter { CommandNames.chinese[$0] == nil }
        #expect(missing.isEmpty, "actions without a Chinese command name: \(missing)")
        let names = registry.actions.compactMap { CommandNames.chinese[$0.id] }
        #expect(Set(names).count == names.count, "two actions share a Chinese name")
        #expect(Set(CommandNames.chinese.keys).isSubset(of: Set(registry.actions.map(\.id))), "a name for an action that does not exist")
    }

    @Test func withTheDetailHiddenAPageIsWhatIsSeen() async throws {
        let fixture = try await AppFixture()
        let hidden = Layout((100, 30)).tableRows(showDetail: false)
        #expect(hidden > Layout((100, 30)).tableRows(showDetail: true))
        let (paged, screen) = await fixture.run("Enter PageDown")
        #expect(paged.state.table.selected == hidden)
        // The selected row is the last one on screen, not below it.
        let selectedCode = paged.state.table.selectedRow!.code.description
        #expect(screen.lastFrame.lines.dropFirst(2).prefix(hidden).contains { $0.contains(selectedCode) })
        let (back, _) = await fixture.run("Enter PageDown PageDown Enter")
        #expect(back.state.table.selected >= back.state.table.top && back.state.table.selected < back.state.table.top + Layout((100, 30)).tableRows(showDetail: true),
                "showing the detail again keeps the selection in sight")
    }
}

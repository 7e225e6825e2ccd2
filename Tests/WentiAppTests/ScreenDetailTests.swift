import Foundation
import WentiTestSupport
import Testing
@testable import WentiApp
@testable import WentiCore
@testable import WentiStore
@testable import WentiTerminal
@testable import WentiText

/// Issue 15, screen details at 80×24 and beyond.
@MainActor
@Suite("Screen details", .serialized)
struct ScreenDetailTests {
    @Test func onlyTheFocusedPaneShowsAnActiveSelection() async throws {
        let fixture = try await AppFixture()
        let (_, table) = await fixture.run("", width: 80, height: 24)
        let tableX = Layout((80, 24)).tableX
        // The table has the keys: its row is ▸ and reversed; the tree's selected row is ▹.
        #expect(table.lastFrame[0, 1].text == "▹" && !table.lastFrame[0, 1].style.reverse)
        #expect(table.lastFrame[tableX, 2].text == "▸" && table.lastFrame[tableX, 2].style.reverse)
        let (_, tree) = await fixture.run("Tab", width: 80, height: 24)
        #expect(tree.lastFrame[0, 1].text == "▸" && tree.lastFrame[0, 1].style.reverse)
        #expect(tree.lastFrame[tableX, 2].text == "▹" && !tree.lastFrame[tableX, 2].style.reverse)
    }

    @Test func tabSwitchesNothingUnseenOnAPaneWithOneList() async throws {
        let fixture = try await AppFixture()
        let (app, _) = await fixture.run("3 Tab 1", width: 80, height: 24)
        #expect(app.state.focus == .table, "Tab on the supervision pane moved the libraries' focus")
    }

    @Test(arguments: [(61, false), (61, true), (79, false), (95, true)])
    func theTitleKeepsHalfTheTable(width: Int, zh: Bool) {
        let columns = LibrariesPane.tableColumns(width: width, zh: zh)
        let title = columns.first { $0.title == .columnTitle }!.width
        #expect(title * 2 >= width, "\(width) \(zh): \(columns.map { ($0.title.text(.en), $0.width) })")
        #expect(columns.contains { $0.title == .columnID } && columns.contains { $0.title == .columnDue })
    }

    @Test func atEightyColumnsEnglishTitlesAreReadable() async throws {
        let fixture = try await AppFixture()
        let (app, screen) = await fixture.run("", width: 80, height: 24)
        // The second row: the first is the fixture's own title of emoji and controls.
        let row = try #require(app.state.table.rows.dropFirst().first)
        let line = screen.lastFrame.lines[3]
        // More than the four characters it used to keep.
        #expect(line.contains(String(row.title.prefix(8))), "\(line)")
    }

    @Test func theTopBarNeverCutsWhoIsLooking() async throws {
        let fixture = try await AppFixture()
        for language in Language.allCases {
            for width in [60, 80] {
                let (_, screen) = await fixture.run("W 黄 晓 梅 Enter", width: width, height: 24, language: language)
                let header = try #require(fixture.environment.session.viewHeader?.text(language))
                #expect(screen.lastFrame.lines[0].contains(header), "\(width) \(language): \(screen.lastFrame.lines[0])")
                _ = await fixture.run("W 赵 雅 琴 Enter")
            }
            let (_, own) = await fixture.run("", width: 60, height: 24, language: language)
            let principal = fixture.environment.session.principal
            // Whole, in the role's long label or, where the line is short, its short one (never cut).
            let roles = [principal.role.label, principal.role.shortLabel].map { "\(principal.name) · \($0.text(language))" }
            #expect(roles.contains { own.lastFrame.lines[0].contains($0) }, "\(own.lastFrame.lines[0])")
        }
    }

    @Test func teamsWhoseNamesBeginAlikeStayApartWhenCut() async throws {
        let fixture = try await AppFixture()
        let org = fixture.environment.session.organisation
        let yunwei = try #require(org.unit("t-bdyw")), jianxiu = try #require(org.unit("t-bdjx"))
        #expect(UIText.unitName(yunwei, fitting: 7) == "运维班" && UIText.unitName(jianxiu, fitting: 7) == "检修班")
        #expect(UIText.unitName(yunwei, fitting: 10) == "变电运维班")
        let (_, screen) = await fixture.run("", width: 80, height: 24)
        let tree = screen.lastFrame.lines.map { String($0.prefix(18)) }
        #expect(!tree.contains { $0.contains("变电…") }, "\(tree)")
    }

    @Test func aLongRefusalIsReadInFull() async throws {
        let fixture = try await AppFixture()
        let (app, _) = await fixture.run("", width: 80, height: 24)
        var state = app.state
        let message = "Q-2026-0004 was changed by 孙文博 at 14:30, after you read it; your change was not saved: read it again and redo it, then save once more"
        state.toast = message
        let grid = App.render(state, fixture.environment, width: 80, height: 24)
        let bottom = grid.lines.suffix(3).joined(separator: " ")
        for word in message.split(separator: " ") { #expect(bottom.contains(word), "\(word) in \(bottom)") }
    }

    @Test func theHelpSaysWhyAnActionIsUnavailable() async throws {
        let fixture = try await AppFixture()
        let (_, screen) = await fixture.run("? c l e a r - f i l t e r", width: 120, height: 30)
        #expect(screen.lastFrame.text.contains("(unavailable: no filter is set)"), "\(screen.lastFrame.text)")
        let (_, zh) = await fixture.run("? c l e a r - f i l t e r", width: 120, height: 30, language: .zh)
        #expect(zh.lastFrame.text.contains("（不可用：当前没有筛选）"))
    }

    @Test func paneHintsNameTheKeysAUserBound() async throws {
        let moved = try await AppFixture(overrides: ["meeting-decide": [.character("E")]])
        let (_, screen) = await moved.run("2 n", width: 120, height: 36, language: .zh)
        #expect(screen.lastFrame.text.contains("尚未决定：E 记录"), "\(screen.lastFrame.text)")
        #expect(!screen.lastFrame.text.contains("回车记录"))
    }

    @Test func dueSoonCountsAGradedConcernStillWaitingForItsDefinition() async throws {
        let fixture = try await AppFixture()
        // Q-2026-0059 is graded (its deadline set) and still being analysed: on the day the
        // tester looked it was due in 6 days, and the pane said "due within 7 days: 0".
        let code = ConcernCode("Q-2026-0059")!
        let concern = try await fixture.store.concern(code, viewer: nil)
        let deadline = try #require(concern.deadline)
        #expect(concern.stage == .analysing)
        fixture.clock.set(day: deadline.adding(days: -6))
        let (app, screen) = await fixture.run("3", width: 120, height: 36, language: .zh)
        #expect(app.state.supervision.dueSoon.contains { $0.code == code }, "\(app.state.supervision.dueSoon.map(\.code))")
        #expect(screen.lastFrame.text.contains("即将到期（7 天内）\(app.state.supervision.dueSoon.count)") && app.state.supervision.dueSoon.count > 0)
        #expect(screen.lastFrame.text.contains("[待界定] "), "the step it waits for is said")
        // Not overdue the day after: the clock of an undefined concern is not judged (docs/METRICS.md).
        fixture.clock.set(day: deadline.adding(days: 1))
        let (later, _) = await fixture.run("3", width: 120, height: 36)
        #expect(!later.state.supervision.dueSoon.contains { $0.code == code } && !later.state.supervision.overdue.contains { $0.code == code })
    }

    @Test func pagingWithTheDetailHiddenMovesByAWholeTable() async throws {
        let fixture = try await AppFixture()
        let (app, _) = await fixture.run("Enter PageDown", width: 80, height: 24)
        #expect(!app.state.showDetail)
        #expect(app.state.table.selected == Layout((80, 24)).tableRows(showDetail: false), "a page is what is seen: 21 rows")
        let (shown, _) = await fixture.run("PageDown", width: 80, height: 24)
        #expect(shown.state.table.selected == Layout((80, 24)).tableRows(showDetail: true))
    }
}

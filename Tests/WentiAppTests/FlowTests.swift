import Testing
import WentiTestSupport
@testable import WentiApp
@testable import WentiCore
@testable import WentiStore
@testable import WentiTerminal
@testable import WentiText

@MainActor
@Suite("Headless flows", .serialized)
struct FlowTests {
    @Test func theFirstScreenShowsTheDemoWithAlignedColumns() async throws {
        let fixture = try await AppFixture()
        let (app, backend) = await fixture.run("", width: 100, height: 30)
        #expect(app.state.table.total == 70)
        let lines = backend.lastFrame.lines
        #expect(lines.allSatisfy { DisplayWidth.of($0) == 100 }, "every line exactly 100 columns")
        #expect(backend.lastFrame.text.contains("Q-2026-0070"))
        #expect(!backend.lastFrame.text.unicodeScalars.contains { $0.value == 0x1B })
        // The title column starts at the same column on every table row.
        let tableRows = Layout((100, 30)).tableRows(showDetail: true)
        let rows = lines[2..<(2 + tableRows)]
        let starts = Set(rows.map { line -> Int in
            let range = line.range(of: "Q-2026-")!
            return DisplayWidth.of(String(line[..<range.lowerBound]))
        })
        #expect(starts.count == 1)
    }

    @Test func navigationMovesTheSelectionAndTheDetailFollows() async throws {
        let fixture = try await AppFixture()
        let (app, _) = await fixture.run("j j j k")
        #expect(app.state.table.selected == 2)
        #expect(app.state.detail?.code == app.state.table.selectedRow?.code)
        let (paged, _) = await fixture.run("PageDown", width: 100, height: 30)
        #expect(paged.state.table.selected == Layout((100, 30)).tableRows(showDetail: true))
        let (end, _) = await fixture.run("G")
        #expect(end.state.table.selected == 69)
        #expect(end.state.table.selectedRow?.code.description == "Q-2026-0001")
    }

    @Test func theTreeNarrowsTheTableToAUnitAndItsTeams() async throws {
        let fixture = try await AppFixture()
        // Tab to the tree; the second row is the first department in tree order.
        let (app, backend) = await fixture.run("Tab j j")
        let unit = try #require(app.state.selectedUnit)
        let subtree = fixture.environment.session.workspace.organisation.subtree(of: unit.id)
        #expect(app.state.table.rows.allSatisfy { subtree.contains($0.unitID) })
        #expect(backend.lastFrame.lines.last!.contains(unit.name))
    }

    @Test func aTwoCharacterChineseFilterNarrowsLive() async throws {
        let fixture = try await AppFixture()
        let (app, backend) = await fixture.run("/ 补贴")
        #expect(app.state.table.query.text == "补贴")
        #expect(app.state.table.total > 0 && app.state.table.total < 70)
        // The words are looked for in title, description, root cause and plan: every listed
        // concern has them in one of those, and every concern that has them is listed.
        func mentions(_ concern: Concern) -> Bool {
            [concern.title, concern.description, concern.analysis.rootCause, concern.plan].contains { $0.contains("补贴") }
        }
        var matching: Set<ConcernCode> = []
        try await fixture.store.eachConcern(ConcernQuery(), scope: .all) { batch in matching.formUnion(batch.filter(mentions).map(\.code)) }
        #expect(Set(app.state.table.rows.map(\.code)) == matching)
        #expect(backend.lastFrame.cursor != nil, "the caret is where an input method expects it")
        let (cleared, _) = await fixture.run("/ 补贴 Enter Esc")
        #expect(cleared.state.table.query.text.isEmpty && cleared.state.table.total == 70)
    }

    @Test func helpListsDisabledActionsWithTheirReasonAndRunsTheChosenOne() async throws {
        let fixture = try await AppFixture()
        let (_, help) = await fixture.run("?")
        #expect(help.lastFrame.text.contains("clear-marks"))
        #expect(help.lastFrame.text.contains("Clear all marks (unavailable: nothing is marked)"), "the reason on its line")
        let (_, why) = await fixture.run("? c l e a r - m")
        #expect(why.lastFrame.text.contains("unavailable: nothing is marked"), "the reason of the selected one")
        let (ran, _) = await fixture.run("? s o r t Enter")
        #expect(ran.state.table.query.sort == .oldest)
        #expect(ran.state.overlays.isEmpty)
    }

    @Test func theCommandLineCompletesAndRuns() async throws {
        let fixture = try await AppFixture()
        let (app, backend) = await fixture.run(": s o r Tab", width: 100, height: 30)
        guard case .commandLine(let field)? = app.state.overlays.last else {
            Issue.record("no command line")
            return
        }
        #expect(field.text == "sort")
        #expect(backend.lastFrame.lines.last!.hasPrefix(":sort"))
        let (ran, _) = await fixture.run(": s o r t Enter")
        #expect(ran.state.table.query.sort == .oldest)
        // Two commands share "so": Tab completes what they share and lists both.
        let (ambiguous, screen2) = await fixture.run(": s o Tab", width: 100, height: 30)
        if case .commandLine(let field)? = ambiguous.state.overlays.last { #expect(field.text == "so") }
        #expect(screen2.lastFrame.lines.last!.hasSuffix("solve sort"))
        let (unknown, screen) = await fixture.run(": n o p e Enter")
        #expect(unknown.state.toast == "no such command: nope")
        #expect(screen.lastFrame.lines.last!.contains("no such command: nope"))
    }

    @Test func marksAndRanges() async throws {
        let fixture = try await AppFixture()
        let (app, _) = await fixture.run("Space j j v j j v")
        #expect(app.state.table.marks.count == 4)   // row 0, then rows 2...4
        // Clearing is dangerous: it asks first, saying how many, and n keeps the marks.
        let (asked, screen) = await fixture.run("Space j Space V")
        #expect(screen.lastFrame.text.contains("Clear all 2 marks?"))
        #expect(asked.state.table.marks.count == 2)
        let (kept, _) = await fixture.run("Space j Space V n j")
        #expect(kept.state.table.marks.count == 2 && kept.state.table.selected == 2, "n closes the question, j moves again")
        let (cleared, _) = await fixture.run("Space j Space V y")
        #expect(cleared.state.table.marks.isEmpty)
    }

    @Test func theUnitPickerFindsUnitsByChineseName() async throws {
        let fixture = try await AppFixture()
        let (app, screen) = await fixture.run("u 青", width: 100, height: 30, language: .zh)
        #expect(screen.lastFrame.text.contains("转到单位") && screen.lastFrame.text.contains("青山供电所"))
        let (chosen, _) = await fixture.run("u 青 山 Enter")
        #expect(chosen.state.selectedUnit?.name == "青山供电所")
        #expect(chosen.state.table.rows.allSatisfy { $0.unitID.rawValue == "t-qs" })
        #expect(chosen.state.focus == .tree)
        _ = app
    }

    @Test func statusHintsNameTheKeysActuallyBound() async throws {
        let fixture = try await AppFixture(overrides: ["quit": [.character("Q")]])
        let (_, screen) = await fixture.run("")
        let status = screen.lastFrame.lines.last!
        #expect(status.contains("Q quit") && !status.contains("q quit") && status.contains("? help"))
    }

    @Test func theMouseSelectsAndScrollsWhenSwitchedOn() async throws {
        let fixture = try await AppFixture()
        let layout = Layout((100, 30))
        let backend = HeadlessTerminal(width: 100, height: 30, keys: [.click(x: 50, y: layout.contentTop + 4), .wheelDown])
        let app = TerminalApp(state: AppState(language: .en), environment: fixture.environment, backend: backend)
        await app.run()
        #expect(app.state.table.selected == 3 + 3)
        let (toggled, _) = await fixture.run("M")
        #expect(toggled.state.mouse)
    }

    @Test func languageSwitchesEveryUIString() async throws {
        let fixture = try await AppFixture()
        let (_, zh) = await fixture.run("", language: .zh)
        #expect(zh.lastFrame.text.contains("问题库") && zh.lastFrame.text.contains("共 70 个"))
        let (_, en) = await fixture.run("L", language: .zh)
        #expect(en.lastFrame.text.contains("Libraries") && en.lastFrame.text.contains("70 in all"))
    }

    @Test(arguments: [(1, 1), (10, 5), (40, 10), (59, 30), (80, 11)])
    func belowTheMinimumItSaysSoAndNeverCrashes(size: (Int, Int)) async throws {
        let fixture = try await AppFixture()
        let (_, backend) = await fixture.run("j ? Esc", width: size.0, height: size.1)
        #expect(backend.lastFrame.width == size.0 && backend.lastFrame.height == size.1)
        if size.0 >= 20 && size.1 >= 3 { #expect(backend.lastFrame.text.contains("terminal too small: need 60×12")) }
    }

    @Test func aResizeRedrawsAtTheNewSize() async throws {
        let fixture = try await AppFixture()
        let backend = HeadlessTerminal(width: 100, height: 30, keys: KeyScript.parse("j"))
        backend.resize(width: 200, height: 60)
        let app = TerminalApp(state: AppState(language: .en), environment: fixture.environment, backend: backend)
        await app.run()
        #expect(backend.lastFrame.width == 200 && backend.lastFrame.height == 60)
        #expect(backend.lastFrame.text.contains("Q-2026-0070"))
    }

    @Test func aTeamLeaderSeesTheirTeamAndTheSealedReporterStaysSealed() async throws {
        let fixture = try await AppFixture(viewer: "bzz-huang")   // 客户服务班
        let (app, backend) = await fixture.run("")
        #expect(app.state.table.rows.allSatisfy { $0.unitID.rawValue == "t-kf" || $0.unitID.rawValue == "d-yx" || $0.unitID.rawValue == "co" })
        #expect(backend.lastFrame.text.contains("anonymous") && !backend.lastFrame.text.contains("测试人员"))
        let political = try await AppFixture(viewer: "zg-zhao")
        let (_, seen) = await political.run("")
        #expect(seen.lastFrame.text.contains("identity sealed") && !seen.lastFrame.text.contains("测试人员"), "staff see that there is one")
    }

    @Test func staffOpenTheIdentityWithAReasonAndPassphraseAndItGoesWithTheDetail() async throws {
        let fixture = try await AppFixture(viewer: "zg-zhao")
        // The test concern (Q-2026-0070) is the newest, at the top of the table.
        let (_, missing) = await fixture.run("I Enter")
        #expect(missing.lastFrame.text.contains("required"), "a reason and a passphrase are asked for")
        let (_, wrong) = await fixture.run("I 回访核实 Tab wrongpass Enter")
        #expect(wrong.lastFrame.text.contains("wrong passphrase") && !wrong.lastFrame.text.contains("wrongpass"), "dots, never the passphrase")
        let typed = AppFixture.passphrase
        let (app, opened) = await fixture.run("I 回访核实 Tab \(typed) Enter")
        #expect(opened.lastFrame.text.contains("anonymous: 测试人员"), "\(opened.lastFrame.text)")
        #expect(app.state.openedIdentity?.text == "测试人员")
        let log = try await fixture.store.auditLog(subject: sealedIdentityAuditSubject)
        #expect(log.last?.action == "open-sealed-identity" && log.last?.changes.last?.new == "回访核实")
        // One step down and it is gone, from the screen and from the state.
        let (moved, away) = await fixture.run("I 回访核实 Tab \(typed) Enter j")
        #expect(!away.lastFrame.text.contains("测试人员") && moved.state.openedIdentity == nil)
    }

    @Test func keyOverridesApplyAndConflictsNameBothBindings() async throws {
        let fixture = try await AppFixture(overrides: ["move-down": [.character("J")]])
        let (app, _) = await fixture.run("J J j")
        #expect(app.state.table.selected == 2, "j no longer moves down; J does")
        #expect(throws: KeymapError.conflict(key: "q", first: "move-down", second: "quit")) {
            try ActionRegistry(actions: StandardActions.all, overrides: ["move-down": [.character("q")]])
        }
        #expect(throws: KeymapError.unknownAction("fly")) { try ActionRegistry(actions: StandardActions.all, overrides: ["fly": [.character("f")]]) }
        #expect(try KeymapFile.parse("[keys]\nmove-down = [\"n\", \"Down\"]\nquit = \"Q\"\n", path: "k.toml")
                == ["move-down": [.character("n"), .down], "quit": [.character("Q")]])
        #expect(throws: KeymapError.unknownKey("Hyper-x", action: "quit")) { try KeymapFile.parse("[keys]\nquit = \"Hyper-x\"\n", path: "k.toml") }
        #expect(throws: KeymapError.self) { try KeymapFile.parse("[keys\nquit = ", path: "k.toml") }
    }

    @Test func textFieldsEditWholeCharacters() {
        var field = TextField()
        for key in KeyScript.parse("报 表 a Left Left BSpace") { _ = field.handle(key) }
        #expect(field.text == "表a" && field.caret == 0)
        field.insert("班组")   // a committed input-method string arrives whole
        #expect(field.text == "班组表a" && field.caret == 2)
        var grid = Grid(width: 6, height: 1)
        field.draw(into: &grid, x: 0, y: 0, width: 6)
        #expect(grid.cursor?.x == 4, "the caret sits after two wide characters")
        field.set("很长的一段中文文字")
        field.draw(into: &grid, x: 0, y: 0, width: 6)
        #expect(grid.cursor!.x < 6, "a long text scrolls so the caret stays visible")
    }

    @Test func theTableIsAWindowThatNeverHoldsAWholeLibrary() async throws {
        let fixture = try await AppFixture(synthetic: 2_500)
        let data = fixture.environment.session
        var table = ConcernTableModel()
        try await table.reload(data)
        #expect(table.total == 2_570 && table.rows.count == ConcernTableModel.pageSize)
        // Walking down 1,500 rows one page at a time: every row once, in the listing's order
        // (as one long page gives it), and the window stays bounded.
        var seen: [ConcernCode] = [table.rows[0].code]
        for _ in 0..<1_500 {
            try await table.move(by: 1, visibleRows: 20, data)
            seen.append(table.selectedRow!.code)
            #expect(table.rows.count <= ConcernTableModel.windowLimit)
        }
        await #expect(seen == (try data.page(table.query, after: nil, limit: 1_501).rows.map(\.code)) && Set(seen).count == seen.count)
        // And back up past the rows the window dropped.
        for _ in 0..<1_500 { try await table.move(by: -1, visibleRows: 20, data) }
        #expect(table.selectedRow?.code == seen[0])
        // End loads the last page only; moving up from there loads the page above.
        try await table.moveToEnd(visibleRows: 20, data)
        #expect(table.rows.count == ConcernTableModel.pageSize)
        let last = try #require(table.selectedRow)
        await #expect(last.code == (try data.page(table.query, before: nil, limit: 1).rows.last?.code))
        try await table.move(by: -150, visibleRows: 20, data)
        #expect(table.rows.count > ConcernTableModel.pageSize)
        try await table.moveToStart(data)
        #expect(table.selected == 0 && table.selectedRow?.code == seen[0])
    }
}

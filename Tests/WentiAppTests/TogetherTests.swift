import Foundation
import WentiTestSupport
import Testing
@testable import WentiApp
@testable import WentiCore
@testable import WentiSession
@testable import WentiStore
@testable import WentiTerminal

/// A terminal whose keys may run code first: "someone else" changes the database between
/// two keys, as another process would.
@MainActor
final class ScriptedTerminal: TerminalBackend {
    let size: (width: Int, height: Int) = (100, 30)
    private var steps: [(before: () -> Void, key: Key)]
    private(set) var lastFrame = Grid(width: 100, height: 30)

    init(_ steps: [(before: () -> Void, key: Key)]) {
        self.steps = steps
    }

    func present(_ grid: Grid) { lastFrame = grid }

    func nextKey() -> Key? {
        guard !steps.isEmpty else { return nil }
        let step = steps.removeFirst()
        step.before()
        return step.key
    }

    func restore() {}
}

@MainActor
@Suite("Two people on one database", .serialized)
struct TogetherTests {
    func other(_ fixture: AppFixture) throws -> SQLiteStore {
        try SQLiteStore(path: fixture.directory.appendingPathComponent("demo.sqlite").path, create: false)
    }

    @Test func anotherProcessesChangeAppearsOnTheNextTickKeepingCursorAndFilter() async throws {
        let fixture = try await AppFixture()
        let someoneElse = try other(fixture)
        // 补贴 lists three concerns; the second (Q-2026-0024) is selected.
        var steps: [(before: () -> Void, key: Key)] = KeyScript.parse("/ 补 贴 Enter j").map { key in ({}, key) }
        steps.append(({
            do {
                _ = try blocking { try await someoneElse.perform(.progress("孙文博：已协调财务"), on: ConcernCode("Q-2026-0024")!, expectedVersion: nil, actor: "zg-sun") }
            } catch {
                Issue.record("the other process could not write: \(error)")
            }
        }, .tick))
        let backend = ScriptedTerminal(steps)
        let app = TerminalApp(state: AppState(language: .en), environment: fixture.environment, backend: backend)
        await app.run()
        #expect(app.state.filterText == "补贴" && app.state.table.selected == 1, "filter and cursor kept")
        #expect(app.state.detail?.code.description == "Q-2026-0024")
        #expect(app.state.detail?.notes.last?.text == "孙文博：已协调财务", "the other process's change is on screen")
        #expect(backend.lastFrame.text.contains("孙文博：已协调财务"))
    }

    /// The progress form opened on Q-2026-0004 and typed in; while it is open, 孙文博 adds a
    /// note from another process; then C-s.
    func conflictingProgress(_ fixture: AppFixture) throws -> [(before: () -> Void, key: Key)] {
        let someoneElse = try other(fixture)
        var steps: [(before: () -> Void, key: Key)] = KeyScript.parse("/ 活 动 室 Enter p 已 联 系 后 勤").map { key in ({}, key) }
        steps.append(({
            _ = try? blocking { try await someoneElse.perform(.progress("孙文博补充"), on: ConcernCode("Q-2026-0004")!, expectedVersion: nil, actor: "zg-sun") }
        }, .ctrl("s")))
        return steps
    }

    @Test func aConflictingEditIsRefusedWithWhoAndTheInputIsKept() async throws {
        let fixture = try await AppFixture()
        let backend = ScriptedTerminal(try conflictingProgress(fixture))
        let app = TerminalApp(state: AppState(language: .en), environment: fixture.environment, backend: backend)
        await app.run()
        #expect(app.state.toast?.contains("孙文博 changed Q-2026-0004") == true, "\(app.state.toast ?? "")")
        #expect(app.state.toast?.contains("version") == false, "no version numbers: \(app.state.toast ?? "")")
        guard case .form(let form, .progress, let targets)? = app.state.overlays.last else {
            Issue.record("the form should stay open")
            return
        }
        #expect(form.fields[0].value == "已联系后勤", "the typed text is kept to apply again")
        let current = try await fixture.store.concern(ConcernCode("Q-2026-0004")!, viewer: nil)
        #expect(current.notes.map(\.text) == ["孙文博补充"], "nothing of the refused edit was written")
        #expect(targets.map(\.version) == [current.version], "the form now stands on their version")
        // The form says who changed what, in words, above what was typed.
        let screen = backend.lastFrame.text
        #expect(screen.contains("孙文博 changed Q-2026-0004"), "\(screen)")
        #expect(screen.contains("new progress: 孙文博补充"), "\(screen)")
        #expect(screen.contains("C-s applies"), "\(screen)")
    }

    @Test func afterAConflictCtrlSAppliesWhatWasTypedToTheirVersion() async throws {
        let fixture = try await AppFixture()
        // A second C-s then puts what was typed after their note.
        let backend = ScriptedTerminal(try conflictingProgress(fixture) + [({}, .ctrl("s"))])
        let app = TerminalApp(state: AppState(language: .zh), environment: fixture.environment, backend: backend)
        await app.run()
        #expect(app.state.overlays.isEmpty, "the second C-s went through")
        let notes = try await fixture.store.concern(ConcernCode("Q-2026-0004")!, viewer: nil).notes.map(\.text)
        #expect(notes == ["孙文博补充", "已联系后勤"], "their change kept, and what was typed applied after it")
    }

    @Test func whatChangedMeanwhileIsSaidInWordsNeverIds() async throws {
        let fixture = try await AppFixture()
        let session = fixture.environment.session
        var seen = Concern(code: ConcernCode("Q-2026-0004")!, title: "活动室", description: "", categoryID: "team-burden", channel: .hotline,
                           finderID: "zg-zhao", reporter: .named(name: "张三", personID: nil), reportedOn: Day("2026-11-01")!,
                           unitID: "t-kf", tier: .l1, createdAt: Date(), createdByID: "zg-zhao")
        seen.grade = .general
        var now = seen
        now.grade = .urgent
        now.firstResponsibleID = "zg-sun"
        now.updatedByID = "zg-sun"
        let report = ChangedMeanwhile.between(seen, now, org: session.organisation, categories: session.workspace.categories)
        let lines = report.lines(.zh).joined(separator: "\n")
        #expect(lines.contains("孙文博 在"), "\(lines)")
        #expect(lines.contains("· 等级：一般 → 急难"), "\(lines)")
        #expect(lines.contains("· 第一责任人：无 → 孙文博"), "\(lines)")
        #expect(!lines.contains("zg-sun") && !lines.contains("urgent"), "\(lines)")
    }
}

@MainActor
@Suite("Acting as someone else", .serialized)
struct SwitchPersonTests {
    @Test func switchingPersonRescopesEverythingAndSealsTheReporter() async throws {
        let fixture = try await AppFixture()
        let (app, screen) = await fixture.run("W 黄 晓 梅 Enter", language: .zh)
        #expect(screen.lastFrame.lines[0].contains("赵雅琴 · 以 黄晓梅 的视角查看"))
        // Her team (客户服务班) and what it submitted up; nothing of other teams.
        let expected = try await fixture.store.page(ConcernQuery(), viewer: "bzz-huang", after: nil, limit: 100).rows.map(\.code)
        #expect(app.state.table.rows.map(\.code) == expected && expected.count < 70)
        #expect(!screen.lastFrame.text.contains("测试人员"), "the sealed identity is gone for a team leader")
        // A team leader may not triage what her team submitted up.
        let (steer, _) = await fixture.run("W 黄 晓 梅 Enter / 投 诉 Enter =", language: .en)
        let zhao = fixture.environment.session.principal
        let huang = fixture.environment.session.organisation.person("bzz-huang")!
        #expect(steer.state.toast == SessionError.readOnly(principal: zhao, viewer: huang, action: .grade).label.en, "viewing as her is read-only")
    }
}

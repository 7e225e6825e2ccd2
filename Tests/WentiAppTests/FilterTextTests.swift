import Testing
import WentiTestSupport
@testable import WentiApp
@testable import WentiCore
@testable import WentiSession
@testable import WentiStore

@MainActor
@Suite("Filter tokens and saved views", .serialized)
struct FilterTextTests {
    @Test func tokensNarrowByFieldAndTheRestIsText() async throws {
        let fixture = try await AppFixture()
        let workspace = fixture.environment.session.workspace
        var query = ConcernQuery()
        FilterText.apply("grade:急难 stage:solving tier:L2 unit:运维检修部 category:收入福利 channel:hotline overdue mine 报表 stage:nonsense",
                         to: &query, workspace: workspace, me: "zg-zhao")
        #expect(query.grades == [.urgent] && query.stages == [.solving] && query.tiers == [.l2])
        #expect(query.unitIDs == workspace.organisation.subtree(of: "d-yj"))
        #expect(query.categoryIDs == ["income-welfare"] && query.channels == [.hotline])
        #expect(query.overdueOnly && query.firstResponsibleID == "zg-zhao")
        #expect(query.text == "报表 stage:nonsense", "unknown tokens stay as words")
    }

    @Test func typedTokensFilterTheTableLive() async throws {
        let fixture = try await AppFixture()
        let (app, screen) = await fixture.run("/ stage:解决中 Space overdue Space unit:农网管理部", language: .zh)
        #expect(Set(app.state.table.rows.map(\.code.description)) == ["Q-2026-0045", "Q-2026-0027"])
        #expect(screen.lastFrame.lines.last!.contains("共 2 个"))
    }

    @Test func savedViewsAreNamedFilters() async throws {
        let fixture = try await AppFixture()
        let (watch, screen) = await fixture.run("F6", language: .zh)
        #expect(!watch.state.table.rows.isEmpty && watch.state.table.rows.allSatisfy { $0.stage == .watch })
        #expect(screen.lastFrame.lines.last!.contains("视图：观察中"))
        let (overdue, _) = await fixture.run("F3")
        #expect(!overdue.state.table.rows.isEmpty && overdue.state.table.rows.allSatisfy { $0.daysOverdue > 0 })
        let mine = try await AppFixture(viewer: "bz-feng")
        let (own, _) = await mine.run("F2")
        #expect(!own.state.table.rows.isEmpty && own.state.table.rows.allSatisfy { $0.firstResponsibleID == "bz-feng" })
        // A view keeps the tree's unit: 农网管理部 (Tab, down two) and overdue.
        let (narrowed, _) = await fixture.run("Tab j j Tab F3")
        #expect(Set(narrowed.state.table.rows.map(\.code.description)) == ["Q-2026-0045", "Q-2026-0027"])
    }
}

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

    @Test func unitsAnswerToTheirShortNamesAndTheReadmeExampleIsUnderstood() async throws {
        let fixture = try await AppFixture()
        let workspace = fixture.environment.session.workspace
        var short = ConcernQuery()
        FilterText.apply("unit:运检部 unit:河口所", to: &short, workspace: workspace, me: "zg-zhao")
        #expect(short.unitIDs == workspace.organisation.subtree(of: "d-yj").union(["t-hk"]))
        // The README's own example: every token understood, none left over as a word.
        let readme = "grade:urgent stage:解决中 unit:运检部 overdue mine"
        var query = ConcernQuery()
        FilterText.apply(readme, to: &query, workspace: workspace, me: "zg-zhao")
        #expect(query.text.isEmpty && FilterText.problems(in: readme, workspace: workspace).isEmpty)
        #expect(query.unitIDs == workspace.organisation.subtree(of: "d-yj"))
        // The unit picker finds a unit by its short name too.
        let (_, picker) = await fixture.run("u 运 检 部", language: .zh)
        #expect(picker.lastFrame.text.contains("运维检修部  运检部"))
    }

    @Test func aTokenNamingNothingSaysSoInsteadOfMatchingNothing() async throws {
        let fixture = try await AppFixture()
        let (typing, screen) = await fixture.run("/ unit:运建部", language: .zh)
        #expect(typing.state.filterProblem?.zh == "没有单位“运建部”")
        #expect(screen.lastFrame.lines.last!.contains("没有单位“运建部”"))
        let (_, status) = await fixture.run("/ unit:运建部 Enter")
        #expect(status.lastFrame.lines.last!.contains("no unit \"运建部\""))
        let (_, stage) = await fixture.run("/ stage:solvd Enter")
        #expect(stage.lastFrame.lines.last!.contains("no stage \"solvd\""))
        let (fine, _) = await fixture.run("/ unit:运检部 Enter")
        #expect(fine.state.filterProblem == nil && fine.state.table.total > 0)
    }
}

import Testing
import WentiTestSupport
@testable import WentiApp
@testable import WentiCore
@testable import WentiStore

/// `U` takes back what the README promises (grade, plan, first responsible person, analysis,
/// processing), on the selected concern and on a batch, each through the keyboard; and says
/// in words what it cannot take back.
@MainActor
@Suite("Undo from the keyboard", .serialized)
struct UndoKeyboardTests {
    /// 食堂 concern Q-2026-0030 (河口所, found, nothing decided yet) is the selected row.
    let select = "/ 食 堂 Enter "
    let code = ConcernCode("Q-2026-0030")!

    func concern(_ fixture: AppFixture) async throws -> Concern {
        try await fixture.store.concern(code, viewer: nil)
    }

    @Test func aFirstAnalysisGoesBackToFound() async throws {
        let fixture = try await AppFixture()
        let (app, _) = await fixture.run(select + "a 无 晚 餐 保 障 Enter U")
        let after = try await concern(fixture)
        #expect(after.stage == .found && after.analysis.rootCause.isEmpty, "\(app.state.toast ?? "")")
        #expect(app.state.toast == "undone: analyse (1)")
        let actions = try await fixture.store.auditLog(subject: code.description).map(\.action)
        #expect(actions.suffix(2) == ["analyse", "undo"], "the undo is on record as an action of its own")
    }

    @Test func aFirstGradeIsClearedWithTheDeadlineItSet() async throws {
        let fixture = try await AppFixture()
        _ = await fixture.run(select + "a 无 晚 餐 保 障 Enter")
        let (app, _) = await fixture.run(select + "= 1 Enter U")
        let after = try await concern(fixture)
        #expect(after.grade == nil && after.deadline == nil && after.stage == .analysing, "\(app.state.toast ?? "")")
    }

    @Test func aPlanAndAFirstResponsiblePersonAreTakenBack() async throws {
        let fixture = try await AppFixture()
        _ = await fixture.run(select + "a 无 晚 餐 保 障 Enter")
        _ = await fixture.run(select + "P 食 堂 晚 上 开 一 个 窗 口 C-s U")
        #expect(try await concern(fixture).plan.isEmpty)
        _ = await fixture.run(select + "P 食 堂 晚 上 开 一 个 窗 口 C-s")
        _ = await fixture.run(select + "P 请 食 堂 留 饭 C-s U")
        #expect(try await concern(fixture).plan == "食堂晚上开一个窗口", "a changed plan goes back to the one before")
        _ = await fixture.run(select + "o 河 口 Enter U")
        let after = try await concern(fixture)
        #expect(after.firstResponsibleID == nil && after.responsibleUnitID == nil)
    }

    @Test func processingIsTakenBack() async throws {
        let fixture = try await AppFixture()
        _ = await fixture.run(select + "b Right Tab 食 堂 整 改 Enter U")
        #expect(try await concern(fixture).processing == nil)
    }

    @Test func aBatchGradeIsUndoneOnEveryConcernOfTheBatch() async throws {
        let fixture = try await AppFixture()
        // The first two rows (the fixture's own concern and Q-2026-0069) are found and ungraded.
        let (graded, _) = await fixture.run("Space j Space = 3 Enter")
        let codes = graded.state.table.rows.prefix(2).map(\.code)
        for code in codes { #expect(try await fixture.store.concern(code, viewer: nil).grade == .general) }
        // The same grade again changes nothing, and U says so rather than blaming someone else.
        let (again, _) = await fixture.run("Space j Space = 3 Enter U")
        #expect(again.state.toast == "grade changed no grade, plan, first responsible person, analysis or processing: nothing to undo")
        _ = await fixture.run("Space j Space = 4 Enter")
        let (undone, _) = await fixture.run("Space j Space = 3 Enter U")
        #expect(undone.state.toast == "undone: grade (2)")
        for code in codes { #expect(try await fixture.store.concern(code, viewer: nil).grade == .budding, "\(code): back to the grade before") }
    }

    @Test func whatStaysOnRecordIsNamed() async throws {
        let fixture = try await AppFixture()
        _ = await fixture.run(select + "a 无 晚 餐 保 障 Enter")
        _ = await fixture.run(select + "= 1 Enter")
        _ = await fixture.run(select + "P 食 堂 晚 上 开 一 个 窗 口 C-s")
        _ = await fixture.run(select + "o 河 口 Enter")
        let (defined, _) = await fixture.run(select + "D U")
        #expect(defined.state.toast?.hasPrefix("define cannot be undone: it changed the stage") == true, "\(defined.state.toast ?? "")")
        #expect(try await concern(fixture).stage == .defined)
        let (twice, _) = await fixture.run(select + "P 改 为 送 餐 C-s U U")
        #expect(twice.state.toast == "set the plan was just undone; an undo is not undone in turn", "\(twice.state.toast ?? "")")
        #expect(try await concern(fixture).plan == "食堂晚上开一个窗口")
    }
}

import Foundation
import WentiTestSupport
import Testing
@testable import WentiApp
@testable import WentiCore
@testable import WentiStore

/// Applying a practice to a batch says first which concerns it leaves out and why, and an
/// entry written up from a solved concern carries its method (the plan), never its last note.
@MainActor
@Suite("A practice applied to a batch", .serialized)
struct BatchPracticeTests {
    /// Q-2026-0024 (青山所 motorbike allowance) is solved, awaiting feedback: x writes it up.
    let writeUp = "/ 摩 托 车 Enter x Right Enter"

    @Test func theWriteUpCarriesThePlanNotTheLastNote() async throws {
        let fixture = try await AppFixture()
        let source = try await fixture.store.concern(ConcernCode("Q-2026-0024")!, viewer: nil)
        let lastNote = try #require(source.notes.last?.text)
        _ = await fixture.run(writeUp, width: 120, height: 36)
        let entry = try #require(try await fixture.store.practices().first { $0.id == "SJ-2026-004" })
        #expect(entry.actions == source.plan)
        #expect(!entry.actions.contains(lastNote), "the solve summary is how it ended, not how to do it")
    }

    /// SJ-2026-004 written up from Q-2026-0024, and two open concerns in a batch group with
    /// that solved source.
    func batchOfTwo(_ fixture: AppFixture) async throws -> [ConcernCode] {
        _ = await fixture.run(writeUp, width: 120, height: 36)
        var open: [ConcernCode] = []
        for (title, unit) in [("城东所抄表员摩托车补贴", "t-cd"), ("河口所抄表员摩托车补贴", "t-hk")] {
            open.append(try await fixture.store.open(NewConcern(
                title: title, description: "同上", categoryID: "income-welfare", channel: .goDownVisit,
                finderID: "zg-zhao", reporter: .named(name: "李华", personID: nil), unitID: UnitID(unit)), actor: "zg-zhao").code)
        }
        for code in open + [ConcernCode("Q-2026-0024")!] {
            _ = try await fixture.store.perform([.setProcessing(.batch(group: "摩托车补贴"))], on: code, expectedVersion: nil, actor: "zg-zhao")
        }
        return open
    }

    @Test func whatABatchLeavesOutIsListedBeforeAnythingIsApplied() async throws {
        let fixture = try await AppFixture()
        // Two open concerns and the solved source itself in one batch group.
        let open = try await batchOfTwo(fixture)
        let solved = ConcernCode("Q-2026-0024")!
        func versions() async throws -> [Int] {
            var found: [Int] = []
            for code in open { found.append(try await fixture.store.concern(code, viewer: nil).version) }
            return found
        }
        let before = try await versions()
        let apply = "5 / 油 钱 Enter b 摩 托 车 补 贴 Enter"
        let (asked, screen) = await fixture.run(apply, width: 120, height: 40)
        guard case .recordForm(let form, .applyPractice)? = asked.state.overlays.last else {
            Issue.record("the form should ask first: \(asked.state.toast ?? "")")
            return
        }
        let question = try #require(form.fields.first { $0.id == "skip" }?.message?.en)
        #expect(question.hasPrefix("1 will be skipped: Q-2026-0024 awaiting feedback"), "\(question)")
        #expect(question.hasSuffix("yes applies the other 2"))
        #expect(screen.lastFrame.text.contains("Q-2026-0024"))
        #expect(try await versions() == before, "nothing is applied before the answer")

        let (applied, _) = await fixture.run(apply + " Right Enter", width: 120, height: 40)
        #expect(applied.state.toast == "SJ-2026-004 applied to 2 concerns of batch \"摩托车补贴\", 1 skipped")
        for code in open { #expect(try await fixture.store.concern(code, viewer: nil).plan.hasPrefix("参照 SJ-2026-004：")) }
        let source = try await fixture.store.concern(solved, viewer: nil)
        #expect(!source.plan.hasPrefix("参照 SJ-2026-004"), "the solved concern keeps its own plan")
    }

    @Test func uTakesAPracticeAppliedBackWholeItsPlansAndItsLinks() async throws {
        let fixture = try await AppFixture()
        let open = try await batchOfTwo(fixture)
        let apply = "5 / 油 钱 Enter b 摩 托 车 补 贴 Enter Right Enter"
        let (undone, _) = await fixture.run(apply + " 1 U", width: 120, height: 40)
        #expect(undone.state.toast == "undone: applying SJ-2026-004 (2)", "\(undone.state.toast ?? "")")
        for code in open {
            let concern = try await fixture.store.concern(code, viewer: nil)
            #expect(concern.plan.isEmpty, "\(code) has its plan as it was: \(concern.plan)")
            #expect(!concern.links.contains { $0.kind == .practice }, "\(code) no longer claims the practice")
            let actions = try await fixture.store.auditLog(subject: code.description).map(\.action)
            #expect(actions.suffix(3) == ["plan", "link", "undo"], "applied and undone, both on record: \(actions)")
        }
    }
}

import Testing
import WentiTestSupport
@testable import WentiApp
@testable import WentiCore
@testable import WentiStore

/// The steps that used to exist only on the command line, from the keyboard: the task book,
/// the pledge, a deadline moved with its reason, the clock paused and restarted, a referral
/// taken back, a link. Each goes through the session and the workflow's own rules.
@MainActor
@Suite("Task book, pledge, deadline, clock, take-back and links from the keyboard", .serialized)
struct CommitmentKeyboardTests {
    /// Q-2026-0008 (山区线路巡视, solving, 郑伟 first responsible, two open task lines).
    let solving = "/ 山 区 线 路 Enter "
    let solvingCode = ConcernCode("Q-2026-0008")!
    /// Q-2026-0006 (劳务派遣工, referred to 人力资源部).
    let referred = "/ 合 同 到 期 Enter "
    /// Q-2026-0004 (活动室, found: nobody responsible yet).
    let found = "/ 活 动 室 Enter "

    func concern(_ fixture: AppFixture, _ code: ConcernCode) async throws -> Concern {
        try await fixture.store.concern(code, viewer: nil)
    }

    @Test func aTaskBookLineIsAddedAndMarkedDoneOrDropped() async throws {
        let fixture = try await AppFixture()
        let before = try await concern(fixture, solvingCode).tasks
        // A date that reads as none keeps the form open, saying how a date is written.
        let (refused, screen) = await fixture.run(solving + "t 联 系 对 标 办 Tab 明 天 Enter")
        guard case .form(_, .addTask, _)? = refused.state.overlays.last else {
            Issue.record("the form closed on a bad date")
            return
        }
        #expect(screen.lastFrame.text.contains("a date: 2026-12-20"))
        #expect(try await concern(fixture, solvingCode).tasks == before)
        // 12-20 is this year's 20 December.
        _ = await fixture.run(solving + "t 联 系 对 标 办 Tab 1 2 - 2 0 Enter")
        var tasks = try await concern(fixture, solvingCode).tasks
        #expect(tasks.count == before.count + 1)
        #expect(tasks.last == TaskItem(title: "联系对标办", due: Day("2026-12-20")!))
        // T offers the first open line and "done" first.
        _ = await fixture.run(solving + "T Enter")
        tasks = try await concern(fixture, solvingCode).tasks
        #expect(tasks[0].state == .done && tasks[1].state == .open)
        // The next open line is offered now; Right makes it "dropped".
        _ = await fixture.run(solving + "T Tab Right Enter")
        tasks = try await concern(fixture, solvingCode).tasks
        #expect(tasks[1].state == .dropped && tasks[2].state == .open)
        let actions = try await fixture.store.auditLog(subject: solvingCode.description).map(\.action)
        #expect(actions.suffix(3) == ["add-task", "set-task", "set-task"])
    }

    @Test func theFirstResponsiblePersonSignsThePledge() async throws {
        let fixture = try await AppFixture()
        let (_, asked) = await fixture.run(solving + "K", language: .zh)
        #expect(asked.lastFrame.text.contains("记录 郑伟 于 2026-11-25 签订 Q-2026-0008 的责任状？"))
        _ = await fixture.run(solving + "K y")
        let pledge = try await concern(fixture, solvingCode).pledge
        #expect(pledge == Pledge(personID: "bz-zheng", signedOn: Day("2026-11-25")!))
        // Without a first responsible person there is nobody to sign: it says who names one.
        let (app, _) = await fixture.run(found + "K")
        #expect(app.state.overlays.isEmpty)
        #expect(app.state.toast == "no first responsible person yet: o names the one who signs")
    }

    @Test func theDeadlineMovesOnlyWithAReason() async throws {
        let fixture = try await AppFixture()
        let (refused, _) = await fixture.run(solving + "E 2 0 2 7 - 0 1 - 1 5 Enter")
        guard case .form(let form, .deadline, _)? = refused.state.overlays.last else {
            Issue.record("the form closed without a reason")
            return
        }
        #expect(form.fields[1].message?.en == "required")
        _ = await fixture.run(solving + "E 2 0 2 7 - 0 1 - 1 5 Tab 需 等 预 算 批 复 Enter")
        #expect(try await concern(fixture, solvingCode).deadline == Day("2027-01-15"))
        let entry = try await fixture.store.auditLog(subject: solvingCode.description).last
        #expect(entry?.action == "set-deadline")
        #expect(entry?.changes.contains { $0.new.contains("需等预算批复") } == true, "the reason is kept in the log")
        // "+30" extends the deadline the form's title names, whatever today is.
        _ = await fixture.run(solving + "E + 3 0 Tab 再 等 一 个 月 Enter")
        #expect(try await concern(fixture, solvingCode).deadline == Day("2027-02-14"))
    }

    @Test func theClockPausesAndRestartsPushingTheDeadlineBack() async throws {
        let fixture = try await AppFixture()
        let deadline = try await concern(fixture, solvingCode).deadline
        _ = await fixture.run(solving + "z 等 待 设 备 到 货 Enter")
        #expect(try await concern(fixture, solvingCode).pausedSince == Day("2026-11-25"))
        // Paused twice is refused in the rule's words.
        let (twice, _) = await fixture.run(solving + "z")
        #expect(twice.state.toast == WorkflowError.alreadyPaused.label.en)
        fixture.clock.set(day: Day("2026-11-28")!)
        _ = await fixture.run(solving + "Z")
        let after = try await concern(fixture, solvingCode)
        #expect(after.pausedSince == nil && after.pausedDays == 3)
        #expect(DeadlineClock.effectiveDeadline(of: after, today: Day("2026-11-28")!) == deadline?.adding(days: 3))
        let (again, _) = await fixture.run(solving + "Z")
        #expect(again.state.toast == WorkflowError.notPaused.label.en)
    }

    @Test func aReferredConcernIsTakenBackForAnalysis() async throws {
        let fixture = try await AppFixture()
        let code = ConcernCode("Q-2026-0006")!
        #expect(try await concern(fixture, code).stage == .referred)
        let (taken, _) = await fixture.run(referred + "r 政 策 已 明 确 Enter")
        let after = try await concern(fixture, code)
        #expect(after.stage == .analysing && after.notes.last?.text == "政策已明确", "\(taken.state.toast ?? "")")
        // A concern that was not referred cannot be taken back: the workflow says why.
        let (app, _) = await fixture.run(found + "r")
        #expect(app.state.toast == WorkflowError.illegalInStage(.resume, .found).label.en)
    }

    @Test func aLinkNamesSomethingThatExists() async throws {
        let fixture = try await AppFixture()
        // A bare number is this year's concern.
        _ = await fixture.run(solving + "l Tab 4 Enter")
        #expect(try await concern(fixture, solvingCode).links == [ConcernLink(kind: .concern, target: "Q-2026-0004")])
        // Nothing by that number: the form stays, saying so beside the field.
        let (missing, screen) = await fixture.run(solving + "l Tab 9 9 9 9 Enter")
        guard case .form(let form, .link, _)? = missing.state.overlays.last else {
            Issue.record("the form closed on a link to nothing")
            return
        }
        #expect(form.fields[1].message?.en == "no concern \"9999\" that you may see")
        #expect(screen.lastFrame.text.contains("no concern"))
        // Itself: refused. A meeting by its id, typed in lower case.
        let (itself, _) = await fixture.run(solving + "l Tab 8 Enter")
        if case .form(let form, .link, _)? = itself.state.overlays.last {
            #expect(form.fields[1].message?.en == "Q-2026-0008 cannot be linked to itself")
        } else {
            Issue.record("a link to itself was taken")
        }
        _ = await fixture.run(solving + "l Left Tab h y - 2 0 2 6 - 1 1 Enter")
        #expect(try await concern(fixture, solvingCode).links.last == ConcernLink(kind: .meeting, target: "HY-2026-11"))
    }

    @Test func everyStepIsInTheHelpWithItsKey() async throws {
        let fixture = try await AppFixture()
        let (_, help) = await fixture.run(solving + "? t a s k", width: 120, height: 30)
        #expect(help.lastFrame.text.contains("t              task"))
        #expect(help.lastFrame.text.contains("T              task-state"))
        for id in ["pledge", "deadline", "pause", "unpause", "resume", "link"] {
            #expect(fixture.environment.registry.action(id) != nil, "\(id) is in the registry")
            #expect(!fixture.environment.registry.keys(of: id).isEmpty, "\(id) has a key")
        }
    }
}

/// A date typed as month-day is the next such day: on 2026-12-01, `01-15` is 2027-01-15, not a
/// deadline ten months gone (found by a new user, who made a concern 320 days late).
@Suite("Typed dates in the commitment forms")
struct TypedDateTests {
    @Test func aMonthDayIsNeverInThePast() {
        let today = Day("2026-12-01")!
        #expect(CommitmentForms.day("01-15", today: today) == Day("2027-01-15"))
        #expect(CommitmentForms.day("12-20", today: today) == Day("2026-12-20"))
        #expect(CommitmentForms.day("12-01", today: today) == Day("2026-12-01"), "today stays today")
        #expect(CommitmentForms.day("2026-01-15", today: today) == Day("2026-01-15"), "a full date is taken as written")
        #expect(CommitmentForms.day("+7", today: today) == Day("2026-12-08"))
        #expect(CommitmentForms.day("13-40", today: today) == nil)
    }
}

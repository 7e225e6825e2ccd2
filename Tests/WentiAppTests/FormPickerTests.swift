import Foundation
import WentiTestSupport
import Testing
@testable import WentiApp
@testable import WentiCore
@testable import WentiStore
@testable import WentiTerminal

/// Issue 15, forms: people, units and batch groups are chosen by type-ahead, by name.
@MainActor
@Suite("Forms: type-ahead pickers", .serialized)
struct FormPickerTests {
    static func spaced(_ text: String) -> String { text.map(String.init).joined(separator: " ") }

    @Test func aPickerFindsANameByItsCharactersInOrderAndAUnitByItsShortName() async throws {
        let fixture = try await AppFixture()
        let org = fixture.environment.session.organisation
        var person = Picker(PickOptions.people(org))
        for key in KeyScript.parse("孙博") { _ = person.handle(key) }
        #expect(person.matches.first?.label == "孙文博", "孙…博 in order")
        #expect(person.accept() && person.value == "zg-sun" && person.field.text == "孙文博", "the screen shows the name, the form reads the person")
        // A person is found by their unit's short name too, without it choosing anyone.
        var byUnit = Picker(PickOptions.people(org))
        for key in KeyScript.parse("客服班") { _ = byUnit.handle(key) }
        #expect(byUnit.matches.first?.label == "黄晓梅" && byUnit.chosen == nil)
        var unit = Picker(PickOptions.units(org))
        for key in KeyScript.parse("运检部") { _ = unit.handle(key) }
        #expect(unit.chosen?.label == "运维检修部" && unit.value == "d-yj")
        // A short name chooses its unit and keeps the list open on it, naming the unit it is.
        #expect(unit.isOpen && unit.matches.first?.label == "运维检修部")
        var team = Picker(PickOptions.units(org))
        for key in KeyScript.parse("运维班") { _ = team.handle(key) }
        #expect(team.value == "t-bdyw" && team.isOpen && team.matches.first?.label == "变电运维班")
        team.set("t-bdyw")
        #expect(!team.isOpen, "the unit's own name closes the list")
        // A prefilled name is replaced by typing, never appended to (江城供电公司运检).
        var prefilled = Picker(PickOptions.units(org), text: "co")
        #expect(prefilled.field.text == "江城供电公司")
        for key in KeyScript.parse("运检") { _ = prefilled.handle(key) }
        #expect(prefilled.field.text == "运检" && prefilled.matches.first?.label == "运维检修部")
        // Two teams whose names start alike are listed with the unit above them.
        var teams = Picker(PickOptions.units(org))
        for key in KeyScript.parse("变电") { _ = teams.handle(key) }
        #expect(Set(teams.matches.map(\.label)) == ["变电运维班", "变电检修班"])
        #expect(teams.matches.allSatisfy { $0.detail.zh == "L1 · 运维检修部" })
    }

    @Test func theDecisionFormTakesTheFirstResponsiblePersonFromTheList() async throws {
        let fixture = try await AppFixture()
        // The meeting's first item, the plan, then 郑 in the first responsible person's field.
        let open = "2 n Enter " + Array(repeating: "Tab", count: 7).joined(separator: " ") + " 方 案 Tab 郑"
        let (typing, screen) = await fixture.run(open, width: 120, height: 36, language: .zh)
        guard case .recordForm(let form, .decision)? = typing.state.overlays.last else {
            Issue.record("the decision form should be open")
            return
        }
        #expect(form.value("responsible") == "郑", "nothing is chosen before the user takes it")
        #expect(screen.lastFrame.text.contains("▸ 郑伟  部门负责人 · 运维检修部"), "\(screen.lastFrame.text)")
        #expect(!screen.lastFrame.text.contains("bz-zheng"), "names, never ids")
        let (taken, after) = await fixture.run(open + " Tab", width: 120, height: 36, language: .zh)
        guard case .recordForm(let chosen, .decision)? = taken.state.overlays.last else {
            Issue.record("the decision form should be open")
            return
        }
        #expect(chosen.value("responsible") == "bz-zheng")
        #expect(after.lastFrame.text.contains("郑伟") && !after.lastFrame.text.contains("bz-zheng"))
        // Enter under the list takes the name; the next Enter writes the decision.
        _ = await fixture.run(open + " Enter Enter", width: 120, height: 36)
        let meeting = try await fixture.store.meetings().first { $0.id == "HY-2026-12" }
        #expect(meeting?.items.first?.decision?.firstResponsibleID == "bz-zheng")
    }

    @Test func theResponsiblePersonListStartsWithTheConcernsOwnUnit() async throws {
        let fixture = try await AppFixture()
        let (app, screen) = await fixture.run("/ 活 动 室 Enter o", language: .zh)
        let concern = try #require(app.state.detail)
        guard case .personPicker(let field, _, let targets)? = app.state.overlays.last else {
            Issue.record("the person picker should be open")
            return
        }
        let people = TriageOverlays.people(app.state, fixture.environment, filter: field.text, near: TriageOverlays.pickerUnit(targets, app.state))
        let org = fixture.environment.session.organisation
        let department = org.subtree(of: org.department(of: concern.unitID))
        // Those of its own unit first, the library's owner ahead; then its department's;
        // the list used to start with the company's political-work staff.
        #expect(people.first?.unitID == concern.unitID, "\(people.prefix(3).map(\.name))")
        let firstOutside = try #require(people.firstIndex { !department.contains($0.unitID) })
        #expect(people[..<firstOutside].allSatisfy { department.contains($0.unitID) })
        #expect(people.first?.role != .politicalWork)
        #expect(screen.lastFrame.text.contains(people[0].name))
    }

    @Test func batchGroupsAreChosenFromTheOnesInUse() async throws {
        let fixture = try await AppFixture()
        let (app, screen) = await fixture.run("j b Right Tab 通", language: .zh)
        #expect(screen.lastFrame.text.contains("▸ 通信补贴  1 个问题"), "\(screen.lastFrame.text)")
        let (taken, _) = await fixture.run("j b Right Tab 通 Tab", language: .zh)
        guard case .form(let form, .processing, _)? = taken.state.overlays.last else {
            Issue.record("the processing form should be open: \(app.state.overlays)")
            return
        }
        #expect(form.value("group") == "通信补贴")
    }
}

/// Issue 15, forms: one rule for Enter, and a grade that is said back.
@MainActor
@Suite("Forms: Enter and echoes", .serialized)
struct FormEnterTests {
    @Test func enterIsANewLineInANoteAndTheNoteKeepsItsLines() async throws {
        let fixture = try await AppFixture()
        let (typing, screen) = await fixture.run("/ 活 动 室 Enter p 已 联 系 Enter 下 周 回 复", language: .zh)
        guard case .form(let form, .progress, _)? = typing.state.overlays.last else {
            Issue.record("Enter in a multi-line field must not submit")
            return
        }
        #expect(form.value("note") == "已联系\n下周回复")
        #expect(screen.lastFrame.text.contains("回车换行  C-s 提交"), "the hint says C-s")
        let (saved, after) = await fixture.run("/ 活 动 室 Enter p 已 联 系 Enter 下 周 回 复 C-s", width: 120, height: 44, language: .zh)
        #expect(saved.state.overlays.isEmpty)
        let notes = try await fixture.store.concern(ConcernCode("Q-2026-0004")!, viewer: nil).notes.map(\.text)
        #expect(notes.last == "已联系\n下周回复")
        // The detail shows the two lines as two lines.
        #expect(!after.lastFrame.text.contains("⏎"), "\(after.lastFrame.text)")
        #expect(after.lastFrame.lines.contains { $0.contains("已联系") } && after.lastFrame.lines.contains { $0.contains("    下周回复") })
    }

    @Test func enterSubmitsAFormOfSingleLines() async throws {
        let fixture = try await AppFixture()
        let (app, screen) = await fixture.run("/ 活 动 室 Enter a", language: .zh)
        guard case .form(_, .analyse, _)? = app.state.overlays.last else {
            Issue.record("the analysis form should be open: \(app.state.toast ?? "")")
            return
        }
        #expect(screen.lastFrame.text.contains("回车/C-s 提交"))
        let (done, _) = await fixture.run("/ 活 动 室 Enter a 挪 作 库 房 Enter", language: .zh)
        #expect(done.state.overlays.isEmpty, "Enter wrote the form")
        #expect(done.state.detail?.analysis.rootCause == "挪作库房")
    }

    @Test func theGradeChosenIsSaidBack() async throws {
        let fixture = try await AppFixture()
        let (app, _) = await fixture.run("/ 活 动 室 Enter a 挪 作 库 房 Enter = 1 Enter", language: .zh)
        let concern = try #require(app.state.detail)
        #expect(concern.grade == .urgent)
        let deadline = try #require(concern.deadline)
        #expect(app.state.toast == "Q-2026-0004 已定为急难（快速办理），期限 \(deadline)", "\(app.state.toast ?? "")")
    }
}

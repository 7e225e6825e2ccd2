import Foundation
import WentiCore
import WentiTerminal
import WentiText

/// The overlays of the triage actions: a form, the grade picker, and the confirmation of
/// commands that cannot be taken back (it says what and how many).
@MainActor
enum TriageOverlays {
    static func handle(_ key: Key, _ overlay: AppState.Overlay, _ state: inout AppState, _ env: AppEnvironment) async {
        switch overlay {
        case .form(var form, let kind, let targets):
            switch key {
            case .escape:
                state.overlays.removeLast()
                return
            case .enter where form.acceptFocusedPick():
                break   // Enter under a picker's list takes the name; the next Enter writes the form
            case .ctrl("s"), .enter where !form.enterIsNewLine:
                guard let values = form.submit({ kind.problem(with: $0, today: state.today) }) else { break }
                let commands: [ConcernCommand]
                do {
                    commands = try await kind.resolve(values, on: targets.first?.code, env.session)
                } catch let problem as RecordOverlays.FieldProblem {
                    form.pin(problem.message, to: problem.field)
                    break
                } catch {
                    state.toast = StandardActions.describe(error, state.language)
                    break
                }
                state.overlays.removeLast()
                // An analysis written back as it stands (the form starts from it) changes
                // nothing: said, and nothing is recorded.
                if case .analyse(let analysis)? = commands.first, commands.count == 1, targets.count == 1,
                   let detail = state.detail, detail.code == targets.first?.code, detail.analysis == analysis {
                    state.toast = state.language == .zh ? "分析没有改动" : "the analysis is unchanged"
                    return
                }
                if let question = question(for: kind, commands, targets, state, env) {
                    // Steps that are not simply taken back ask first, saying what and how many.
                    state.overlays.append(.confirmCommands(question: question, commands: commands, targets: targets,
                                                           back: .form(form, kind, targets: targets)))
                } else {
                    switch await TriageActions.apply(commands, to: targets, &state, env) {
                    case .applied:
                        followUp(kind, commands, targets, &state)
                    case .refused:
                        // Refused: the form comes back with what was typed, so it can be corrected.
                        state.overlays.append(.form(form, kind, targets: targets))
                    case .changedMeanwhile(let report, let reloaded):
                        // Someone else changed it: the form comes back on the new version, saying what changed.
                        form.banner = report.banner
                        state.overlays.append(.form(form, kind, targets: reloaded))
                    }
                }
                return
            default:
                _ = form.handle(key, width: formWidth(state) - 16)
            }
            state.overlays[state.overlays.count - 1] = .form(form, kind, targets: targets)
        case .gradePicker(var selected, let targets):
            switch key {
            case .escape:
                state.overlays.removeLast()
                return
            case .down, .character("j"): selected = min(selected + 1, Grade.allCases.count - 1)
            case .up, .character("k"): selected = max(0, selected - 1)
            case .character(let c) where ("1"..."4").contains(c): selected = Int(String(c))! - 1
            case .enter:
                state.overlays.removeLast()
                let grade = Grade.allCases[selected]
                if await TriageActions.apply([.grade(grade)], to: targets, &state, env).succeeded {
                    state.toast = gradedEcho(grade, targets, state)
                }
                return
            default: break
            }
            state.overlays[state.overlays.count - 1] = .gradePicker(selected: selected, targets: targets)
        case .personPicker(var field, var selected, let targets):
            let matches = people(state, env, filter: field.text, near: pickerUnit(targets, state))
            switch key {
            case .escape:
                state.overlays.removeLast()
                return
            case .down, .ctrl("n"): selected = min(selected + 1, max(0, matches.count - 1))
            case .up, .ctrl("p"): selected = max(0, selected - 1)
            case .enter:
                state.overlays.removeLast()
                guard matches.indices.contains(selected) else { return }
                let person = matches[selected]
                if targets.isEmpty {
                    await view(as: person, &state, env)
                } else {
                    await TriageActions.apply([.assign(firstResponsible: person.id, department: responsibleUnit(of: person, env))], to: targets, &state, env)
                }
                return
            default:
                if field.handle(key) { selected = 0 }
            }
            state.overlays[state.overlays.count - 1] = .personPicker(field, selected: selected, targets: targets)
        case .confirmCommands(_, let commands, let targets, let back):
            switch key {
            case .character("y"), .character("Y"), .enter:
                state.overlays.removeLast()
                switch await TriageActions.apply(commands, to: targets, &state, env) {
                case .applied:
                    break
                case .refused:
                    if let back { state.overlays.append(back) }
                case .changedMeanwhile(let report, let reloaded):
                    if case .form(var form, let kind, _)? = back {
                        form.banner = report.banner
                        state.overlays.append(.form(form, kind, targets: reloaded))
                    }
                }
            case .character("n"), .character("N"), .escape:
                state.overlays.removeLast()
            default: break
            }
        default:
            break
        }
    }

    /// From now on the UI shows what `person` sees, read-only (or, for oneself, acts again):
    /// the tree, the table and what is offered follow their role.
    static func view(as person: Person, _ state: inout AppState, _ env: AppEnvironment) async {
        do {
            try env.view(as: person)
        } catch {
            state.toast = StandardActions.describe(error, state.language)
            return
        }
        state.treeSelected = 0
        state.table.marks = []
        state.undo = nil
        state.filterText = ""
        await StandardActions.setFilter("", &state, env)
        await LiveRefresh.refresh(&state, env)
        state.toast = env.session.viewHeader?.text(state.language)
            ?? ((state.language == .zh ? "回到本人：" : "back to yourself: ") + person.nameWithRole.text(state.language))
    }

    /// What the grade picker chose, said back: the grade, its stance, and the deadline it
    /// set on the one concern (the detail read again after the change).
    static func gradedEcho(_ grade: Grade, _ targets: [TriageTarget], _ state: AppState) -> String {
        let zh = state.language == .zh
        let what = zh ? "\(grade.label.zh)（\(grade.stance.zh)）" : "\(grade.label.en) (\(grade.stance.en))"
        guard targets.count == 1, let concern = state.detail, concern.code == targets[0].code else {
            return zh ? "已把 \(targets.count) 个问题定为\(what)" : "\(targets.count) concerns graded \(what)"
        }
        let due = concern.deadline.map { zh ? "，期限 \($0)" : ", due \($0)" }
            ?? concern.nextReview.map { zh ? "，每月复查，下次 \($0)" : ", monthly review, next \($0)" } ?? ""
        return zh ? "\(concern.code) 已定为\(what)\(due)" : "\(concern.code) graded \(what)\(due)"
    }

    /// People matching the typed text (name, its characters in order, their unit or its short
    /// names). For a first responsible person, those of the concern's own unit come first,
    /// then its department's, each with the library owners ahead (`PickOptions.people`).
    static func people(_ state: AppState, _ env: AppEnvironment, filter: String, near unit: UnitID? = nil) -> [Person] {
        let org = env.session.organisation
        return Picker(PickOptions.people(org, near: unit), text: filter).matches.compactMap { org.person(PersonID($0.value)) }
    }

    /// The unit the responsible-person list is ordered around: the selected concern's.
    static func pickerUnit(_ targets: [TriageTarget], _ state: AppState) -> UnitID? {
        targets.isEmpty ? nil : state.detail?.unitID
    }

    /// The department a first responsible person answers for: their own unit, or the
    /// department above their team.
    static func responsibleUnit(of person: Person, _ env: AppEnvironment) -> UnitID {
        env.session.organisation.department(of: person.unitID)
    }

    /// After the return contact, the next step is offered: close the concern when the
    /// answer is good, reopen it when the person is dissatisfied or saw no effect.
    static func followUp(_ kind: TriageForm, _ commands: [ConcernCommand], _ targets: [TriageTarget], _ state: inout AppState) {
        guard case .feedback = kind, targets.count == 1, case .recordFeedback(let record)? = commands.first else { return }
        let code = targets[0].code
        let zh = state.language == .zh
        if record.callsForReopening {
            state.overlays.append(.confirm(question: zh ? "反馈不满意或未见效：重新打开 \(code) 继续解决？" : "Dissatisfied or no effect: reopen \(code) to solve it again?",
                                           actionID: "reopen"))
        } else {
            state.overlays.append(.confirmCommands(question: zh ? "反馈已记录：现在关闭 \(code)？" : "Feedback recorded: close \(code) now?",
                                                   commands: [.close(noFeedbackReason: nil)], targets: [TriageTarget(code: code, version: nil)], back: nil))
        }
    }

    static func formWidth(_ state: AppState) -> Int { min(state.size.width - 4, 70) }

    /// A form in a centred frame with its title and the keys that work in it.
    static func drawForm(_ title: String, _ form: Form, _ state: AppState, into grid: inout Grid, layout: Layout) {
        var form = form
        let language = state.language
        let width = formWidth(state)
        let fieldRows = form.fields.reduce(0) { total, field in
            if case .lines(_, let h) = field.input { return total + h }
            return total + 1
        }
        // Why the form came back (someone changed the concern), wrapped: every word of it counts.
        let banner = form.banner.flatMap { TerminalText.wrap($0.text(language), width: width - 4) }
            .prefix(max(0, layout.height - 7 - fieldRows))
        let bannerRows = banner.isEmpty ? 0 : banner.count + 1
        // Two empty rows lie under the last field; a picker's open list may need more.
        let height = min(layout.height - 2, fieldRows + 5 + bannerRows + form.listOverhang(spare: 2))
        let x = (layout.width - width) / 2
        let y = max(1, (layout.height - height) / 2)
        Overlays.frame(title, x: x, y: y, width: width, height: height, into: &grid)
        for (offset, line) in banner.enumerated() {
            grid.write(line, x: x + 2, y: y + 1 + offset, style: Style(bold: offset == 0, colour: .yellow), limit: width - 4)
        }
        form.draw(into: &grid, x: x + 2, y: y + 2 + bannerRows, width: width - 4, language: language)
        // In a multi-line field Enter is a new line: the hint says so, and that C-s submits.
        let hint = form.keysHint(submit: LocalizedText(zh: "提交", en: "submit"), language)
        let cursor = grid.cursor
        grid.write(hint, x: x + 2, y: y + height - 1, style: Style(dim: true), limit: width - 4)
        grid.cursor = cursor
    }

    /// The confirmation for an escalation, a referral or a closing; nil for the other forms.
    static func question(for kind: TriageForm, _ commands: [ConcernCommand], _ targets: [TriageTarget], _ state: AppState, _ env: AppEnvironment) -> String? {
        let zh = state.language == .zh
        let subject = targets.count == 1 ? targets[0].description : (zh ? "\(targets.count) 个问题" : "\(targets.count) concerns")
        switch kind {
        case .escalate:
            return escalationQuestion(targets, state, env)
        case .refer:
            guard case .refer(let unitID, _)? = commands.first else { return nil }
            let name = env.session.organisation.unit(unitID)?.name ?? unitID.rawValue
            return zh ? "把 \(subject) 转办到 \(name)？" : "Refer \(subject) to \(name)?"
        case .close:
            return zh ? "关闭 \(subject)？" : "Close \(subject)?"
        default:
            return nil
        }
    }

    /// "Escalate Q-2026-0004 to 运维检修部 (L2)?" or "Escalate 3 concerns one tier up?"
    static func escalationQuestion(_ targets: [TriageTarget], _ state: AppState, _ env: AppEnvironment) -> String {
        let zh = state.language == .zh
        if targets.count == 1, let code = targets.first?.code, let concern = [state.detail].compactMap({ $0 }).first(where: { $0.code == code }),
           let parent = env.session.organisation.parent(of: concern.unitID) {
            return zh ? "把 \(code) 上报到 \(parent.name)（\(parent.tier.code)）？" : "Escalate \(code) to \(parent.name) (\(parent.tier.code))?"
        }
        return zh ? "把 \(targets.count) 个问题各上报一级？" : "Escalate \(targets.count) concerns one tier up each?"
    }

    static func draw(_ overlay: AppState.Overlay, _ state: AppState, _ env: AppEnvironment, into grid: inout Grid, layout: Layout) {
        let language = state.language
        switch overlay {
        case .form(let form, let kind, let targets):
            let subject = targets.count == 1 ? targets[0].description : (language == .zh ? "\(targets.count) 个问题" : "\(targets.count) concerns")
            drawForm(kind.title.text(language) + " · " + subject, form, state, into: &grid, layout: layout)
        case .personPicker(let field, let selected, let targets):
            let org = env.session.organisation
            let lines = people(state, env, filter: field.text, near: pickerUnit(targets, state)).map { person in
                "\(person.name)  \(person.role.label.text(language))  \(org.unit(person.unitID)?.name ?? "")"
            }
            let title = targets.isEmpty ? (language == .zh ? "以谁的视角查看（只读）" : "View as (read-only)")
                : (language == .zh ? "第一责任人" : "First responsible") + " · " + (targets.count == 1 ? targets[0].description : "\(targets.count)")
            Overlays.drawBox(title, field: field, lines: lines, selected: selected, into: &grid, layout: layout, width: min(layout.width - 4, 60))
        case .gradePicker(let selected, let targets):
            let policy = env.session.workspace.policy
            let today = state.today
            // One concern whose deadline already runs keeps it (Workflow.regradedSchedule): say so.
            let concern = targets.count == 1 ? state.detail.flatMap { $0.code == targets[0].code ? $0 : nil } : nil
            let lines = Grade.allCases.enumerated().map { index, grade -> String in
                let scheduled = concern.map { try? Workflow.regradedSchedule(of: $0, to: grade, policy: policy, today: today) }
                    ?? policy.schedule(for: grade, gradedOn: today)
                let when: String
                if concern != nil, scheduled == nil {
                    when = language == .zh ? "已逾期，不可改为萌芽" : "overdue: cannot become budding"
                } else if let (deadline, review) = scheduled {
                    let kept = concern?.deadline != nil && deadline == concern?.deadline && concern?.stage.hasRunningDeadline == true
                    when = deadline.map { (kept ? (language == .zh ? "保持期限 " : "keeps due ") : (language == .zh ? "期限 " : "due ")) + $0.description }
                        ?? review.map { (language == .zh ? "每月复查，下次 " : "monthly review, next ") + $0.description } ?? ""
                } else {
                    when = ""
                }
                return "\(index + 1)  \(grade.label.text(language))  \(grade.stance.text(language))  \(when)"
            }
            let title = (language == .zh ? "定级" : "Grade") + " · " + (targets.count == 1 ? targets[0].description : "\(targets.count)")
            Overlays.drawBox(title, field: TextField(), lines: lines, selected: selected, into: &grid, layout: layout,
                             width: min(layout.width - 4, 72))   // the budding line's review day whole at 80
            grid.cursor = nil
        default:
            break
        }
    }
}

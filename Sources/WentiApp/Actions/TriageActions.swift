import Foundation
import WentiCore
import WentiSession
import WentiStore
import WentiTerminal

/// The triage actions of the libraries pane. Each works on the marked concerns, or on the
/// selected one when nothing is marked, and is unavailable with the workflow's own reason
/// when the rules forbid it for the selected concern.
@MainActor
enum TriageActions {
    static var all: [AppAction] {
        [
            AppAction("intake", keys: [.character("i")], LocalizedText(zh: "登记新问题（草稿自动保存）", en: "Take in a concern (draft kept)"),
                      short: LocalizedText(zh: "登记", en: "new"), group: .triage, tabs: [.libraries], unavailable: { _, env in
                          // Somewhere to take it in: a view-as session, or nobody's library, says why not.
                          let units = env.session.organisation.units.keys
                          guard units.contains(where: { env.session.refusal(.intake, on: .unit($0)) == nil }) else {
                              return env.session.refusal(.intake, on: .unit(env.session.viewer.unitID))
                          }
                          return nil
                      }) { state, env in
                var intake = IntakeForm.make(env, unit: state.selectedUnit?.kind == .company ? nil : state.selectedUnit)
                if let saved = env.draft?.load() {
                    intake.form.fill(saved)
                    await intake.findSimilar(env)
                }
                state.overlays.append(.intake(intake))
            },
            AppAction("analyse", keys: [.character("a")], LocalizedText(zh: "分析（根源、难易、涉及面）", en: "Analyse (root cause, difficulty, breadth)"),
                      group: .triage, tabs: [.libraries], unavailable: refused(.analyse(Analysis(rootCause: "?")))) { state, _ in
                open(.analyse, &state)
                // Analysing again starts from the analysis on record (one concern; marked ones
                // may each have their own, so theirs start empty).
                let chosen = targets(state)
                if chosen.count == 1, let analysis = state.detail.map(\.analysis), state.detail?.code == chosen.first?.code,
                   !analysis.rootCause.isEmpty, case .form(var form, let kind, let targets)? = state.overlays.last {
                    form.fill(["root-cause": analysis.rootCause,
                               "difficulty": analysis.difficulty.flatMap { Difficulty.allCases.firstIndex(of: $0) }.map(String.init) ?? "1",
                               "breadth": analysis.breadth.flatMap { Breadth.allCases.firstIndex(of: $0) }.map(String.init) ?? "1"])
                    state.overlays[state.overlays.count - 1] = .form(form, kind, targets: targets)
                }
            },
            AppAction("grade", keys: [.character("=")], LocalizedText(zh: "定级（显示处理态度和期限）", en: "Grade (shows the stance and the deadline)"),
                      group: .triage, tabs: [.libraries], unavailable: refused(.grade(.general))) { state, _ in
                state.overlays.append(.gradePicker(selected: 2, targets: targets(state)))
            },
            AppAction("escalate", keys: [.character("e")], LocalizedText(zh: "上报到上一级问题库", en: "Escalate one tier up"),
                      group: .triage, tabs: [.libraries], unavailable: refused(.escalate(reason: "?"))) { state, _ in
                open(.escalate, &state)
            },
            AppAction("progress", keys: [.character("p")], LocalizedText(zh: "记录进展", en: "Add progress"),
                      group: .triage, tabs: [.libraries], unavailable: refused(.progress("?"))) { state, _ in
                open(.progress, &state)
            },
            AppAction("plan", keys: [.character("P")], LocalizedText(zh: "制定解决方案", en: "Set the plan"),
                      group: .triage, tabs: [.libraries], unavailable: refused(.plan("?"))) { state, _ in
                open(.plan, &state)
            },
            AppAction("assign", keys: [.character("o")], LocalizedText(zh: "指定第一责任人", en: "Name the first responsible person"),
                      group: .triage, tabs: [.libraries], unavailable: { state, env in
                          guard let concern = state.detail else { return noSelection }
                          return env.session.refusal(of: .assign(firstResponsible: env.session.principal.id, department: concern.unitID), on: concern)
                      }) { state, _ in
                state.overlays.append(.personPicker(TextField(), selected: 0, targets: targets(state)))
            },
            AppAction("define", keys: [.character("D")], LocalizedText(zh: "界定（三方会议）", en: "Define (tri-party meeting)"),
                      group: .triage, tabs: [.libraries], unavailable: refused(.define(meetingID: nil))) { state, env in
                await apply([.define(meetingID: nil)], to: targets(state), &state, env)
            },
            AppAction("start", keys: [.character("S")], LocalizedText(zh: "开始解决", en: "Start solving"),
                      group: .triage, tabs: [.libraries], unavailable: refused(.startSolving)) { state, env in
                await apply([.startSolving], to: targets(state), &state, env)
            },
            AppAction("undo", keys: [.character("U")], LocalizedText(zh: "撤销上一步（规则允许时）", en: "Undo the last action (where the rules allow)"),
                      group: .triage, tabs: [.libraries], unavailable: { state, env in
                          if env.session.isReadOnly { return env.session.refusal(.undo, on: .company) }
                          guard state.undo == nil else { return nil }
                          return state.whyNoUndo ?? LocalizedText(zh: "本次打开以来没有可撤销的操作", en: "nothing of yours to undo since wenti started")
                      }) { state, env in
                guard let undo = state.undo else { return }
                state.undo = nil
                state.whyNoUndo = LocalizedText(zh: "刚刚已撤销“\(undo.label.zh)”，撤销本身不再撤销",
                                                en: "\(undo.label.en) was just undone; an undo is not undone in turn")
                let undone: Int
                do {
                    undone = try await env.session.undo(undo.steps)
                } catch {
                    state.toast = StandardActions.describe(error, state.language)
                    await LiveRefresh.refresh(&state, env)
                    return
                }
                await LiveRefresh.refresh(&state, env)
                state.toast = state.language == .zh ? "已撤销：\(undo.label.zh)（\(undone) 个）" : "undone: \(undo.label.en) (\(undone))"
            },
            AppAction("agenda", keys: [.character("A")], LocalizedText(zh: "列入下次三方会议议程", en: "Put on the next tri-party meeting's agenda"),
                      group: .triage, tabs: [.libraries], unavailable: { state, env in
                          guard let concern = state.detail else { return noSelection }
                          if let refusal = env.session.refusal(.meetingPrepare, on: .unit(env.session.organisation.company.id)) { return refusal }
                          return AgendaBuilder.whyNotOnAgenda(concern, heldMeetings: state.heldMeetings)
                      }) { state, env in
                guard let concern = state.detail else { return }
                do {
                    let meeting = try await env.session.putOnAgenda(concern)
                    await LiveRefresh.refresh(&state, env)
                    state.toast = state.language == .zh ? "\(concern.code) 已列入 \(meeting) 议程" : "\(concern.code) is on the agenda of \(meeting)"
                } catch {
                    state.toast = StandardActions.describe(error, state.language)
                }
            },
            AppAction("batch", keys: [.character("b")], LocalizedText(zh: "流处理 / 批处理", en: "Stream or batch"),
                      group: .triage, tabs: [.libraries], unavailable: refused(.setProcessing(.stream))) { state, env in
                var form = TriageForm.processing.makeForm()
                form.setOptions(await PickOptions.batchGroups(env.session), of: "group")
                state.overlays.append(.form(form, .processing, targets: targets(state)))
            },
            AppAction("solve", keys: [.character("d")], LocalizedText(zh: "办结（待反馈）", en: "Mark solved (feedback next)"),
                      group: .triage, tabs: [.libraries], unavailable: refused(.solve(summary: "?"))) { state, _ in
                open(.solve, &state)
            },
            AppAction("feedback", keys: [.character("f")], LocalizedText(zh: "记录反馈（效果、满意度）", en: "Record feedback (effect, satisfaction)"),
                      short: LocalizedText(zh: "反馈", en: "feedback"), group: .triage, tabs: [.libraries, .feedback], unavailable: { state, env in
                          guard let concern = state.detail else { return noSelection }
                          let sample = FeedbackRecord(on: env.session.today(), byID: env.session.principal.id, contact: "?", method: .visit,
                                                      effect: .confirmed, satisfaction: .satisfied, score: 5)
                          return env.session.refusal(of: .recordFeedback(sample), on: concern)
                      }) { state, env in
                let kind = TriageForm.feedback(by: env.session.principal.id, on: env.session.today())
                var form = kind.makeForm()
                let targets = targets(state)
                form.setOptions(PickOptions.people(env.session.organisation, near: targets.first?.seen?.unitID, byName: true), of: "contact")
                state.overlays.append(.form(form, kind, targets: targets))
            },
            AppAction("refer", keys: [.character("R")], LocalizedText(zh: "转办到部门", en: "Refer to a department"),
                      group: .triage, tabs: [.libraries], dangerous: false, unavailable: refused(.refer(to: "?", explanation: "?"), ignoring: .unknownUnit("?"))) { state, env in
                let departments = env.session.organisation.unitsInTreeOrder.filter { $0.kind == .department }
                open(.refer(departments), &state)
            },
            AppAction("close", keys: [.character("c")], LocalizedText(zh: "关闭", en: "Close"),
                      group: .triage, tabs: [.libraries, .feedback], unavailable: refused(.close(noFeedbackReason: "?"))) { state, _ in
                open(.close, &state)
            },
            AppAction("reopen", keys: [.character("O")], LocalizedText(zh: "重新打开（反馈不满意时）", en: "Reopen (after a dissatisfied feedback)"),
                      group: .triage, tabs: [.libraries, .feedback], unavailable: refused(.reopen(reason: "?"))) { state, _ in
                open(.reopen, &state)
            },
        ]
    }

    static let noSelection = LocalizedText(zh: "没有选中的问题", en: "no concern is selected")

    /// Unavailable when nothing is selected, or when the workflow would refuse the command
    /// (a refusal that only the sample's placeholder values cause can be ignored).
    static func refused(_ sample: ConcernCommand, ignoring placeholder: WorkflowError? = nil) -> @MainActor @Sendable (AppState, AppEnvironment) -> LocalizedText? {
        { state, env in
            guard let concern = state.detail else { return noSelection }
            guard let reason = env.session.refusal(of: sample, on: concern) else { return nil }
            if let placeholder, reason == placeholder.label { return nil }
            return reason
        }
    }

    static func targets(_ state: AppState) -> [TriageTarget] {
        if state.tab == .feedback {
            return state.feedbackQueue.concern.map { [TriageTarget(code: $0.code, version: $0.version, seen: $0)] } ?? []
        }
        let codes = state.table.marks.isEmpty ? state.table.selectedRow.map { [$0.code] } ?? [] : state.table.marks.sorted()
        let versions = Dictionary(state.table.rows.map { ($0.code, $0.version) }, uniquingKeysWith: { first, _ in first })
        return codes.map { code in
            let version = versions[code]
            // The concern as shown: the detail, or one read a moment ago at the same version.
            let seen = state.detail.flatMap { $0.code == code && $0.version == version ? $0 : nil }
                ?? version.flatMap { state.recentDetails.entry(code, version: $0)?.concern }
            return TriageTarget(code: code, version: version, seen: seen)
        }
    }

    static func open(_ kind: TriageForm, _ state: inout AppState) {
        state.overlays.append(.form(kind.makeForm(), kind, targets: targets(state)))
    }

    /// How a triage action went.
    enum Outcome: Equatable {
        case applied
        /// A rule refused it (the status line says which concern and why).
        case refused
        /// Someone else changed a target since it was read: what they changed, and the
        /// targets still to do, the changed one read again, to apply what was typed to.
        case changedMeanwhile(ChangedMeanwhile, reloaded: [TriageTarget])

        var succeeded: Bool { self == .applied }
    }

    /// Runs `commands` on every target, each as one action at the version the user saw; stops
    /// at the first refusal (a rule, or someone else's change) and says which concern and why.
    @discardableResult
    static func apply(_ commands: [ConcernCommand], to targets: [TriageTarget], _ state: inout AppState, _ env: AppEnvironment) async -> Outcome {
        var done = 0
        var undoSteps: [Undo.Step] = []
        var notUndoable: Undo.Refusal?
        let action = commands.first?.action ?? .edit
        for (index, target) in targets.enumerated() {
            do {
                let before = try await env.session.concern(target.code)
                let after = try await env.session.perform(commands, on: target.code, expectedVersion: target.version ?? before.version)
                do {
                    let restoration = try Undo.restoration(from: before, to: after, action: action)
                    undoSteps.append(Undo.Step(code: target.code, version: after.version, commands: [.takeBack(restoration)]))
                } catch {
                    notUndoable = notUndoable ?? error
                }
                done += 1
            } catch StoreError.conflict {
                await LiveRefresh.refresh(&state, env)
                guard let now = try? await env.session.concern(target.code) else {
                    state.toast = StandardActions.describe(StoreError.concernNotFound(target.code), state.language)
                    return .refused
                }
                let report = ChangedMeanwhile.between(target.seen, now, org: env.session.organisation, categories: env.session.workspace.categories)
                state.toast = report.lines(state.language).first
                var reloaded = Array(targets[index...])
                reloaded[0] = TriageTarget(code: now.code, version: now.version, seen: now)
                return .changedMeanwhile(report, reloaded: reloaded)
            } catch {
                state.toast = "\(target.code)" + (state.language == .zh ? "：" : ": ") + StandardActions.describe(error, state.language)
                await LiveRefresh.refresh(&state, env)
                return .refused
            }
        }
        // A batch is undone whole or not at all: one concern that keeps its change keeps the batch.
        state.undo = notUndoable == nil && !undoSteps.isEmpty ? Undo(label: action.label, steps: undoSteps) : nil
        state.whyNoUndo = notUndoable?.label
        await LiveRefresh.refresh(&state, env)
        // Which step, then how many: after o, D, S or T the line said only "1 updated".
        state.toast = action.label.text(state.language) + (state.language == .zh ? "：已更新 \(done) 个问题" : ": \(done) updated")
        state.table.marks = []
        return .applied
    }

}

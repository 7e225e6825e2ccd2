import WentiCore
import WentiSession
import WentiTerminal

/// What follows a grade on the libraries pane, each the step `wenti` takes on the command
/// line, through the same session and the same workflow rules: the task book (`t` adds a
/// line, `T` marks one done or dropped), the responsibility pledge (`K`), a deadline moved
/// with its reason (`E`), the clock paused and restarted (`z`, `Z`), a referral taken back
/// (`r`) and a link to another record (`l`). A line's state, the pledge and a link belong to
/// one concern: they act on the selected one; the others on the marked ones, else the selected.
@MainActor
enum CommitmentActions {
    static var all: [AppAction] {
        [
            AppAction("task", keys: [.character("t")], LocalizedText(zh: "任务书：添加一项（内容、完成日期）", en: "Task book: add a line (what, by when)"),
                      group: .triage, tabs: [.libraries], unavailable: TriageActions.refused(.addTask(title: "?", due: sampleDay))) { state, _ in
                TriageActions.open(.addTask, &state)
            },
            AppAction("task-state", keys: [.character("T")], LocalizedText(zh: "任务书：一项完成或取消（当前问题）", en: "Task book: a line done or dropped (this concern)"),
                      group: .triage, tabs: [.libraries], unavailable: { state, env in
                          guard let concern = state.detail else { return TriageActions.noSelection }
                          guard !concern.tasks.isEmpty else {
                              let key = env.registry.keys(of: "task").first?.description ?? ":task"
                              return LocalizedText(zh: "任务书还没有内容：按 \(key) 添加一项", en: "the task book is empty: \(key) adds a line")
                          }
                          return env.session.refusal(of: .setTaskState(index: 1, .done), on: concern)
                      }) { state, _ in
                guard let concern = state.detail else { return }
                openOnSelected(.taskState(concern.tasks), concern, &state)
            },
            AppAction("pledge", keys: [.character("K")], LocalizedText(zh: "签订责任状（第一责任人，当前问题）", en: "Record the responsibility pledge (first responsible, this concern)"),
                      group: .triage, tabs: [.libraries], unavailable: { state, env in
                          guard let concern = state.detail else { return TriageActions.noSelection }
                          guard let owner = concern.firstResponsibleID else {
                              let key = env.registry.keys(of: "assign").first?.description ?? ":assign"
                              return LocalizedText(zh: "还没有第一责任人：按 \(key) 指定，由其签订责任状",
                                                   en: "no first responsible person yet: \(key) names the one who signs")
                          }
                          return env.session.refusal(of: .pledge(by: owner), on: concern)
                      }) { state, env in
                guard let concern = state.detail, let owner = concern.firstResponsibleID else { return }
                let name = env.session.organisation.person(owner)?.name ?? "?"
                let zh = state.language == .zh
                var question = zh ? "记录 \(name) 于 \(state.today) 签订 \(concern.code) 的责任状？" : "Record that \(name) signed the pledge for \(concern.code) on \(state.today)?"
                if let earlier = concern.pledge {
                    question += zh ? "（替换 \(earlier.signedOn) 的记录）" : " (replaces the one of \(earlier.signedOn))"
                }
                state.overlays.append(.confirmCommands(question: question, commands: [.pledge(by: owner)],
                                                       targets: [TriageTarget(code: concern.code, version: concern.version, seen: concern)], back: nil))
            },
            AppAction("deadline", keys: [.character("E")], LocalizedText(zh: "调整期限（须说明理由）", en: "Move the deadline (with a reason)"),
                      group: .triage, tabs: [.libraries], unavailable: TriageActions.refused(.setDeadline(sampleDay, reason: "?"))) { state, _ in
                TriageActions.open(.deadline(current: state.detail?.deadline, pausedDays: state.detail?.pausedDays ?? 0), &state)
            },
            AppAction("pause", keys: [.character("z")], LocalizedText(zh: "暂停计时（须说明原因）", en: "Pause the clock (with a reason)"),
                      group: .triage, tabs: [.libraries], unavailable: TriageActions.refused(.pause(reason: "?"))) { state, _ in
                TriageActions.open(.pause, &state)
            },
            AppAction("unpause", keys: [.character("Z")], LocalizedText(zh: "恢复计时（暂停的天数顺延期限）", en: "Restart the clock (paused days move the deadline)"),
                      group: .triage, tabs: [.libraries], unavailable: TriageActions.refused(.unpause)) { state, env in
                await TriageActions.apply([.unpause], to: TriageActions.targets(state), &state, env)
            },
            AppAction("resume", keys: [.character("r")], LocalizedText(zh: "收回转办，重新分析", en: "Take a referred concern back for analysis"),
                      group: .triage, tabs: [.libraries], unavailable: TriageActions.refused(.resume(reason: "?"))) { state, _ in
                TriageActions.open(.takeBack, &state)
            },
            AppAction("link", keys: [.character("l")], LocalizedText(zh: "关联问题、督办通知单、实践条目或会议（当前问题）",
                                                                     en: "Link to a concern, notice, practice or meeting (this concern)"),
                      group: .triage, tabs: [.libraries], unavailable: TriageActions.refused(.link(ConcernLink(kind: .concern, target: "?")))) { state, _ in
                guard let concern = state.detail else { return }
                openOnSelected(.link, concern, &state)
            },
        ]
    }

    /// Any day: availability asks the rules about the stage and the person, not the date.
    static let sampleDay = Day(year: 2026, month: 1, day: 1)!

    /// A form on the selected concern alone, whatever is marked.
    static func openOnSelected(_ kind: TriageForm, _ concern: Concern, _ state: inout AppState) {
        state.overlays.append(.form(kind.makeForm(), kind, targets: [TriageTarget(code: concern.code, version: concern.version, seen: concern)]))
    }
}

import WentiCore
import WentiSession
import WentiStore
import WentiTerminal

/// The supervision pane's actions: move a notice along (acknowledged, progress reported,
/// completed), chase it and record the answer, export it or the month's bulletin, and
/// widen or narrow the "due soon" window.
@MainActor
enum SupervisionActions {
    static let tab: Set<AppTab> = [.supervision]

    static var all: [AppAction] {
        [
            step("notice-acknowledge", "a", LocalizedText(zh: "签收督办单", en: "Acknowledge the notice"), .acknowledge),
            step("notice-progress", "r", LocalizedText(zh: "已报进展", en: "Progress reported"), .reportProgress),
            step("notice-complete", "C", LocalizedText(zh: "督办完成", en: "Notice completed"), .complete),
            AppAction("notice-chase", keys: [.character("h")], LocalizedText(zh: "催办", en: "Chase (催办)"),
                      group: .supervision, tabs: tab, unavailable: { state, env in
                          guard let notice = state.supervision.notice else { return noNotice }
                          if let refusal = refusal(.noticeChase, notice, env) { return refusal }
                          return notice.isOpen ? nil : NoticeError.chaseCompleted.label
                      }) { state, env in
                guard let notice = state.supervision.notice else { return }
                state.overlays.append(.recordForm(NoticeForms.chaseForm(notice, today: env.session.today()), .chase(noticeID: notice.id)))
            },
            AppAction("notice-chaser-answered", keys: [.character("R")], LocalizedText(zh: "催办已回复", en: "The chaser was answered"),
                      group: .supervision, tabs: tab, unavailable: { state, env in
                          guard let notice = state.supervision.notice else { return noNotice }
                          if let refusal = refusal(.noticeAnswer, notice, env) { return refusal }
                          return notice.openChasers == 0 ? NoticeError.noOpenChaser.label : nil
                      }) { state, env in
                await change(&state, env, .answerChaser)
            },
            AppAction("notice-reissue", keys: [.character("N")], LocalizedText(zh: "重新下发并替代（≠ 时）", en: "Reissue as a replacement (on ≠)"),
                      group: .supervision, tabs: tab, unavailable: { state, env in
                          guard let notice = state.supervision.notice else { return noNotice }
                          return whyNotReissue(notice, state.supervision.concerns[notice.concern], env)
                      }) { state, env in
                guard let notice = state.supervision.notice, let concern = state.supervision.concerns[notice.concern] else { return }
                // To whom and by when the concern stands now, the old notice closed as replaced.
                let form = NoticeForms.issueForm(concern, org: env.session.organisation, today: env.session.today(),
                                                 replacing: notice, replaceChosen: true)
                state.overlays.append(.recordForm(form, .issueNotice(concern.code, replacing: notice.id)))
            },
            AppAction("notice-export", keys: [.character("x")], LocalizedText(zh: "导出督办通知单", en: "Export the notice"),
                      group: .supervision, tabs: tab, unavailable: { state, _ in state.supervision.notice == nil ? noNotice : nil }) { state, env in
                guard let notice = state.supervision.notice else { return }
                state.overlays.append(.recordForm(ExportForms.form(.notice(notice.id), today: env.session.today()), .export(.notice(notice.id))))
            },
            AppAction("bulletin-export", keys: [.character("B")], LocalizedText(zh: "导出本月督办简报", en: "Export the month's bulletin"),
                      short: LocalizedText(zh: "简报", en: "bulletin"), group: .supervision, tabs: tab, unavailable: { _, env in
                          do {
                              _ = try env.session.figuresRoot(for: .bulletin)
                              return nil
                          } catch {
                              return (error as? any Labelled)?.label
                          }
                      }) { state, env in
                state.overlays.append(.recordForm(ExportForms.form(.bulletin, today: env.session.today()), .export(.bulletin)))
            },
            AppAction("horizon-wider", keys: [.character("+")], LocalizedText(zh: "即将到期：多看 7 天", en: "Due soon: 7 days more"),
                      group: .supervision, tabs: tab) { state, env in
                state.supervision.horizon = min(state.supervision.horizon + 7, 90)
                await SupervisionPane.refresh(&state, env)
            },
            AppAction("horizon-narrower", keys: [.character("-")], LocalizedText(zh: "即将到期：少看 7 天", en: "Due soon: 7 days fewer"),
                      group: .supervision, tabs: tab) { state, env in
                state.supervision.horizon = max(state.supervision.horizon - 7, 7)
                await SupervisionPane.refresh(&state, env)
            },
        ]
    }

    /// Why the selected notice cannot be reissued: it is closed, the viewer may not issue
    /// notices, or its concern can no longer have one.
    static func whyNotReissue(_ notice: SupervisionNotice, _ concern: Concern?, _ env: AppEnvironment) -> LocalizedText? {
        guard notice.isOpen else { return NoticeError.replacesClosedNotice(notice: notice.id, state: notice.state).label }
        guard let concern else { return noNotice }
        if let refusal = env.session.refusal(.noticeIssue, on: .notice(toUnit: concern.responsibleUnitID ?? concern.unitID,
                                                                       toPerson: concern.firstResponsibleID ?? notice.toPersonID,
                                                                       concern: concern.code)) {
            return refusal
        }
        return concern.firstResponsibleID != nil && [.defined, .solving].contains(concern.stage)
            ? nil : SessionError.noticeNeedsResponsible(concern.code, concern.stage).label
    }

    static let noNotice = LocalizedText(zh: "没有选中的督办单", en: "no notice is selected")

    /// Why the viewer may not take `action` on the notice (read-only, or the permission table).
    static func refusal(_ action: MethodAction, _ notice: SupervisionNotice, _ env: AppEnvironment) -> LocalizedText? {
        env.session.refusal(action, on: .notice(toUnit: notice.toUnitID, toPerson: notice.toPersonID, concern: notice.concern))
    }

    static func step(_ id: String, _ key: Character, _ title: LocalizedText, _ change: NoticeChange) -> AppAction {
        AppAction(id, keys: [.character(key)], title, group: .supervision, tabs: tab, unavailable: { state, env in
            guard let notice = state.supervision.notice else { return noNotice }
            if let refusal = refusal(change.methodAction, notice, env) { return refusal }
            do throws(NoticeError) {
                _ = try notice.applying(change, on: state.today, by: env.session.principal.id)
                return nil
            } catch {
                return error.label
            }
        }) { state, env in
            await Self.change(&state, env, change)
        }
    }

    static func change(_ state: inout AppState, _ env: AppEnvironment, _ change: NoticeChange) async {
        guard let notice = state.supervision.notice else { return }
        do {
            let changed = try await env.session.changeNotice(notice.id, change)
            await SupervisionPane.refresh(&state, env)
            // What this step did (a chaser leaves the notice's state as it was).
            state.toast = changed.id + (state.language == .zh ? "：" : ": ") + change.done.text(state.language)
        } catch {
            state.toast = StandardActions.describe(error, state.language)
        }
    }
}

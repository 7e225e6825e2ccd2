import WentiCore
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
            advance("notice-acknowledge", "a", LocalizedText(zh: "签收督办单", en: "Acknowledge the notice"), to: .acknowledged),
            advance("notice-progress", "r", LocalizedText(zh: "已报进展", en: "Progress reported"), to: .progressReported),
            advance("notice-complete", "C", LocalizedText(zh: "督办完成", en: "Notice completed"), to: .completed),
            AppAction("notice-chase", keys: [.character("h")], LocalizedText(zh: "催办", en: "Chase (催办)"),
                      group: .supervision, tabs: tab, unavailable: { state, _ in
                          guard let notice = state.supervision.notice else { return noNotice }
                          return notice.state == .completed ? NoticeError.chaseCompleted.label : nil
                      }) { state, env in
                guard let notice = state.supervision.notice else { return }
                state.overlays.append(.recordForm(NoticeForms.chaseForm(notice, today: env.data.store.today()), .chase(noticeID: notice.id)))
            },
            AppAction("notice-chaser-answered", keys: [.character("R")], LocalizedText(zh: "催办已回复", en: "The chaser was answered"),
                      group: .supervision, tabs: tab, unavailable: { state, _ in
                          guard let notice = state.supervision.notice else { return noNotice }
                          return notice.openChasers == 0 ? NoticeError.noOpenChaser.label : nil
                      }) { state, env in
                change(&state, env, action: "notice-chaser-answered") { notice, today in try notice.chaserAnswered(on: today) }
            },
            AppAction("notice-export", keys: [.character("x")], LocalizedText(zh: "导出督办通知单", en: "Export the notice"),
                      group: .supervision, tabs: tab, unavailable: { state, _ in state.supervision.notice == nil ? noNotice : nil }) { state, env in
                guard let notice = state.supervision.notice else { return }
                state.overlays.append(.recordForm(ExportForms.form(.notice(notice.id), today: env.data.store.today()), .export(.notice(notice.id))))
            },
            AppAction("bulletin-export", keys: [.character("B")], LocalizedText(zh: "导出本月督办简报", en: "Export the month's bulletin"),
                      short: LocalizedText(zh: "简报", en: "bulletin"), group: .supervision, tabs: tab) { state, env in
                state.overlays.append(.recordForm(ExportForms.form(.bulletin, today: env.data.store.today()), .export(.bulletin)))
            },
            AppAction("horizon-wider", keys: [.character("+")], LocalizedText(zh: "即将到期：多看 7 天", en: "Due soon: 7 days more"),
                      group: .supervision, tabs: tab) { state, env in
                state.supervision.horizon = min(state.supervision.horizon + 7, 90)
                PaneRefresh.supervision(&state, env)
            },
            AppAction("horizon-narrower", keys: [.character("-")], LocalizedText(zh: "即将到期：少看 7 天", en: "Due soon: 7 days fewer"),
                      group: .supervision, tabs: tab) { state, env in
                state.supervision.horizon = max(state.supervision.horizon - 7, 7)
                PaneRefresh.supervision(&state, env)
            },
        ]
    }

    static let noNotice = LocalizedText(zh: "没有选中的督办单", en: "no notice is selected")

    static func advance(_ id: String, _ key: Character, _ title: LocalizedText, to next: SupervisionNotice.State) -> AppAction {
        AppAction(id, keys: [.character(key)], title, group: .supervision, tabs: tab, unavailable: { state, _ in
            guard let notice = state.supervision.notice else { return noNotice }
            do throws(NoticeError) {
                _ = try notice.advanced(to: next)
                return nil
            } catch {
                return error.label
            }
        }) { state, env in
            change(&state, env, action: id) { notice, _ in try notice.advanced(to: next) }
        }
    }

    static func change(_ state: inout AppState, _ env: AppEnvironment, action: String,
                       _ body: @escaping (SupervisionNotice, Day) throws -> SupervisionNotice) {
        guard let notice = state.supervision.notice else { return }
        let today = env.data.store.today()
        do {
            let changed = try env.data.store.changeNotice(notice.id, actor: env.data.actor.id, action: action) { try body($0, today) }
            PaneRefresh.supervision(&state, env)
            state.toast = "\(changed.id)：" + changed.state.label.text(state.language)
        } catch {
            state.toast = error.label.text(state.language)
        }
    }
}

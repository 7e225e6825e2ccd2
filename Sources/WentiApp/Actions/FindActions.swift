import WentiCore
import WentiSession
import WentiTerminal

/// Finding a concern by its number, and widening the libraries to everything the viewer
/// may see. `#` opens `:goto ` ready for a number; `/` takes a number too (`FilterText`).
@MainActor
enum FindActions {
    static var all: [AppAction] {
        [
            AppAction("goto", keys: [.character("#")], LocalizedText(zh: "按编号转到问题（Q-2026-0068、0068 或 68）", en: "Go to a concern by its number (Q-2026-0068, 0068 or 68)"),
                      short: LocalizedText(zh: "编号", en: "number"), group: .navigation,
                      argument: { state, env, text in await goTo(text, &state, env) }) { state, _ in
                var field = TextField()
                // The command by the name the UI's language gives it (`:转到 68` runs the same).
                field.set((state.language == .zh ? CommandNames.chinese["goto"] ?? "goto" : "goto") + " ")
                state.overlays.append(.commandLine(field))
            },
            AppAction("widen", keys: [.character("w")], LocalizedText(zh: "扩大到全部单位（本人可见的全部问题）", en: "Widen to every unit (all you may see)"),
                      group: .view, tabs: [.libraries], unavailable: { state, _ in
                          state.treeSelected == 0 ? LocalizedText(zh: "已是全部单位", en: "every unit is shown already") : nil
                      }) { state, env in
                await widen(&state, env)
            },
        ]
    }

    /// Shows every library the viewer may see: the tree's top row, the filter kept.
    static func widen(_ state: inout AppState, _ env: AppEnvironment) async {
        state.treeSelected = 0
        await StandardActions.setFilter(state.filterText, &state, env)
        state.toast = scopeLabel(state).text(state.language)
    }

    /// What the table is limited to: "运维检修部 (with its teams)" or "every unit".
    static func scopeLabel(_ state: AppState) -> LocalizedText {
        guard state.treeSelected > 0, let unit = state.selectedUnit else { return LocalizedText(zh: "全部单位", en: "every unit") }
        return unit.kind == .team ? LocalizedText(zh: "限 \(unit.name)", en: "only \(unit.name)")
            : LocalizedText(zh: "限 \(unit.name) 及下级", en: "only \(unit.name) and below")
    }

    /// Selects the concern `text` names in the libraries: where the table is, if it lists it;
    /// else with every unit shown, then also without the filter, saying what was widened.
    static func goTo(_ text: String, _ state: inout AppState, _ env: AppEnvironment) async {
        let typed = text.trimmed
        let zh = state.language == .zh
        guard !typed.isEmpty else {
            state.toast = zh ? "请给出问题编号，如 :goto 68" : "give a concern's number, e.g. :goto 68"
            return
        }
        var found: Concern?
        await StandardActions.attempt(&state) { _ in found = try await env.session.findConcern(typed) }
        guard let concern = found else {
            if state.toast == nil { state.toast = zh ? "没有可查看的问题“\(typed)”" : "no concern \"\(typed)\" that you may see" }
            return
        }
        if state.tab != .libraries { await StandardActions.switchTab(to: .libraries, &state, env) }
        state.focus = .table
        var widened: LocalizedText?
        if await !reveal(concern.code, &state, env) {
            state.treeSelected = 0
            await StandardActions.setFilter(state.filterText, &state, env)
            widened = LocalizedText(zh: "已扩大到全部单位", en: "widened to every unit")
            if await !reveal(concern.code, &state, env) {
                await StandardActions.setFilter("", &state, env)
                widened = LocalizedText(zh: "已扩大到全部单位并清除筛选", en: "widened to every unit, filter cleared")
                _ = await reveal(concern.code, &state, env)
            }
        }
        let unit = env.session.organisation.unit(concern.unitID)?.name ?? ""
        state.toast = "\(concern.code) · \(unit)" + (widened.map { (zh ? "（" : " (") + $0.text(state.language) + (zh ? "）" : ")") } ?? "")
    }

    static func reveal(_ code: ConcernCode, _ state: inout AppState, _ env: AppEnvironment) async -> Bool {
        var shown = false
        await StandardActions.attempt(&state) { state in
            shown = try await state.table.reveal(code, visibleRows: state.visibleTableRows, env.session)
        }
        if shown { await StandardActions.loadDetail(&state, env) }
        return shown
    }
}

import WentiCore
import WentiSession
import WentiStore
import WentiTerminal

/// The practice libraries' actions: write a solved concern up as an entry (from the
/// libraries), search the entries, and apply an entry to a batch group.
@MainActor
enum PracticeActions {
    static var all: [AppAction] {
        [
            AppAction("practice-write-up", keys: [.character("x")], LocalizedText(zh: "把已解决的问题写成实践案例", en: "Write a solved concern up as a practice entry"),
                      group: .learning, tabs: [.libraries], unavailable: { state, env in
                          guard let concern = state.detail else { return TriageActions.noSelection }
                          if let refusal = env.session.refusal(.practiceWrite, on: .concern(concern)) { return refusal }
                          return [.awaitingFeedback, .closed].contains(concern.stage) ? nil
                              : PracticeError.sourceNotSolved(concern.code, concern.stage).label
                      }) { state, _ in
                guard let concern = state.detail else { return }
                state.overlays.append(.recordForm(PracticeForms.writeUpForm(concern), .practice(concern.code)))
            },
            AppAction("practice-search", keys: [.character("/")], LocalizedText(zh: "搜索实践条目（支持中文）", en: "Search the entries (Chinese too)"),
                      short: LocalizedText(zh: "搜索", en: "search"), group: .learning, tabs: [.practices]) { state, _ in
                state.overlays.append(.filter(TextField(state.practices.search)))
            },
            AppAction("practice-clear-search", keys: [.escape], LocalizedText(zh: "清除搜索", en: "Clear the search"), group: .learning, tabs: [.practices],
                      unavailable: { state, _ in state.practices.search.isEmpty ? LocalizedText(zh: "当前没有搜索", en: "no search is set") : nil }) { state, _ in
                state.practices.search = ""
                state.practices.selected = 0
            },
            AppAction("practice-apply", keys: [.character("b")], LocalizedText(zh: "把条目应用到一个批次的全部问题", en: "Apply the entry to every concern of a batch"),
                      group: .learning, tabs: [.practices],
                      unavailable: { state, env in
                          if env.session.isReadOnly { return env.session.refusal(.practiceApply, on: .company) }
                          return state.practices.entry == nil ? LocalizedText(zh: "没有选中的条目", en: "no entry is selected") : nil
                      }) { state, _ in
                guard let entry = state.practices.entry else { return }
                state.overlays.append(.recordForm(PracticeForms.applyForm(entry), .applyPractice(entry.id)))
            },
        ]
    }
}

/// The dashboard's actions: the view, the month, month or quarter, and the concerns behind
/// the selected row.
@MainActor
enum DashboardActions {
    static let tab: Set<AppTab> = [.dashboard]

    static var all: [AppAction] {
        [
            AppAction("dashboard-view", keys: [.character("v")], LocalizedText(zh: "切换：各单位 / 趋势 / 考核排名", en: "Cycle: units / trends / ranking"),
                      short: LocalizedText(zh: "视图", en: "view"), group: .learning, tabs: tab) { state, _ in
                let views = DashboardState.View.allCases
                state.dashboard.view = views[(state.dashboard.view.rawValue + 1) % views.count]
                state.dashboard.selected = 0
            },
            AppAction("dashboard-previous", keys: [.character("[")], LocalizedText(zh: "上个月", en: "Previous month"), group: .learning, tabs: tab) { state, env in
                state.dashboard.month = (state.dashboard.month ?? env.session.today().month).previous
                DashboardPane.refresh(&state, env)
            },
            AppAction("dashboard-next", keys: [.character("]")], LocalizedText(zh: "下个月", en: "Next month"), group: .learning, tabs: tab) { state, env in
                state.dashboard.month = (state.dashboard.month ?? env.session.today().month).next
                DashboardPane.refresh(&state, env)
            },
            AppAction("dashboard-quarter", keys: [.character("m")], LocalizedText(zh: "按月 / 按季度（截至所选月）", en: "Month / quarter (ending with the month)"),
                      group: .learning, tabs: tab) { state, env in
                state.dashboard.quarter.toggle()
                DashboardPane.refresh(&state, env)
            },
            AppAction("dashboard-open", keys: [.enter], LocalizedText(zh: "打开这一行背后的问题", en: "Open the concerns behind the row"),
                      group: .learning, tabs: tab) { state, env in
                openConcerns(&state, env)
            },
        ]
    }

    /// The libraries, narrowed to the row's unit (and for a trend, its category).
    static func openConcerns(_ state: inout AppState, _ env: AppEnvironment) {
        let model = state.dashboard
        var unit: UnitID?
        var filter = ""
        switch model.view {
        case .units:
            guard model.units.indices.contains(model.selected) else { return }
            unit = model.units[model.selected].unit.id
        case .trends:
            guard let rising = model.trends?.rising, rising.indices.contains(model.selected) else { return }
            unit = rising[model.selected].unitID
            filter = "category:\(rising[model.selected].categoryID)"
        case .ranking:
            guard model.ranking.indices.contains(model.selected) else { return }
            unit = model.ranking[model.selected].unitID
        }
        StandardActions.switchTab(to: .libraries, &state, env)
        if let unit, let row = state.tree.firstIndex(where: { $0.unit.id == unit }) {
            state.treeSelected = row
        }
        state.focus = .table
        StandardActions.setFilter(filter, &state, env)
    }
}

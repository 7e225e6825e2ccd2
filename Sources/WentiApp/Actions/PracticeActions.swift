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
                      }) { state, env in
                guard let entry = state.practices.entry else { return }
                let groups = await PickOptions.batchGroups(env.session)
                state.overlays.append(.recordForm(PracticeForms.applyForm(entry, groups: groups), .applyPractice(entry.id)))
            },
        ]
    }
}

/// The dashboard's actions: the view, the period, month or quarter, the figure, and the
/// concerns behind the selected figure.
@MainActor
enum DashboardActions {
    static let tab: Set<AppTab> = [.dashboard]

    static var all: [AppAction] {
        [
            AppAction("dashboard-view", keys: [.character("v")], LocalizedText(zh: "切换：各单位 / 解决部门 / 趋势 / 考核排名", en: "Cycle: units / solving / trends / ranking"),
                      short: LocalizedText(zh: "视图", en: "view"), group: .learning, tabs: tab) { state, _ in
                let views = DashboardState.View.allCases
                state.dashboard.view = views[(state.dashboard.view.rawValue + 1) % views.count]
                state.dashboard.selected = 0
                state.dashboard.column = 0
            },
            AppAction("dashboard-previous", keys: [.character("[")], LocalizedText(zh: "上个月（按季度时上一季度）", en: "Previous month (quarter)"),
                      group: .learning, tabs: tab) { state, env in
                await step(&state, env, by: -1)
            },
            AppAction("dashboard-next", keys: [.character("]")], LocalizedText(zh: "下个月（按季度时下一季度）", en: "Next month (quarter)"),
                      group: .learning, tabs: tab) { state, env in
                await step(&state, env, by: 1)
            },
            AppAction("dashboard-quarter", keys: [.character("m")], LocalizedText(zh: "按月 / 按季度（所选月所在的自然季度）", en: "Month / calendar quarter (holding the month)"),
                      group: .learning, tabs: tab) { state, env in
                state.dashboard.quarter.toggle()
                state.dashboard.passedOver = nil
                await DashboardPane.refresh(&state, env)
            },
            AppAction("dashboard-figure-left", keys: [.left], LocalizedText(zh: "上一个指标", en: "Previous figure"), group: .learning, tabs: tab,
                      unavailable: { state, _ in state.dashboard.measure == nil ? noFigures : nil }) { state, _ in
                state.dashboard.column = max(0, min(state.dashboard.column, state.dashboard.measures.count - 1) - 1)
            },
            AppAction("dashboard-figure-right", keys: [.right], LocalizedText(zh: "下一个指标", en: "Next figure"), group: .learning, tabs: tab,
                      unavailable: { state, _ in state.dashboard.measure == nil ? noFigures : nil }) { state, _ in
                state.dashboard.column = min(state.dashboard.measures.count - 1, state.dashboard.column + 1)
            },
            AppAction("dashboard-open", keys: [.enter], LocalizedText(zh: "打开这个数字背后的问题", en: "Open the concerns behind the figure"),
                      group: .learning, tabs: tab) { state, env in
                await openConcerns(&state, env)
            },
        ]
    }

    static let noFigures = LocalizedText(zh: "这个视图没有可选的指标", en: "this view has no figures to pick")

    /// A month back or on; a quarter at a time in the quarter view.
    static func step(_ state: inout AppState, _ env: AppEnvironment, by direction: Int) async {
        var month = state.dashboard.month ?? env.session.today().month
        for _ in 0..<(state.dashboard.quarter ? 3 : 1) { month = direction < 0 ? month.previous : month.next }
        state.dashboard.month = month
        state.dashboard.passedOver = nil
        await DashboardPane.refresh(&state, env)
    }

    /// The libraries, showing exactly the concerns counted in the selected figure (units and
    /// solving views; a rising trend's latest window), or the ranked unit's libraries.
    static func openConcerns(_ state: inout AppState, _ env: AppEnvironment) async {
        let model = state.dashboard
        if let cell = env.session.figureCell(model) {
            await openFigure(cell, &state, env)
            return
        }
        // The ranking's rows are units, not figures: their libraries.
        guard model.view == .ranking, model.ranking.indices.contains(model.selected) else { return }
        let unit = model.ranking[model.selected].unitID
        await StandardActions.switchTab(to: .libraries, &state, env)
        if let row = state.tree.firstIndex(where: { $0.unit.id == unit }) {
            state.treeSelected = row
        }
        state.focus = .table
        await StandardActions.setFilter("", &state, env)
    }

    /// The whole organisation's tree row selected (a concern found in a team may be held by
    /// the company's library now), the filter cleared, and the figure's own condition as the
    /// query: editing the filter or picking a unit drops it.
    static func openFigure(_ cell: FigureCell, _ state: inout AppState, _ env: AppEnvironment) async {
        await StandardActions.switchTab(to: .libraries, &state, env)
        if let row = state.tree.firstIndex(where: { $0.unit.kind == .company }) { state.treeSelected = row }
        state.focus = .table
        state.filterText = ""
        var query = ConcernQuery()
        query.sort = state.table.query.sort
        query.figure = cell
        state.table.query = query
        state.table.selected = 0
        state.table.top = 0
        await StandardActions.reload(&state, env)
        state.toast = figureCaption(cell, env.session.organisation, state.language)
    }

    /// "农网管理部 · 发现 · 2026-11": what the list now shows.
    static func figureCaption(_ cell: FigureCell, _ org: Organisation, _ language: Language) -> String {
        let owner: String = switch cell.owner {
        case .libraries(let units):
            org.unitsInTreeOrder.first { units.contains($0.id) }?.name ?? "-"
        case .solvingUnit(let unit):
            (org.unit(unit)?.name ?? unit.rawValue) + (language == .zh ? "（解决部门）" : " (solving)")
        case .everyone:
            language == .zh ? "全部" : "all"
        }
        return "\(owner) · \(cell.measure.label.text(language)) · \(cell.period)"
    }
}

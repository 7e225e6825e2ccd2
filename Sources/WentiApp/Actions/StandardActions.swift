import WentiCore
import WentiSession
import WentiStore
import WentiTerminal

/// The actions of the first screen. Each performs through the same few operations on the
/// state, so a key, a `:` command and a choice in the help all do exactly the same thing.
@MainActor
public enum StandardActions {
    public static var all: [AppAction] {
        basics + FindActions.all + tabs + views + TriageActions.all + CommitmentActions.all + IdentityActions.all + MeetingActions.all + SupervisionActions.all + PracticeActions.all + DashboardActions.all + FindingActions.all
    }

    /// 1 to 6: one key per pane.
    static var tabs: [AppAction] {
        AppTab.allCases.map { tab in
            AppAction("tab-\(tab)", keys: [.character(Character("\(tab.rawValue)"))],
                      LocalizedText(zh: "转到“\(tab.title.zh)”", en: "Go to \(tab.title.en)"), group: .navigation) { state, env in
                await switchTab(to: tab, &state, env)
            }
        }
    }

    /// Shows another pane; it is read again only when something changed since it was last
    /// read (one cheap read of the change mark tells).
    static func switchTab(to tab: AppTab, _ state: inout AppState, _ env: AppEnvironment) async {
        state.tab = tab
        if let mark = try? await env.session.changeToken(), state.loadedMarks[tab] == mark {
            // The feedback queue's selection is what its triage actions act on.
            if tab == .feedback { state.detail = state.feedbackQueue.concern }
            if tab == .libraries { state.detail = nil; await loadDetail(&state, env) }
            return
        }
        if tab == .libraries { state.detail = nil }
        await PaneRefresh.refresh(&state, env)
    }

    /// Each saved view is a filter with a key.
    static var views: [AppAction] {
        FilterViews.all.map { view in
            AppAction(view.id, keys: [Key(name: view.key)!], view.title, group: .view, tabs: [.libraries]) { state, env in
                await setFilter(view.filter, &state, env)
                state.toast = view.title.text(state.language)
            }
        }
    }

    static var basics: [AppAction] {
        [
            AppAction("move-down", keys: [.character("j"), .down], LocalizedText(zh: "下移一行", en: "Move down"), group: .navigation) { state, env in
                await move(&state, env, by: 1)
            },
            AppAction("move-up", keys: [.character("k"), .up], LocalizedText(zh: "上移一行", en: "Move up"), group: .navigation) { state, env in
                await move(&state, env, by: -1)
            },
            AppAction("page-down", keys: [.pageDown, .ctrl("d")], LocalizedText(zh: "下翻一页", en: "Page down"), group: .navigation) { state, env in
                await move(&state, env, by: state.visibleTableRows)
            },
            AppAction("page-up", keys: [.pageUp, .ctrl("u")], LocalizedText(zh: "上翻一页", en: "Page up"), group: .navigation) { state, env in
                await move(&state, env, by: -state.visibleTableRows)
            },
            AppAction("first", keys: [.character("g"), .home], LocalizedText(zh: "到开头", en: "To the first"), group: .navigation) { state, env in
                if state.tab != .libraries {
                    await move(&state, env, by: -1_000_000)
                } else if state.focus == .tree {
                    await move(&state, env, by: -state.tree.count)
                } else {
                    await attempt(&state) { state in try await state.table.moveToStart(env.session) }
                    await loadDetail(&state, env)
                }
            },
            AppAction("last", keys: [.character("G"), .end], LocalizedText(zh: "到末尾", en: "To the last"), group: .navigation) { state, env in
                if state.tab != .libraries {
                    await move(&state, env, by: 1_000_000)
                } else if state.focus == .tree {
                    await move(&state, env, by: state.tree.count)
                } else {
                    await attempt(&state) { state in try await state.table.moveToEnd(visibleRows: state.visibleTableRows, env.session) }
                    await loadDetail(&state, env)
                }
            },
            AppAction("go-to-unit", keys: [.character("u")], LocalizedText(zh: "转到单位（输入查找）", en: "Go to a unit (type to find)"), group: .navigation, tabs: [.libraries]) { state, _ in
                state.overlays.append(.unitPicker(TextField(), selected: 0))
            },
            AppAction("switch-focus", keys: [.tab, .backTab], LocalizedText(zh: "切换左右栏（单位树/问题表，会议/议题）", en: "Switch panes (tree / table, meetings / items)"),
                      // Only where there are two lists side by side: elsewhere it moved a focus nobody could see.
                      group: .navigation, tabs: [.libraries, .meetings, .practices, .finding]) { state, env in
                if state.tab == .meetings {
                    state.meetings.focus = state.meetings.focus == .list ? .items : .list
                } else if state.tab == .practices {
                    state.practices.focus = state.practices.focus == .libraries ? .entries : .libraries
                } else if state.tab == .finding {
                    state.finding.focus = state.finding.focus == .sections ? .rows : .sections
                } else {
                    state.focus = state.focus == .tree ? .table : .tree
                }
            },
            AppAction("toggle-detail", keys: [.enter], LocalizedText(zh: "显示/隐藏详情", en: "Show / hide the detail"), group: .view, tabs: [.libraries]) { state, env in
                state.showDetail.toggle()
                state.table.scroll(visibleRows: state.visibleTableRows)   // the selection stays in sight
                state.detail = nil   // read again, with the timeline when shown
                await loadDetail(&state, env)
            },
            AppAction("detail-down", keys: [.character("}")], LocalizedText(zh: "详情向下翻（看下面的内容）", en: "Scroll the detail down"),
                      group: .view, tabs: [.libraries, .finding], unavailable: noDetail) { state, env in
                scrollDetail(&state, env, by: max(1, LibrariesPane.detailHeight(state) - 2))
            },
            AppAction("detail-up", keys: [.character("{")], LocalizedText(zh: "详情向上翻", en: "Scroll the detail up"),
                      group: .view, tabs: [.libraries, .finding], unavailable: noDetail) { state, env in
                scrollDetail(&state, env, by: -max(1, LibrariesPane.detailHeight(state) - 2))
            },
            AppAction("filter", keys: [.character("/")], LocalizedText(zh: "按文字筛选（支持中文）", en: "Filter by text (Chinese too)"),
                      short: LocalizedText(zh: "筛选", en: "filter"), group: .view, tabs: [.libraries]) { state, _ in
                state.overlays.append(.filter(TextField(state.filterText)))
            },
            AppAction("clear-filter", keys: [.escape], LocalizedText(zh: "清除筛选", en: "Clear the filter"), group: .view, tabs: [.libraries],
                      unavailable: { state, _ in
                          // A figure's or a source's set (opened from the dashboard or the finding pane) is a filter too.
                          let pinned = state.table.query.figure != nil || !state.table.query.sources.isEmpty
                          return state.filterText.isEmpty && !pinned ? LocalizedText(zh: "当前没有筛选", en: "no filter is set") : nil
                      }) { state, env in
                await setFilter("", &state, env)
            },
            AppAction("sort", keys: [.character("s")], LocalizedText(zh: "切换排序：最新/最早/期限/等级/阶段", en: "Cycle sort: newest / oldest / due / grade / stage"), group: .view, tabs: [.libraries]) { state, env in
                let all = ConcernQuery.Sort.allCases
                state.table.query.sort = all[(all.firstIndex(of: state.table.query.sort)! + 1) % all.count]
                state.table.selected = 0
                await reload(&state, env)
                state.toast = UIText.sortedBy(UIText.sortName(state.table.query.sort, state.language)).text(state.language)
            },
            AppAction("mark", keys: [.character(" ")], LocalizedText(zh: "标记/取消标记当前问题", en: "Mark / unmark the concern"), group: .selection, tabs: [.libraries],
                      unavailable: noRow) { state, _ in
                state.table.toggleMark()
            },
            AppAction("mark-range", keys: [.character("v")], LocalizedText(zh: "开始/结束范围标记", en: "Start / end a range mark"), group: .selection, tabs: [.libraries],
                      unavailable: noRow) { state, _ in
                state.table.toggleRange()
            },
            AppAction("clear-marks", keys: [.character("V")], LocalizedText(zh: "清除全部标记", en: "Clear all marks"), group: .selection, tabs: [.libraries],
                      dangerous: true,
                      unavailable: { state, _ in state.table.marks.isEmpty ? LocalizedText(zh: "没有已标记的问题", en: "nothing is marked") : nil }) { state, _ in
                state.table.marks = []
                state.table.rangeAnchor = nil
            },
            AppAction("help", keys: [.character("?"), .function(1)], LocalizedText(zh: "帮助：全部按键与命令", en: "Help: every key and command"),
                      short: LocalizedText(zh: "帮助", en: "help"), group: .app) { state, _ in
                state.overlays.append(.help(filter: TextField(), selected: 0))
            },
            AppAction("command", keys: [.character(":")], LocalizedText(zh: "命令行（Tab 补全）", en: "Command line (Tab completes)"),
                      short: LocalizedText(zh: "命令", en: "command"), group: .app) { state, _ in
                state.overlays.append(.commandLine(TextField()))
            },
            AppAction("view-as", keys: [.character("W")], LocalizedText(zh: "以他人视角查看（只读）", en: "View as someone else (read-only)"),
                      group: .app, unavailable: { _, env in
                          Permissions.refusal(env.session.principal, .viewAs, on: .company, in: env.session.organisation)?.label
                      }) { state, _ in
                state.overlays.append(.personPicker(TextField(), selected: 0, targets: []))
            },
            AppAction("language", keys: [.character("L")], LocalizedText(zh: "切换中文/English", en: "Switch 中文 / English"), group: .app) { state, _ in
                state.language = state.language == .zh ? .en : .zh
            },
            AppAction("mouse", keys: [.character("M")], LocalizedText(zh: "开启/关闭鼠标", en: "Mouse on / off"), group: .app) { state, _ in
                state.mouse.toggle()
                state.effects.append(.setMouse(state.mouse))
                state.toast = UIText.mouse(state.mouse).text(state.language)
            },
            AppAction("suspend", keys: [.ctrl("z")], LocalizedText(zh: "挂起到后台（fg 返回）", en: "Suspend (fg returns)"), group: .app) { state, _ in
                state.effects.append(.suspend)
            },
            AppAction("quit", keys: [.character("q"), .ctrl("c")], LocalizedText(zh: "退出", en: "Quit"),
                      short: LocalizedText(zh: "退出", en: "quit"), group: .app) { state, _ in
                state.effects.append(.quit)
            },
        ]
    }

    static let noRow: @MainActor @Sendable (AppState, AppEnvironment) -> LocalizedText? = { state, _ in
        state.table.selectedRow == nil ? LocalizedText(zh: "没有选中的问题", en: "no concern is selected") : nil
    }

    static let noDetail: @MainActor @Sendable (AppState, AppEnvironment) -> LocalizedText? = { state, env in
        if state.tab == .finding { return nil }
        guard state.detail != nil else { return LocalizedText(zh: "没有选中的问题", en: "no concern is selected") }
        guard state.showDetail else {
            let key = env.registry.keys(of: "toggle-detail").first?.description ?? ":toggle-detail"
            return LocalizedText(zh: "详情已隐藏：按 \(key) 显示", en: "the detail is hidden: \(key) shows it")
        }
        return nil
    }

    /// Scrolls the detail by `delta` lines, kept within its lines at this size.
    static func scrollDetail(_ state: inout AppState, _ env: AppEnvironment, by delta: Int) {
        let layout = Layout(state.size)
        let width = layout.tableWidth - 2
        let height = LibrariesPane.detailHeight(state)
        let window: (top: Int, rows: Int, above: Int, below: Int)
        if state.tab == .finding {
            let count = FindingPane.detailLines(state, env.session.workspace, width: width).count
            window = LibrariesPane.detailWindow(lineCount: count, height: height, scroll: state.finding.detailScroll + delta)
            state.finding.detailScroll = window.top
        } else {
            guard let concern = state.detail else { return }
            let count = ConcernDetailLines.lines(state, concern, env.session.workspace, keys: env.registry, width: width).count
            window = LibrariesPane.detailWindow(lineCount: count, height: height, scroll: state.detailScroll + delta)
            state.detailScroll = window.top
        }
        // At either end the key says so instead of doing nothing.
        if delta > 0 && window.below == 0 {
            state.toast = state.language == .zh ? "已到详情末尾" : "the end of the detail"
        } else if delta < 0 && window.above == 0 {
            state.toast = state.language == .zh ? "已到详情开头" : "the top of the detail"
        }
    }

    // MARK: Operations the actions share

    static func move(_ state: inout AppState, _ env: AppEnvironment, by delta: Int) async {
        await state.tab.pane.move(&state, env, by: delta)
    }

    /// Selects a row of the org tree; the table shows that library and its subtree.
    static func selectUnit(_ state: inout AppState, _ env: AppEnvironment, row: Int) async {
        guard row != state.treeSelected, state.tree.indices.contains(row) else { return }
        state.treeSelected = row
        await setFilter(state.filterText, &state, env)
    }

    /// The table's query from the tree's unit, the sort, and the filter text; then reload.
    static func setFilter(_ text: String, _ state: inout AppState, _ env: AppEnvironment) async {
        state.filterText = text
        var query = ConcernQuery()
        query.sort = state.table.query.sort
        if let unit = state.selectedUnit, unit.kind != .company {
            query.unitIDs = env.session.organisation.subtree(of: unit.id)
        }
        FilterText.apply(text, to: &query, workspace: env.session.workspace, me: env.session.viewer.id)
        state.filterProblem = FilterText.problems(in: text, workspace: env.session.workspace).first
        state.table.query = query
        state.table.selected = 0
        state.table.top = 0
        await reload(&state, env)
    }

    static func reload(_ state: inout AppState, _ env: AppEnvironment) async {
        await attempt(&state) { state in try await state.table.reload(env.session) }
        await loadDetail(&state, env)
    }

    static func loadDetail(_ state: inout AppState, _ env: AppEnvironment) async {
        guard let code = state.table.selectedRow?.code else {
            state.detail = nil
            state.detailLog = []
            state.detailAdvice = nil
            state.detailScroll = 0
            return
        }
        if state.detail?.code == code { return }
        // Another concern's detail starts at its top; the same one (read again) stays where it was.
        if state.detailCode != code { state.detailScroll = 0 }
        state.detailCode = code
        defer { state.detailAdvice = state.detail.flatMap { NextStep.advice(for: $0, viewer: env.session.viewer, organisation: env.session.organisation) } }
        if state.showDetail, let known = state.recentDetails.entry(code, version: state.table.selectedRow?.version) {
            state.detail = known.concern
            state.detailLog = known.log
            state.detailSimilar = known.similar
            state.detailPractices = PracticeSearch.related(to: known.concern, in: state.practices.entries)
            return
        }
        // Read even when the detail is hidden: the triage actions judge availability on it.
        await attempt(&state) { state in
            let concern = try await env.session.concern(code)
            state.detail = concern
            if state.showDetail {
                state.detailLog = try await env.session.log(code)
                state.detailSimilar = try await env.session.similarSolved(to: concern)
                state.recentDetails.keep(.init(concern: concern, log: state.detailLog, similar: state.detailSimilar))
            } else {
                state.detailLog = []
                state.detailSimilar = []
            }
            state.detailPractices = state.showDetail ? PracticeSearch.related(to: concern, in: state.practices.entries) : []
        }
    }

    /// Runs a session call; a failure becomes the toast instead of a crash.
    static func attempt(_ state: inout AppState, _ body: (inout AppState) async throws -> Void) async {
        do {
            try await body(&state)
        } catch {
            state.toast = describe(error, state.language)
        }
    }

    /// An error as the status bar says it: the rule's or the refusal's own words.
    static func describe(_ error: any Error, _ language: Language) -> String {
        (error as? any Labelled)?.label.text(language) ?? "\(error)"
    }
}

import WentiCore
import WentiSession
import WentiStore
import WentiTerminal
import WentiText

/// The dashboard (统计): the period's figures per unit, the solving departments' own view,
/// the trends by category with the rising ones marked, and the unit ranking; `v` changes the
/// view, `[` `]` the month (or quarter), `m` month or calendar quarter, Left / Right the
/// figure, Enter opens exactly the concerns counted in the selected figure.
@MainActor
enum DashboardPane {
    static func viewTitle(_ view: DashboardState.View, _ language: Language) -> String {
        switch view {
        case .units: language == .zh ? "各单位" : "Units"
        case .solving: language == .zh ? "解决部门" : "Solving"
        case .trends: language == .zh ? "趋势" : "Trends"
        case .ranking: language == .zh ? "考核排名" : "Ranking"
        }
    }

    /// How many rows the current view lets the user select.
    static func rowCount(_ model: DashboardState) -> Int {
        switch model.view {
        case .units: model.units.count
        case .solving: model.solving.count
        case .trends: model.trends?.rising.count ?? 0
        case .ranking: model.ranking.count
        }
    }

    static func draw(_ state: AppState, _ workspace: Workspace, keys: ActionRegistry, into grid: inout Grid, layout: Layout) {
        let language = state.language
        let zh = language == .zh
        let model = state.dashboard
        let width = layout.width
        var header = (zh ? "统计期 " : "Period ") + (model.period?.description ?? "-") + "   "
        header += DashboardState.View.allCases.map { view in view == model.view ? "[\(viewTitle(view, language))]" : viewTitle(view, language) }
            .joined(separator: " ")
        header += "  " + keys.hints([
            ("dashboard-view", LocalizedText(zh: "视图", en: "view")), ("dashboard-previous", LocalizedText(zh: "上期", en: "earlier")),
            ("dashboard-next", LocalizedText(zh: "下期", en: "later")), ("dashboard-quarter", LocalizedText(zh: "月/季", en: "quarter")),
            ("dashboard-figure-right", LocalizedText(zh: "指标", en: "figure")), ("dashboard-open", LocalizedText(zh: "问题", en: "concerns")),
        ], language)
        grid.write(TerminalText.truncate(header, to: width - 2), x: 1, y: layout.contentTop, style: Style(bold: true), limit: width - 2)
        let top = layout.contentTop + 1
        let height = layout.contentHeight - 1
        switch model.view {
        case .units: drawUnits(model, language, into: &grid, x: 0, y: top, width: width, height: height)
        case .solving: drawSolving(model, language, into: &grid, x: 0, y: top, width: width, height: height)
        case .trends: drawTrends(model, workspace, language, into: &grid, x: 0, y: top, width: width, height: height)
        case .ranking: drawRanking(model, workspace, language, into: &grid, x: 0, y: top, width: width, height: height)
        }
    }

    /// The rates beside the counts; below 100 columns the own-ground rate gives way, so that
    /// unit names stay readable.
    static func rateColumns(_ zh: Bool, width: Int = .max) -> [ListTable.Column] {
        let all: [ListTable.Column] = [.init(title: zh ? "响应" : "resp", width: 6), .init(title: zh ? "按期" : "on-time", width: 7),
                                       .init(title: zh ? "满意" : "satisf", width: 6), .init(title: zh ? "回音" : "answer", width: 6),
                                       .init(title: zh ? "就地" : "own", width: 6)]
        return width < 100 ? Array(all.dropLast()) : all
    }

    static func rates(_ figures: Figures, width: Int = .max) -> [String] {
        let all = [figures.responseRate, figures.onTimeRate, figures.satisfactionRate, figures.everyItemAnsweredRate, figures.ownGroundRate].map(Figures.percent)
        return width < 100 ? Array(all.dropLast()) : all
    }

    /// A measure's column: the Chinese label, or a short English one (the table must fit 80 columns).
    static func measureColumn(_ measure: FigureMeasure, _ language: Language) -> ListTable.Column {
        let short: String = switch measure {
        case .found: "found"
        case .accepted: "accept"
        case .escalated: "up"
        case .solved: "solved"
        case .overdue: "late"
        case .referred: "refer"
        case .closed: "closed"
        }
        let title = language == .zh ? measure.label.zh : short
        return .init(title: title, width: max(4, DisplayWidth.of(title)))
    }

    static func drawUnits(_ model: DashboardState, _ language: Language, into grid: inout Grid, x: Int, y: Int, width: Int, height: Int) {
        let zh = language == .zh
        let measures = DashboardState.unitMeasures
        var table = ListTable(
            columns: [.init(title: zh ? "单位" : "Unit", width: 0)] + measures.map { measureColumn($0, language) } + rateColumns(zh, width: width),
            rows: model.units.map { row in
                let f = row.figures
                return ListTable.Row(cells: [String(repeating: " ", count: row.depth * 2) + row.unit.name]
                                         + measures.map { String($0.value(in: f)) } + rates(f, width: width),
                                     colour: f.overdue > 0 ? .red : nil)
            },
            selected: model.selected, empty: zh ? "没有数据" : "No data")
        table.selectedColumn = 1 + min(model.column, measures.count - 1)
        table.draw(into: &grid, x: x, y: y, width: width, height: height)
    }

    /// The solving departments' own view: what each was named to solve, wherever it lives.
    static func drawSolving(_ model: DashboardState, _ language: Language, into grid: inout Grid, x: Int, y: Int, width: Int, height: Int) {
        let zh = language == .zh
        let measures = DashboardState.solvingMeasures
        grid.write(zh ? "各部门作为解决部门承办的问题（不论问题在哪一级问题库）" : "What each department was named to solve, whichever library holds it",
                   x: x + 1, y: y, style: Style(dim: true), limit: width - 2)
        var table = ListTable(
            columns: [.init(title: zh ? "解决部门" : "Solving department", width: 0)] + measures.map { measureColumn($0, language) }
                + [.init(title: zh ? "按期" : "on-time", width: 7), .init(title: zh ? "满意" : "satisf", width: 6)],
            rows: model.solving.map { row in
                let f = row.figures
                return ListTable.Row(cells: [row.unit.name] + measures.map { String($0.value(in: f)) }
                                         + [Figures.percent(f.onTimeRate), Figures.percent(f.satisfactionRate)],
                                     colour: f.overdue > 0 ? .red : nil)
            },
            selected: model.selected, empty: zh ? "没有部门" : "No departments")
        table.selectedColumn = 1 + min(model.column, measures.count - 1)
        table.draw(into: &grid, x: x, y: y + 1, width: width, height: height - 1)
    }

    static func drawTrends(_ model: DashboardState, _ workspace: Workspace, _ language: Language, into grid: inout Grid, x: Int, y: Int, width: Int, height: Int) {
        guard let trends = model.trends else { return }
        let zh = language == .zh
        let months = trends.months.map { String($0.description.suffix(2)) }.joined(separator: " ")
        grid.write((zh ? "按类别（近 6 个月发现数：" : "By category (found in the last 6 months: ") + months + (zh ? "）" : ")"),
                   x: x + 1, y: y, style: Style(underline: true), limit: width - 2)
        let categoryRows = min(trends.byCategory.count, max(0, height / 2 - 1))
        let nameWidth = 12
        for (offset, series) in trends.byCategory.prefix(categoryRows).enumerated() {
            let name = workspace.category(series.categoryID)?.name.text(language) ?? series.categoryID.rawValue
            let mark = series.isRising ? "▲ \(series.before)→\(series.latest)" : ""
            let line = TerminalText.fit(TextSanitizer.clean(name), to: nameWidth) + " " + Charts.sparkline(series.counts, width: 6)
                + " " + TerminalText.fitRight(String(series.total), to: 4) + "  " + mark
            grid.write(line, x: x + 2, y: y + 1 + offset, style: Style(bold: series.isRising, colour: series.isRising ? .red : nil), limit: width - 3)
        }
        let risingTop = y + 2 + categoryRows
        let compared = model.quarter ? (zh ? "上季 → 本季" : "previous quarter → this quarter") : (zh ? "上月 → 本月" : "previous month → this month")
        grid.write((zh ? "环比上升（部门 × 类别，" : "Rising (department × category, ") + compared + (zh ? "）" : ")"),
                   x: x + 1, y: risingTop, style: Style(underline: true), limit: width - 2)
        let org = workspace.organisation
        let table = ListTable(
            columns: [.init(title: zh ? "部门" : "Department", width: 16), .init(title: zh ? "类别" : "Category", width: 0),
                      .init(title: zh ? "走势" : "Trend", width: 6), .init(title: zh ? "之前→最近" : "before→now", width: 10)],
            rows: trends.rising.map { series in
                let counts = series.counts
                return ListTable.Row(cells: [series.unitID.flatMap { org.unit($0)?.name } ?? "-",
                                             workspace.category(series.categoryID)?.name.text(language) ?? series.categoryID.rawValue,
                                             Charts.sparkline(counts, width: 6), "\(series.before) → \(series.latest)"],
                                     colour: .red)
            },
            selected: model.selected, empty: zh ? "本月没有上升的类别" : "No category rose this month")
        table.draw(into: &grid, x: x, y: risingTop + 1, width: width, height: y + height - risingTop - 1)
    }

    static func drawRanking(_ model: DashboardState, _ workspace: Workspace, _ language: Language, into grid: inout Grid, x: Int, y: Int, width: Int, height: Int) {
        let zh = language == .zh
        let org = workspace.organisation
        let standings = model.standings.count == model.ranking.count ? model.standings : Assessment.standings(model.ranking, mark: 3)
        let table = ListTable(
            columns: [.init(title: zh ? "名次" : "Rank", width: 4), .init(title: zh ? "单位" : "Unit", width: 0),
                      .init(title: zh ? "得分" : "Score", width: 6), .init(title: zh ? "榜" : "List", width: 6),
                      .init(title: zh ? "发现" : "found", width: 5), .init(title: zh ? "逾期" : "late", width: 5)] + rateColumns(zh),
            rows: model.ranking.enumerated().map { index, entry in
                let list = standings[index]?.label.text(language) ?? ""
                return ListTable.Row(cells: [entry.rank.map(String.init) ?? "—", org.unit(entry.unitID)?.name ?? entry.unitID.rawValue,
                                             entry.scoreText(language), list,
                                             String(entry.figures.found), String(entry.figures.overdue)] + rates(entry.figures),
                                     colour: standings[index] == .bottom ? .red : standings[index] == .top ? .green : nil)
            },
            selected: model.selected, empty: zh ? "没有可考核的单位" : "No units to rank")
        table.draw(into: &grid, x: x, y: y, width: width, height: height)
    }
}

extension DashboardPane: Pane {
    static var hints: [String] { ["quit", "help", "dashboard-view"] }

    static func refresh(_ state: inout AppState, _ env: AppEnvironment) async {
        await StandardActions.attempt(&state) { state in
            state.dashboard = try await env.session.dashboard(state.dashboard, weights: env.assessmentWeights)
        }
        state.dashboard.selected = min(state.dashboard.selected, max(0, DashboardPane.rowCount(state.dashboard) - 1))
    }

    static func move(_ state: inout AppState, _ env: AppEnvironment, by delta: Int) async {
        state.dashboard.selected = stepped(state.dashboard.selected, by: delta, count: rowCount(state.dashboard))
    }

    static func status(_ state: AppState, _ language: Language) -> String {
        let period = (language == .zh ? "统计期 " : "period ") + (state.dashboard.period?.description ?? "-")
        guard let passed = state.dashboard.passedOver else { return period }
        return period + (language == .zh ? "（\(passed) 尚无新发现或办结，先显示上月）"
                                         : " (nothing found or solved in \(passed) yet: the month before)")
    }
}

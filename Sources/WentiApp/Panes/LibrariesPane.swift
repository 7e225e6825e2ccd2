import Foundation
import WentiCore
import WentiSession
import WentiStore
import WentiTerminal
import WentiText

/// The libraries pane: the org tree with each library's counts, the concern table of the
/// selected library and its subtree, and the detail of the selected concern.
enum LibrariesPane {
    @MainActor
    static func draw(_ state: AppState, _ workspace: Workspace, keys: ActionRegistry, into grid: inout Grid, layout: Layout) {
        drawTree(state, into: &grid, layout: layout)
        for y in layout.contentTop..<(layout.contentTop + layout.contentHeight) {
            grid.write("│", x: layout.treeWidth, y: y, style: Style(dim: true))
        }
        let tableHeight = layout.tableHeight(showDetail: state.showDetail)
        drawTable(state, workspace, into: &grid, x: layout.tableX, y: layout.contentTop, width: layout.tableWidth, height: tableHeight)
        if state.showDetail {
            let y = layout.contentTop + tableHeight
            grid.write(String(repeating: "─", count: layout.tableWidth), x: layout.tableX, y: y, style: Style(dim: true))
            drawDetail(state, workspace, keys: keys, into: &grid, x: layout.tableX + 1, y: y + 1, width: layout.tableWidth - 2,
                       height: layout.contentHeight - tableHeight - 1)
        }
    }

    static func drawTree(_ state: AppState, into grid: inout Grid, layout: Layout) {
        let width = layout.treeWidth
        let rows = layout.contentHeight
        let top = max(0, min(state.treeSelected - rows / 2, state.tree.count - rows))
        for (offset, row) in state.tree.dropFirst(top).prefix(rows).enumerated() {
            let y = layout.contentTop + offset
            let index = top + offset
            let counts = row.overdue > 0 ? "\(row.open)/\(row.overdue)!" : "\(row.open)"
            let countWidth = DisplayWidth.of(counts)
            let indent = String(repeating: " ", count: row.depth * 2)
            let name = indent + UIText.unitName(row.unit, fitting: width - countWidth - 3 - indent.count)
            let selected = index == state.treeSelected
            let focused = state.focus == .tree
            let style = ListTable.rowStyle(selected: selected, focused: focused)
            grid.fill(x: 0, y: y, width: width, height: 1, style: style)
            grid.write(ListTable.marker(selected: selected, focused: focused) + TerminalText.truncate(name, to: width - countWidth - 3), x: 0, y: y, style: style)
            grid.write(counts, x: width - countWidth - 1, y: y, style: ListTable.rowStyle(selected: selected, focused: focused, colour: row.overdue > 0 ? .red : nil))
        }
    }

    /// Columns: mark, id, grade, stage, title (takes the rest), unit (when there is room),
    /// owner, due. The grade and stage are words, readable without colour.
    @MainActor
    static func drawTable(_ state: AppState, _ workspace: Workspace, into grid: inout Grid, x: Int, y: Int, width: Int, height: Int) {
        let language = state.language
        let zh = language == .zh
        let org = workspace.organisation
        let columns = tableColumns(width: width, zh: zh)
        let shown = Set(columns.map(\.title))
        let showUnit = shown.contains(.columnUnit)
        func line(_ cells: [String]) -> String {
            zip(cells, columns).map { TerminalText.fit(TextSanitizer.clean($0, fillingAtMost: $1.width), to: $1.width) }.joined(separator: " ")
        }
        // The sorted column carries an arrow, so the order on screen is never a guess.
        var titles = columns.map { $0.title.text(language) }
        func arrow(_ column: UIText, _ mark: String) {
            if let index = columns.firstIndex(where: { $0.title == column }) { titles[index] += mark }
        }
        switch state.table.query.sort {
        case .newest: arrow(.columnID, "▼")
        case .oldest: arrow(.columnID, "▲")
        case .dueSoonest: arrow(.columnDue, "▲")
        case .grade: arrow(.columnGrade, "▲")
        case .stage: arrow(.columnStage, "▲")
        }
        let header = "  " + line(titles)
        grid.write(header, x: x, y: y, style: Style(bold: true, underline: true), limit: width)
        let rows = max(0, height - 1)
        let model = state.table
        if model.rows.isEmpty {
            grid.write(UIText.noConcerns.text(language), x: x + 2, y: y + 1, style: Style(dim: true), limit: width - 2)
            return
        }
        for (offset, row) in model.rows.dropFirst(model.top).prefix(rows).enumerated() {
            let index = model.top + offset
            let selected = index == model.selected
            let due = row.daysOverdue > 0 ? UIText.late(row.daysOverdue).text(language) : row.due?.description ?? ""
            let grade = row.grade.map { UIText.gradeWord($0, language) } ?? "-"
            let owner = row.firstResponsibleID.map { org.person($0)?.name ?? $0.rawValue } ?? "-"
            // A cell is at most the table's width: longer titles (from before titles had a
            // limit) are not measured whole on every frame.
            var cells = [row.code.description]
            if shown.contains(.columnGrade) { cells.append(grade) }
            if shown.contains(.columnStage) { cells.append(UIText.stageWord(row.stage, language)) }
            cells.append(String(row.title.prefix(width)))
            if showUnit { cells.append(org.unit(row.unitID).map { UIText.unitName($0, fitting: 10) } ?? "-") }
            if shown.contains(.columnOwner) { cells.append(owner) }
            cells.append(due)
            // The selection shows without colour: reverse video and a ▸ in the mark column.
            let focused = state.focus == .table
            let style = ListTable.rowStyle(selected: selected, focused: focused, colour: row.daysOverdue > 0 ? .red : nil)
            let mark = model.marks.contains(row.code) ? "●" : ListTable.marker(selected: selected, focused: focused)
            grid.fill(x: x, y: y + 1 + offset, width: width, height: 1, style: style)
            grid.write(mark + " " + line(cells), x: x, y: y + 1 + offset, style: style, limit: width)
        }
    }

    /// The table's columns at this width. The title keeps at least half of the table: the
    /// columns the detail also shows give way first, the unit, then the owner, the stage and
    /// the grade (at 80 columns English titles were cut to four characters).
    static func tableColumns(width: Int, zh: Bool) -> [(title: UIText, width: Int)] {
        var columns: [(title: UIText, width: Int)] = [(.columnID, 11), (.columnGrade, zh ? 4 : 8), (.columnStage, zh ? 6 : 9), (.columnTitle, 0),
                                                      (.columnUnit, 10), (.columnOwner, 6), (.columnDue, 10)]
        func titleWidth() -> Int { width - (columns.reduce(0) { $0 + $1.width } + columns.count - 1 + 2) }
        for giving in [UIText.columnUnit, .columnOwner, .columnStage, .columnGrade] where titleWidth() < (width + 1) / 2 {
            columns.removeAll { $0.title == giving }
        }
        if let title = columns.firstIndex(where: { $0.title == .columnTitle }) { columns[title].width = max(6, titleWidth()) }
        return columns
    }

    static func drawDetail(_ state: AppState, _ workspace: Workspace, keys: ActionRegistry, into grid: inout Grid, x: Int, y: Int, width: Int, height: Int) {
        guard height > 0, width > 0 else { return }
        let language = state.language
        guard let c = state.detail else {
            grid.write(UIText.noSelection.text(language), x: x, y: y, style: Style(dim: true), limit: width)
            return
        }
        let lines = ConcernDetailLines.lines(state, c, workspace, keys: keys, width: width)
        drawScrolled(lines, scroll: state.detailScroll, keys: keys, language: language, into: &grid, x: x, y: y, width: width, height: height)
    }

    /// Lines in `height` rows, `scroll` of them off the top; the last row says how many are
    /// above and below, with the keys that scroll to them (as bound), when any are.
    static func drawScrolled(_ lines: [ConcernDetailLines.Line], scroll: Int, keys: ActionRegistry, language: Language,
                             into grid: inout Grid, x: Int, y: Int, width: Int, height: Int) {
        guard height > 0, width > 0 else { return }
        let window = detailWindow(lineCount: lines.count, height: height, scroll: scroll)
        for (offset, line) in lines.dropFirst(window.top).prefix(window.rows).enumerated() {
            grid.write(line.text, x: x, y: y + offset, style: line.style, limit: width)
        }
        if window.above > 0 || window.below > 0 {
            let down = keys.keys(of: "detail-down").first?.description ?? ":detail-down"
            let up = keys.keys(of: "detail-up").first?.description ?? ":detail-up"
            let zh = language == .zh
            var parts: [String] = []
            if window.above > 0 { parts.append(zh ? "↑ 上面还有 \(window.above) 行（\(up)）" : "↑ \(window.above) more above (\(up))") }
            if window.below > 0 { parts.append(zh ? "↓ 下面还有 \(window.below) 行（\(down)）" : "↓ \(window.below) more below (\(down))") }
            let note = TerminalText.truncate(parts.joined(separator: "  "), to: width)
            grid.fill(x: x, y: y + height - 1, width: width, height: 1, style: Style(dim: true))
            grid.write(note, x: x + width - DisplayWidth.of(note), y: y + height - 1, style: Style(bold: true, reverse: true), limit: width)
        }
    }

    /// Which lines of a detail of `lineCount` lines show in `height` rows when `scroll` lines
    /// are scrolled off the top: the last row says what is above and below when anything is.
    static func detailWindow(lineCount: Int, height: Int, scroll: Int) -> (top: Int, rows: Int, above: Int, below: Int) {
        guard lineCount > height else { return (0, lineCount, 0, 0) }
        let rows = max(1, height - 1)
        let top = min(max(0, scroll), max(0, lineCount - rows))
        return (top, rows, top, max(0, lineCount - top - rows))
    }

    /// How many rows the detail has at this size (what a scroll step moves by).
    static func detailHeight(_ state: AppState) -> Int {
        let layout = Layout(state.size)
        return max(0, layout.contentHeight - layout.tableHeight(showDetail: true) - 1)
    }
}

extension LibrariesPane {
    /// The registry's action for each next step of the method.
    static let actionOfStep: [ConcernAction: String] = [
        .analyse: "analyse", .grade: "grade", .plan: "plan", .assign: "assign", .define: "define",
        .startSolving: "start", .solve: "solve", .recordFeedback: "feedback", .resume: "resume",
    ]

    /// "查找 ✓ ─ 分析 ● ─ 解决 ·  下一步：定级 =": where the concern stands on the chain, and the
    /// next step with the key bound to it, when the viewer may take it; otherwise who will
    /// ("下一步：定级（由 李强（班组长）或政工人员办理）"), with no key.
    static func chain(_ concern: Concern, advice: NextStep.Advice?, _ keys: ActionRegistry, _ language: Language) -> String {
        let zh = language == .zh
        let phase = NextStep.phase(of: concern.stage)
        let links = NextStep.Phase.allCases.map { link -> String in
            let mark = phase.map { link.rawValue < $0.rawValue ? "✓" : link == $0 ? "●" : "·" } ?? "✓"
            return link.label.text(language) + " " + mark
        }.joined(separator: " ─ ")
        guard let advice, advice.step == NextStep.next(for: concern) else {
            return links + "  " + concern.stage.label.text(language)
        }
        let step = advice.step
        let next = (zh ? "下一步：" : "Next: ") + step.label.text(language)
        guard advice.isTheViewers else {
            let who = advice.whoWill.text(language)
            return links + "  " + next + (who.isEmpty ? "" : (zh ? "（由\(who)办理）" : " (by \(who))"))
        }
        let key = actionOfStep[step].flatMap { keys.keys(of: $0).first }.map { " \($0)" } ?? ""
        return links + "  " + next + key
    }
}

extension LibrariesPane: Pane {
    static var hints: [String] { ["quit", "help", "intake", "filter"] }

    /// Reads everything on screen again; the selection stays on the same concern if it is
    /// still listed, else at the same row; the filter, the marks and any open form stay.
    static func refresh(_ state: inout AppState, _ env: AppEnvironment) async {
        let selectedCode = state.table.selectedRow?.code
        let selectedIndex = state.table.selected
        let marks = state.table.marks
        await StandardActions.attempt(&state) { state in
            state.tree = try await env.session.libraryTree()
            state.practices.entries = try await env.session.practices()
            state.recordsAround = try await env.session.recordsAround()
            state.heldMeetings = state.recordsAround.held
        }
        await StandardActions.reload(&state, env)
        if let code = selectedCode, let index = state.table.rows.firstIndex(where: { $0.code == code }) {
            state.table.selected = index
        } else {
            state.table.selected = min(selectedIndex, max(0, state.table.rows.count - 1))
        }
        state.table.marks = marks
        state.table.scroll(visibleRows: state.visibleTableRows)
        state.detail = nil
        await StandardActions.loadDetail(&state, env)
    }

    static func move(_ state: inout AppState, _ env: AppEnvironment, by delta: Int) async {
        switch state.focus {
        case .tree:
            guard !state.tree.isEmpty else { return }
            await StandardActions.selectUnit(&state, env, row: min(max(0, state.treeSelected + delta), state.tree.count - 1))
        case .table:
            await StandardActions.attempt(&state) { state in try await state.table.move(by: delta, visibleRows: state.visibleTableRows, env.session) }
            await StandardActions.loadDetail(&state, env)
        }
    }

    static func status(_ state: AppState, _ language: Language) -> String {
        var left = state.selectedUnit.map { "\($0.tier.code) \($0.name)" } ?? ""
        left += "  " + UIText.count(of: state.table).text(language)
        if let view = FilterViews.all.first(where: { $0.filter == state.filterText }) {
            left += "  " + view.title.text(language)   // a saved view by its name, not its tokens
        } else if !state.filterText.isEmpty {
            left += "  " + UIText.filter(state.filterText).text(language)
        }
        // Opened from a figure or a finding source: the list is that set until Esc (the toast
        // named it when it opened; this says it for as long as it lasts).
        if state.table.query.figure != nil || !state.table.query.sources.isEmpty {
            let key = "Esc"
            left += "  " + (language == .zh ? "仅此\(state.table.query.figure != nil ? "统计" : "来源")（\(key) 全部）"
                                            : "\(state.table.query.figure != nil ? "figure" : "source") only (\(key): all)")
        }
        if let problem = state.filterProblem { left += (language == .zh ? "（" : " (") + problem.text(language) + (language == .zh ? "）" : ")") }
        if !state.table.marks.isEmpty { left += "  " + UIText.marked(state.table.marks.count).text(language) }
        if state.tree.indices.contains(state.treeSelected) {
            let row = state.tree[state.treeSelected]
            left += "  " + [UIText.open.text(language) + " \(row.open)", UIText.overdue.text(language) + " \(row.overdue)",
                            UIText.awaiting.text(language) + " \(row.awaitingFeedback)"].joined(separator: " · ")
        }
        return left
    }
}

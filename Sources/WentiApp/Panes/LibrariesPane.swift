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
        let org = workspace.organisation
        var lines: [(String, Style)] = [("\(c.code)  \(c.title.prefix(width))", Style(bold: true))]
        let unit = org.unit(c.unitID)?.name ?? c.unitID.rawValue
        lines.append(("\(c.tier.code) \(unit) · \(c.stage.label.text(language)) · " + (c.grade.map { $0.label.text(language) + UIText.bracketed($0.stance.text(language), language) } ?? "-"), .plain))
        lines.append((chain(c, keys, language), Style(bold: true, colour: .cyan)))
        let category = workspace.category(c.categoryID)?.name.text(language) ?? c.categoryID.rawValue
        // An opened identity is text from data like any other (cleaned), and wraps: it is the
        // one thing this opening was for, so none of it is cut off.
        let opened = state.openedIdentity.flatMap { $0.code == c.code ? TextSanitizer.clean($0.text) : nil }
        let reporter = UIText.reporter(c.reporter, opened: opened, language)
        lines.append((UIText.fieldCategory.text(language) + category + "  " + UIText.fieldChannel.text(language) + c.channel.label.text(language), .plain))
        if opened != nil {
            for wrapped in TerminalText.wrap(UIText.fieldReporter.text(language) + reporter, width: width) { lines.append((wrapped, Style(bold: true))) }
        } else {
            lines.append((UIText.fieldReporter.text(language) + reporter, .plain))
        }
        if let owner = c.firstResponsibleID {
            // The effective deadline (paused days added back) and how late, as the table counts it.
            let today = state.today
            let late = DeadlineClock.daysOverdue(c, today: today)
            let due = DeadlineClock.effectiveDeadline(of: c, today: today).map {
                "  " + UIText.fieldDue.text(language) + $0.description + (late > 0 ? UIText.bracketed(UIText.late(late).text(language), language) : "")
            } ?? ""
            lines.append((UIText.fieldFirstResponsible.text(language) + (org.person(owner)?.name ?? owner.rawValue) + due, .plain))
        }
        var extras: [String] = []
        if let processing = c.processing { extras.append(processing.label.text(language)) }
        if let pledge = c.pledge { extras.append((language == .zh ? "责任状 " : "pledge ") + (org.person(pledge.personID)?.name ?? pledge.personID.rawValue)) }
        if !c.links.isEmpty {
            extras.append((language == .zh ? "关联 " : "links ") + c.links.map { "\($0.kind.label.text(language)) \($0.target)" }.joined(separator: language == .zh ? "、" : ", "))
        }
        if !extras.isEmpty { lines.append((extras.joined(separator: "  "), Style(dim: true))) }
        // One case teaches the next: solved ones like it, and the entries written from them.
        if !state.detailSimilar.isEmpty {
            // One line shows at most `width` columns: no more of each title is measured.
            lines.append(((language == .zh ? "相似已解决：" : "Solved like it: ")
                          + state.detailSimilar.map { "\($0.code) \($0.title.prefix(width))" }.joined(separator: "；"), Style(colour: .cyan)))
        }
        if !state.detailPractices.isEmpty {
            lines.append(((language == .zh ? "相关实践：" : "Practice: ")
                          + state.detailPractices.map { "\($0.id) \($0.title.prefix(width))" }.joined(separator: "；"), Style(colour: .cyan)))
        }
        for escalation in c.escalations {
            lines.append(("↑ \(escalation.on) \(escalation.fromTier.code)→\(escalation.toTier.code)" + (language == .zh ? "：" : ": ") + escalation.reason, Style(dim: true)))
        }
        // The escalation's hand-over: the words recorded, and what the receiving tier owes.
        for note in EscalationHandOver.notes(of: c) {
            for wrapped in TerminalText.wrap(TextSanitizer.clean(note.text), width: width) { lines.append((wrapped, Style(dim: true))) }
        }
        if let pending = EscalationHandOver.pending(c, organisation: org) {
            lines.append(("⚑ " + pending.text(language), Style(bold: true, colour: .yellow)))
        }
        let body = [c.description, c.analysis.rootCause.isEmpty ? "" : UIText.fieldRootCause.text(language) + c.analysis.rootCause,
                    c.plan.isEmpty ? "" : UIText.fieldPlan.text(language) + c.plan].filter { !$0.isEmpty }
        for paragraph in body {
            // The pane shows `height` lines of `width` columns at most, and every character
            // takes a column or two: no more than that is cleaned, measured and wrapped (a
            // megabyte of description made every key wait for all of it).
            let shown = height * width
            let capped = paragraph.utf8.count > shown ? String(paragraph.prefix(shown)) : paragraph
            let visible = capped.utf8.count < paragraph.utf8.count ? capped + "…" : paragraph
            for wrapped in TerminalText.wrap(TextSanitizer.clean(visible, mode: .multiLine), width: width) { lines.append((wrapped, .plain)) }
        }
        for (index, task) in c.tasks.enumerated() {
            let mark = task.state == .done ? "✓" : task.state == .dropped ? "✗" : "□"
            lines.append(("\(mark) \(index + 1). \(task.due)  \(task.title)", Style(dim: task.state != .open)))
        }
        // The timeline: who did what, newest last, as much as fits.
        let room = max(0, height - lines.count)
        let timeline = state.detailLog.suffix(room).flatMap { entry -> [(String, Style)] in
            let who = entry.actorID == AccessPolicy.anonymousActor ? UIText.anonymous.text(language)
                : org.person(entry.actorID)?.name ?? entry.actorID.rawValue
            let action = ConcernAction(rawValue: entry.action)?.label.text(language) ?? entry.action
            let day = Day(entry.at).description
            let detail = entry.changes.first { $0.field == "note" || $0.field == "escalation" || $0.field == "stage" }
                .map { change in
                    if change.field == "escalation" { return "  " + UIText.escalationChange(change.new, org, language) }
                    guard change.field == "stage" else { return "  " + change.new }
                    let name = { (raw: String) in Stage(rawValue: raw)?.label.text(language) ?? raw }
                    return "  " + (change.old.isEmpty ? name(change.new) : "\(name(change.old))→\(name(change.new))")
                } ?? ""
            // A note typed over several lines keeps its lines (indented under its step), never "⏎".
            let noteLines = TextSanitizer.clean("· \(day) \(who) \(action)\(detail)", mode: .multiLine).split(separator: "\n", omittingEmptySubsequences: false)
            return noteLines.enumerated().map { index, line in ((index == 0 ? "" : "    ") + line, Style(dim: true)) }
        }
        lines += timeline.suffix(room)
        for (offset, line) in lines.prefix(height).enumerated() {
            grid.write(line.0, x: x, y: y + offset, style: line.1, limit: width)
        }
    }
}

extension LibrariesPane {
    /// The registry's action for each next step of the method.
    static let actionOfStep: [ConcernAction: String] = [
        .analyse: "analyse", .grade: "grade", .plan: "plan", .assign: "assign", .define: "define",
        .startSolving: "start", .solve: "solve", .recordFeedback: "feedback", .resume: "resume",
    ]

    /// "查找 ✓ ─ 分析 ● ─ 解决 ·  下一步：定级 =": where the concern stands on the chain, and the
    /// next step with the key bound to it.
    static func chain(_ concern: Concern, _ keys: ActionRegistry, _ language: Language) -> String {
        let phase = NextStep.phase(of: concern.stage)
        let links = NextStep.Phase.allCases.map { link -> String in
            let mark = phase.map { link.rawValue < $0.rawValue ? "✓" : link == $0 ? "●" : "·" } ?? "✓"
            return link.label.text(language) + " " + mark
        }.joined(separator: " ─ ")
        guard let step = NextStep.next(for: concern) else {
            return links + "  " + concern.stage.label.text(language)
        }
        let key = actionOfStep[step].flatMap { keys.keys(of: $0).first }.map { " \($0)" } ?? ""
        return links + "  " + (language == .zh ? "下一步：" : "next: ") + step.label.text(language) + key
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
            state.heldMeetings = try await env.session.heldMeetingIDs()
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

import WentiCore
import WentiSession
import WentiTerminal
import WentiText

/// The layers above the panes: the help, the `:` command line and the `/` filter. Each
/// takes keys before anything below it and draws over it.
@MainActor
enum Overlays {
    /// Handles a key for the top overlay. Returns true when the key was consumed.
    static func handle(_ key: Key, _ state: inout AppState, _ env: AppEnvironment) async -> Bool {
        guard let top = state.overlays.last else { return false }
        switch top {
        case .help(var filter, var selected, var top):
            let matches = helpEntries(state, env, filter: filter.text)
            let rows = helpRows(state)
            let last = max(0, matches.count - 1)
            let lastTop = max(0, matches.count - rows)
            switch key {
            case .escape, .character("?") where filter.text.isEmpty:
                state.overlays.removeLast()
            case .down, .ctrl("n"):
                selected = min(selected + 1, last)
            case .up, .ctrl("p"):
                selected = max(0, selected - 1)
            // A page moves the view by all the lines it shows, and the selection with it;
            // End and Home go to either end.
            case .pageDown:
                top = min(top + rows, lastTop)
                selected = min(selected + rows, last)
            case .pageUp:
                top = max(0, top - rows)
                selected = max(0, selected - rows)
            case .end:
                selected = last
                top = lastTop
            case .home:
                selected = 0
                top = 0
            case .enter:
                state.overlays.removeLast()
                if matches.indices.contains(selected) { await App.run(matches[selected], &state, env) }
                return true
            default:
                if filter.handle(key) {
                    selected = 0
                    top = 0
                }
            }
            // The selection stays in view: one line at a time scrolls by one line.
            if selected < top { top = selected }
            if selected >= top + rows { top = selected - rows + 1 }
            if case .help = state.overlays.last { state.overlays[state.overlays.count - 1] = .help(filter: filter, selected: selected, top: top) }
        case .commandLine(var field):
            switch key {
            case .escape:
                state.overlays.removeLast()
            case .enter:
                state.overlays.removeLast()
                await runCommand(field.text, &state, env)
            case .tab:
                let candidates = completions(field.text, env)
                if let common = commonPrefix(candidates), common.count > field.text.count { field.set(common) }
                state.overlays[state.overlays.count - 1] = .commandLine(field)
            default:
                _ = field.handle(key)
                state.overlays[state.overlays.count - 1] = .commandLine(field)
            }
        case .unitPicker(var field, var selected):
            let matches = unitMatches(state, env, filter: field.text)
            switch key {
            case .escape:
                state.overlays.removeLast()
                return true
            case .down, .ctrl("n"):
                selected = min(selected + 1, max(0, matches.count - 1))
            case .up, .ctrl("p"):
                selected = max(0, selected - 1)
            case .enter:
                state.overlays.removeLast()
                if matches.indices.contains(selected) {
                    state.focus = .tree
                    await StandardActions.selectUnit(&state, env, row: matches[selected])
                }
                return true
            default:
                if field.handle(key) { selected = 0 }
            }
            state.overlays[state.overlays.count - 1] = .unitPicker(field, selected: selected)
        case .form, .gradePicker, .confirmCommands, .personPicker:
            await TriageOverlays.handle(key, top, &state, env)
        case .intake(let intake):
            await IntakeOverlay.handle(key, intake, &state, env)
        case .recordForm(let form, let kind):
            await RecordOverlays.handle(key, form, kind, &state, env)
        case .confirmMinutes(_, let meetingID, let heldOn, let attendance, let back):
            await RecordOverlays.confirmMinutes(key, meetingID, heldOn: heldOn, attendance: attendance, back: back, &state, env)
        case .confirm(_, let actionID):
            switch key {
            case .character("y"), .character("Y"), .enter:
                state.overlays.removeLast()
                if let action = env.registry.action(actionID) { await App.run(action, &state, env, confirmed: true) }
            case .character("n"), .character("N"), .escape:
                state.overlays.removeLast()
            default:
                break   // a confirmation waits for an answer
            }
        case .filter(var field):
            switch key {
            case .escape:
                state.overlays.removeLast()
            case .enter:
                state.overlays.removeLast()
                // A concern's number is no word to search for: Enter goes to that concern.
                if state.tab == .libraries, let number = FilterText.concernNumber(in: field.text) {
                    await StandardActions.setFilter(FilterText.withoutConcernNumber(field.text), &state, env)
                    await FindActions.goTo(number, &state, env)
                }
            case .tab where state.tab == .libraries:
                await FindActions.widen(&state, env)
            default:
                guard field.handle(key) else { return true }
                state.overlays[state.overlays.count - 1] = .filter(field)
                // Live: every keystroke narrows the list (Chinese substrings from one character).
                if state.tab == .practices {
                    state.practices.search = field.text
                    state.practices.selected = 0
                } else {
                    await StandardActions.setFilter(field.text, &state, env)
                }
            }
        }
        return true
    }

    /// Tree rows whose unit name or id contains the typed text (Chinese substrings too).
    static func unitMatches(_ state: AppState, _ env: AppEnvironment, filter: String) -> [Int] {
        let matches = Set(env.session.organisation.units(matching: filter).map(\.id))
        return state.tree.indices.filter { matches.contains(state.tree[$0].unit.id) }
    }

    /// `:name` runs the action by its id or Chinese name; `:name text` hands it the text
    /// (`:goto 68`, `:转到 68`) when the action takes one.
    static func runCommand(_ line: String, _ state: inout AppState, _ env: AppEnvironment) async {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let name = String(trimmed.prefix { !$0.isWhitespace })
        let argument = trimmed.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return }
        guard let action = CommandNames.action(named: name, in: env.registry) else {
            state.toast = UIText.unknownCommand(name).text(state.language)
            return
        }
        if argument.isEmpty {
            await App.run(action, &state, env)
        } else if let takeArgument = action.argument {
            if let reason = action.whyNot(state, env) {
                state.toast = reason.text(state.language)
            } else {
                await takeArgument(&state, env, argument)
            }
        } else {
            state.toast = state.language == .zh ? "命令 \(name) 不带参数" : "\(name) takes no argument"
        }
    }

    /// The names starting with what is typed (ids and Chinese names alike), in order.
    static func completions(_ prefix: String, _ env: AppEnvironment) -> [String] {
        CommandNames.names(in: env.registry).filter { $0.hasPrefix(prefix) }.sorted()
    }

    static func commonPrefix(_ words: [String]) -> String? {
        guard var prefix = words.first else { return nil }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// The help's lines: every action (available or not), filtered by id or description.
    static func helpEntries(_ state: AppState, _ env: AppEnvironment, filter: String) -> [AppAction] {
        let needle = filter.lowercased()
        return env.registry.actions.filter { action in
            needle.isEmpty || action.id.contains(needle) || action.title.zh.contains(filter) || action.title.en.lowercased().contains(needle)
                || (CommandNames.chinese[action.id]?.contains(filter) ?? false)
        }
    }

    static func draw(_ state: AppState, _ env: AppEnvironment, into grid: inout Grid, layout: Layout) {
        for overlay in state.overlays {
            switch overlay {
            case .help(let filter, let selected, let top):
                drawHelp(state, env, filter: filter, selected: selected, top: top, into: &grid, layout: layout)
            case .commandLine(let field):
                drawPrompt(":", field, completions(field.text, env).prefix(6).joined(separator: " "), into: &grid, layout: layout)
            case .filter(let field):
                drawPrompt("/", field, filterHint(field, state), into: &grid, layout: layout, hintShare: 2)
            case .unitPicker(let field, let selected):
                let matches = unitMatches(state, env, filter: field.text)
                let lines = matches.map { index -> String in
                    let row = state.tree[index]
                    return "\(row.unit.tier.code)  \(row.unit.name)" + (row.unit.aliases.isEmpty ? "" : "  " + row.unit.aliases.joined(separator: " "))
                }
                drawBox(UIText.goToUnit.text(state.language), field: field, lines: lines, selected: selected,
                        into: &grid, layout: layout, width: min(layout.width - 4, 50))
            case .confirm(let question, _), .confirmCommands(let question, _, _, _), .confirmMinutes(let question, _, _, _, _):
                drawConfirm(question, state.language, into: &grid, layout: layout)
            case .form, .gradePicker, .personPicker:
                TriageOverlays.draw(overlay, state, env, into: &grid, layout: layout)
            case .intake(let intake):
                IntakeOverlay.draw(intake, state, env, into: &grid, layout: layout)
            case .recordForm(let form, let kind):
                RecordOverlays.draw(form, kind, state, into: &grid, layout: layout)
            }
        }
    }

    /// What the filter line says beside the text: how many match, where (the unit the table
    /// is limited to, and the key that widens it), and that Enter goes to a typed number.
    static func filterHint(_ field: TextField, _ state: AppState) -> String {
        let language = state.language
        let zh = language == .zh
        guard state.tab == .libraries else { return UIText.total(state.practices.shown.count).text(language) }
        var parts = [FindActions.scopeLabel(state).text(language), UIText.count(of: state.table).text(language)]
        // A token naming nothing known says so first: otherwise it would match nothing, silently.
        if let problem = state.filterProblem { parts.insert(problem.text(language), at: 0) }
        if state.treeSelected > 0 { parts.append(zh ? "Tab 全部单位" : "Tab: every unit") }
        if let number = FilterText.concernNumber(in: field.text) { parts.insert(zh ? "回车转到 \(number)" : "Enter: go to \(number)", at: 0) }
        return parts.joined(separator: " · ")
    }

    /// A one-line prompt on the status line; the hint at its right takes at most
    /// 1/`hintShare` of the width (and is cut with "…").
    static func drawPrompt(_ prompt: String, _ field: TextField, _ hint: String, into grid: inout Grid, layout: Layout, hintShare: Int = 3) {
        let y = layout.statusY
        grid.fill(x: 0, y: y, width: layout.width, height: 1)
        grid.write(prompt, x: 0, y: y, style: Style(bold: true))
        let hintWidth = min(DisplayWidth.of(hint), layout.width / hintShare)
        let hint = TerminalText.truncate(hint, to: hintWidth)
        field.draw(into: &grid, x: 1, y: y, width: layout.width - 2 - hintWidth)
        grid.write(hint, x: layout.width - hintWidth, y: y, style: Style(dim: true), limit: hintWidth)
    }

    /// A framed box with a title, a type-ahead field and a list with one line selected.
    static func drawBox(_ title: String, field: TextField, lines: [String], selected: Int, into grid: inout Grid, layout: Layout, width: Int) {
        let height = min(layout.height - 2, lines.count + 4)
        let x = (layout.width - width) / 2
        let y = max(1, (layout.height - height) / 2)
        frame(title, x: x, y: y, width: width, height: height, into: &grid)
        grid.write("›", x: x + 2, y: y + 1, style: Style(bold: true))
        let rows = height - 3
        let top = max(0, min(selected - rows / 2, lines.count - rows))
        for (offset, line) in lines.dropFirst(top).prefix(rows).enumerated() {
            let style = Style(reverse: top + offset == selected)
            grid.fill(x: x + 1, y: y + 2 + offset, width: width - 2, height: 1, style: style)
            // A line longer than the box ends in an ellipsis: cut, but visibly so.
            grid.write(TerminalText.truncate(line, to: width - 4), x: x + 2, y: y + 2 + offset, style: style, limit: width - 4)
        }
        field.draw(into: &grid, x: x + 4, y: y + 1, width: width - 6, style: Style(underline: true))
    }

    static func drawConfirm(_ question: String, _ language: Language, into grid: inout Grid, layout: Layout) {
        let width = min(layout.width - 4, max(30, DisplayWidth.of(question) + 6))
        // A question wider than the screen wraps: its counts and its end are what is asked.
        let lines = TerminalText.wrap(TextSanitizer.clean(question), width: max(1, width - 4))
        let shown = Array(lines.prefix(max(1, layout.height - 6)))
        let x = (layout.width - width) / 2
        let y = max(0, layout.height / 2 - 2 - (shown.count - 1) / 2)
        frame(UIText.confirmTitle.text(language), x: x, y: y, width: width, height: shown.count + 4, into: &grid)
        for (offset, line) in shown.enumerated() {
            grid.write(line, x: x + 2, y: y + 1 + offset, style: Style(bold: true), limit: width - 4, marked: offset == shown.count - 1 && shown.count < lines.count)
        }
        grid.write(UIText.confirmYes.text(language) + "    " + UIText.confirmNo.text(language), x: x + 2, y: y + 2 + shown.count, limit: width - 4)
        grid.cursor = nil
    }

    /// A cleared rectangle with a line frame and a title in the top border.
    static func frame(_ title: String, x: Int, y: Int, width: Int, height: Int, into grid: inout Grid) {
        grid.fill(x: x, y: y, width: width, height: height)
        grid.write("┌" + String(repeating: "─", count: max(0, width - 2)) + "┐", x: x, y: y)
        for row in (y + 1)..<max(y + 1, y + height - 1) {
            grid.write("│", x: x, y: row)
            grid.write("│", x: x + width - 1, y: row)
        }
        grid.write("└" + String(repeating: "─", count: max(0, width - 2)) + "┘", x: x, y: y + height - 1)
        grid.write(" " + title + " ", x: x + 2, y: y, style: Style(bold: true, reverse: true), limit: width - 4)
    }

    /// The help's lines on screen at this size: the screen less the bars, the frame and the filter.
    static func helpRows(_ state: AppState) -> Int { max(1, state.size.height - 5) }

    static func drawHelp(_ state: AppState, _ env: AppEnvironment, filter: TextField, selected: Int, top: Int, into grid: inout Grid, layout: Layout) {
        let language = state.language
        let width = layout.width - 4
        let height = layout.height - 2
        let x = (layout.width - width) / 2
        let y = 1
        // The help takes the screen between the tab bar and the status bar: nothing of the
        // table shows at its margins. The frame makes it read as a layer above the table.
        grid.fill(x: 0, y: y, width: layout.width, height: height)
        frame(UIText.help.text(language), x: x, y: y, width: width, height: height, into: &grid)
        grid.write("?", x: x + 2, y: y + 1, style: Style(bold: true))
        filter.draw(into: &grid, x: x + 4, y: y + 1, width: width - 6, style: Style(underline: true))
        let entries = helpEntries(state, env, filter: filter.text)
        let rows = helpRows(state)
        let top = max(0, min(top, entries.count - rows))
        for (offset, action) in entries.dropFirst(top).prefix(rows).enumerated() {
            let index = top + offset
            let keys = env.registry.keys(of: action.id).map(\.description).joined(separator: " ")
            let reason = action.whyNot(state, env)
            // The command's name as `:` takes it in this language (both work in either).
            let name = language == .zh ? CommandNames.chinese[action.id] ?? action.id : action.id
            var text = TerminalText.fit(keys, to: 14) + " " + TerminalText.fit(name, to: 15) + " " + action.title.text(language)
            // Why not, on the line itself: the footer says it only for the selected line.
            if let reason { text += language == .zh ? "（不可用：\(reason.zh)）" : " (unavailable: \(reason.en))" }
            let style = Style(dim: reason != nil, reverse: index == selected)
            grid.fill(x: x + 1, y: y + 2 + offset, width: width - 2, height: 1, style: style)
            // A reason longer than the line ends in an ellipsis, never mid-word without a sign:
            // the bottom border gives the whole reason of the selected line.
            grid.write(TerminalText.truncate(text, to: width - 4), x: x + 2, y: y + 2 + offset, style: style, limit: width - 4)
        }
        // The bottom border says why the selected action is unavailable, else how to use the help.
        let footer: String
        if entries.indices.contains(selected), let reason = entries[selected].whyNot(state, env) {
            footer = (language == .zh ? "不可用：" : "unavailable: ") + reason.text(language)
        } else {
            footer = UIText.helpFilter.text(language)
        }
        // What lies beyond the window, so that a list cut by the frame never looks complete.
        let below = max(0, entries.count - top - rows)
        let more = [top > 0 ? (language == .zh ? "↑ 上面还有 \(top) 项" : "↑ \(top) more above") : nil,
                    below > 0 ? (language == .zh ? "↓ 下面还有 \(below) 项（PageDown/End）" : "↓ \(below) more (PageDown/End)") : nil]
            .compactMap { $0 }.joined(separator: "  ")
        let moreWidth = more.isEmpty ? 0 : min(DisplayWidth.of(more) + 2, (width - 4) / 2)
        if !more.isEmpty {
            // Straight after the border's line, one space before its corner.
            grid.write(TerminalText.truncate(more, to: moreWidth - 2) + " ", x: x + width - 1 - moreWidth, y: y + height - 1, style: Style(bold: true), limit: moreWidth - 1)
        }
        grid.write(" " + TerminalText.truncate(footer, to: max(0, width - 8 - moreWidth)) + " ", x: x + 2, y: y + height - 1, style: Style(dim: true),
                   limit: max(0, width - 4 - moreWidth))
    }
}

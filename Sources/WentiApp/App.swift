import WentiCore
import WentiSession
import WentiTerminal
import WentiText

/// The application's two functions: `update` (a key changes the state) and `render` (the
/// state becomes a Grid). Neither touches the terminal.
@MainActor
public enum App {
    /// Loads the first screen: the tree and the first page of every library's concerns.
    public static func start(_ state: inout AppState, _ env: AppEnvironment) async {
        let mark = try? await env.session.changeToken()
        state.today = env.session.today()
        await StandardActions.attempt(&state) { state in
            state.tree = try await env.session.libraryTree()
            state.practices.entries = try await env.session.practices()
            state.recordsAround = try await env.session.recordsAround()
            state.heldMeetings = state.recordsAround.held
        }
        await StandardActions.reload(&state, env)
        if let mark { state.loadedMarks[.libraries] = mark }
        if env.draft?.load() != nil {
            state.toast = state.language == .zh ? "有未完成的登记草稿：按 i 继续" : "an unfinished intake is kept: i continues it"
        }
    }

    public static func update(_ key: Key, _ state: inout AppState, _ env: AppEnvironment) async {
        defer { state.forgetOpenedIdentityIfElsewhere() }
        if key == .tick {
            await LiveRefresh.check(&state, env)
            return
        }
        state.toast = nil
        if await Overlays.handle(key, &state, env) { return }
        switch key {
        case .wheelDown: await StandardActions.move(&state, env, by: 3)
        case .wheelUp: await StandardActions.move(&state, env, by: -3)
        case .click(let x, let y): await click(x: x, y: y, &state, env)
        default:
            guard let action = env.registry.action(for: key, on: state.tab) ?? env.registry.actionElsewhere(for: key) else { return }
            await run(action, &state, env)
        }
    }

    /// Runs an action if it is available, else says why not; a dangerous one asks first.
    static func run(_ action: AppAction, _ state: inout AppState, _ env: AppEnvironment, confirmed: Bool = false) async {
        if let reason = action.whyNot(state, env) {
            state.toast = reason.text(state.language)
            return
        }
        if action.dangerous && !confirmed {
            state.overlays.append(.confirm(question: question(for: action, state), actionID: action.id))
            return
        }
        await action.perform(&state, env)
    }

    /// What a confirmation says: the action and how many things it touches.
    static func question(for action: AppAction, _ state: AppState) -> String {
        switch action.id {
        case "clear-marks": UIText.clearMarks(state.table.marks.count).text(state.language)
        default: action.title.text(state.language) + "?"
        }
    }

    /// A click selects the tree row or the table row under it in the libraries (mouse
    /// reporting is opt-in).
    static func click(x: Int, y: Int, _ state: inout AppState, _ env: AppEnvironment) async {
        guard state.tab == .libraries else { return }   // the other panes are keyboard-only
        let layout = Layout(state.size)
        guard y >= layout.contentTop, y < layout.contentTop + layout.contentHeight else { return }
        if x < layout.treeWidth {
            state.focus = .tree
            let rows = layout.contentHeight
            let top = max(0, min(state.treeSelected - rows / 2, state.tree.count - rows))
            await StandardActions.selectUnit(&state, env, row: top + y - layout.contentTop)
        } else if y > layout.contentTop, y <= layout.contentTop + layout.tableRows(showDetail: state.showDetail) {
            state.focus = .table
            let row = state.table.top + (y - layout.contentTop - 1)
            if row < state.table.rows.count { await StandardActions.move(&state, env, by: row - state.table.selected) }
        }
    }

    public static func render(_ state: AppState, _ env: AppEnvironment, width: Int, height: Int) -> Grid {
        var grid = Grid(width: width, height: height)
        let layout = Layout((width, height))
        if layout.isTooSmall {
            let message = UIText.tooSmall(Layout.minimumWidth, Layout.minimumHeight).text(state.language)
            let lines = TerminalText.wrap(message, width: max(1, width))
            for (offset, line) in lines.prefix(height).enumerated() {
                let x = max(0, (width - DisplayWidth.of(line)) / 2)
                grid.write(line, x: x, y: max(0, height / 2 - lines.count / 2) + offset, style: Style(bold: true))
            }
            return grid
        }
        TopBar.draw(state, env, into: &grid, layout: layout)
        state.tab.pane.draw(state, env.session.workspace, keys: env.registry, into: &grid, layout: layout)
        drawStatus(state, env, into: &grid, layout: layout)
        grid.cursor = nil
        Overlays.draw(state, env, into: &grid, layout: layout)
        return grid
    }

    /// The status bar's hints come from the registry, so they name the keys actually bound.
    static func hints(_ env: AppEnvironment, _ language: Language, tab: AppTab) -> String {
        let ids = tab.pane.hints
        return ids.compactMap { id -> String? in
            guard let action = env.registry.action(id), let key = env.registry.keys(of: id).first else { return nil }
            return "\(key) " + action.shortTitle.text(language)
        }.joined(separator: "  ")
    }

    static func drawStatus(_ state: AppState, _ env: AppEnvironment, into grid: inout Grid, layout: Layout) {
        let y = layout.statusY
        let language = state.language
        grid.fill(x: 0, y: y, width: layout.width, height: 1, style: Style(reverse: true))
        // A message longer than the line (a refusal with its reason) is wrapped upwards over
        // the pane, a few lines at most, instead of losing its end.
        if let toast = state.toast, DisplayWidth.of(TextSanitizer.clean(toast)) > layout.width - 2 {
            var lines = TerminalText.wrap(TextSanitizer.clean(toast), width: layout.width - 2)
            let most = max(1, min(6, layout.contentHeight / 2))
            if lines.count > most {
                lines = Array(lines.prefix(most))
                lines[most - 1] = TerminalText.truncate(lines[most - 1], to: layout.width - 3) + String(TerminalText.ellipsis)
            }
            for (offset, line) in lines.enumerated() {
                let row = y - (lines.count - 1) + offset
                grid.fill(x: 0, y: row, width: layout.width, height: 1, style: Style(reverse: true))
                grid.write(line, x: 1, y: row, style: Style(bold: true, reverse: true), limit: layout.width - 2)
            }
            return
        }
        // Most important first: whatever does not fit is cut from the end.
        var left = state.tab.pane.status(state, language)
        let right = state.toast ?? hints(env, language, tab: state.tab)
        // A message (a refusal says why) may take the whole line; hints take at most half.
        let rightWidth = min(DisplayWidth.of(right), state.toast == nil ? layout.width / 2 : layout.width - 2)
        // Cut with an ellipsis, so a clipped count never looks complete.
        let leftWidth = max(0, layout.width - rightWidth - 2)
        left = TerminalText.truncate(" " + TextSanitizer.clean(left), to: leftWidth)
        grid.write(left, x: 0, y: y, style: Style(reverse: true), limit: leftWidth)
        // A message cut short says so with "…", like the left part.
        grid.write(TerminalText.truncate(TextSanitizer.clean(right), to: rightWidth), x: layout.width - rightWidth - 1, y: y,
                   style: Style(bold: state.toast != nil, reverse: true), limit: rightWidth)
    }
}

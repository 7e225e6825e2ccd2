import WentiCore
import WentiSession
import WentiStore

/// Two people on one database: on every tick (a second without keys) one cheap read tells
/// whether anyone changed anything; if so the tree's counts, the table page and the detail
/// are read again, keeping the selected concern, the filter, the marks and any open form.
@MainActor
enum LiveRefresh {
    static func check(_ state: inout AppState, _ env: AppEnvironment) {
        guard let mark = try? env.session.changeToken(), mark != state.loadedMarks[state.tab] else { return }
        PaneRefresh.refresh(&state, env)
    }

    /// Reads everything on screen again; the selection stays on the same concern if it is
    /// still listed, else at the same row.
    static func refresh(_ state: inout AppState, _ env: AppEnvironment) {
        guard state.tab == .libraries else { return PaneRefresh.refresh(&state, env) }
        if let mark = try? env.session.changeToken() { state.loadedMarks[.libraries] = mark }
        state.today = env.session.today()
        let selectedCode = state.table.selectedRow?.code
        let selectedIndex = state.table.selected
        let marks = state.table.marks
        StandardActions.attempt(&state) { state in
            state.tree = try env.session.libraryTree()
            state.practices.entries = try env.session.practices()
        }
        StandardActions.reload(&state, env)
        if let code = selectedCode, let index = state.table.rows.firstIndex(where: { $0.code == code }) {
            state.table.selected = index
        } else {
            state.table.selected = min(selectedIndex, max(0, state.table.rows.count - 1))
        }
        state.table.marks = marks
        state.table.scroll(visibleRows: Layout(state.size).tableRows)
        state.detail = nil
        StandardActions.loadDetail(&state, env)
    }
}

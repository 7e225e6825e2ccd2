import WentiCore
import WentiSession
import WentiStore

/// Reading the current pane again (after a change, on a tab switch, or when another process
/// changed something): the pane reads what it shows; this keeps the day and the change token.
@MainActor
enum PaneRefresh {
    static func refresh(_ state: inout AppState, _ env: AppEnvironment) async {
        // Read first: a change made while the pane loads then shows on the next tick.
        let mark = try? await env.session.changeToken()
        state.today = env.session.today()
        state.recentDetails.removeAll()
        await state.tab.pane.refresh(&state, env)
        if let mark { state.loadedMarks[state.tab] = mark }
    }
}

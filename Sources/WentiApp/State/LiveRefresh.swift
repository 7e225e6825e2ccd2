import WentiCore
import WentiSession
import WentiStore

/// Two people on one database: on every tick (half a second without keys) one cheap read tells
/// whether anyone changed anything; if so the current pane is read again (see `Pane.refresh`),
/// keeping the selection, the filter, the marks and any open form.
@MainActor
enum LiveRefresh {
    static func check(_ state: inout AppState, _ env: AppEnvironment) async {
        guard let mark = try? await env.session.changeToken(), mark != state.loadedMarks[state.tab] else { return }
        await PaneRefresh.refresh(&state, env)
    }

    /// Reads the current pane again (after this session changed something).
    static func refresh(_ state: inout AppState, _ env: AppEnvironment) async {
        await PaneRefresh.refresh(&state, env)
    }
}

import WentiCore
import WentiSession
import WentiStore

/// Two people on one database: on every tick (half a second without keys) one cheap read tells
/// whether anyone changed anything; if so the current pane is read again (see `Pane.refresh`),
/// keeping the selection, the filter, the marks and any open form.
@MainActor
enum LiveRefresh {
    static func check(_ state: inout AppState, _ env: AppEnvironment) async {
        let mark: ChangeToken
        do {
            mark = try await env.session.changeToken()
        } catch {
            // A shared server out of reach: keep everything on screen (an open form keeps what
            // was typed), and say so for as long as it lasts: a key clears the status line, so
            // the next tick with nothing else to say puts the outage back. The store answers
            // these checks at once during an outage, so keys are taken meanwhile.
            if let problem = error as? StoreError {
                state.storeUnreachable = true
                if state.toast == nil { state.toast = problem.label.text(state.language) }
            }
            return
        }
        if state.storeUnreachable {
            // Back: whatever happened meanwhile is read again in full.
            state.storeUnreachable = false
            state.toast = LocalizedText(zh: "已重新连接服务器", en: "reconnected to the server").text(state.language)
            state.loadedMarks = [:]
        }
        guard mark != state.loadedMarks[state.tab] else { return }
        await PaneRefresh.refresh(&state, env)
    }

    /// Reads the current pane again (after this session changed something).
    static func refresh(_ state: inout AppState, _ env: AppEnvironment) async {
        await PaneRefresh.refresh(&state, env)
    }
}

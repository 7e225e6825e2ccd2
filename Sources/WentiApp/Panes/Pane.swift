import WentiCore
import WentiSession
import WentiStore
import WentiTerminal

/// One pane of the UI, written in one place: what it draws, what it reads, how the cursor
/// moves in it, what the status bar says and which keys it hints at. A new pane is a new
/// type conforming to this and one case of `AppTab`; the application's update, refresh and
/// render ask the current tab's pane and switch on nothing.
@MainActor
protocol Pane {
    /// The status bar's hints: action ids, shown with the keys actually bound to them.
    static var hints: [String] { get }
    /// Draws from the state alone (and the workspace's fixed data): never reads the store.
    static func draw(_ state: AppState, _ workspace: Workspace, keys: ActionRegistry, into grid: inout Grid, layout: Layout)
    /// Reads what the pane shows again through the session, keeping the selection.
    static func refresh(_ state: inout AppState, _ env: AppEnvironment) async
    /// Moves the pane's cursor by `delta` rows (clamped).
    static func move(_ state: inout AppState, _ env: AppEnvironment, by delta: Int) async
    /// The left part of the status bar.
    static func status(_ state: AppState, _ language: Language) -> String
}

extension AppTab {
    /// The pane of each tab: the one place a pane is listed.
    @MainActor
    var pane: any Pane.Type {
        switch self {
        case .libraries: LibrariesPane.self
        case .meetings: MeetingsPane.self
        case .supervision: SupervisionPane.self
        case .feedback: FeedbackPane.self
        case .practices: PracticesPane.self
        case .dashboard: DashboardPane.self
        case .finding: FindingPane.self
        }
    }
}

/// A cursor step within `count` rows.
func stepped(_ index: Int, by delta: Int, count: Int) -> Int {
    count == 0 ? 0 : min(max(0, index + delta), count - 1)
}

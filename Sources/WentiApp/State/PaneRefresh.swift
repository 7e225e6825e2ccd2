import WentiCore
import WentiSession
import WentiStore

/// Reading the meetings, supervision and feedback panes again (after a change, on a tab
/// switch, or when another process changed something), keeping the selection where it was.
@MainActor
enum PaneRefresh {
    static func refresh(_ state: inout AppState, _ env: AppEnvironment) {
        // Read first: a change made while the pane loads then shows on the next tick.
        let mark = try? env.session.changeToken()
        state.today = env.session.today()
        switch state.tab {
        case .libraries: LiveRefresh.refresh(&state, env)
        case .meetings: meetings(&state, env)
        case .supervision: supervision(&state, env)
        case .feedback: feedback(&state, env)
        case .practices: practices(&state, env)
        case .dashboard: dashboard(&state, env)
        }
        if let mark, state.tab != .libraries { state.loadedMarks[state.tab] = mark }
    }

    static func meetings(_ state: inout AppState, _ env: AppEnvironment, select id: String? = nil) {
        let keep = id ?? state.meetings.meeting?.id
        StandardActions.attempt(&state) { state in
            state.meetings.meetings = try env.session.meetings()
        }
        if let keep, let index = state.meetings.meetings.firstIndex(where: { $0.id == keep }) {
            state.meetings.selected = index
        } else {
            // The next meeting to prepare for, else the newest.
            state.meetings.selected = state.meetings.meetings.lastIndex { $0.state == .planned } ?? 0
        }
        loadMeetingConcerns(&state, env)
    }

    static func loadMeetingConcerns(_ state: inout AppState, _ env: AppEnvironment) {
        guard let meeting = state.meetings.meeting else {
            state.meetings.concerns = [:]
            return
        }
        state.meetings.concerns = env.session.concerns(of: meeting)
        state.meetings.item = min(state.meetings.item, max(0, meeting.items.count - 1))
    }

    static func supervision(_ state: inout AppState, _ env: AppEnvironment) {
        let keep = state.supervision.notice?.id
        StandardActions.attempt(&state) { state in
            let (notices, titles) = try env.session.visibleNotices()
            state.supervision.notices = notices
            state.supervision.titles = titles
            state.supervision.dueSoon = try env.session.dueSoon(within: state.supervision.horizon)
            (state.supervision.overdue, state.supervision.overdueTotal) = try env.session.overdue()
        }
        state.supervision.selected = keep.flatMap { id in state.supervision.notices.firstIndex { $0.id == id } }
            ?? min(state.supervision.selected, max(0, state.supervision.notices.count - 1))
    }

    static func feedback(_ state: inout AppState, _ env: AppEnvironment) {
        let keep = state.feedbackQueue.concern?.code
        StandardActions.attempt(&state) { state in
            (state.feedbackQueue.concerns, state.feedbackQueue.total) = try env.session.feedbackQueue()
        }
        state.feedbackQueue.selected = keep.flatMap { code in state.feedbackQueue.concerns.firstIndex { $0.code == code } }
            ?? min(state.feedbackQueue.selected, max(0, state.feedbackQueue.concerns.count - 1))
        // The triage actions (feedback, close, reopen) judge and act on the queue's selection.
        state.detail = state.feedbackQueue.concern
    }

    static func practices(_ state: inout AppState, _ env: AppEnvironment) {
        let keep = state.practices.entry?.id
        StandardActions.attempt(&state) { state in state.practices.entries = try env.session.practices() }
        let shown = state.practices.shown
        state.practices.selected = keep.flatMap { id in shown.firstIndex { $0.id == id } }
            ?? min(state.practices.selected, max(0, shown.count - 1))
    }

    static func dashboard(_ state: inout AppState, _ env: AppEnvironment) {
        StandardActions.attempt(&state) { state in
            state.dashboard = try env.session.dashboard(state.dashboard, weights: env.assessmentWeights)
        }
        state.dashboard.selected = min(state.dashboard.selected, max(0, DashboardPane.rowCount(state.dashboard) - 1))
    }
}

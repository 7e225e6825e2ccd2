import WentiCore
import WentiStore

/// The meetings pane: every meeting (next first), the agenda of the selected one, and the
/// concerns its items name (titles, stages, feedback).
public struct MeetingsState: Sendable, Equatable {
    public enum Focus: Sendable, Equatable { case list, items }

    public var meetings: [Meeting] = []
    public var selected = 0
    public var item = 0
    public var focus: Focus = .items
    public var concerns: [ConcernCode: Concern] = [:]

    public var meeting: Meeting? { meetings.indices.contains(selected) ? meetings[selected] : nil }
    public var selectedItem: MeetingItem? {
        guard let meeting, meeting.items.indices.contains(item) else { return nil }
        return meeting.items[item]
    }
}

/// The supervision pane: the notices, and the concerns due in the next `horizon` days or
/// overdue (with how many there are in all).
public struct SupervisionState: Sendable, Equatable {
    public var notices: [SupervisionNotice] = []
    public var selected = 0
    public var horizon = 7
    public var dueSoon: [ConcernSummary] = []
    public var overdue: [ConcernSummary] = []
    public var overdueTotal = 0
    /// The titles of the notices' concerns.
    public var titles: [ConcernCode: String] = [:]

    public var notice: SupervisionNotice? { notices.indices.contains(selected) ? notices[selected] : nil }
}

/// The feedback queue: solved concerns waiting for the return contact, longest waiting first.
public struct FeedbackQueueState: Sendable, Equatable {
    public var concerns: [Concern] = []
    public var total = 0
    public var selected = 0

    public var concern: Concern? { concerns.indices.contains(selected) ? concerns[selected] : nil }
}

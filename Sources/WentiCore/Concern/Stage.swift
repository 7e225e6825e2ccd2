/// Where a concern stands in the flow find → analyse → solve (查找—分析—解决).
///
/// The main line is found → analysing → defined → solving → awaitingFeedback → closed.
/// `referred` (passed to another department, clock paused) and `watch` (a budding
/// concern under monthly review) are side stages. The legal moves live in `Workflow`.
public enum Stage: String, Sendable, CaseIterable, Codable, Labelled {
    case found
    case analysing
    /// Defined at a tri-party meeting: root cause, grade, plan and first responsible person known.
    case defined
    case solving
    /// The work is done; waiting for the return contact with the people concerned.
    case awaitingFeedback = "awaiting-feedback"
    case closed
    /// Not fixable now; passed to a department with an explanation to the person.
    case referred
    /// A budding concern kept under monthly review.
    case watch

    /// Stages whose concern is still being worked on (everything but closed).
    public var isOpen: Bool { self != .closed }

    /// Stages in which the deadline clock runs, so that a concern can be overdue.
    public var hasRunningDeadline: Bool { self == .defined || self == .solving }

    public var label: LocalizedText {
        switch self {
        case .found: LocalizedText(zh: "已发现", en: "found")
        case .analysing: LocalizedText(zh: "分析中", en: "analysing")
        case .defined: LocalizedText(zh: "已界定", en: "defined")
        case .solving: LocalizedText(zh: "解决中", en: "solving")
        case .awaitingFeedback: LocalizedText(zh: "待反馈", en: "awaiting feedback")
        case .closed: LocalizedText(zh: "已办结", en: "closed")
        case .referred: LocalizedText(zh: "已转办", en: "referred")
        case .watch: LocalizedText(zh: "观察中", en: "watch")
        }
    }

    /// The stage as a sentence says a concern is in it: "a concern that is being solved".
    public var condition: LocalizedText {
        switch self {
        case .found: LocalizedText(zh: "刚发现", en: "just found")
        case .analysing: LocalizedText(zh: "分析中", en: "being analysed")
        case .defined: LocalizedText(zh: "已界定", en: "defined")
        case .solving: LocalizedText(zh: "解决中", en: "being solved")
        case .awaitingFeedback: LocalizedText(zh: "待反馈", en: "awaiting feedback")
        case .closed: LocalizedText(zh: "已办结", en: "closed")
        case .referred: LocalizedText(zh: "已转办", en: "referred")
        case .watch: LocalizedText(zh: "观察中", en: "on the watch list")
        }
    }

    /// Taken into handling by a library (受理): defined or further on, not referred away.
    /// The figures' "accepted" and a campaign's reward both count by this.
    public var isAccepted: Bool { ![.found, .analysing, .referred].contains(self) }
}

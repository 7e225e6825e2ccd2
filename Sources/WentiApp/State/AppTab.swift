import WentiCore

/// The panes, one per tab, in the order of their number keys.
public enum AppTab: Int, Sendable, CaseIterable, Hashable {
    case libraries = 1, meetings, supervision, feedback, practices, dashboard, finding

    public static let everywhere = Set(allCases)

    public var title: LocalizedText {
        switch self {
        case .libraries: LocalizedText(zh: "问题库", en: "Libraries")
        case .meetings: LocalizedText(zh: "三方会议", en: "Meetings")
        case .supervision: LocalizedText(zh: "督办", en: "Supervision")
        case .feedback: LocalizedText(zh: "反馈", en: "Feedback")
        case .practices: LocalizedText(zh: "实践库", en: "Practices")
        case .dashboard: LocalizedText(zh: "统计", en: "Dashboard")
        case .finding: LocalizedText(zh: "发现来源", en: "Finding")
        }
    }

    /// The title where the full ones do not fit (80 columns): an abbreviation says it is one
    /// (a full stop), so nothing looks cut mid-word.
    public var shortTitle: LocalizedText {
        switch self {
        case .libraries: LocalizedText(zh: "问题库", en: "Libr.")
        case .meetings: LocalizedText(zh: "会议", en: "Meet.")
        case .supervision: LocalizedText(zh: "督办", en: "Sup.")
        case .feedback: LocalizedText(zh: "反馈", en: "Feedb.")
        case .practices: LocalizedText(zh: "实践库", en: "Pract.")
        case .dashboard: LocalizedText(zh: "统计", en: "Dash.")
        case .finding: LocalizedText(zh: "来源", en: "Find.")
        }
    }
}

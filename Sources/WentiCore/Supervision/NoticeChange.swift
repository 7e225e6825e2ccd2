/// One step a supervision notice can take after it is issued, as a value: the store applies
/// it inside its own transaction (no caller code runs there), through the notice's rules.
public enum NoticeChange: Sendable, Hashable {
    case acknowledge
    case reportProgress
    case complete
    /// A chaser (催办) with its text.
    case chase(text: String)
    /// The oldest open chaser was answered.
    case answerChaser

    /// The row of the permission table that governs it.
    public var methodAction: MethodAction {
        switch self {
        case .acknowledge: .noticeAcknowledge
        case .reportProgress: .noticeReport
        case .complete: .noticeComplete
        case .chase: .noticeChase
        case .answerChaser: .noticeAnswer
        }
    }

    /// What was done, said back once it is recorded.
    public var done: LocalizedText {
        switch self {
        case .acknowledge: SupervisionNotice.State.acknowledged.label
        case .reportProgress: SupervisionNotice.State.progressReported.label
        case .complete: SupervisionNotice.State.completed.label
        case .chase: LocalizedText(zh: "已催办", en: "chased")
        case .answerChaser: LocalizedText(zh: "催办已答复", en: "chaser answered")
        }
    }

    /// The word the audit log records.
    public var auditAction: String { methodAction.rawValue }
}

extension SupervisionNotice {
    /// The notice after `change`, taken on `day` by `person`, or the rule that forbids it.
    public func applying(_ change: NoticeChange, on day: Day, by person: PersonID) throws(NoticeError) -> SupervisionNotice {
        switch change {
        case .acknowledge: try advanced(to: .acknowledged)
        case .reportProgress: try advanced(to: .progressReported)
        case .complete: try advanced(to: .completed)
        case .chase(let text): try chased(on: day, by: person, text: text)
        case .answerChaser: try chaserAnswered(on: day)
        }
    }
}

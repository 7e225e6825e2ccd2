/// Everything a person can do in the method, as the permission table lists it.
///
/// Concern commands map onto these (`ConcernAction.methodAction`); the other rows are the
/// records around concerns (notices, meetings, practices), the figures and documents, and the
/// administration of the workspace.
public enum MethodAction: String, Sendable, CaseIterable, Codable, Labelled {
    // MARK: Concerns
    case intake, analyse, grade, plan, assign, define, start, progress
    case taskBook = "task-book"
    case pledge, deadline, pause, solve, escalate, refer, resume, feedback, close, reopen, undo, link, batch
    // MARK: Supervision notices
    case noticeIssue = "notice-issue"
    case noticeAcknowledge = "notice-acknowledge"
    case noticeReport = "notice-report"
    case noticeChase = "notice-chase"
    case noticeAnswer = "notice-answer"
    case noticeComplete = "notice-complete"
    // MARK: Tri-party meetings
    case meetingPrepare = "meeting-prepare"
    case meetingDecide = "meeting-decide"
    case meetingConfirm = "meeting-confirm"
    // MARK: Practices
    case practiceWrite = "practice-write"
    case practiceApply = "practice-apply"
    // MARK: Finding sources
    /// Recording a leader's visit (领导走访) and the leaders' monthly quota.
    case visitLog = "visit-log"
    // MARK: Figures and documents
    case bulletin, assessment, figures
    // MARK: Administration
    /// Listing the people with their logins, and linking a login to a person.
    case people
    /// Reading an anonymous reporter's sealed identity.
    case openSealedIdentity = "open-sealed-identity"
    /// Looking at the workspace as another person sees it (read-only).
    case viewAs = "view-as"

    public var label: LocalizedText {
        switch self {
        case .intake: LocalizedText(zh: "登记问题", en: "take in a concern")
        case .analyse: LocalizedText(zh: "分析", en: "analyse")
        case .grade: LocalizedText(zh: "定级", en: "grade")
        case .plan: LocalizedText(zh: "制定方案", en: "set the plan")
        case .assign: LocalizedText(zh: "指定第一责任人", en: "name the first responsible person")
        case .define: LocalizedText(zh: "界定", en: "define")
        case .start: LocalizedText(zh: "开始解决", en: "start solving")
        case .progress: LocalizedText(zh: "记录进展", en: "add progress")
        case .taskBook: LocalizedText(zh: "维护任务书", en: "keep the task book")
        case .pledge: LocalizedText(zh: "签订责任状", en: "record the pledge")
        case .deadline: LocalizedText(zh: "调整期限", en: "change the deadline")
        case .pause: LocalizedText(zh: "暂停或恢复计时", en: "pause or restart the clock")
        case .solve: LocalizedText(zh: "办结", en: "mark solved")
        case .escalate: LocalizedText(zh: "上报", en: "escalate")
        case .refer: LocalizedText(zh: "转办", en: "refer")
        case .resume: LocalizedText(zh: "收回转办", en: "take a referral back")
        case .feedback: LocalizedText(zh: "记录反馈", en: "record feedback")
        case .close: LocalizedText(zh: "关闭", en: "close")
        case .reopen: LocalizedText(zh: "重新打开", en: "reopen")
        case .undo: LocalizedText(zh: "撤销", en: "undo")
        case .link: LocalizedText(zh: "关联", en: "link")
        case .batch: LocalizedText(zh: "设定流处理或批处理", en: "set stream or batch")
        case .noticeIssue: LocalizedText(zh: "下发督办通知单", en: "issue a supervision notice")
        case .noticeAcknowledge: LocalizedText(zh: "签收督办通知单", en: "acknowledge a notice")
        case .noticeReport: LocalizedText(zh: "报告督办进展", en: "report progress on a notice")
        case .noticeChase: LocalizedText(zh: "催办", en: "chase a notice")
        case .noticeAnswer: LocalizedText(zh: "回复催办", en: "answer a chaser")
        case .noticeComplete: LocalizedText(zh: "完成督办", en: "complete a notice")
        case .meetingPrepare: LocalizedText(zh: "准备三方会议议程", en: "prepare a meeting's agenda")
        case .meetingDecide: LocalizedText(zh: "记录会议决定", en: "record a meeting decision")
        case .meetingConfirm: LocalizedText(zh: "确认会议纪要", en: "confirm the minutes")
        case .practiceWrite: LocalizedText(zh: "撰写实践条目", en: "write a practice entry")
        case .practiceApply: LocalizedText(zh: "应用实践条目", en: "apply a practice entry")
        case .visitLog: LocalizedText(zh: "记录领导走访", en: "record a leader's visit")
        case .bulletin: LocalizedText(zh: "编制督办简报", en: "produce the bulletin")
        case .assessment: LocalizedText(zh: "查看考核排名", en: "see the assessment")
        case .figures: LocalizedText(zh: "查看统计", en: "see the figures")
        case .people: LocalizedText(zh: "管理人员与登录账号", en: "manage people and logins")
        case .openSealedIdentity: LocalizedText(zh: "查看匿名反映人身份", en: "open a sealed identity")
        case .viewAs: LocalizedText(zh: "以他人视角查看", en: "view as someone else")
        }
    }

    /// Whether the action changes anything (a view-as session may do none of these).
    public var writes: Bool {
        switch self {
        case .bulletin, .assessment, .figures, .openSealedIdentity, .viewAs: false
        default: true
        }
    }
}

extension ConcernAction {
    /// The row of the permission table that governs this command.
    public var methodAction: MethodAction {
        switch self {
        case .open: .intake
        case .analyse, .edit: .analyse
        case .grade: .grade
        case .plan: .plan
        case .assign: .assign
        case .pledge: .pledge
        case .setDeadline: .deadline
        case .define, .watch: .define
        case .startSolving: .start
        case .addTask, .setTaskState: .taskBook
        case .progress: .progress
        case .pause, .unpause: .pause
        case .solve: .solve
        case .recordFeedback: .feedback
        case .close: .close
        case .reopen: .reopen
        case .escalate: .escalate
        case .refer: .refer
        case .resume: .resume
        case .setProcessing: .batch
        case .undo: .undo
        case .link: .link
        }
    }
}

/// Every change a user can make to a concern after intake. `Workflow.apply` decides
/// whether it is legal in the concern's stage and for the acting person.
public enum ConcernCommand: Sendable, Hashable {
    case analyse(Analysis)
    case grade(Grade)
    case plan(String)
    case assign(firstResponsible: PersonID, department: UnitID)
    case pledge(by: PersonID)
    case setDeadline(Day, reason: String)
    /// Defined at a tri-party meeting (meeting id optional); a budding grade goes to watch.
    case define(meetingID: String?)
    case watch
    case startSolving
    case addTask(title: String, due: Day)
    case setTaskState(index: Int, TaskItem.State)
    case progress(String)
    case pause(reason: String)
    case unpause
    case solve(summary: String)
    case recordFeedback(FeedbackRecord)
    case close(noFeedbackReason: String?)
    case reopen(reason: String)
    case escalate(reason: String)
    case refer(to: UnitID, explanation: String)
    case resume(reason: String)
    case setProcessing(ProcessingMode)
    case link(ConcernLink)
    case edit(title: String?, description: String?, categoryID: CategoryID?)
    /// Puts back what the person's own latest action changed (see `Undo`).
    case takeBack(Restoration)

    public var action: ConcernAction {
        switch self {
        case .analyse: .analyse
        case .grade: .grade
        case .plan: .plan
        case .assign: .assign
        case .pledge: .pledge
        case .setDeadline: .setDeadline
        case .define: .define
        case .watch: .watch
        case .startSolving: .startSolving
        case .addTask: .addTask
        case .setTaskState: .setTaskState
        case .progress: .progress
        case .pause: .pause
        case .unpause: .unpause
        case .solve: .solve
        case .recordFeedback: .recordFeedback
        case .close: .close
        case .reopen: .reopen
        case .escalate: .escalate
        case .refer: .refer
        case .resume: .resume
        case .setProcessing: .setProcessing
        case .link: .link
        case .edit: .edit
        case .takeBack: .undo
        }
    }
}

/// The name of each thing that can happen to a concern: used in error messages,
/// in the audit log's `action` column, and (later) by the UI's action registry.
public enum ConcernAction: String, Sendable, CaseIterable, Codable, Labelled {
    case open, analyse, grade, plan, assign, pledge
    case setDeadline = "set-deadline"
    case define, watch
    case startSolving = "start-solving"
    case addTask = "add-task"
    case setTaskState = "set-task"
    case progress, pause, unpause, solve
    case recordFeedback = "feedback"
    case close, reopen, escalate, refer, resume
    case setProcessing = "set-processing"
    case link, edit, undo

    public var label: LocalizedText {
        switch self {
        case .open: LocalizedText(zh: "登记", en: "take in")
        case .analyse: LocalizedText(zh: "分析", en: "analyse")
        case .grade: LocalizedText(zh: "定级", en: "grade")
        case .plan: LocalizedText(zh: "制定方案", en: "set the plan")
        case .assign: LocalizedText(zh: "指定第一责任人", en: "name the first responsible")
        case .pledge: LocalizedText(zh: "签订责任状", en: "record the pledge")
        case .setDeadline: LocalizedText(zh: "调整期限", en: "move the deadline")
        case .define: LocalizedText(zh: "界定", en: "define")
        case .watch: LocalizedText(zh: "列入观察", en: "put on the watch list")
        case .startSolving: LocalizedText(zh: "开始解决", en: "start solving")
        case .addTask: LocalizedText(zh: "添加任务", en: "add a task")
        case .setTaskState: LocalizedText(zh: "更新任务", en: "update a task")
        case .progress: LocalizedText(zh: "记录进展", en: "add progress")
        case .pause: LocalizedText(zh: "暂停计时", en: "pause the clock")
        case .unpause: LocalizedText(zh: "恢复计时", en: "restart the clock")
        case .solve: LocalizedText(zh: "办结待反馈", en: "mark solved")
        case .recordFeedback: LocalizedText(zh: "记录反馈", en: "record feedback")
        case .close: LocalizedText(zh: "关闭", en: "close")
        case .reopen: LocalizedText(zh: "重新打开", en: "reopen")
        case .escalate: LocalizedText(zh: "上报", en: "escalate")
        case .refer: LocalizedText(zh: "转办", en: "refer")
        case .resume: LocalizedText(zh: "收回转办", en: "take back")
        case .setProcessing: LocalizedText(zh: "设定处理方式", en: "set stream or batch")
        case .link: LocalizedText(zh: "关联", en: "link")
        case .edit: LocalizedText(zh: "修改", en: "edit")
        case .undo: LocalizedText(zh: "撤销", en: "undo")
        }
    }
}

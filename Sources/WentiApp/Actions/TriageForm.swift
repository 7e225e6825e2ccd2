import WentiCore

/// What a triage form asks for, and how its values become commands.
public enum TriageForm: Sendable, Equatable {
    case analyse, escalate, progress, plan, solve, close, reopen, processing
    /// The return contact: whom, how, the effect and the satisfaction.
    case feedback(by: PersonID, on: Day)
    /// Referral to one of these departments.
    case refer([OrgUnit])
    /// The task book (任务书), its commitments and its clock: see `CommitmentForms`.
    case addTask, taskState([TaskItem]), deadline(current: Day?, pausedDays: Int), pause, takeBack, link

    func makeForm() -> Form {
        switch self {
        case .addTask, .taskState, .deadline, .pause, .takeBack, .link:
            CommitmentForms.makeForm(self)
        case .plan:
            Form(fields: [.init(id: "plan", label: LocalizedText(zh: "解决方案", en: "Plan"), input: .lines(TextArea(), height: 3), required: true)])
        case .feedback:
            Form(fields: [
                // Anyone by name from the list (the reporter, those involved), or as typed.
                .init(id: "contact", label: LocalizedText(zh: "联系了谁", en: "Whom"), input: .pick(Picker([])), required: true),
                .init(id: "method", label: LocalizedText(zh: "方式", en: "How"), input: .choice(FeedbackRecord.Method.allCases.map(\.label), selected: 0)),
                .init(id: "effect", label: LocalizedText(zh: "效果", en: "Effect"), input: .choice(FeedbackRecord.Effect.allCases.map(\.label), selected: 0)),
                .init(id: "satisfaction", label: LocalizedText(zh: "满意度", en: "Satisfaction"),
                      input: .choice(FeedbackRecord.Satisfaction.allCases.map(\.label), selected: 0)),
                .init(id: "score", label: LocalizedText(zh: "评分", en: "Score"),
                      input: .choice((1...5).map { LocalizedText(zh: "\($0)", en: "\($0)") }, selected: 4)),
                .init(id: "note", label: LocalizedText(zh: "备注", en: "Note"), input: .line(TextField())),
            ])
        case .processing:
            Form(fields: [
                .init(id: "mode", label: LocalizedText(zh: "处理方式", en: "Handling"),
                      input: .choice([LocalizedText(zh: "流处理（立即办）", en: "stream (at once)"), LocalizedText(zh: "批处理（成批办）", en: "batch (with its group)")], selected: 0)),
                // The groups in use are listed (`PickOptions.batchGroups`); a new name starts a new one.
                .init(id: "group", label: LocalizedText(zh: "批次", en: "Batch group"), input: .pick(Picker([]))),
            ])
        case .solve:
            Form(fields: [.init(id: "summary", label: LocalizedText(zh: "做了什么", en: "What was done"), input: .lines(TextArea(), height: 3), required: true)])
        case .close:
            Form(fields: [.init(id: "reason", label: LocalizedText(zh: "无反馈的原因", en: "Why no feedback"), input: .line(TextField()))])
        case .reopen:
            Form(fields: [.init(id: "reason", label: LocalizedText(zh: "重新打开的原因", en: "Reason"), input: .line(TextField()), required: true)])
        case .refer(let departments):
            Form(fields: [
                // By type-ahead over the departments (names and short names), as in every form.
                .init(id: "to", label: LocalizedText(zh: "转办部门", en: "Department"),
                      input: .pick(Picker(departments.map { Picker.Option(value: $0.id.rawValue, label: $0.name, aliases: $0.aliases) })), required: true),
                .init(id: "explanation", label: LocalizedText(zh: "向本人的说明", en: "Explanation"), input: .line(TextField()), required: true),
            ])
        case .analyse:
            Form(fields: [
                .init(id: "root-cause", label: LocalizedText(zh: "根源", en: "Root cause"), input: .line(TextField()), required: true),
                .init(id: "difficulty", label: LocalizedText(zh: "难易", en: "Difficulty"),
                      input: .choice(Difficulty.allCases.map(\.label), selected: 1)),
                .init(id: "breadth", label: LocalizedText(zh: "涉及面", en: "Breadth"),
                      input: .choice(Breadth.allCases.map(\.label), selected: 1)),
            ])
        case .escalate:
            Form(fields: [.init(id: "reason", label: LocalizedText(zh: "上报原因", en: "Reason"), input: .line(TextField()), required: true)])
        case .progress:
            Form(fields: [.init(id: "note", label: LocalizedText(zh: "进展", en: "Progress"), input: .lines(TextArea(), height: 3), required: true)])
        }
    }

    var title: LocalizedText {
        switch self {
        case .addTask, .taskState, .deadline, .pause, .takeBack, .link:
            CommitmentForms.title(self)
        case .analyse: LocalizedText(zh: "分析：根源、难易、涉及面", en: "Analyse: root cause, difficulty, breadth")
        case .escalate: LocalizedText(zh: "上报到上一级问题库", en: "Escalate to the library one tier up")
        case .progress: LocalizedText(zh: "记录进展", en: "Add progress")
        case .plan: LocalizedText(zh: "制定解决方案", en: "Set the solution plan")
        case .solve: LocalizedText(zh: "办结，等待反馈", en: "Mark solved; feedback next")
        case .processing: LocalizedText(zh: "流处理或批处理", en: "Stream or batch")
        case .feedback: LocalizedText(zh: "记录反馈（效果与满意度）", en: "Record feedback (effect and satisfaction)")
        case .close: LocalizedText(zh: "关闭（有反馈可不填原因）", en: "Close (a reason only when there is no feedback)")
        case .reopen: LocalizedText(zh: "重新打开", en: "Reopen")
        case .refer: LocalizedText(zh: "转办到部门", en: "Refer to a department")
        }
    }

    /// The commands of the submitted values; `today` reads a date typed as "12-20" or "+7".
    func commands(_ values: [String: String], today: Day) -> [ConcernCommand] {
        switch self {
        case .addTask, .taskState, .deadline, .pause, .takeBack, .link:
            return CommitmentForms.commands(self, values, today: today)
        case .analyse:
            let difficulty = Int(values["difficulty"] ?? "").flatMap { Difficulty.allCases.indices.contains($0) ? Difficulty.allCases[$0] : nil }
            let breadth = Int(values["breadth"] ?? "").flatMap { Breadth.allCases.indices.contains($0) ? Breadth.allCases[$0] : nil }
            return [.analyse(Analysis(rootCause: values["root-cause"] ?? "", difficulty: difficulty, breadth: breadth))]
        case .escalate:
            return [.escalate(reason: values["reason"] ?? "")]
        case .progress:
            return [.progress(values["note"] ?? "")]
        case .plan:
            return [.plan(values["plan"] ?? "")]
        case .solve:
            return [.solve(summary: values["summary"] ?? "")]
        case .feedback(let by, let day):
            func pick<T>(_ all: [T], _ id: String) -> T { all[min(Int(values[id] ?? "") ?? 0, all.count - 1)] }
            return [.recordFeedback(FeedbackRecord(
                on: day, byID: by, contact: values["contact"] ?? "", method: pick(FeedbackRecord.Method.allCases, "method"),
                effect: pick(FeedbackRecord.Effect.allCases, "effect"), satisfaction: pick(FeedbackRecord.Satisfaction.allCases, "satisfaction"),
                score: (Int(values["score"] ?? "") ?? 4) + 1, note: values["note"] ?? ""))]
        case .processing:
            return values["mode"] == "1" ? [.setProcessing(.batch(group: values["group"] ?? ""))] : [.setProcessing(.stream)]
        case .close:
            let reason = values["reason"] ?? ""
            return [.close(noFeedbackReason: reason.isBlank ? nil : reason)]
        case .reopen:
            return [.reopen(reason: values["reason"] ?? "")]
        case .refer(let departments):
            // What names no department was refused at its field (`problem`); the workflow says so too.
            let to = departments.first { $0.id.rawValue == values["to"] }?.id ?? UnitID(values["to"] ?? "")
            return [.refer(to: to, explanation: values["explanation"] ?? "")]
        }
    }
}

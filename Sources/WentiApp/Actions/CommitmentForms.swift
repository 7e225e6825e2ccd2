import Foundation
import WentiCore
import WentiSession
import WentiStore
import WentiText

/// The forms of the steps that follow a grade: the task book's lines, a deadline moved with
/// its reason, the clock paused, a referral taken back, a link. Each makes exactly the
/// command `wenti task | deadline | pause | resume | link` makes, and the rules are the
/// workflow's: the form only checks that a date reads as one.
enum CommitmentForms {
    /// A typed date: `2026-12-20` (or with `/` or `.`), `12-20` the next such day from today
    /// on (in December, `01-15` is next January's: a deadline is never meant in the past), or
    /// `+7` days from today; nil for anything else.
    /// `+N` counts from `base` (today unless given: moving a deadline by `+30` extends it).
    static func day(_ text: String, today: Day, from base: Day? = nil) -> Day? {
        let typed = text.trimmed.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-")
        if let day = Day(typed) { return day }
        if typed.hasPrefix("+"), let days = Int(typed.dropFirst()), (0...3650).contains(days) { return (base ?? today).adding(days: days) }
        let parts = typed.split(separator: "-")
        if parts.count == 2, let month = Int(parts[0]), let dayOfMonth = Int(parts[1]) {
            guard let thisYear = Day(year: today.civil.year, month: month, day: dayOfMonth) else { return nil }
            return thisYear < today ? Day(year: today.civil.year + 1, month: month, day: dayOfMonth) : thisYear
        }
        return nil
    }

    static func makeForm(_ kind: TriageForm) -> Form {
        switch kind {
        case .addTask:
            Form(fields: [
                .init(id: "title", label: LocalizedText(zh: "任务", en: "Task"), input: .line(TextField()), required: true),
                .init(id: "due", label: LocalizedText(zh: "完成日期", en: "Due"), input: .line(TextField()), required: true),
            ])
        case .taskState(let tasks):
            Form(fields: [
                .init(id: "line", label: LocalizedText(zh: "哪一行", en: "Line"), input: .choice(tasks.enumerated().map { index, task in
                    // A task's title is text from data: cleaned here, like every other.
                    LocalizedText(zh: "\(index + 1). \(task.due) \(TextSanitizer.clean(task.title))（\(task.state.label.zh)）",
                                  en: "\(index + 1). \(task.due) \(TextSanitizer.clean(task.title)) (\(task.state.label.en))")
                }, selected: max(0, tasks.firstIndex { $0.state == .open } ?? 0))),
                .init(id: "state", label: LocalizedText(zh: "改为", en: "Becomes"), input: .choice(stateChoices.map(\.label), selected: 0)),
            ])
        case .deadline:
            Form(fields: [
                .init(id: "due", label: LocalizedText(zh: "新期限", en: "New deadline"), input: .line(TextField()), required: true),
                .init(id: "reason", label: LocalizedText(zh: "调整理由", en: "Reason"), input: .line(TextField()), required: true),
            ])
        case .pause:
            Form(fields: [.init(id: "reason", label: LocalizedText(zh: "暂停原因", en: "Reason"), input: .line(TextField()), required: true)])
        case .takeBack:
            Form(fields: [.init(id: "reason", label: LocalizedText(zh: "收回原因", en: "Reason"), input: .line(TextField()), required: true)])
        case .link:
            Form(fields: [
                .init(id: "kind", label: LocalizedText(zh: "关联到", en: "Link to"), input: .choice(ConcernLink.Kind.allCases.map(\.label), selected: 0)),
                .init(id: "target", label: LocalizedText(zh: "编号", en: "Number"), input: .line(TextField()), required: true),
            ])
        default:
            Form(fields: [])   // the other kinds build their own (`TriageForm.makeForm`)
        }
    }

    /// Done first: marking a line done is what a task book is mostly for.
    static let stateChoices: [TaskItem.State] = [.done, .dropped, .open]

    static func title(_ kind: TriageForm) -> LocalizedText {
        switch kind {
        case .addTask: LocalizedText(zh: "任务书：添加一项", en: "Task book: add a line")
        case .taskState: LocalizedText(zh: "任务书：完成或取消一项", en: "Task book: a line done or dropped")
        case .deadline(let current, let pausedDays):
            // The clock's paused days are added to whatever deadline is set (`DeadlineClock`):
            // the title says so, so the day the detail shows afterwards is no surprise.
            // "+N" counts from the current deadline here (from today in the task book): said.
            LocalizedText(zh: "调整期限" + (current.map { "（现为 \($0)" + (pausedDays > 0 ? "，另加暂停 \(pausedDays) 天" : "") + "；+N 从现期限起算）" } ?? ""),
                          en: "Move the deadline" + (current.map { " (now \($0)" + (pausedDays > 0 ? ", plus \(pausedDays) paused days" : "") + "; +N counts from it)" } ?? ""))
        case .pause: LocalizedText(zh: "暂停计时", en: "Pause the clock")
        case .takeBack: LocalizedText(zh: "收回转办，重新分析", en: "Take the referral back for analysis")
        case .link: LocalizedText(zh: "关联", en: "Link")
        default: LocalizedText(zh: "", en: "")
        }
    }

    static func commands(_ kind: TriageForm, _ values: [String: String], today: Day) -> [ConcernCommand] {
        let reason = values["reason"] ?? ""
        switch kind {
        case .addTask:
            guard let due = day(values["due"] ?? "", today: today) else { return [] }
            return [.addTask(title: values["title"] ?? "", due: due)]
        case .taskState:
            let state = stateChoices[min(Int(values["state"] ?? "") ?? 0, stateChoices.count - 1)]
            // The workflow numbers the task book's lines from 1, as `wenti show` prints them.
            return [.setTaskState(index: (Int(values["line"] ?? "") ?? 0) + 1, state)]
        case .deadline(let current, _):
            // "+30" extends the deadline the title shows by thirty days (from today it
            // shortened a deadline further out, with nothing said).
            guard let due = day(values["due"] ?? "", today: today, from: current) else { return [] }
            return [.setDeadline(due, reason: reason)]
        case .pause:
            return [.pause(reason: reason)]
        case .takeBack:
            return [.resume(reason: reason)]
        case .link:
            return []   // the target is looked up first (`resolve`)
        default:
            return []
        }
    }

    /// Why a field's value cannot be taken as it is (a date that reads as no date).
    static func problem(_ field: Form.Field, today: Day) -> LocalizedText? {
        guard field.id == "due", !field.value.isBlank, day(field.value, today: today) == nil else { return nil }
        return LocalizedText(zh: "日期如 2026-12-20、12-20 或 +7", en: "a date: 2026-12-20, 12-20 or +7")
    }
}

extension TriageForm {
    /// The commands of the submitted values once what they name has been looked up through the
    /// session (a link's target must exist and be visible); what names nothing is pinned to
    /// its field as a `RecordOverlays.FieldProblem`.
    func resolve(_ values: [String: String], on code: ConcernCode?, _ session: Session) async throws -> [ConcernCommand] {
        guard case .link = self, let code else { return commands(values, today: session.today()) }
        let kinds = ConcernLink.Kind.allCases
        let kind = kinds[min(Int(values["kind"] ?? "") ?? 0, kinds.count - 1)]
        do {
            return [.link(try await session.linkTarget(from: code, kind, values["target"] ?? ""))]
        } catch {
            throw RecordOverlays.FieldProblem(field: "target", message: (error as? any Labelled)?.label
                ?? LocalizedText(zh: "\(error)", en: "\(error)"))
        }
    }

    /// Why a field's value is not acceptable before anything is asked of the session.
    func problem(with field: Form.Field, today: Day) -> LocalizedText? {
        if case .refer(let departments) = self, field.id == "to", !field.value.isBlank,
           !departments.contains(where: { $0.id.rawValue == field.value }) {
            return LocalizedText(zh: "没有这个部门：从列表中选", en: "no such department: pick one from the list")
        }
        return CommitmentForms.problem(field, today: today)
    }
}

import WentiCore
import WentiSession
import WentiStore

/// Issuing a supervision notice and chasing one.
@MainActor
enum NoticeForms {
    /// To the first responsible person and department, with the task book's open items as
    /// deadline nodes and the concern's deadline last, one "YYYY-MM-DD what" per line (a notice
    /// whose nodes end before the deadline would be marked ≠ as soon as it went out).
    /// When the concern has an open notice, the form asks whether the new one replaces it
    /// (`replaceChosen`: already answered yes, as when reissuing from the supervision pane).
    static func issueForm(_ concern: Concern, org: Organisation, today: Day,
                          replacing open: SupervisionNotice? = nil, replaceChosen: Bool = false) -> Form {
        let openTasks = concern.tasks.filter { $0.state == .open && $0.due >= today }.sorted { $0.due < $1.due }
        var nodes = openTasks.map { "\($0.due) \($0.title)" }
        let deadline = DeadlineClock.effectiveDeadline(of: concern, today: today)
        if let deadline, deadline >= today, openTasks.last.map({ $0.due < deadline }) ?? true {
            nodes.append("\(deadline) 完成")
        } else if nodes.isEmpty {
            nodes = ["\(today.adding(days: 7)) 完成"]
        }
        var form = Form(fields: [
            RecordFields.pick("responsible", RecordFields.firstResponsible, PickOptions.people(org, near: concern.unitID),
                              concern.firstResponsibleID?.rawValue ?? "", required: true),
            RecordFields.pick("department", RecordFields.department, PickOptions.units(org),
                              (concern.responsibleUnitID ?? concern.unitID).rawValue, required: true),
            Form.Field(id: "nodes", label: RecordFields.nodes, input: .lines(TextArea(nodes.joined(separator: "\n")), height: 3), required: true),
        ])
        if let open {
            form.fields.append(replaceField(open, chosen: replaceChosen))
        }
        return form
    }

    /// "Replace DB-2026-004?": no until changed, unless already chosen. Short, as the form's
    /// label column is; the form's title names the open notice too.
    static func replaceField(_ open: SupervisionNotice, chosen: Bool) -> Form.Field {
        Form.Field(id: "replace", label: LocalizedText(zh: "替代 \(open.id)？", en: "Replace \(open.id)?"),
                   input: .choice([LocalizedText(zh: "否", en: "no"), LocalizedText(zh: "是", en: "yes")], selected: chosen ? 1 : 0))
    }

    /// Why a notice cannot go out while the open one stays, and what answers it: short, as
    /// it shows beside the field (the rule is `NoticeError.openNoticeExists`).
    static func mustReplace(_ open: String, _ code: ConcernCode) -> LocalizedText {
        LocalizedText(zh: "\(code) 已有未完成的 \(open)：一事一单，选“是”替代", en: "\(open) is still open: one per concern, choose yes to replace it")
    }

    /// The deadline nodes typed one per line, or why a line is not one (naming the line).
    static func nodes(_ text: String) -> Result<[SupervisionNotice.Node], NodeLineError> {
        var nodes: [SupervisionNotice.Node] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmed
            if line.isEmpty { continue }
            let parts = line.split(maxSplits: 1, whereSeparator: \.isWhitespace)
            guard let day = parts.first.flatMap({ Day(String($0)) }) else { return .failure(NodeLineError(line: index + 1)) }
            let title = parts.count > 1 ? String(parts[1]).trimmed : ""
            nodes.append(SupervisionNotice.Node(title: title.isEmpty ? "完成" : title, due: day))
        }
        return .success(nodes)
    }

    struct NodeLineError: Error {
        var line: Int
        var label: LocalizedText {
            LocalizedText(zh: "第 \(line) 行应为“2026-12-20 内容”", en: "line \(line) should read \"2026-12-20 what\"")
        }
    }

    static func chaseForm(_ notice: SupervisionNotice, today: Day) -> Form {
        // By the next node still ahead, else a few days ahead: a chaser due today cannot be met.
        let what = notice.nextOpenNode(today: today)?.title ?? notice.nodes.last?.title ?? "完成"
        return Form(fields: [
            RecordFields.line("text", RecordFields.chaser, "请于 \(notice.chaserDue(today: today)) 前报告“\(what)”的进展", required: true),
        ])
    }
}


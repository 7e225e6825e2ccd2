import WentiCore
import WentiSession
import WentiStore
import WentiTerminal
import WentiText

/// Everything the libraries' detail says about one concern, as lines of the pane's width:
/// how it came in (channel with its campaign or visit, the people involved), where it stands
/// on the find → analyse → solve chain and what comes next (and who takes it), the analysis
/// (root cause, difficulty, breadth), the commitments (first responsible, deadline with the
/// clock's state, pledge, task book), the referral, the records around it (notices, meetings,
/// links), the escalations, and the timeline with what each step changed, in words. The
/// pane scrolls through these lines, so nothing of them is ever out of reach.
enum ConcernDetailLines {
    typealias Line = (text: String, style: Style)

    static func lines(_ state: AppState, _ c: Concern, _ workspace: Workspace, keys: ActionRegistry, width: Int) -> [Line] {
        let language = state.language
        let zh = language == .zh
        let org = workspace.organisation
        let words = workspace.changeWords
        let colon = zh ? "：" : ": "
        let separator = zh ? "、" : ", "
        func person(_ id: PersonID?) -> String { id.map { org.person($0)?.name ?? "?" } ?? "-" }
        func unit(_ id: UnitID?) -> String { id.map { org.unit($0)?.name ?? "?" } ?? "-" }
        var lines: [Line] = []
        /// A labelled line, wrapped to the width (text from data is cleaned first). A text typed
        /// over several lines keeps them, never "⏎"; with `indent`, the lines after the first
        /// stand under it (a note under its step).
        func add(_ text: String, _ style: Style = .plain, multiLine: Bool = true, indent: Bool = false) {
            let cleaned = TextSanitizer.clean(text, mode: multiLine ? .multiLine : .singleLine)
            for (index, paragraph) in cleaned.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let prefix = indent && index > 0 ? "    " : ""
                for line in TerminalText.wrap(prefix + paragraph, width: max(1, width)) { lines.append((line, style)) }
            }
        }

        // Where it is and what comes next.
        // The whole title, wrapped (the table cuts it; only here can it be read). A title from
        // before the 120-character limit is read up to three lines' worth.
        add("\(c.code)  " + String(c.title.prefix(max(Workflow.maximumTitleLength, width * 3))), Style(bold: true), multiLine: false)
        let grade = c.grade.map { $0.label.text(language) + UIText.bracketed($0.stance.text(language), language) } ?? (zh ? "未定级" : "not graded")
        lines.append(("\(c.tier.code) \(unit(c.unitID)) · \(c.stage.label.text(language)) · " + grade, .plain))
        for line in TerminalText.wrap(LibrariesPane.chain(c, advice: state.detailAdvice, keys, language), width: max(1, width)) {
            lines.append((line, Style(bold: true, colour: .cyan)))
        }

        // How it came in.
        let category = workspace.category(c.categoryID)?.name.text(language) ?? "?"
        var channel = c.channel.label.text(language)
        if let source = c.source { channel += colon + words.source(source, language) }
        add(UIText.fieldCategory.text(language) + category + "  " + UIText.fieldChannel.text(language) + channel)
        // An opened identity is text from data like any other (cleaned), and wraps: it is the
        // one thing this opening was for, so none of it is cut off.
        let opened = state.openedIdentity.flatMap { $0.code == c.code ? TextSanitizer.clean($0.text) : nil }
        let reporter = UIText.reporter(c.reporter, opened: opened, openKey: keys.keys(of: "open-identity").first?.description, language)
        add(UIText.fieldReporter.text(language) + reporter + "  " + (zh ? "发现人 " : "Finder ") + person(c.finderID)
            + "  " + (zh ? "反映于 " : "reported ") + c.reportedOn.description, opened != nil ? Style(bold: true) : .plain)
        if !c.involvedPeople.isBlank || c.involvedUnitID != nil {
            let involved = [c.involvedPeople.isBlank ? nil : c.involvedPeople, c.involvedUnitID.map(unit)].compactMap { $0 }.joined(separator: separator)
            add((zh ? "涉及人员 " : "People involved ") + involved)
        }

        // The path up the tiers, and what the receiving tier owes.
        for escalation in c.escalations {
            add("↑ \(escalation.on) \(escalation.fromTier.code) \(unit(escalation.fromUnitID)) → \(escalation.toTier.code) \(unit(escalation.toUnitID))"
                + colon + escalation.reason, Style(dim: true))
        }
        for note in EscalationHandOver.notes(of: c) { add(note.text, Style(dim: true)) }
        if let pending = EscalationHandOver.pending(c, organisation: org) {
            add("⚑ " + pending.text(language), Style(bold: true, colour: .yellow))
        }

        // The analysis.
        if !c.analysis.rootCause.isBlank || c.analysis.difficulty != nil || c.analysis.breadth != nil {
            let difficulty = c.analysis.difficulty?.label.text(language) ?? "-"
            let breadth = c.analysis.breadth?.label.text(language) ?? "-"
            add((zh ? "难易 " : "Difficulty ") + difficulty + "  " + (zh ? "涉及面 " : "breadth ") + breadth)
        }

        // The commitments: who, by when, and whether the clock runs.
        if c.firstResponsibleID != nil || c.deadline != nil || c.nextReview != nil {
            var text = ""
            if let owner = c.firstResponsibleID {
                text += UIText.fieldFirstResponsible.text(language) + person(owner)
                if let department = c.responsibleUnitID { text += " · " + unit(department) }
                text += "  "
            }
            let today = state.today
            if let due = DeadlineClock.effectiveDeadline(of: c, today: today) {
                let late = DeadlineClock.daysOverdue(c, today: today)
                text += UIText.fieldDue.text(language) + due.description + (late > 0 ? UIText.bracketed(UIText.late(late).text(language), language) : "")
            } else if let review = c.nextReview {
                text += (zh ? "下次复查 " : "next review ") + review.description
            }
            add(text.trimmed)
        }
        if let since = c.pausedSince {
            // The paused clock says so: its deadline moves by every day it stands still.
            add(zh ? "⏸ 计时已暂停（自 \(since) 起，期限按暂停天数顺延）" : "⏸ clock paused since \(since) (the deadline moves by the days paused)",
                Style(bold: true, colour: .yellow))
        } else if c.pausedDays > 0 {
            add(zh ? "计时曾暂停 \(c.pausedDays) 天，期限已顺延" : "clock paused \(c.pausedDays) days before; the deadline moved by them", Style(dim: true))
        }
        // The latest progress, where it is seen at once (every note is in the timeline).
        if let note = c.notes.last {
            add((zh ? "最新进展 " : "Latest progress ") + "\(note.on) \(person(note.authorID))" + colon + note.text, indent: true)
        }
        var extras: [String] = []
        if let pledge = c.pledge { extras.append((zh ? "责任状 " : "Pledge ") + person(pledge.personID) + " " + pledge.signedOn.description) }
        // Labelled like every other line (alone, "流处理" read as a stray word).
        if let processing = c.processing { extras.append((zh ? "处理方式 " : "Handled as ") + processing.label.text(language)) }
        if !extras.isEmpty { add(extras.joined(separator: "  ")) }

        // The referral: to whom, and what the people were told.
        if let referral = c.referral {
            add((zh ? "转办 \(referral.on) → " : "Referred \(referral.on) to ") + unit(referral.toUnitID) + colon + referral.explanation, Style(colour: .yellow))
        }

        // What it says, and what is being done.
        let body = [c.description, c.analysis.rootCause.isEmpty ? "" : UIText.fieldRootCause.text(language) + c.analysis.rootCause,
                    c.plan.isEmpty ? "" : UIText.fieldPlan.text(language) + c.plan].filter { !$0.isEmpty }
        for paragraph in body {
            // A megabyte of description made every key wait for all of it: at most what a
            // few screens hold is cleaned, measured and wrapped; the rest is marked cut.
            let shown = 40 * max(width, 1)
            let capped = paragraph.utf8.count > shown ? String(paragraph.prefix(shown)) + "…" : paragraph
            add(capped, multiLine: true)
        }
        if !c.tasks.isEmpty {
            lines.append((zh ? "任务书：" : "Task book:", Style(bold: true)))
            for (index, task) in c.tasks.enumerated() {
                let mark = task.state == .done ? "✓" : task.state == .dropped ? "✗" : "□"
                add("\(mark) \(index + 1). \(task.due)  \(task.title)", Style(dim: task.state != .open))
            }
        }
        for record in c.feedback {
            add((zh ? "反馈 " : "Feedback ") + "\(record.on) \(record.contact)" + UIText.bracketed(record.method.label.text(language), language)
                + " " + record.effect.label.text(language) + " · " + record.satisfaction.label.text(language)
                + UIText.bracketed("\(record.score)/5", language) + (record.note.isBlank ? "" : colon + record.note))
        }

        // The records around it.
        for notice in state.recordsAround.notices(of: c.code) {
            var text = (zh ? "督办 " : "Notice ") + "\(notice.id) · \(notice.state.label.text(language)) · " + (zh ? "发往 " : "to ")
                + person(notice.toPersonID) + " · " + unit(notice.toUnitID)
            if notice.isOpen, let node = notice.nextOpenNode(today: state.today) {
                text += " · " + (zh ? "下一节点 " : "next node ") + "\(node.due) \(node.title)"
                let late = notice.daysOverdue(today: state.today)
                if late > 0 { text += UIText.bracketed(UIText.late(late).text(language), language) }
            }
            let open = notice.chasers.filter { $0.answeredOn == nil }.count
            if !notice.chasers.isEmpty {
                text += zh ? " · 催办 \(notice.chasers.count) 次" + (open > 0 ? "，\(open) 次未回复" : "")
                    : " · chased \(notice.chasers.count)×" + (open > 0 ? ", \(open) unanswered" : "")
            }
            add(text, Style(dim: !notice.isOpen))
        }
        for meeting in state.recordsAround.meetings(of: c.code) {
            let name = Meeting.name(of: meeting.id, in: org).text(language)
            let item = meeting.items.first { $0.concern == c.code }
            var outcome: String
            switch (meeting.state, item?.purpose, item?.decision) {
            case (.planned, _, _): outcome = zh ? "待召开" : "planned"
            case (.held, .define?, nil): outcome = zh ? "暂缓" : "deferred"
            case (.held, .define?, _?): outcome = zh ? "已界定" : "defined"
            default: outcome = item?.purpose.label.text(language) ?? ""
            }
            if meeting.state == .held, let day = meeting.heldOn { outcome = (zh ? "\(day) 召开，" : "held \(day), ") + outcome }
            add((zh ? "会议 " : "Meeting ") + name + UIText.bracketed(outcome, language), Style(dim: meeting.state == .held))
        }
        let links = c.links.filter { $0.kind != .meeting }
        if !links.isEmpty {
            add((zh ? "关联 " : "Links ") + links.map { words.link($0, language) }.joined(separator: separator), Style(dim: true))
        }
        // One case teaches the next: solved ones like it, and the entries written from them.
        if !state.detailSimilar.isEmpty {
            add((zh ? "相似已解决：" : "Solved like it: ") + state.detailSimilar.map { "\($0.code) \($0.title.prefix(width))" }.joined(separator: zh ? "；" : "; "),
                Style(colour: .cyan))
        }
        if !state.detailPractices.isEmpty {
            add((zh ? "相关实践：" : "Practice: ") + state.detailPractices.map { "\($0.id) \($0.title.prefix(width))" }.joined(separator: zh ? "；" : "; "),
                Style(colour: .cyan))
        }

        // The timeline: who did what, and what it changed, in words, oldest first.
        if !state.detailLog.isEmpty {
            lines.append((zh ? "经过：" : "Timeline:", Style(bold: true)))
        }
        for entry in state.detailLog {
            let who = entry.actorID == AccessPolicy.anonymousActor ? UIText.anonymous.text(language) : person(entry.actorID)
            let action = ChangeWords.actionName(entry.action).text(language)
            add("· \(Day(entry.at)) \(who) \(action)" + timelineChanges(entry, words, language), Style(dim: true), indent: true)
        }
        return lines
    }

    /// What a step changed, after its name: the values that tell what happened ("等级 一般 →
    /// 急难", "期限 2026-12-27 → 2027-01-10", the reason); an intake shows its stage only.
    static func timelineChanges(_ entry: AuditEntry, _ words: ChangeWords, _ language: Language) -> String {
        let zh = language == .zh
        // Book-keeping fields that every step touches, or that another field says better.
        var skipped: Set<String> = ["tier", "paused-days"]
        if entry.action == ConcernAction.open.rawValue || ["import", "generate", "seed"].contains(entry.action) {
            guard let stage = entry.changes.first(where: { $0.field == "stage" }) else { return "" }
            return "  " + words.value("stage", stage.new, language)
        }
        // A step's own subject says itself: the stage a plan moves to is worth a word, the plan's text is in the detail above.
        if entry.action == ConcernAction.plan.rawValue { skipped.insert("plan") }
        // An escalation says where it went; the library's own change would say it twice.
        if entry.changes.contains(where: { $0.field == "escalation" }) { skipped.insert("unit") }
        if entry.action == ConcernAction.analyse.rawValue || entry.action == ConcernAction.edit.rawValue { skipped.formUnion(["root-cause", "description", "title"]) }
        // A second analysis says what it changed: the detail above shows only the latest.
        if entry.action == ConcernAction.analyse.rawValue, entry.changes.contains(where: { $0.field == "root-cause" && !$0.old.isEmpty }) {
            skipped.remove("root-cause")
        }
        // A change its step already names ("上报  上报 …", "签订责任状  责任状 …", "add progress
        // progress: …") says its value only.
        let step = ChangeWords.actionName(entry.action).text(language)
        let said = entry.changes.filter { !skipped.contains($0.field) }.map { change -> String in
            let text = words.describe(change, language)
            let name = ChangeWords.fieldName(change.field).text(language)
            guard step.contains(name) else { return text }
            for prefix in [name + (zh ? "：" : ": "), name + " "] where text.hasPrefix(prefix) { return String(text.dropFirst(prefix.count)) }
            return text
        }
        return said.isEmpty ? "" : "  " + said.joined(separator: zh ? "；" : "; ")
    }
}

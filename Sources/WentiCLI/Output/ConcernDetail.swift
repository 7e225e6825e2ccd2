import WentiCore
import WentiSession
import WentiStore
import WentiText

/// The text of `wenti show`: every field, the path across tiers, tasks, notes and feedback.
enum ConcernDetail {
    static func render(_ c: Concern, workspace: Workspace, language: Language, today: Day) -> String {
        let zh = language == .zh
        let org = workspace.organisation
        func person(_ id: PersonID?) -> String { id.map { org.person($0)?.name ?? $0.rawValue } ?? "-" }
        func unit(_ id: UnitID?) -> String { id.map { org.unit($0)?.name ?? $0.rawValue } ?? "-" }
        func field(_ zhName: String, _ enName: String, _ value: String) -> String {
            let name = zh ? zhName : enName
            return TerminalText.fit(name, to: zh ? 12 : 18) + value
        }
        let reporter: String = switch c.reporter {
        case .named(let name, _): name.isEmpty ? "-" : name
        case .anonymous(.some): zh ? "匿名（身份已加密：wenti identity open \(c.code) --reason 理由）" : "anonymous (identity sealed: wenti identity open \(c.code) --reason WHY)"
        case .anonymous(nil): zh ? "匿名" : "anonymous"
        }
        var lines = [
            "\(c.code)  \(c.title)",
            field("阶段", "Stage", c.stage.label.text(language)),
            field("问题库", "Library", "\(c.tier.code) \(unit(c.unitID))"),
            field("等级", "Grade", c.grade.map { "\($0.label.text(language))（\($0.stance.text(language))）" } ?? "-"),
            field("类别", "Category", workspace.category(c.categoryID)?.name.text(language) ?? c.categoryID.rawValue),
            field("渠道", "Channel", c.channel.label.text(language) + (c.source.map { " · \($0.id)" } ?? "")),
            field("发现人", "Finder", person(c.finderID)),
            field("反映人", "Reporter", reporter),
            field("涉及人员", "Involved", c.involvedPeople.isEmpty ? "-" : c.involvedPeople),
            field("反映日期", "Reported", c.reportedOn.description),
            field("第一责任人", "First responsible", person(c.firstResponsibleID)),
            field("责任部门", "Responsible unit", unit(c.responsibleUnitID)),
        ]
        if let deadline = DeadlineClock.effectiveDeadline(of: c, today: today) {
            let late = DeadlineClock.daysOverdue(c, today: today)
            lines.append(field("期限", "Due", deadline.description + (late > 0 ? (zh ? "（逾期 \(late) 天）" : " (\(late) days late)") : "")))
        }
        if let review = c.nextReview { lines.append(field("下次复查", "Next review", review.description)) }
        if c.pausedDays > 0 || c.pausedSince != nil {
            lines.append(field("暂停天数", "Paused days", "\(c.pausedDays)" + (c.pausedSince.map { zh ? "，自 \($0) 起暂停中" : ", paused since \($0)" } ?? "")))
        }
        if let processing = c.processing { lines.append(field("处理方式", "Processing", processing.label.text(language))) }
        if let pledge = c.pledge { lines.append(field("责任状", "Pledge", "\(person(pledge.personID)) \(pledge.signedOn)")) }
        lines.append("")
        lines.append((zh ? "描述：" : "Description: ") + c.description)
        if !c.analysis.rootCause.isEmpty {
            lines.append((zh ? "根源：" : "Root cause: ") + c.analysis.rootCause
                         + " [\(c.analysis.difficulty?.label.text(language) ?? "-") / \(c.analysis.breadth?.label.text(language) ?? "-")]")
        }
        if !c.plan.isEmpty { lines.append((zh ? "方案：" : "Plan: ") + c.plan) }
        if !c.escalations.isEmpty {
            lines.append(zh ? "上报路径：" : "Escalations:")
            for e in c.escalations {
                lines.append("  \(e.on)  \(e.fromTier.code) \(unit(e.fromUnitID)) → \(e.toTier.code) \(unit(e.toUnitID))：\(e.reason)")
            }
            // The hand-over: who was released, what the receiving tier still owes.
            for note in EscalationHandOver.notes(of: c) { lines.append("  \(note.on)  \(note.text)") }
            if let pending = EscalationHandOver.pending(c, organisation: workspace.organisation) {
                lines.append("  " + pending.text(language))
            }
        }
        if let referral = c.referral {
            lines.append((zh ? "转办：" : "Referred: ") + "\(referral.on) → \(unit(referral.toUnitID))：\(referral.explanation)")
        }
        if !c.tasks.isEmpty {
            lines.append(zh ? "任务书：" : "Task book:")
            for (i, t) in c.tasks.enumerated() { lines.append("  \(i + 1). [\(t.state.label.text(language))] \(t.due)  \(t.title)") }
        }
        if !c.notes.isEmpty {
            lines.append(zh ? "进展：" : "Progress:")
            for n in c.notes { lines.append("  \(n.on)  \(person(n.authorID))：\(n.text)") }
        }
        if !c.feedback.isEmpty {
            lines.append(zh ? "反馈：" : "Feedback:")
            for f in c.feedback {
                lines.append("  \(f.on)  \(f.contact)（\(f.method.label.text(language))）\(f.effect.label.text(language)) / \(f.satisfaction.label.text(language)) / \(f.score)" + (f.note.isEmpty ? "" : "：\(f.note)"))
            }
        }
        if let closure = c.closure {
            switch closure {
            case .withFeedback: lines.append((zh ? "办结：" : "Closed: ") + (c.closedOn?.description ?? ""))
            case .withoutFeedback(let reason): lines.append((zh ? "办结（未反馈）：" : "Closed without feedback: ") + "\(c.closedOn?.description ?? "")  \(reason)")
            }
        }
        if !c.links.isEmpty {
            lines.append((zh ? "关联：" : "Links: ") + c.links.map { "\($0.kind.rawValue):\($0.target)" }.joined(separator: ", "))
        }
        lines.append((zh ? "版本 " : "version ") + "\(c.version)")
        // Everything above came from data: one pass through the sanitiser before it is printed.
        return TextSanitizer.clean(lines.joined(separator: "\n"), mode: .multiLine)
    }
}

import WentiCore
import WentiSession
import WentiStore
import WentiText

/// The text of `wenti show`: every field, the path across tiers, tasks, notes and feedback.
enum ConcernDetail {
    static func render(_ c: Concern, workspace: Workspace, language: Language, today: Day,
                       records: Session.RecordsAround = Session.RecordsAround(), advice: NextStep.Advice? = nil) -> String {
        let zh = language == .zh
        let org = workspace.organisation
        let words = workspace.changeWords
        let colon = zh ? "：" : ": "
        func bracketed(_ text: String) -> String { zh ? "（\(text)）" : " (\(text))" }
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
            field("等级", "Grade", c.grade.map { $0.label.text(language) + bracketed($0.stance.text(language)) } ?? "-"),
            field("类别", "Category", workspace.category(c.categoryID)?.name.text(language) ?? c.categoryID.rawValue),
            field("渠道", "Channel", c.channel.label.text(language) + (c.source.map { (zh ? "：" : ": ") + words.source($0, language) } ?? "")),
            field("发现人", "Finder", person(c.finderID)),
            field("反映人", "Reporter", reporter),
            field("涉及人员", "Involved", [c.involvedPeople.isEmpty ? nil : c.involvedPeople, c.involvedUnitID.map { unit($0) }]
                .compactMap { $0 }.joined(separator: zh ? "、" : ", ").nonEmpty ?? "-"),
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
            lines.append(field("计时", "Clock", (c.pausedSince.map { zh ? "已暂停（自 \($0) 起）" : "paused since \($0)" } ?? (zh ? "运行中" : "running"))
                + (c.pausedDays > 0 ? (zh ? "，此前暂停 \(c.pausedDays) 天" : ", \(English.count(c.pausedDays, "day")) paused before") : "")))
        }
        if let processing = c.processing { lines.append(field("处理方式", "Processing", processing.label.text(language))) }
        if let pledge = c.pledge { lines.append(field("责任状", "Pledge", "\(person(pledge.personID)) \(pledge.signedOn)")) }
        if let advice {
            let next = advice.step.label.text(language)
            lines.append(field("下一步", "Next step", advice.isTheViewers ? next
                               : next + (zh ? "（由\(advice.whoWill.zh)办理）" : " (by \(advice.whoWill.en))")))
        }
        lines.append("")
        lines.append((zh ? "描述：" : "Description: ") + c.description)
        if !c.analysis.rootCause.isEmpty {
            lines.append((zh ? "根源：" : "Root cause: ") + c.analysis.rootCause)
        }
        if c.analysis.difficulty != nil || c.analysis.breadth != nil {
            lines.append((zh ? "难易：" : "Difficulty: ") + (c.analysis.difficulty?.label.text(language) ?? "-")
                         + (zh ? "  涉及面：" : "  breadth: ") + (c.analysis.breadth?.label.text(language) ?? "-"))
        }
        if !c.plan.isEmpty { lines.append((zh ? "方案：" : "Plan: ") + c.plan) }
        if !c.escalations.isEmpty {
            lines.append(zh ? "上报路径：" : "Escalations:")
            for e in c.escalations {
                lines.append("  \(e.on)  \(e.fromTier.code) \(unit(e.fromUnitID)) → \(e.toTier.code) \(unit(e.toUnitID))" + colon + e.reason)
            }
            // The hand-over: who was released, what the receiving tier still owes.
            for note in EscalationHandOver.notes(of: c) { lines.append("  \(note.on)  \(note.text)") }
            if let pending = EscalationHandOver.pending(c, organisation: workspace.organisation) {
                lines.append("  " + pending.text(language))
            }
        }
        if let referral = c.referral {
            lines.append((zh ? "转办：" : "Referred: ") + "\(referral.on) → \(unit(referral.toUnitID))" + colon + referral.explanation)
        }
        if !c.tasks.isEmpty {
            lines.append(zh ? "任务书：" : "Task book:")
            for (i, t) in c.tasks.enumerated() { lines.append("  \(i + 1). [\(t.state.label.text(language))] \(t.due)  \(t.title)") }
        }
        if !c.notes.isEmpty {
            lines.append(zh ? "进展：" : "Progress:")
            for n in c.notes { lines.append("  \(n.on)  \(person(n.authorID))" + colon + n.text) }
        }
        if !c.feedback.isEmpty {
            lines.append(zh ? "反馈：" : "Feedback:")
            for f in c.feedback {
                lines.append("  \(f.on)  \(f.contact)" + bracketed(f.method.label.text(language)) + " \(f.effect.label.text(language)) / \(f.satisfaction.label.text(language)) / \(f.score)" + (f.note.isEmpty ? "" : colon + f.note))
            }
        }
        if let closure = c.closure {
            switch closure {
            case .withFeedback: lines.append((zh ? "办结：" : "Closed: ") + (c.closedOn?.description ?? ""))
            case .withoutFeedback(let reason): lines.append((zh ? "办结（未反馈）：" : "Closed without feedback: ") + "\(c.closedOn?.description ?? "")  \(reason)")
            }
        }
        let notices = records.notices(of: c.code)
        if !notices.isEmpty {
            lines.append(zh ? "督办通知单：" : "Supervision notices:")
            for n in notices {
                var text = "  \(n.id)  \(n.issuedOn)  \(n.state.label.text(language))  " + (zh ? "发往 " : "to ") + "\(person(n.toPersonID)) · \(unit(n.toUnitID))"
                if n.isOpen, let node = n.nextOpenNode(today: today) { text += (zh ? "  下一节点 " : "  next node ") + "\(node.due) \(node.title)" }
                if !n.chasers.isEmpty { text += zh ? "  催办 \(n.chasers.count) 次" : "  chased \(n.chasers.count)×" }
                lines.append(text)
            }
        }
        let meetings = records.meetings(of: c.code)
        if !meetings.isEmpty {
            lines.append(zh ? "三方会议：" : "Tri-party meetings:")
            for m in meetings {
                let item = m.items.first { $0.concern == c.code }
                let outcome: String = switch (m.state, item?.purpose, item?.decision) {
                case (.planned, _, _): zh ? "待召开" : "planned"
                case (.held, .define?, nil): zh ? "暂缓" : "deferred"
                case (.held, .define?, _?): zh ? "已界定" : "defined"
                default: item?.purpose.label.text(language) ?? ""
                }
                lines.append("  " + Meeting.name(of: m.id, in: org).text(language) + (m.heldOn.map { "  \($0)" } ?? "") + "  " + outcome)
            }
        }
        let links = c.links.filter { $0.kind != .meeting || meetings.isEmpty }
        if !links.isEmpty {
            lines.append((zh ? "关联：" : "Links: ") + links.map { words.link($0, language) }.joined(separator: zh ? "、" : ", "))
        }
        // Everything above came from data: one pass through the sanitiser before it is printed.
        return TextSanitizer.clean(lines.joined(separator: "\n"), mode: .multiLine)
    }
}

extension String {
    /// nil for the empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}

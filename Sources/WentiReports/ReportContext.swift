import WentiCore
import WentiText

/// Turns records into what the templates read: plain dictionaries of text, every value
/// cleaned of control characters, and never a reporter (named or anonymous).
public struct ReportContext: Sendable {
    public var organisation: Organisation
    public var policy: GradePolicy
    public var language: Language

    public init(organisation: Organisation, policy: GradePolicy, language: Language) {
        self.organisation = organisation
        self.policy = policy
        self.language = language
    }

    // MARK: Agenda and minutes

    /// A meeting's agenda (planned) or minutes (held); `concerns` gives titles and stages.
    public func meeting(_ meeting: Meeting, concerns: [ConcernCode: Concern], today: Day) -> [String: Any] {
        let sections: [[String: Any]] = AgendaPurpose.allCases.compactMap { purpose in
            let items = meeting.items.filter { $0.purpose == purpose }
            guard !items.isEmpty else { return nil }
            return ["title": text(purpose.label), "count": items.count,
                    "items": items.map { item(for: $0, concern: concerns[$0.concern], held: meeting.state == .held,
                                              decidedOn: meeting.heldOn ?? today, today: today) }]
        }
        var header: [String: Any] = ["id": clean(meeting.id), "unit": unitName(meeting.unitID), "month": meeting.month.description,
                                     "state": meeting.state.rawValue]
        if let heldOn = meeting.heldOn { header["heldOn"] = heldOn.description }
        if let attendance = meeting.attendance {
            header["chair"] = attendance.chairID.map(personName) ?? "—"
            header["recorder"] = attendance.recorderID.map(personName) ?? "—"
            header["place"] = clean(attendance.place)
            header["attendees"] = attendance.attendees.map(clean).joined(separator: language == .zh ? "、" : ", ")
        }
        if !meeting.notes.isBlank { header["notes"] = paragraph(meeting.notes) }
        var context = base()
        context["title"] = text(ReportLabels.all[meeting.state == .held ? "minutesTitle" : "agendaTitle"]!)
        context["meeting"] = header
        context["sections"] = sections
        return context
    }

    private func item(for item: MeetingItem, concern: Concern?, held: Bool, decidedOn: Day, today: Day) -> [String: Any] {
        var row: [String: Any] = [
            "code": item.concern.description,
            "title": clean(concern?.title ?? ""),
            // Held minutes show the item as the meeting left it; an agenda, as it stands today.
            "stage": (held ? item.snapshot.map { text($0.stage.label) } : nil) ?? concern.map { text($0.stage.label) } ?? "",
            "finder": item.parties.finderID.map(personName) ?? "—",
            "involved": item.parties.involved.isBlank ? "—" : clean(item.parties.involved),
            "solvingUnit": item.parties.solvingUnitID.map(unitName) ?? "—",
        ]
        if let grade = held && item.snapshot != nil ? item.snapshot?.grade : concern?.grade { row["grade"] = text(grade.label) }
        if let from = item.deferredFrom { row["deferredFrom"] = clean(from) }
        if !held, let concern, let due = DeadlineClock.effectiveDeadline(of: concern, today: today) { row["due"] = due.description }
        if let decision = item.decision {
            var decided: [String: Any] = [
                "rootCause": clean(decision.analysis.rootCause),
                "difficulty": decision.analysis.difficulty.map { text($0.label) } ?? "—",
                "breadth": decision.analysis.breadth.map { text($0.label) } ?? "—",
                "grade": text(decision.grade.label), "stance": text(decision.grade.stance),
                "plan": paragraph(decision.plan), "firstResponsible": personName(decision.firstResponsibleID),
                "responsibleUnit": unitName(decision.responsibleUnitID),
            ]
            let scheduled = policy.schedule(for: decision.grade, gradedOn: decidedOn)
            decided["deadline"] = (decision.deadlineOverride ?? scheduled.deadline ?? scheduled.nextReview)?.description ?? "—"
            if let reason = decision.deadlineReason, !reason.isBlank { decided["deadlineReason"] = clean(reason) }
            row["decision"] = decided
        }
        if held && item.purpose == .define && item.decision == nil { row["deferred"] = true }
        if item.purpose == .reportFeedback, let feedback = concern?.latestFeedback {
            row["feedback"] = "\(feedback.on) \(text(feedback.method.label)) · \(text(feedback.effect.label)) · "
                + "\(text(feedback.satisfaction.label)) (\(feedback.score)/5)"
        } else if item.purpose == .reportFeedback, case .withoutFeedback(let reason)? = concern?.closure {
            row["feedback"] = (language == .zh ? "无反馈：" : "no feedback: ") + clean(reason)
        }
        return row
    }

    // MARK: Supervision notice

    public func notice(_ notice: SupervisionNotice, concern: Concern?, today: Day) -> [String: Any] {
        var context = base()
        context["id"] = clean(notice.id)
        context["concern"] = [
            "code": notice.concern.description, "title": clean(concern?.title ?? ""),
            "grade": concern?.grade.map { text($0.label) } ?? "—", "plan": paragraph(concern?.plan ?? ""),
        ]
        context["issuedOn"] = notice.issuedOn.description
        context["issuedBy"] = personName(notice.issuedByID)
        context["toUnit"] = unitName(notice.toUnitID)
        context["toPerson"] = personName(notice.toPersonID)
        context["state"] = text(notice.state.label)
        if notice.isOverdue(today: today) { context["overdueDays"] = notice.daysOverdue(today: today) }
        context["nodes"] = notice.nodes.map { node -> [String: Any] in
            ["due": node.due.description, "title": clean(node.title), "passed": node.due < today && notice.isOpen]
        }
        context["hasChasers"] = !notice.chasers.isEmpty
        context["chasers"] = notice.chasers.map { chaser -> [String: Any] in
            var row: [String: Any] = ["on": chaser.on.description, "by": personName(chaser.byID), "text": clean(chaser.text)]
            if let answered = chaser.answeredOn { row["answeredOn"] = answered.description }
            return row
        }
        return context
    }

    // MARK: Bulletin

    public func bulletin(_ bulletin: Bulletin) -> [String: Any] {
        var context = base()
        context["period"] = bulletin.period.description
        context["asOf"] = bulletin.asOf.description
        context["overall"] = figures(bulletin.overall)
        context["breakdowns"] = [
            ("byGrade", "grade", bulletin.byGrade), ("byTier", "tier", bulletin.byTier), ("byUnit", "unit", bulletin.byUnit),
        ].map { key, heading, rows -> [String: Any] in
            ["title": text(ReportLabels.all[key]!), "heading": text(ReportLabels.all[heading]!),
             "rows": rows.map { row in figures(row.figures).merging(["label": clean(text(row.label))]) { $1 } }]
        }
        context["byStage"] = bulletin.byStage.map { ["stage": text($0.stage.label), "count": $0.count] as [String: Any] }
        let notices = bulletin.notices
        context["notices"] = ["issued": notices.issued, "completed": notices.completed, "overdue": notices.overdue,
                              "chasers": notices.chasers, "chasersAnswered": notices.chasersAnswered]
        context["notable"] = bulletin.notable.map { notable -> [String: Any] in
            var row: [String: Any] = ["code": notable.code.description, "title": clean(notable.title),
                                      "unit": clean(notable.unitName), "why": text(notable.why)]
            if let grade = notable.grade { row["grade"] = text(grade.label) }
            return row
        }
        return context
    }

    func figures(_ figures: Figures) -> [String: Any] {
        ["found": figures.found, "accepted": figures.accepted, "solved": figures.solved, "overdue": figures.overdue,
         "referred": figures.referred, "onTime": Figures.percent(figures.onTimeRate), "feedback": figures.feedback,
         "satisfaction": Figures.percent(figures.satisfactionRate), "everyItem": Figures.percent(figures.everyItemAnsweredRate)]
    }

    // MARK: Pieces

    private func base() -> [String: Any] {
        ["l": ReportLabels.dictionary(language), "lang": language == .zh ? "zh-CN" : "en"]
    }

    private func text(_ localized: LocalizedText) -> String { localized.text(language) }

    private func clean(_ value: String) -> String { TextSanitizer.clean(value) }

    /// Text typed over several lines (a plan, notes): its line breaks stay, and each
    /// format's escaping makes them line breaks there (`ReportFormat`), never "⏎".
    private func paragraph(_ value: String) -> String { TextSanitizer.clean(value, mode: .multiLine) }

    private func personName(_ id: PersonID) -> String { clean(organisation.person(id)?.name ?? id.rawValue) }

    private func unitName(_ id: UnitID) -> String { clean(organisation.unit(id)?.name ?? id.rawValue) }
}

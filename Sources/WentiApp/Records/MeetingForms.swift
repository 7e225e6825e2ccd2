import WentiCore
import WentiSession
import WentiStore

/// The meeting forms: an item's three parties (and, for a concern to define, the
/// decision), and the minutes' confirmation.
@MainActor
enum MeetingForms {
    /// The form for one agenda item, filled from what was entered, else from the record.
    static func decisionForm(_ item: MeetingItem, concern: Concern?, org: Organisation) -> Form {
        let personName = { (id: PersonID?) in id.flatMap { org.person($0)?.name } ?? "" }
        let unitName = { (id: UnitID?) in id.flatMap { org.unit($0)?.name } ?? "" }
        var fields: [Form.Field] = [
            RecordFields.line("finder", RecordFields.finder, personName(item.parties.finderID), required: true),
            RecordFields.line("involved", RecordFields.involved, item.parties.involved, required: true),
            RecordFields.line("solving", RecordFields.solvingUnit, unitName(item.parties.solvingUnitID), required: item.purpose == .define),
        ]
        guard item.purpose == .define else { return Form(fields: fields) }
        let decision = item.decision
        let analysis = decision?.analysis ?? concern?.analysis ?? Analysis()
        let plan = TextArea(decision?.plan ?? concern?.plan ?? "")
        fields += [
            RecordFields.line("root-cause", RecordFields.rootCause, analysis.rootCause, required: true),
            RecordFields.choice("difficulty", RecordFields.difficulty, analysis.difficulty, default: 1) as Form.Field,
            RecordFields.choice("breadth", RecordFields.breadth, analysis.breadth, default: 1) as Form.Field,
            RecordFields.choice("grade", RecordFields.grade, decision?.grade ?? concern?.grade, default: 2) as Form.Field,
            Form.Field(id: "plan", label: RecordFields.plan, input: .lines(plan, height: 2), required: true),
            RecordFields.line("responsible", RecordFields.firstResponsible,
                              personName(decision?.firstResponsibleID ?? concern?.firstResponsibleID), required: true),
            RecordFields.line("department", RecordFields.department,
                              unitName(decision?.responsibleUnitID ?? concern?.responsibleUnitID ?? item.parties.solvingUnitID), required: true),
            RecordFields.line("deadline", RecordFields.deadline, decision?.deadlineOverride?.description ?? ""),
            RecordFields.line("reason", RecordFields.reason, decision?.deadlineReason ?? ""),
        ]
        return Form(fields: fields)
    }

    /// The day the meeting was held: today when today is in its month, else its last day.
    static func minutesForm(_ meeting: Meeting, today: Day) -> Form {
        let day = meeting.month.contains(today) ? today : min(meeting.month.lastDay, max(meeting.month.firstDay, today))
        return Form(fields: [RecordFields.line("held-on", RecordFields.heldOn, day.description, required: true)])
    }

    /// Checks one field: names that must be a person or a unit, a date that must parse.
    static func validate(_ field: Form.Field, org: Organisation) -> LocalizedText? {
        let value = field.value.trimmed
        guard !value.isEmpty else { return nil }
        switch field.id {
        case "finder", "responsible":
            return org.resolvePerson(value) == nil ? LocalizedText(zh: "没有此人", en: "no such person") : nil
        case "solving", "department":
            return org.resolveUnit(value) == nil ? LocalizedText(zh: "没有此单位", en: "no such unit") : nil
        case "deadline", "held-on":
            return Day(value) == nil ? LocalizedText(zh: "日期形如 2026-12-20", en: "a date like 2026-12-20") : nil
        default:
            return nil
        }
    }

    /// The item with the form's values; throws the meeting's own reason when the decision
    /// is incomplete (the form stays open to correct it).
    static func item(_ item: MeetingItem, with values: [String: String], org: Organisation) throws(MeetingError) -> MeetingItem {
        var updated = item
        updated.parties = TriParty(finderID: org.resolvePerson(values["finder"]?.trimmed ?? "")?.id,
                                   involved: values["involved"]?.trimmed ?? "",
                                   solvingUnitID: org.resolveUnit(values["solving"]?.trimmed ?? "")?.id)
        guard item.purpose == .define, let person = org.resolvePerson(values["responsible"]?.trimmed ?? ""),
              let department = org.resolveUnit(values["department"]?.trimmed ?? "") else { return updated }
        let deadline = Day(values["deadline"]?.trimmed ?? "")
        let reason = values["reason"]?.trimmed ?? ""
        let decision = MeetingDecision(
            analysis: Analysis(rootCause: values["root-cause"]?.trimmed ?? "",
                               difficulty: RecordFields.pick(values, "difficulty", Difficulty.self),
                               breadth: RecordFields.pick(values, "breadth", Breadth.self)),
            grade: RecordFields.pick(values, "grade", Grade.self), plan: values["plan"] ?? "",
            firstResponsibleID: person.id, responsibleUnitID: department.id,
            deadlineOverride: deadline, deadlineReason: deadline == nil || reason.isEmpty ? nil : reason)
        try decision.validate(for: item.concern)
        updated.decision = decision
        return updated
    }
}

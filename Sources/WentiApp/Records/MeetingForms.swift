import WentiCore
import WentiSession
import WentiStore

/// The meeting forms: an item's three parties (and, for a concern to define, the
/// decision), and the minutes' confirmation.
@MainActor
enum MeetingForms {
    /// The form for one agenda item, filled from what was entered, else from the record.
    static func decisionForm(_ item: MeetingItem, concern: Concern?, org: Organisation) -> Form {
        let people = PickOptions.people(org)
        let units = PickOptions.units(org)
        var fields: [Form.Field] = [
            RecordFields.pick("finder", RecordFields.finder, people, item.parties.finderID?.rawValue ?? "", required: true),
            RecordFields.line("involved", RecordFields.involved, item.parties.involved, required: true),
            RecordFields.pick("solving", RecordFields.solvingUnit, units, item.parties.solvingUnitID?.rawValue ?? "", required: item.purpose == .define),
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
            // Those of the concern's own unit and department first: the owner is usually there.
            RecordFields.pick("responsible", RecordFields.firstResponsible, PickOptions.people(org, near: concern?.unitID),
                              (decision?.firstResponsibleID ?? concern?.firstResponsibleID)?.rawValue ?? "", required: true),
            RecordFields.pick("department", RecordFields.department, units,
                              (decision?.responsibleUnitID ?? concern?.responsibleUnitID ?? item.parties.solvingUnitID)?.rawValue ?? "", required: true),
            RecordFields.line("deadline", RecordFields.deadline, decision?.deadlineOverride?.description ?? ""),
            RecordFields.line("reason", RecordFields.reason, decision?.deadlineReason ?? ""),
        ]
        return Form(fields: fields)
    }

    /// The sitting the minutes record: the day (today by default: minutes are confirmed once
    /// the meeting has sat, never ahead of it), the chair (default: the viewer), the recorder,
    /// the place and the attendees (names separated by commas).
    static func minutesForm(_ meeting: Meeting, today: Day, viewer: Person, org: Organisation) -> Form {
        let attendance = meeting.attendance
        let people = PickOptions.people(org)
        return Form(fields: [
            RecordFields.line("held-on", RecordFields.heldOn, (meeting.heldOn ?? today).description, required: true),
            RecordFields.pick("chair", RecordFields.chair, people, (attendance?.chairID ?? viewer.id).rawValue, required: true),
            RecordFields.pick("recorder", RecordFields.recorder, people, attendance?.recorderID?.rawValue ?? "", required: true),
            RecordFields.line("place", RecordFields.place, attendance?.place ?? "", required: true),
            RecordFields.line("attendees", RecordFields.attendees, attendance?.attendees.joined(separator: "，") ?? "", required: true),
        ])
    }

    /// The attendance the minutes form's values name (names already checked by `validate`).
    static func attendance(from values: [String: String], org: Organisation) -> MeetingAttendance {
        let attendees = (values["attendees"] ?? "").split(whereSeparator: { ",，、;；".contains($0) })
            .map { String($0).trimmed }.filter { !$0.isEmpty }
        return MeetingAttendance(chairID: org.resolvePerson(values["chair"]?.trimmed ?? "")?.id,
                                 recorderID: org.resolvePerson(values["recorder"]?.trimmed ?? "")?.id,
                                 place: values["place"]?.trimmed ?? "", attendees: attendees)
    }

    /// The minutes form's field a refusal is about (nil: none in particular).
    static func minutesField(of error: MeetingError) -> String? {
        switch error {
        case .heldInFuture, .heldBeforeLast, .heldOutsideMonth, .notHeld: "held-on"
        case .attendanceMissing(let field): field.rawValue
        default: nil
        }
    }

    /// What `C` asks before anything is applied: how many decisions, how many deferred.
    static func confirmQuestion(_ meeting: Meeting, _ language: Language, org: Organisation) -> String {
        let decided = meeting.decided.count
        let deferred = meeting.deferred.count
        let name = Meeting.name(of: meeting.id, in: org).text(language)
        return language == .zh ? "确认 \(name)纪要：执行 \(decided) 项决定，暂缓 \(deferred) 项？"
            : "Confirm the minutes of the \(name): apply \(English.count(decided, "decision")), defer \(deferred)?"
    }

    /// Checks one field: names that must be a person or a unit, a date that must parse.
    static func validate(_ field: Form.Field, org: Organisation) -> LocalizedText? {
        let value = field.value.trimmed
        guard !value.isEmpty else { return nil }
        switch field.id {
        case "finder", "responsible", "chair", "recorder":
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

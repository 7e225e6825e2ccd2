import WentiCore
import WentiSession
import WentiStore

/// Writing a practice entry from a solved concern, and applying one to a batch.
@MainActor
enum PracticeForms {
    /// Prefilled from the concern's record (its title, description, root cause and plan).
    static func writeUpForm(_ concern: Concern) -> Form {
        let draft = PracticeEntry.draft(from: concern, id: "", library: .caseAnalysis, on: concern.solvedOn ?? concern.reportedOn, author: concern.updatedByID)
        // The method is the concern's plan. Its last note is how it ended (the solve summary
        // or a status), not a method: copied here, it became other concerns' plans.
        let done = draft.actions
        return Form(fields: [
            Form.Field(id: "library", label: LocalizedText(zh: "实践库", en: "Library"), input: .choice(PracticeLibrary.allCases.map(\.label), selected: 0)),
            RecordFields.line("title", LocalizedText(zh: "标题", en: "Title"), draft.title, required: true),
            Form.Field(id: "situation", label: LocalizedText(zh: "情况", en: "Situation"), input: .lines(TextArea(draft.situation), height: 2)),
            RecordFields.line("root-cause", RecordFields.rootCause, draft.rootCause),
            Form.Field(id: "actions", label: LocalizedText(zh: "做法", en: "What was done"), input: .lines(TextArea(done), height: 2), required: true),
            RecordFields.line("watch", LocalizedText(zh: "注意事项", en: "What to watch")),
            RecordFields.line("tags", LocalizedText(zh: "标签（逗号分隔）", en: "Tags (commas)")),
        ])
    }

    static func entry(from values: [String: String], concern: Concern, id: String, on day: Day, author: PersonID) -> PracticeEntry {
        let library = RecordFields.pick(values, "library", PracticeLibrary.self)
        let tags = (values["tags"] ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }).map { String($0).trimmed }.filter { !$0.isEmpty }
        return PracticeEntry(id: id, library: library, title: (values["title"] ?? "").trimmed, situation: values["situation"] ?? "",
                             rootCause: values["root-cause"] ?? "", actions: values["actions"] ?? "", watchPoints: values["watch"] ?? "",
                             categoryIDs: [concern.categoryID], tags: tags, sources: [concern.code], createdOn: day, authorID: author)
    }

    /// The batch group and the plan each of its concerns will record (naming the entry).
    static func applyForm(_ entry: PracticeEntry, groups: [Picker.Option]) -> Form {
        Form(fields: [
            RecordFields.pick("group", LocalizedText(zh: "批次", en: "Batch group"), groups, required: true),
            Form.Field(id: "plan", label: RecordFields.plan, input: .lines(TextArea("参照 \(entry.id)：\(entry.actions)"), height: 3), required: true),
        ])
    }

    /// The question the form adds when some concerns of the batch cannot take the plan.
    static let skipField = Form.Field(id: "skip", label: LocalizedText(zh: "跳过这些问题，应用其余", en: "Skip these, apply the rest"),
                                      input: .choice([LocalizedText(zh: "否", en: "no"), LocalizedText(zh: "是", en: "yes")], selected: 0))

    /// Which concerns a batch application leaves out, and why, in one line.
    static func skipping(_ plan: Session.BatchPlan) -> LocalizedText {
        let zh = plan.skipped.map { "\($0.code) \($0.reason.zh)" }.joined(separator: "；")
        let en = plan.skipped.map { "\($0.code) \($0.reason.en)" }.joined(separator: "; ")
        return LocalizedText(zh: "将跳过 \(plan.skipped.count) 个：\(zh)；选“是”应用其余 \(plan.apply.count) 个",
                             en: "\(plan.skipped.count) will be skipped: \(en); yes applies the other \(plan.apply.count)")
    }

}

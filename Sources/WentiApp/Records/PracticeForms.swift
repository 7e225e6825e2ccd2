import WentiCore
import WentiSession
import WentiStore

/// Writing a practice entry from a solved concern, and applying one to a batch.
@MainActor
enum PracticeForms {
    /// Prefilled from the concern's record (its title, description, root cause and plan).
    static func writeUpForm(_ concern: Concern) -> Form {
        let draft = PracticeEntry.draft(from: concern, id: "", library: .caseAnalysis, on: concern.solvedOn ?? concern.reportedOn, author: concern.updatedByID)
        let done = concern.notes.last.map { draft.actions.isBlank ? $0.text : draft.actions + "\n" + $0.text } ?? draft.actions
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
    static func applyForm(_ entry: PracticeEntry) -> Form {
        Form(fields: [
            RecordFields.line("group", LocalizedText(zh: "批次", en: "Batch group"), required: true),
            Form.Field(id: "plan", label: RecordFields.plan, input: .lines(TextArea("参照 \(entry.id)：\(entry.actions)"), height: 3), required: true),
        ])
    }

}

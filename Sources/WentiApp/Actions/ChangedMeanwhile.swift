import Foundation
import WentiCore
import WentiText

/// What someone else changed on a concern while this screen was working on it: who, when,
/// and each field in words with its value before and after (names and labels, never ids or
/// stored values). A form refused because of it comes back with this above its fields, the
/// concern read again, so that what was typed can be applied to the new version.
public struct ChangedMeanwhile: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public var field: LocalizedText
        /// nil for something added (a note, a feedback), which has no "before".
        public var old: LocalizedText?
        public var new: LocalizedText
    }

    public var code: ConcernCode
    /// nil when the person is not in the organisation (any more).
    public var byName: String?
    public var at: Date
    public var changes: [Change]

    /// The difference between the concern as the form was opened on it (`seen`, nil when it
    /// was never on screen) and as it is now.
    static func between(_ seen: Concern?, _ now: Concern, org: Organisation, categories: [Category]) -> ChangedMeanwhile {
        ChangedMeanwhile(code: now.code, byName: org.person(now.updatedByID)?.name,
                         at: now.updatedAt, changes: seen.map { changes(from: $0, to: now, org: org, categories: categories) } ?? [])
    }

    static func changes(from old: Concern, to new: Concern, org: Organisation, categories: [Category]) -> [Change] {
        var changes: [Change] = []
        func plain(_ text: String) -> LocalizedText { LocalizedText(zh: text, en: text) }
        func none() -> LocalizedText { LocalizedText(zh: "无", en: "none") }
        func compare<T: Equatable>(_ field: LocalizedText, _ path: KeyPath<Concern, T>, _ words: (T) -> LocalizedText) {
            let before = old[keyPath: path]
            let after = new[keyPath: path]
            if before != after { changes.append(Change(field: field, old: words(before), new: words(after))) }
        }
        func unit(_ id: UnitID?) -> LocalizedText { id.flatMap { org.unit($0)?.name }.map(plain) ?? none() }
        func person(_ id: PersonID?) -> LocalizedText { id.flatMap { org.person($0)?.name }.map(plain) ?? none() }
        func text(_ value: String) -> LocalizedText { value.isBlank ? none() : plain(value) }
        func day(_ value: Day?) -> LocalizedText { value.map { plain($0.description) } ?? none() }
        func label<T: Labelled>(_ value: T?) -> LocalizedText { value?.label ?? none() }

        compare(LocalizedText(zh: "标题", en: "title"), \.title, text)
        compare(LocalizedText(zh: "描述", en: "description"), \.description, text)
        compare(LocalizedText(zh: "类别", en: "category"), \.categoryID) { id in categories.first { $0.id == id }?.name ?? none() }
        compare(LocalizedText(zh: "所在问题库", en: "library"), \.unitID, unit)
        compare(LocalizedText(zh: "阶段", en: "stage"), \.stage, label)
        compare(LocalizedText(zh: "等级", en: "grade"), \.grade, label)
        compare(LocalizedText(zh: "根源", en: "root cause"), \.analysis.rootCause, text)
        compare(LocalizedText(zh: "难易", en: "difficulty"), \.analysis.difficulty, label)
        compare(LocalizedText(zh: "涉及面", en: "breadth"), \.analysis.breadth, label)
        compare(LocalizedText(zh: "解决方案", en: "plan"), \.plan, text)
        compare(LocalizedText(zh: "第一责任人", en: "first responsible"), \.firstResponsibleID, person)
        compare(LocalizedText(zh: "责任部门", en: "department"), \.responsibleUnitID, unit)
        compare(LocalizedText(zh: "期限", en: "deadline"), \.deadline, day)
        compare(LocalizedText(zh: "下次复查", en: "next review"), \.nextReview, day)
        compare(LocalizedText(zh: "处理方式", en: "handling"), \.processing) { $0?.label ?? none() }
        compare(LocalizedText(zh: "计时暂停自", en: "clock paused since"), \.pausedSince, day)
        compare(LocalizedText(zh: "转办", en: "referral"), \.referral) { referral in
            referral.map { LocalizedText(zh: unit($0.toUnitID).zh + "：" + $0.explanation, en: unit($0.toUnitID).en + ": " + $0.explanation) } ?? none()
        }
        compare(LocalizedText(zh: "责任状", en: "pledge"), \.pledge) { pledge in
            pledge.map { LocalizedText(zh: person($0.personID).zh + " " + $0.signedOn.description, en: person($0.personID).en + " " + $0.signedOn.description) } ?? none()
        }
        compare(LocalizedText(zh: "任务书", en: "task book"), \.tasks) { tasks in
            let open = tasks.filter { $0.state == .open }.count
            return LocalizedText(zh: "\(tasks.count) 项（未完成 \(open)）", en: "\(tasks.count) lines (\(open) open)")
        }
        // What is only ever added reads as an addition: the new notes, escalations, feedback.
        for note in new.notes.dropFirst(old.notes.count) {
            changes.append(Change(field: LocalizedText(zh: "新增进展", en: "new progress"), old: nil, new: plain(note.text)))
        }
        for escalation in new.escalations.dropFirst(old.escalations.count) {
            changes.append(Change(field: LocalizedText(zh: "上报", en: "escalated"), old: nil,
                                  new: LocalizedText(zh: unit(escalation.toUnitID).zh + "：" + escalation.reason,
                                                     en: unit(escalation.toUnitID).en + ": " + escalation.reason)))
        }
        for feedback in new.feedback.dropFirst(old.feedback.count) {
            changes.append(Change(field: LocalizedText(zh: "新增反馈", en: "new feedback"), old: nil,
                                  new: LocalizedText(zh: feedback.satisfaction.label.zh + "，" + feedback.effect.label.zh,
                                                     en: feedback.satisfaction.label.en + ", " + feedback.effect.label.en)))
        }
        if new.links.count > old.links.count {
            let added = new.links.dropFirst(old.links.count)
            changes.append(Change(field: LocalizedText(zh: "新增关联", en: "new links"), old: nil,
                                  new: LocalizedText(zh: added.map { $0.kind.label.zh + " " + $0.target }.joined(separator: "、"),
                                                     en: added.map { $0.kind.label.en + " " + $0.target }.joined(separator: ", "))))
        }
        return changes
    }

    /// The lines shown above the form: one sentence who and when, one line per change, and
    /// what the keys do now.
    func lines(_ language: Language, now: Date = Date()) -> [String] {
        let zh = language == .zh
        let when = Self.time(at, now: now)
        let byName = byName ?? (zh ? "他人" : "someone else")
        var lines = [zh ? "\(byName) 在 \(when) 修改了 \(code)，您的修改尚未保存。对方改了：" : "\(byName) changed \(code) at \(when); yours is not saved yet. They changed:"]
        if changes.isEmpty { lines[0] = zh ? "\(byName) 在 \(when) 修改了 \(code)，您的修改尚未保存。" : "\(byName) changed \(code) at \(when); yours is not saved yet." }
        for change in changes {
            let value = TextSanitizer.clean(change.new.text(language))
            let separator = zh ? "：" : ": "
            if let old = change.old {
                lines.append("· " + change.field.text(language) + separator + TextSanitizer.clean(old.text(language)) + " → " + value)
            } else {
                lines.append("· " + change.field.text(language) + separator + value)
            }
        }
        lines.append(zh ? "已按新版本重新读取，您填写的内容都在：C-s 在新版本上提交，Esc 放弃"
                        : "Read again with their change; what you typed is kept: C-s applies it to the new version, Esc drops it")
        return lines
    }

    /// The same lines in both languages, for a form's banner.
    var banner: [LocalizedText] {
        zip(lines(.zh), lines(.en)).map { LocalizedText(zh: $0, en: $1) }
    }

    /// "14:30" today, else "2026-11-24 14:30".
    static func time(_ date: Date, now: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = .current
        formatter.dateFormat = Calendar.current.isDate(date, inSameDayAs: now) ? "HH:mm" : "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}

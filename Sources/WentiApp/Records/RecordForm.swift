import Foundation
import WentiCore
import WentiReports
import WentiSession
import WentiStore

/// What a document export writes.
public enum ExportSubject: Sendable, Equatable {
    case meeting(String)
    case notice(String)
    case bulletin
}

/// A form that writes a record other than a concern command: a meeting item's parties and
/// decision, the minutes, a supervision notice, a chaser, a document export.
public enum RecordForm: Sendable, Equatable {
    case decision(meetingID: String, item: Int)
    case minutes(meetingID: String)
    /// A notice on the concern; `replacing` is the concern's open notice, which the form asks
    /// whether to replace (one open notice per concern).
    case issueNotice(ConcernCode, replacing: String?)
    case chase(noticeID: String)
    case export(ExportSubject)
    /// A practice entry written from a solved concern.
    case practice(ConcernCode)
    /// A practice applied to every concern of a batch group.
    case applyPractice(String)
    /// Opening a sealed reporter identity: the reason and the passphrase.
    case openIdentity(ConcernCode)
    /// A leader's visit, recorded after it happened.
    case visit
    /// How many visits each leader owes per month.
    case visitQuota

    /// Whether writing it changes concerns without leaving an undo of its own (minutes carry
    /// out decisions): then the last triage action is no longer the latest step to undo. A
    /// practice applied sets plans and leaves its own undo (`RecordOverlays.submit`).
    var changesConcerns: Bool {
        switch self {
        case .minutes: true
        case .decision, .issueNotice, .chase, .export, .practice, .applyPractice, .openIdentity, .visit, .visitQuota: false
        }
    }

    var title: LocalizedText {
        switch self {
        case .decision: LocalizedText(zh: "三方与会议决定", en: "Parties and decision")
        case .minutes(let id): LocalizedText(zh: "确认纪要 \(id)：召开情况", en: "Confirm the minutes of \(id): the sitting")
        case .issueNotice(let code, nil): LocalizedText(zh: "下发督办通知单 · \(code)", en: "Issue a supervision notice · \(code)")
        case .issueNotice(let code, let old?): LocalizedText(zh: "重新下发督办通知单 · \(code)（现有 \(old)）", en: "Reissue a supervision notice · \(code) (open: \(old))")
        case .chase(let id): LocalizedText(zh: "催办 \(id)", en: "Chase \(id)")
        case .export(.meeting(let id)): LocalizedText(zh: "导出 \(id)", en: "Export \(id)")
        case .export(.notice(let id)): LocalizedText(zh: "导出督办通知单 \(id)", en: "Export notice \(id)")
        case .export(.bulletin): LocalizedText(zh: "导出督办简报", en: "Export the supervision bulletin")
        case .practice(let code): LocalizedText(zh: "写成实践条目 · \(code)", en: "Write up as a practice entry · \(code)")
        case .applyPractice(let id): LocalizedText(zh: "把 \(id) 应用到批次", en: "Apply \(id) to a batch")
        case .openIdentity(let code): LocalizedText(zh: "查看匿名反映人身份 · \(code)（记入审计）", en: "Open the sealed identity · \(code) (audited)")
        case .visit: LocalizedText(zh: "记录领导走访", en: "Record a leader's visit")
        case .visitQuota: LocalizedText(zh: "领导走访定额", en: "The leaders' visit quota")
        }
    }
}

/// The labels of the record forms' fields.
enum RecordFields {
    static let finder = LocalizedText(zh: "发现者", en: "Finder")
    static let involved = LocalizedText(zh: "涉及人员", en: "People involved")
    static let solvingUnit = LocalizedText(zh: "解决部门", en: "Solving department")
    static let rootCause = LocalizedText(zh: "根源", en: "Root cause")
    static let difficulty = LocalizedText(zh: "难易", en: "Difficulty")
    static let breadth = LocalizedText(zh: "涉及面", en: "Breadth")
    static let grade = LocalizedText(zh: "等级", en: "Grade")
    static let plan = LocalizedText(zh: "解决方案", en: "Plan")
    static let firstResponsible = LocalizedText(zh: "第一责任人", en: "First responsible")
    static let department = LocalizedText(zh: "责任部门", en: "Department")
    static let deadline = LocalizedText(zh: "另定期限", en: "Other deadline")
    static let reason = LocalizedText(zh: "另定理由", en: "Its reason")
    static let heldOn = LocalizedText(zh: "召开日期", en: "Held on")
    static let chair = LocalizedText(zh: "主持人", en: "Chair")
    static let recorder = LocalizedText(zh: "记录人", en: "Recorder")
    static let place = LocalizedText(zh: "地点", en: "Place")
    static let attendees = LocalizedText(zh: "参会人员", en: "Attendees")
    static let nodes = LocalizedText(zh: "时间节点", en: "Deadline nodes")
    static let chaser = LocalizedText(zh: "催办内容", en: "Chaser")
    static let format = LocalizedText(zh: "格式", en: "Format")
    static let path = LocalizedText(zh: "保存到", en: "Save to")
    static let month = LocalizedText(zh: "月份", en: "Month")

    static func line(_ id: String, _ label: LocalizedText, _ text: String = "", required: Bool = false) -> Form.Field {
        var field = TextField()
        field.set(text)
        return Form.Field(id: id, label: label, input: .line(field), required: required)
    }

    /// A name chosen by type-ahead from `options` (people or units), starting at `text`.
    static func pick(_ id: String, _ label: LocalizedText, _ options: [Picker.Option], _ text: String = "", required: Bool = false) -> Form.Field {
        Form.Field(id: id, label: label, input: .pick(Picker(options, text: text)), required: required)
    }

    static func choice<T: Labelled & CaseIterable & Equatable>(_ id: String, _ label: LocalizedText, _ value: T?, default fallback: Int = 0) -> Form.Field {
        let all = Array(T.allCases)
        return Form.Field(id: id, label: label, input: .choice(all.map(\.label), selected: value.flatMap { all.firstIndex(of: $0) } ?? fallback))
    }

    static func pick<T: CaseIterable>(_ values: [String: String], _ id: String, _ type: T.Type) -> T {
        let all = Array(T.allCases)
        return all[min(max(0, Int(values[id] ?? "") ?? 0), all.count - 1)]
    }
}

import Foundation
import WentiCore

/// Why the store refused or failed. Each case reads as one line for a person.
public enum StoreError: Error, Equatable, Sendable, Labelled {
    case notInitialised(path: String)
    case alreadyInitialised(path: String)
    case concernNotFound(ConcernCode)
    case duplicateRecord(kind: String, id: String)
    case recordNotFound(kind: String, id: String)
    /// Someone else changed the concern since the version the write was based on.
    case conflict(ConcernCode, expected: Int, current: Int, changedBy: PersonID, changedByName: String, at: Date)
    case noActor
    case unknownActor(PersonID)
    case rule(WorkflowError)
    case meeting(MeetingError)
    case notice(NoticeError)
    case practice(PracticeError)
    case locked(path: String)
    case readOnly(path: String)
    case cannotOpen(path: String, reason: String)
    case constraint(String)
    case auditIsAppendOnly
    case database(String)

    public var label: LocalizedText {
        switch self {
        case .notInitialised(let path):
            LocalizedText(zh: "\(path) 还不是 wenti 工作区：先运行 wenti init 或 wenti demo",
                          en: "\(path) is not a wenti workspace yet: run wenti init or wenti demo first")
        case .alreadyInitialised(let path):
            LocalizedText(zh: "\(path) 已是 wenti 工作区", en: "\(path) is already a wenti workspace")
        case .concernNotFound(let code):
            LocalizedText(zh: "没有问题 \(code)，或您无权查看", en: "no concern \(code), or it is not visible to you")
        case .duplicateRecord(let kind, let id):
            LocalizedText(zh: "\(kind) \(id) 已存在", en: "\(kind) \(id) already exists")
        case .recordNotFound(let kind, let id):
            LocalizedText(zh: "没有\(kind) \(id)", en: "no \(kind) \(id)")
        case .conflict(let code, let expected, let current, let who, let name, let at):
            LocalizedText(
                zh: "\(code) 已被 \(name)（\(who)）于 \(Self.stamp(at)) 修改（版本 \(expected) → \(current)），您的修改未保存",
                en: "\(code) was changed by \(name) (\(who)) at \(Self.stamp(at)) (version \(expected) → \(current)); your change was not saved")
        case .noActor:
            LocalizedText(zh: "不知道以谁的身份操作：请用 --as 人员编号 或设置 WENTI_USER",
                          en: "no acting person: pass --as PERSON-ID or set WENTI_USER")
        case .unknownActor(let id):
            LocalizedText(zh: "没有编号为 \(id) 的人员（--as / WENTI_USER）", en: "no person with id \(id) (--as / WENTI_USER)")
        case .rule(let error): error.label
        case .meeting(let error): error.label
        case .notice(let error): error.label
        case .practice(let error): error.label
        case .locked(let path):
            LocalizedText(zh: "数据库 \(path) 正被其他进程锁定，请稍后再试", en: "the database \(path) is locked by another process; try again")
        case .readOnly(let path):
            LocalizedText(zh: "数据库 \(path) 只读，无法写入", en: "the database \(path) is read-only")
        case .cannotOpen(let path, let reason):
            LocalizedText(zh: "无法打开数据库 \(path)：\(reason)", en: "cannot open the database \(path): \(reason)")
        case .constraint(let detail):
            LocalizedText(zh: "数据不符合约束：\(detail)", en: "the data breaks a constraint: \(detail)")
        case .auditIsAppendOnly:
            LocalizedText(zh: "审计日志只能追加，不能修改或删除", en: "the audit log is append-only")
        case .database(let detail):
            LocalizedText(zh: "数据库错误：\(detail)", en: "database error: \(detail)")
        }
    }

    private static func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = .current
        return formatter.string(from: date)
    }
}

import Foundation
import WentiCore
import WentiSeal

/// Why the store refused or failed. Each case reads as one line for a person; none carries
/// a file path or a database's own message text, so every backend reports alike (the
/// location of a workspace is named by whoever opened it).
public enum StoreError: Error, Equatable, Sendable, Labelled {
    /// The kinds of record kept around concerns.
    public enum RecordKind: String, Sendable, Equatable {
        case meeting, notice, practice

        public var label: LocalizedText {
            switch self {
            case .meeting: LocalizedText(zh: "会议", en: "meeting")
            case .notice: LocalizedText(zh: "督办通知单", en: "notice")
            case .practice: LocalizedText(zh: "实践条目", en: "practice entry")
            }
        }
    }

    case notInitialised
    /// The file holds something else (another application's database, or not SQLite at all);
    /// it was left as it was.
    case notAWorkspace
    case alreadyInitialised
    case concernNotFound(ConcernCode)
    case recordNotFound(RecordKind, id: String)
    /// Someone else changed the concern since the version the write was based on.
    case conflict(ConcernCode, expected: Int, current: Int, changedByName: String, at: Date)
    case unknownPerson(PersonID)
    case rule(WorkflowError)
    case meeting(MeetingError)
    case notice(NoticeError)
    case practice(PracticeError)
    /// A leader's visit or the visit quota refused by its own rules.
    case finding(FindingError)
    /// Another writer holds the database; trying again later may work.
    case busy
    case readOnly
    case cannotOpen(reason: String)
    /// The data broke one of the schema's own rules (a check the workflow should have made).
    case constraint
    case auditIsAppendOnly
    /// Sealing or opening an identity failed (no key to seal to, a key that does not fit).
    case seal(SealError)
    /// The concern has no sealed identity to open.
    case noSealedIdentity(ConcernCode)
    /// The identity was written before identities were sealed and waits for the first
    /// `wenti keys init` to seal it.
    case identityAwaitingSeal(ConcernCode)
    case database(String)
    /// The shared server refused what the client let through: its row-level security or
    /// one of its guards says this person's role may not (someone bypassing wenti, or the
    /// organisation changed since the client read it).
    case deniedByServer
    /// Identities from before sealing still wait in plain text, so the workspace cannot move.
    case identitiesNotSealed(Int)
    /// The shared server cannot be reached (or the connection to it was lost); what was
    /// typed is kept, and the next try reconnects.
    case serverUnreachable(String)
    /// A person's login may not be a superuser role: a superuser bypasses row-level security
    /// and every guard, so that person would act with no rule applied.
    case superuserLogin(String)
    /// The server asks for a password and none was given (PGPASSWORD, ~/.pgpass, a prompt).
    case passwordRequired(role: String)
    /// TLS did not verify the server (its certificate is not signed by a CA given, or names
    /// another host): nothing was sent to it.
    case serverNotTrusted

    public var label: LocalizedText {
        switch self {
        case .notInitialised:
            LocalizedText(zh: "还不是 wenti 工作区：先运行 wenti init 或 wenti demo", en: "not a wenti workspace yet: run wenti init or wenti demo first")
        case .notAWorkspace:
            LocalizedText(zh: "不是 wenti 工作区（是其他程序的数据库或别的文件），未作任何改动；新建工作区请用 wenti init 并指定新的路径",
                          en: "not a wenti workspace (another application's database, or not a database at all); it was left untouched. To make a workspace, run wenti init with a new path")
        case .alreadyInitialised:
            LocalizedText(zh: "已是 wenti 工作区", en: "already a wenti workspace")
        case .concernNotFound(let code):
            LocalizedText(zh: "没有问题 \(code)，或您无权查看", en: "no concern \(code), or it is not visible to you")
        case .recordNotFound(let kind, let id):
            LocalizedText(zh: "没有\(kind.label.zh) \(id)，或您无权查看", en: "no \(kind.label.en) \(id), or it is not visible to you")
        case .conflict(let code, _, _, let name, let at):
            // Versions are bookkeeping: a person is told who changed it and when.
            LocalizedText(
                zh: "\(code) 在您读取之后已被 \(name) 修改（\(Self.stamp(at))），您的修改未保存：请重新读取后再改",
                en: "\(code) was changed by \(name) at \(Self.stamp(at)), after you read it; your change was not saved: read it again and redo it")
        case .unknownPerson(let id):
            LocalizedText(zh: "没有编号为 \(id) 的人员", en: "no person with id \(id)")
        case .rule(let error): error.label
        case .meeting(let error): error.label
        case .notice(let error): error.label
        case .practice(let error): error.label
        case .finding(let error): error.label
        case .busy:
            LocalizedText(zh: "数据库正被其他进程写入，请稍后再试", en: "the database is busy with another writer; try again")
        case .readOnly:
            LocalizedText(zh: "数据库只读，无法写入", en: "the database is read-only")
        case .cannotOpen(let reason):
            LocalizedText(zh: "无法打开数据库：\(reason)", en: "cannot open the database: \(reason)")
        case .constraint:
            LocalizedText(zh: "数据不符合工作区的约束，未保存", en: "the data breaks a rule of the workspace; nothing was saved")
        case .auditIsAppendOnly:
            LocalizedText(zh: "审计日志只能追加，不能修改或删除", en: "the audit log is append-only")
        case .seal(let error): error.label
        case .noSealedIdentity(let code):
            LocalizedText(zh: "\(code) 没有登记匿名反映人的身份", en: "\(code) has no sealed reporter identity")
        case .identityAwaitingSeal(let code):
            LocalizedText(zh: "\(code) 的身份是加密功能启用前登记的，尚未加密：请政工人员运行 wenti keys init 加密后再查看",
                          en: "\(code)'s identity predates sealing and is not sealed yet: political-work staff run wenti keys init to seal it, then open it")
        case .database(let detail):
            LocalizedText(zh: "数据库错误：\(detail)", en: "database error: \(detail)")
        case .identitiesNotSealed(let count):
            LocalizedText(zh: "还有 \(count) 个匿名身份是加密功能启用前的明文：请政工人员先运行 wenti keys init 加密，再迁移",
                          en: "\(count) anonymous identities are still in plain text from before sealing: political-work staff run wenti keys init first, then move the workspace")
        case .deniedByServer:
            LocalizedText(zh: "服务器拒绝了这项操作：您的角色无权这样做，未作任何改动",
                          en: "the server refused this: your role may not do it; nothing was changed")
        case .serverUnreachable(let detail):
            LocalizedText(zh: "无法连接共享服务器（\(detail)），未作任何改动；稍后重试会重新连接",
                          en: "cannot reach the shared server (\(detail)); nothing was changed, and trying again reconnects")
        case .passwordRequired(let role):
            LocalizedText(zh: "服务器要求角色 \(role) 的密码：请在终端上运行以便输入，或用 PGPASSWORD、~/.pgpass 提供",
                          en: "the server asks for the password of the role \(role): run on a terminal to be asked, or give it in PGPASSWORD or ~/.pgpass")
        case .serverNotTrusted:
            LocalizedText(zh: "无法验证服务器的证书（不是由所给的 CA 签发，或不是这个主机名），未发送任何内容：请用 ?sslrootcert=文件 或 PGSSLROOTCERT 指定公司的 CA",
                          en: "the server's certificate could not be verified (not signed by a CA given, or for another host name); nothing was sent: give the company CA with ?sslrootcert=FILE or PGSSLROOTCERT")
        case .superuserLogin(let role):
            LocalizedText(zh: "数据库角色 \(role) 是超级用户，绕过服务器的全部权限检查，不能作为人员的登录：请为此人另建角色（wenti server add-person 人员 --login 新角色）",
                          en: "the database role \(role) is a superuser, which bypasses every check of the server, so it cannot be a person's login: give the person a role of their own (wenti server add-person PERSON --login ROLE)")
        }
    }

    private static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}

extension StoreError {
    /// A domain rule's refusal as the store reports it, whichever backend ran the rule (nil
    /// for anything else: that backend's own errors).
    static func fromDomain(_ error: any Error) -> StoreError? {
        switch error {
        case let error as StoreError: error
        case let error as WorkflowError: .rule(error)
        case let error as MeetingError: .meeting(error)
        case let error as NoticeError: .notice(error)
        case let error as PracticeError: .practice(error)
        case let error as FindingError: .finding(error)
        default: nil
        }
    }

    /// Someone else changed `code` since `expected`: named as the workspace knows them.
    static func conflict(_ code: ConcernCode, expected: Int, current: Concern, in workspace: Workspace) -> StoreError {
        .conflict(code, expected: expected, current: current.version,
                  changedByName: workspace.organisation.person(current.updatedByID)?.name ?? current.updatedByID.rawValue,
                  at: current.updatedAt)
    }
}

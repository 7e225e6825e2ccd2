import WentiCore
import WentiStore

/// Why a session could not be opened, or refused what was asked.
public enum SessionError: Error, Sendable, Equatable, Labelled {
    /// The account running wenti is no person of the workspace.
    case unknownLogin(String)
    /// The role someone logged in to the shared server as is no person's login.
    case unknownServerLogin(String)
    /// No person has this id or name (or more than one has the name).
    case unknownPerson(String)
    /// A view-as session writes nothing.
    case readOnly(principal: Person, viewer: Person, action: MethodAction)
    /// The permission table says no.
    case refused(Refusal)
    /// A concern that cannot be put on an agenda by hand (see `AgendaBuilder.whyNotOnAgenda`).
    case notForAgenda(ConcernCode, LocalizedText)
    /// A decision for a concern that is not on the meeting's agenda to define.
    case notOnAgenda(ConcernCode, String)
    /// A supervision notice needs a concern being solved (or defined), with its first
    /// responsible person.
    case noticeNeedsResponsible(ConcernCode, Stage)
    /// A batch step refused on one of its concerns (nothing was applied).
    case batchRefused(ConcernCode, LocalizedText)
    /// An imported concern's code is already in use.
    case codeTaken(ConcernCode)
    /// A login must be one word.
    case badLogin(String)
    /// Opening a sealed identity needs a stated reason.
    case reasonRequired(ConcernCode)
    /// The person has no key in this workspace (`wenti keys init`).
    case noKeyOf(Person)
    /// Keys open identities for political-work staff only.
    case notPoliticalWork(Person)
    /// The recovery key is made once, with the workspace.
    case recoveryKeyExists
    /// The person has a key in the workspace, but this account's key folder lacks its file.
    case noKeyFileHere(Person)
    /// A link names nothing the viewer may see.
    case noLinkTarget(ConcernLink.Kind, String)
    /// A concern linked to itself.
    case linkToItself(ConcernCode)

    public var label: LocalizedText {
        switch self {
        case .unknownServerLogin(let role):
            LocalizedText(
                zh: "数据库角色 \(role) 不是本工作区的人员：请管理员运行 wenti server add-person 人员 --login \(role) 把它关联到本人",
                en: "the database role \(role) is no person of this workspace: an administrator links it with wenti server add-person PERSON --login \(role)")
        case .unknownLogin(let login):
            LocalizedText(
                zh: "账号 \(login) 不是本工作区的人员：请政工人员运行 wenti people login 人员 \(login) 把它关联到本人",
                en: "the account \(login) is no person of this workspace: political-work staff can link it with wenti people login PERSON \(login)")
        case .unknownPerson(let text):
            LocalizedText(zh: "没有人员“\(text)”（或同名不止一人：请用编号）", en: "no person \"\(text)\" (or more than one by that name: use the id)")
        case .readOnly(let principal, let viewer, let action):
            LocalizedText(zh: "\(principal.name)正以 \(viewer.name) 的视角查看，只读：不能\(action.label.zh)",
                          en: "\(principal.name) is viewing as \(viewer.name), read-only: cannot \(action.label.en)")
        case .refused(let refusal):
            refusal.label
        case .notForAgenda(let code, let reason):
            LocalizedText(zh: "\(code)：\(reason.zh)", en: "\(code): \(reason.en)")
        case .notOnAgenda(let code, let meeting):
            LocalizedText(zh: "\(code) 不在会议 \(meeting) 待界定的议程上", en: "\(code) is not on the agenda of \(meeting) to define")
        case .noticeNeedsResponsible(let code, let stage):
            [.defined, .solving].contains(stage)
                ? LocalizedText(zh: "\(code) 还没有第一责任人：先指定，再下发督办通知单",
                                en: "\(code) has no first responsible person yet: name one before issuing a notice")
                : LocalizedText(zh: "\(code) 处于“\(stage.label.zh)”阶段：督办通知单只发给已界定或解决中的问题",
                                en: "\(code) is \(stage.label.en): notices go to concerns that are defined or being solved")
        case .batchRefused(let code, let reason):
            LocalizedText(zh: "\(code)：\(reason.zh)（整批未执行）", en: "\(code): \(reason.en) (nothing in the batch was applied)")
        case .codeTaken(let code):
            LocalizedText(zh: "问题编号 \(code) 已存在于工作区，未导入任何数据", en: "the id \(code) already exists in the workspace; nothing was imported")
        case .badLogin(let login):
            LocalizedText(zh: "登录账号“\(login)”无效：须是一个不含空格的词", en: "the login \"\(login)\" is not valid: one word without spaces")
        case .reasonRequired(let code):
            LocalizedText(zh: "查看 \(code) 的匿名反映人身份须说明理由（--reason），理由将记入审计日志",
                          en: "opening \(code)'s sealed identity needs a reason (--reason); it goes into the audit log")
        case .noKeyOf(let person):
            LocalizedText(zh: "\(person.name)在本工作区还没有密钥：本人运行 wenti keys init，再请已能查看的政工人员运行 wenti keys grant \(person.id)",
                          en: "\(person.name) has no key in this workspace: they run wenti keys init, then a colleague who can open identities runs wenti keys grant \(person.id)")
        case .notPoliticalWork(let person):
            LocalizedText(zh: "\(person.nameWithRole.zh)不是政工人员：只有政工人员持有查看匿名身份的密钥",
                          en: "\(person.nameWithRole.en) is not political-work staff: only they hold keys to sealed identities")
        case .noKeyFileHere(let person):
            LocalizedText(zh: "这个账号的密钥文件夹里没有\(person.name)的密钥文件（~/.config/wenti/keys）：在另一台机器上生成的请复制过来，丢失了请运行 wenti keys init 重新生成",
                          en: "this account's key folder (~/.config/wenti/keys) has no key file of \(person.name)'s: copy it from where it was made, or if it is lost run wenti keys init for a new one")
        case .noLinkTarget(let kind, let text):
            LocalizedText(zh: "没有可查看的\(kind.label.zh)“\(text)”", en: "no \(kind.label.en) \"\(text)\" that you may see")
        case .linkToItself(let code):
            LocalizedText(zh: "\(code) 不能关联到它自己", en: "\(code) cannot be linked to itself")
        case .recoveryKeyExists:
            LocalizedText(zh: "本工作区已有恢复密钥（创建工作区时显示过一次）", en: "this workspace already has its recovery key (shown once, when it was created)")
        }
    }
}

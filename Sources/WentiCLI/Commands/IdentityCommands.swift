import ArgumentParser
import Foundation
import WentiCore
import WentiSeal
import WentiSession
import WentiStore
import WentiText

/// `wenti identity open|log`: opening an anonymous reporter's sealed identity, audited.
struct IdentityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity", abstract: "Open an anonymous reporter's sealed identity (political-work staff, with a reason; audited).",
        subcommands: [IdentityOpenCommand.self, IdentityLogCommand.self])
}

struct IdentityOpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Print one concern's sealed reporter identity, and record who opened it, when and why.",
        discussion: """
            Asks for your key's passphrase on the terminal (no echo), or reads it from --passphrase-fd N. \
            Example: wenti identity open Q-2026-0012 --reason "回访核实本人意见"
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var secret: SecretInput
    @Argument(help: "The concern (e.g. Q-2026-0012).") var code: String
    @Option(help: "Why you open it: recorded in the audit log.") var reason: String?
    @Flag(help: "Unlock with the recovery key instead of your own key.") var recovery = false

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let concern = try Parse.code(code)
            // Who, why and whether there is anything to open are checked before the passphrase
            // is asked for; a failed unlocking is audited as an attempt.
            let text = try await session.openIdentity(concern, reason: reason ?? "") {
                try await KeyUnlocking.unlock(session, recovery: recovery, secret: secret, options: options)
            }
            // Text from data: cleaned of controls before it reaches the terminal.
            emit(TextSanitizer.clean(text, mode: .multiLine))
        }
    }
}

struct IdentityLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Every opening of a sealed identity (who, when, which concern, why) and every key change.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let language = options.language
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            let rows = try await session.identityLog().map { entry -> [String] in
                let changes = Dictionary(entry.changes.map { ($0.field, $0.new) }, uniquingKeysWith: { first, _ in first })
                // A holder is named as people are, never by its stored id.
                func shown(_ value: String) -> String {
                    switch KeyHolder(storageName: value) {
                    case .recovery?: language == .zh ? "恢复密钥" : "the recovery key"
                    case .person(let id)?: session.organisation.person(id)?.name ?? id.rawValue
                    case nil: value
                    }
                }
                let what: String
                switch entry.action {
                case MethodAction.openSealedIdentity.rawValue, SealedIdentityAudit.failedOpening:
                    let failure = changes["failure"].flatMap(OpeningFailure.init(rawValue:))
                    what = (changes["concern"] ?? "") + "  " + (language == .zh ? "理由：" : "reason: ") + (changes["reason"] ?? "")
                        + (failure.map { (language == .zh ? "  未能打开：" : "  not opened: ") + Self.failureLabel($0).text(language) } ?? "")
                case SealedIdentityAudit.bind:
                    what = language == .zh ? "\(changes["bound"] ?? "0") 个旧密文绑定到所属问题" : "\(changes["bound"] ?? "0") old envelopes bound to their concerns"
                case "read-sealed-envelope":
                    // Written by the shared server itself: which envelope (or page of them) and what for.
                    let target = entry.changes.first?.field ?? ""
                    let purpose = entry.changes.first?.new == "grant" ? (language == .zh ? "授权或绑定" : "to grant or bind") : (language == .zh ? "查看" : "to open")
                    what = (target.hasPrefix("after") ? (language == .zh ? "逐批读取" : "in batches") : target) + "  " + purpose
                default:
                    what = entry.changes.map { "\($0.field) \(shown($0.new.isEmpty ? $0.old : $0.new))" }.joined(separator: ", ")
                }
                return [formatter.string(from: entry.at), session.organisation.person(entry.actorID)?.name ?? entry.actorID.rawValue,
                        Self.actionLabel(entry.action).text(language), what]
            }
            let titles = language == .zh ? ["时间", "人员", "操作", "内容"] : ["at", "who", "action", "what"]
            emit(Table(columns: titles.map { Table.Column(title: $0, maxWidth: 40) }, rows: rows, flexibleColumns: [3]).render(totalWidth: terminalColumns()))
        }
    }

    static func actionLabel(_ action: String) -> LocalizedText {
        switch action {
        case MethodAction.openSealedIdentity.rawValue: MethodAction.openSealedIdentity.label
        case "keys-register": LocalizedText(zh: "登记密钥", en: "key registered")
        case "keys-grant": LocalizedText(zh: "授权密钥", en: "access granted")
        case "keys-remove": LocalizedText(zh: "移除密钥", en: "key removed")
        case "keys-seal-existing": LocalizedText(zh: "加密旧明文", en: "old plain text sealed")
        case SealedIdentityAudit.failedOpening: LocalizedText(zh: "查看未成功", en: "opening failed")
        case SealedIdentityAudit.bind: LocalizedText(zh: "绑定旧密文", en: "old envelopes bound")
        case "read-sealed-envelope": LocalizedText(zh: "服务器读取密文", en: "envelope read (server)")
        default: LocalizedText(zh: action, en: action)
        }
    }

    static func failureLabel(_ failure: OpeningFailure) -> LocalizedText {
        switch failure {
        case .wrongPassphrase: LocalizedText(zh: "口令或恢复密钥不对", en: "wrong passphrase or recovery key")
        case .noKeyHere: LocalizedText(zh: "本账号没有可用的密钥文件", en: "no usable key file in this account")
        case .notWrappedToHolder: LocalizedText(zh: "未加密给该密钥", en: "not sealed to that key")
        case .damaged: LocalizedText(zh: "密文损坏或不属于该问题", en: "damaged, or belongs to another concern")
        }
    }
}

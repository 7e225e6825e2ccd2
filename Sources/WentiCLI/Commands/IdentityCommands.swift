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
            // Who, why and whether there is anything to open: all before the passphrase.
            try await session.checkOpening(concern, reason: reason ?? "")
            let (holder, key) = try await KeyUnlocking.unlock(session, recovery: recovery, secret: secret, options: options)
            // Text from data: cleaned of controls before it reaches the terminal.
            emit(TextSanitizer.clean(try await session.openIdentity(concern, reason: reason ?? "", as: holder, with: key), mode: .multiLine))
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
                let what = entry.action == MethodAction.openSealedIdentity.rawValue
                    ? (changes["concern"] ?? "") + "  " + (language == .zh ? "理由：" : "reason: ") + (changes["reason"] ?? "")
                    : entry.changes.map { "\($0.field) \(shown($0.new.isEmpty ? $0.old : $0.new))" }.joined(separator: ", ")
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
        default: LocalizedText(zh: action, en: action)
        }
    }
}

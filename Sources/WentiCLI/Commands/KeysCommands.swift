import ArgumentParser
import Foundation
import WentiCore
import WentiSeal
import WentiSession
import WentiStore

/// `wenti keys init|list|grant|remove|bind`: the political-work staff's keys to sealed identities.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Keys to anonymous reporters' sealed identities (political-work staff only).",
        discussion: """
            Each political-work staff member has a key pair: the public key in the workspace, the private key in \
            $XDG_CONFIG_HOME/wenti/keys (~/.config/wenti/keys), encrypted under their passphrase (scrypt). \
            Identities are sealed to every registered key and to the recovery key shown once when the workspace \
            was created. Passphrases are read from the terminal without echo, or with --passphrase-fd N from a \
            file descriptor (scripts).
            """,
        subcommands: [KeysInitCommand.self, KeysListCommand.self, KeysGrantCommand.self, KeysRemoveCommand.self, KeysBindCommand.self])
}

struct KeysInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Make your key: identities taken in from now on are sealed to it too.",
        discussion: """
            Older identities open with it once a colleague who can open them runs `wenti keys grant YOU`. On a \
            workspace made before identities were sealed, the first `keys init` also makes the recovery key \
            (shown once), seals every identity still in plain text and compacts the file (VACUUM).
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var secret: SecretInput
    @Flag(help: "Replace a key you already have (identities sealed to the old one need a grant again).") var replace = false

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let language = options.language
            let folder = KeyFolder.standard(environment: options.environment)
            if let existing = try await session.holderKey(.person(session.principal.id)), !replace {
                let here = (try? folder.load(publicKey: existing.publicKey)) != nil
                throw CLIFailure(zh: "\(session.principal.name)已有密钥 \(IdentityKey.fingerprint(of: existing.publicKey))\(here ? "（在本账号的密钥文件夹中）" : "")：要换新的请加 --replace",
                                 en: "\(session.principal.name) already has the key \(IdentityKey.fingerprint(of: existing.publicKey))\(here ? " (in this account's key folder)" : ""): add --replace for a new one")
            }
            // Who may hold a key is settled before a passphrase is asked for.
            _ = try session.checkKeyHolder()
            let passphrase = try secret.read(prompt: SecretPrompts.newPassphrase, confirm: SecretPrompts.again, language: language)
            let key = IdentityKey.generate()
            let protected = try ProtectedKey.protect(key, for: .person(session.principal.id), passphrase: passphrase)
            let path = try folder.save(protected)
            try await session.registerOwnKey(key.publicKey)
            emit(language == .zh
                 ? "已为\(session.principal.name)生成密钥 \(key.fingerprint)，保存在 \(path)（口令加密）。此后登记的匿名身份也加密给它；以前的请同事运行 wenti keys grant \(session.principal.name)"
                 : "made \(session.principal.name)'s key \(key.fingerprint), kept in \(path) (under the passphrase). Identities taken in from now on are sealed to it too; for older ones a colleague runs wenti keys grant \(session.principal.name)")
            if try await session.holderKey(.recovery) == nil {
                emit(try await RecoveryKeyText.make(for: session, language: language))
            }
            let sealed = try await session.sealAwaitingIdentities()
            if sealed > 0 {
                emit(language == .zh ? "已加密此前以明文保存的 \(sealed) 个匿名身份，明文已删除，数据库已压缩（VACUUM）"
                                     : "sealed \(sealed) identities that were stored in plain text before; the plain text is erased and the file compacted (VACUUM)")
            }
        }
    }
}

struct KeysListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Who holds a key, since when, and how many identities each opens.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let language = options.language
            let holders = try await session.keyHolders()
            let counts = try await session.identitiesOpenable()
            let added = DateFormatter()
            added.dateFormat = "yyyy-MM-dd HH:mm"
            let rows = holders.map { key -> [String] in
                let who = switch key.holder {
                case .recovery: language == .zh ? "恢复密钥（纸质）" : "recovery key (paper)"
                case .person(let id): session.organisation.person(id)?.name ?? id.rawValue
                }
                return [who, IdentityKey.fingerprint(of: key.publicKey), added.string(from: key.addedAt),
                        "\(counts.byHolder[key.holder, default: 0])/\(counts.total)"]
            }
            let titles = language == .zh ? ["持有人", "指纹", "登记时间", "可打开"] : ["holder", "fingerprint", "added", "opens"]
            emit(Table(columns: titles.map { Table.Column(title: $0, maxWidth: 28) }, rows: rows, flexibleColumns: [0]).render(totalWidth: terminalColumns()))
        }
    }
}

struct KeysGrantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant", abstract: "Give a staff member's key access to every identity you can open.",
        discussion: "Unlocks your key (or with --recovery the recovery key) and wraps each identity's data key to theirs; nothing is decrypted.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var secret: SecretInput
    @Argument(help: "The political-work staff member (id or name), who has run wenti keys init.") var person: String
    @Flag(help: "Unlock with the recovery key instead of your own key.") var recovery = false

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            guard let recipient = session.organisation.resolvePerson(person) else { throw SessionError.unknownPerson(person) }
            try await session.checkGrant(to: recipient)
            let (holder, key) = try await KeyUnlocking.unlock(session, recovery: recovery, secret: secret, options: options)
            let result = try await session.grant(to: recipient, as: holder, with: key)
            let zh = options.language == .zh
            emit(zh ? "已授权\(recipient.name)打开 \(result.granted) 个匿名身份" + (result.notOpenable > 0 ? "；另有 \(result.notOpenable) 个您自己也打不开，未授权" : "")
                    : "\(recipient.name) can now open \(result.granted) more identities" + (result.notOpenable > 0 ? "; \(result.notOpenable) you cannot open yourself were left" : ""))
        }
    }
}

struct KeysBindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bind", abstract: "Bind identities sealed before this version to their concerns, so none can be moved to another.",
        discussion: """
            Since this version a sealed identity's ciphertext names its concern: copied onto another concern in the \
            database it no longer opens. Older ones are bound when first opened, or all at once here: unlocks your \
            key (or with --recovery the recovery key) and seals each again under its own data key; no wrap changes.
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var secret: SecretInput
    @Flag(help: "Unlock with the recovery key instead of your own key.") var recovery = false

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            _ = try session.checkKeyHolder()
            let zh = options.language == .zh
            guard try await session.oldEnvelopes() > 0 else {
                emit(zh ? "没有需要绑定的旧密文：每个匿名身份都已绑定到所属问题" : "nothing to bind: every sealed identity is bound to its concern")
                return
            }
            let (holder, key) = try await KeyUnlocking.unlock(session, recovery: recovery, secret: secret, options: options)
            let result = try await session.bindOldEnvelopes(as: holder, with: key)
            emit(zh ? "已把 \(result.bound) 个旧密文绑定到所属问题" + (result.notOpenable > 0 ? "；另有 \(result.notOpenable) 个您的密钥打不开，请能打开的同事运行 wenti keys bind" : "")
                    : "bound \(result.bound) old envelopes to their concerns" + (result.notOpenable > 0 ? "; \(result.notOpenable) your key cannot open are left for a colleague who can (wenti keys bind)" : ""))
        }
    }
}

struct KeysRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Take a staff member's key away: nothing from now on is sealed to it, and its wraps are deleted.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The person (id or name).") var person: String

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            guard let holder = session.organisation.resolvePerson(person) else { throw SessionError.unknownPerson(person) }
            try await session.removeKey(of: holder)
            emit(options.language == .zh ? "已移除\(holder.name)的密钥：新登记的匿名身份不再加密给它"
                                         : "\(holder.name)'s key is removed: identities taken in from now on are not sealed to it")
        }
    }
}

/// Unlocking the key an opening or a grant needs: the principal's own, from this account's
/// key folder and their passphrase, or the recovery key as typed from paper.
enum KeyUnlocking {
    static func unlock(_ session: Session, recovery: Bool, secret: SecretInput, options: GlobalOptions) async throws -> (KeyHolder, IdentityKey) {
        if recovery {
            guard let stored = try await session.holderKey(.recovery) else {
                throw CLIFailure(zh: "本工作区没有恢复密钥", en: "this workspace has no recovery key")
            }
            let text = try secret.read(prompt: SecretPrompts.recoveryKey, language: options.language)
            return (.recovery, try RecoveryCode.key(from: text, expectedPublicKey: stored.publicKey))
        }
        let holder = try await session.ownHolderKey()
        guard let protected = try KeyFolder.standard(environment: options.environment).load(publicKey: holder.publicKey) else {
            throw SessionError.noKeyFileHere(session.principal)
        }
        let passphrase = try secret.read(prompt: SecretPrompts.passphrase, language: options.language)
        return (holder.holder, try protected.unlock(passphrase: passphrase))
    }
}

/// The recovery key, made and registered once per workspace, and the words that show it.
enum RecoveryKeyText {
    static func make(for session: Session, language: Language) async throws -> String {
        let key = IdentityKey.generate()
        try await session.registerRecoveryKey(key.publicKey)
        let code = RecoveryCode.text(of: key)
        return language == .zh
            ? "恢复密钥（只显示这一次：请抄在纸上，锁进保险柜；所有政工人员的密钥都丢失时，用它打开全部匿名身份）：\n    \(code)"
            : "Recovery key (shown this once: write it on paper and lock it away; it opens every sealed identity if all staff keys are lost):\n    \(code)"
    }
}

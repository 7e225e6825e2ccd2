import ArgumentParser
import Foundation
import WentiCore
import WentiExchange
import WentiSeal
import WentiSession
import WentiStore

/// `wenti init`: a new workspace with an organisation and no concerns.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace: organisation, categories and grade policy from a seed folder, no concerns.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Folder with organisation.yaml, categories.yaml, policy.yaml, sources.yaml (default: the built-in seeds).")
    var seeds: String?

    @Option(help: "Who you are among its people (id or name; default: the seeds' creator). Your account is linked to them.")
    var me: String?

    func run() async throws {
        try await reportingFailures(options) {
            let path = options.explicitPath ?? options.databasePath(defaultName: "wenti.sqlite")
            guard !FileManager.default.fileExists(atPath: path) else {
                throw CLIFailure(LocalizedText(zh: "\(path) 已存在，未改动", en: "\(path) already exists; nothing was changed"))
            }
            let loader = SeedLoader(directory: SeedLocator.directory(explicit: seeds, environment: options.environment))
            var workspace = try loader.workspace()
            let creator = try me.map { text throws -> Person in
                guard let person = workspace.organisation.resolvePerson(text) else { throw SessionError.unknownPerson(text) }
                return person
            } ?? loader.creator(of: workspace)
            guard creator.role == .politicalWork else {
                throw CLIFailure(zh: "创建工作区的人须是政工人员（\(creator.nameWithRole.zh)不是）：只有他们能为其他人关联登录账号",
                                 en: "the creator must be political-work staff (\(creator.nameWithRole.en) is not): only they can link the others' logins")
            }
            let login = try DemoCommand.currentLogin()
            workspace.organisation = try workspace.organisation.linking(login: login, to: creator.id)
            let store = try SQLiteStore(path: path)
            try await store.install(workspace, installer: creator.id)
            emit(options.language == .zh
                 ? "已创建工作区 \(path)：\(workspace.organisation.units.count) 个单位，\(workspace.organisation.people.count) 人；账号 \(login) 即 \(creator.nameWithRole.zh)"
                 : "created workspace \(path): \(workspace.organisation.units.count) units, \(workspace.organisation.people.count) people; the account \(login) is \(creator.nameWithRole.en)")
            // The recovery key exists from the start, so that anonymous intake can seal at once.
            emit(try await RecoveryKeyText.make(for: try await Session.open(store: store, login: login), language: options.language))
            emit(options.language == .zh ? "查看匿名身份前，政工人员各自运行 wenti keys init 生成自己的密钥"
                                         : "before opening sealed identities, each political-work staff member runs wenti keys init")
        }
    }
}

/// `wenti demo`: the demo workspace from the seeds, optionally with synthetic concerns.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create the demo workspace (江城供电公司, a month and a half of concerns) and open it.",
        discussion: """
            Without --db or WENTI_DB the demo lives in demo.sqlite in the user data directory. An earlier demo at \
            the same path is replaced; any other file is left alone. --scale N adds N synthetic concerns.
            """)

    @OptionGroup var options: GlobalOptions

    @Option(help: "Add this many synthetic concerns (deterministic; for load tests and benchmarks).")
    var scale: Int = 0

    @Flag(name: .customLong("no-tui"), help: "Only create the workspace; do not open the terminal UI.")
    var noTUI = false

    @Option(help: "Seed folder (default: $WENTI_SEEDS, else the repository's seeds/).")
    var seeds: String?

    func validate() throws {
        guard scale >= 0 else { throw ValidationError("--scale must be 0 or more") }
    }

    func run() async throws {
        try await reportingFailures(options) {
            let path = options.databasePath(defaultName: "demo.sqlite")
            if FileManager.default.fileExists(atPath: path), SQLiteStore.isDemo(path: path) != true {
                throw CLIFailure(zh: "\(path) 已存在且不是演示工作区，wenti demo 不会覆盖它；请用 --db 指定其他路径",
                                 en: "\(path) exists and is not a demo workspace; wenti demo will not replace it (choose another --db)")
            }
            let started = Date()
            let loader = SeedLoader(directory: SeedLocator.directory(explicit: seeds, environment: options.environment))
            // Build beside the target and move it into place, so a failure leaves no half-built demo.
            let building = path + ".building"
            Self.removeDatabase(at: building)
            let clock = ManualClock(day: Day(year: 2026, month: 9, day: 1)!)
            let count: Int
            // The demo cannot ask for a passphrase (it runs with no terminal too): its creator's
            // key is made under a passphrase it states on screen, and kept like any other key.
            let keys = try Self.demoKeys(creator: try loader.creator(of: try loader.workspace()), clock: clock)
            do {
                let store = try SQLiteStore(path: building, clock: clock)
                count = try await SeedReplayer.load(loader, into: store, clock: clock, creatorLogin: try Self.currentLogin(),
                                                    keyHolders: keys.holders)
                try await store.markAsDemo()
                if scale > 0 { try await Self.addSynthetic(scale, to: store) }
            } catch {
                Self.removeDatabase(at: building)
                throw error
            }
            await Self.removeDemoKeys(of: path, folder: KeyFolder.standard(environment: options.environment))
            Self.removeDatabase(at: path)
            try FileManager.default.moveItem(atPath: building, toPath: path)
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            let me = try await SQLiteStore(path: path, create: false).workspace().organisation.person(login: try Self.currentLogin())
            emit(options.language == .zh
                 ? "演示工作区已创建：\(path)（种子问题 \(count) 个，合成问题 \(scale) 个，用时 \(seconds) 秒）；您是 \(me?.nameWithRole.zh ?? "")"
                 : "demo workspace created: \(path) (\(count) seed concerns, \(scale) synthetic, \(seconds) s); you are \(me?.nameWithRole.en ?? "")")
            let keyPath = KeyFolder.standard(environment: options.environment).path(forFingerprint: IdentityKey.fingerprint(of: keys.creatorPublicKey))
            emit(options.language == .zh
                 ? "匿名反映人的身份已加密。演示用：\(me?.name ?? "")的密钥口令是 \(Self.demoPassphrase)（密钥在 \(keyPath)），恢复密钥是 \(keys.recoveryCode)；在问题详情按 I 查看"
                 : "Anonymous reporters' identities are sealed. For the demo: \(me?.name ?? "")'s key passphrase is \(Self.demoPassphrase) (key in \(keyPath)), the recovery key is \(keys.recoveryCode); press I on a concern's detail to open one")
            if !noTUI {
                try await TerminalUI.open(options, databasePath: path)
            }
        }
    }

    /// The demo's passphrase for its creator's key: stated on screen and in the README, since
    /// `wenti demo` runs without a terminal in tests and CI. A demo workspace only.
    static let demoPassphrase = "jiangcheng-demo"
    static let passphraseHint = LocalizedText(zh: "演示工作区：赵雅琴的口令是 \(demoPassphrase)", en: "demo workspace: 赵雅琴's passphrase is \(demoPassphrase)")

    /// The demo's recovery key and its creator's key (saved, protected by `demoPassphrase`, in
    /// this account's key folder).
    static func demoKeys(creator: Person, clock: ManualClock) throws -> (holders: [HolderKey], creatorPublicKey: Data, recoveryCode: String) {
        let recovery = IdentityKey.generate()
        let own = IdentityKey.generate()
        let protected = try ProtectedKey.protect(own, for: .person(creator.id), passphrase: demoPassphrase)
        try KeyFolder.standard(environment: ProcessInfo.processInfo.environment).save(protected)
        return ([HolderKey(holder: .recovery, publicKey: recovery.publicKey, addedAt: clock.now()),
                 HolderKey(holder: .person(creator.id), publicKey: own.publicKey, addedAt: clock.now())],
                own.publicKey, RecoveryCode.text(of: recovery))
    }

    /// The key files the demo being replaced made in this account's folder: each demo makes
    /// its own, and they would pile up run after run.
    static func removeDemoKeys(of path: String, folder: KeyFolder) async {
        guard SQLiteStore.isDemo(path: path) == true, let store = try? SQLiteStore(path: path, create: false),
              let holders = try? await store.keyHolders() else { return }
        for holder in holders where holder.holder != .recovery {
            try? FileManager.default.removeItem(atPath: folder.path(forFingerprint: IdentityKey.fingerprint(of: holder.publicKey)))
        }
    }

    /// Loads in batches of 50,000: each batch is one transaction, and memory stays flat.
    static func addSynthetic(_ count: Int, to store: SQLiteStore) async throws {
        let workspace = try await store.workspace()
        guard let creator = workspace.organisation.person(login: try currentLogin()) else { throw SessionError.unknownLogin(try currentLogin()) }
        let generator = SyntheticConcerns(workspace: workspace)
        try await store.bulkLoad(generator.batches(total: count, size: 50_000), actor: creator, action: "generate")
    }

    /// The account creating a workspace, which becomes its creator.
    static func currentLogin() throws(CLIFailure) -> String {
        guard let login = Login.current() else {
            throw CLIFailure(zh: "无法确定运行 wenti 的系统账号", en: "cannot tell which operating-system account runs wenti")
        }
        return login
    }

    static func removeDatabase(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

import ArgumentParser
import Foundation
import WentiCore
import WentiExchange
import WentiSeal
import WentiStore

/// The shared mode's administration, run by a PostgreSQL superuser: make the workspace on a
/// server, give people their login roles, move a local workspace there.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run a department's shared workspace on a PostgreSQL server (administrators).",
        subcommands: [ServerInitCommand.self, ServerAddPersonCommand.self, ServerImportCommand.self])
}

struct ServerInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or update the schema, roles and row-level security on a server; with --demo, load the demo company.",
        discussion: """
            URL is postgresql://host/database (TLS, verified) or postgresql:///database?host=/socket/folder. Run as a \
            superuser. With --demo every demo person gets a login role named by their id (zg-zhao, ...), and the demo's \
            identity keys are made as by wenti demo.
            """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The server and database, e.g. postgresql:///wenti?host=/run/postgresql")
    var url: String
    @Flag(help: "Load the demo company (the seeds) into the new workspace.")
    var demo = false

    func run() async throws {
        try await reportingFailures(options) {
            let location = try options.serverLocation(url)
            let clock: any WorkspaceClock = demo ? ManualClock(day: Day(year: 2026, month: 9, day: 1)!) : SystemClock()
            let store: PostgresStore
            do throws(StoreError) {
                store = try await PostgresStore.initialise(location, clock: clock)
            } catch {
                throw CLIFailure(LocalizedText(zh: "\(url)：\(error.label.zh)", en: "\(url): \(error.label.en)"))
            }
            emit(LocalizedText(zh: "共享工作区的结构、角色与行级安全已就绪：\(location.description)",
                               en: "the shared workspace's schema, roles and row-level security are in place: \(location.description)").text(options.language))
            guard demo, let manual = clock as? ManualClock else { return }
            let loader = SeedLoader(directory: SeedLocator.builtIn)
            let creator = try loader.creator(of: try loader.workspace())
            let keys = try DemoCommand.demoKeys(creator: creator, clock: manual)
            let count = try await SeedReplayer.load(loader, into: store, clock: manual, creatorLogin: creator.id.rawValue, keyHolders: keys.holders)
            try await store.markAsDemo()
            for person in try await store.workspace().organisation.people.values.sorted(by: { $0.id < $1.id }) {
                try await store.addPerson(person.id, login: person.id.rawValue, password: nil, actor: creator.id)
            }
            emit(LocalizedText(zh: "演示公司已载入（种子问题 \(count) 个）；每人的登录角色即其编号，如 \(creator.id)（\(creator.name)，口令 \(DemoCommand.demoPassphrase)）",
                               en: "demo company loaded (\(count) seed concerns); each person's login role is their id, e.g. \(creator.id) (\(creator.name), key passphrase \(DemoCommand.demoPassphrase))").text(options.language))
        }
    }
}

struct ServerAddPersonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-person",
        abstract: "Create (or link) a person's login role on the server.",
        discussion: """
            The role becomes a member of wenti_person and of its wenti role's group, and is linked to the person: from \
            then on whoever logs in as it is that person, and the server's row-level security shows them exactly their scope. \
            A password (for SCRAM over TLS) is read from --password-fd, never from an argument.
            """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The person (id or name).")
    var person: String
    @Option(help: "The database role to log in as (default: the person's id).")
    var login: String?
    @Option(name: .customLong("password-fd"), help: "Read the role's password from this file descriptor's first line.")
    var passwordDescriptor: Int32?

    func run() async throws {
        try await reportingFailures(options) {
            let location = options.databasePath
            guard ServerLocation.isServerURL(location) else {
                throw CLIFailure(zh: "请用 --db 或 WENTI_DB 指定服务器地址（postgresql://…）", en: "give the server with --db or WENTI_DB (postgresql://...)")
            }
            guard let store = try await options.openStore() as? PostgresStore else { return }
            let organisation = try await store.workspace().organisation
            guard let found = organisation.resolvePerson(person) else {
                throw CLIFailure(zh: "没有人员“\(person)”", en: "no person \"\(person)\"")
            }
            var password: String?
            if let passwordDescriptor { password = try SecretInput.firstLine(of: passwordDescriptor) }
            let creator = organisation.people.values.first { $0.role == .politicalWork }?.id ?? found.id
            try await store.addPerson(found.id, login: login ?? found.id.rawValue, password: password, actor: creator)
            emit(LocalizedText(zh: "\(found.nameWithRole.zh) 的登录角色是 \(login ?? found.id.rawValue)",
                               en: "\(found.nameWithRole.en) logs in as \(login ?? found.id.rawValue)").text(options.language))
        }
    }
}

struct ServerImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Move a local workspace (an SQLite file) onto an initialised, empty server workspace: all or nothing.",
        discussion: "Concerns, meetings, notices, practices, sealed identities and the audit log move as they are, in one transaction.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The local workspace file.")
    var file: String
    @Argument(help: "The server, e.g. postgresql:///wenti?host=/run/postgresql")
    var url: String

    func run() async throws {
        try await reportingFailures(options) {
            guard let local = try await options.openStore(at: file) as? SQLiteStore else {
                throw CLIFailure(zh: "\(file) 不是本地工作区文件", en: "\(file) is not a local workspace file")
            }
            guard let server = try await options.openStore(at: url) as? PostgresStore else { return }
            let moved: ServerImport
            do throws(StoreError) {
                moved = try await server.importWorkspace(try await local.exportWhole())
            } catch {
                throw CLIFailure(LocalizedText(zh: "\(url)：\(error.label.zh)（未导入任何内容）", en: "\(url): \(error.label.en) (nothing was imported)"))
            }
            emit(LocalizedText(zh: "已从 \(file) 迁移 \(moved.concerns) 个问题及其全部记录到 \(server.location.description)",
                               en: "moved \(moved.concerns) concerns and all their records from \(file) to \(server.location.description)").text(options.language))
            for person in moved.unlinked {
                emit(LocalizedText(zh: "\(person.name)的登录 \(person.login ?? "") 在服务器上是超级用户角色，未保留：请运行 wenti server add-person \(person.name) --login 新角色",
                                   en: "\(person.name)'s login \(person.login ?? "") is a superuser role on the server and was not kept: run wenti server add-person \(person.name) --login ROLE").text(options.language))
            }
        }
    }
}

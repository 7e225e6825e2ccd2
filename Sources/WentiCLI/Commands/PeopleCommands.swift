import ArgumentParser
import Foundation
import WentiCore
import WentiSession
import WentiStore

/// `wenti whoami`: the principal, as the workspace knows them.
struct WhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Print who you are in this workspace: name, role, unit, login.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            emit(PeopleListing.line(session.principal, in: session.organisation, language: options.language))
        }
    }
}

/// `wenti people list|login`: who the people are and which login is whose.
struct PeopleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people", abstract: "The people of the workspace and their logins (political-work staff only).",
        subcommands: [PeopleListCommand.self, PeopleLoginCommand.self])
}

struct PeopleListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the people with role, unit and login.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let org = session.organisation
            let language = options.language
            let rows = try session.people().map { person in
                [person.id.rawValue, person.name, person.role.label.text(language), org.unit(person.unitID)?.name ?? "", person.login ?? "—"]
            }
            let titles = language == .zh ? ["编号", "姓名", "角色", "单位", "登录账号"] : ["id", "name", "role", "unit", "login"]
            emit(Table(columns: titles.map { Table.Column(title: $0, maxWidth: 24) }, rows: rows, flexibleColumns: [3]).render(totalWidth: terminalColumns()))
        }
    }
}

struct PeopleLoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "Link a login (an operating-system account) to a person; whoever had it loses it.",
        discussion: "Audited. After `wenti people login yg-song $(id -un)` the account running it is 宋佳 from the next command on.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The person (id or name).") var person: String
    @Argument(help: "The login, e.g. the account name `id -un` prints.") var login: String

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let (linked, after) = try await session.link(login: login, to: person)
            emit(PeopleListing.line(after.organisation.person(linked.id) ?? linked, in: after.organisation, language: options.language))
        }
    }
}

enum PeopleListing {
    /// "宋佳  员工  变电运维班  login root".
    static func line(_ person: Person, in organisation: Organisation, language: Language) -> String {
        let unit = organisation.unit(person.unitID)?.name ?? ""
        let login = person.login.map { (language == .zh ? "登录账号 " : "login ") + $0 } ?? (language == .zh ? "无登录账号" : "no login")
        return [person.name, person.role.label.text(language), unit, login].joined(separator: "  ")
    }
}

/// `wenti permissions`: the permission table, as docs/PERMISSIONS.md has it.
struct PermissionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "permissions", abstract: "Print the permission table: who may do what, where.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        emit(PermissionsDocument.table(options.language))
    }
}

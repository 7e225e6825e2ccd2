import ArgumentParser
import Foundation
import WentiCore
import WentiOffice
import WentiReports
import WentiSession
import WentiStore

/// `wenti bulletin --month YYYY-MM`: the supervision bulletin of a month (or a range).
struct BulletinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bulletin", abstract: "Print the supervision bulletin (督办简报) of a month.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var document: DocumentOptions
    @Option(help: "The month, YYYY-MM (default: this month).") var month: String?
    @Option(help: "The last month of a range starting at --month.") var to: String?
    @Option(help: "Only this unit and its subtree (id or name).") var unit: String?

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let workspace = session.workspace
            let first = try month.map { text throws(CLIFailure) in try Parse.month(text, option: "--month") } ?? session.today().month
            let last = try to.map { text throws(CLIFailure) in try Parse.month(text, option: "--to") } ?? first
            guard first <= last else {
                throw CLIFailure(zh: "--to \(last) 早于 --month \(first)", en: "--to \(last) is before --month \(first)")
            }
            // Without --unit: the whole company for those who may, else the units they own.
            let root = try unit.map { text throws(CLIFailure) in try Parse.unit(text, in: workspace, option: "--unit").id }
                ?? session.figuresRoot(for: .bulletin)
            var builder = Bulletin.Builder(period: Period(months: first, last), today: session.today(), organisation: workspace.organisation)
            var trends = TrendSeries(period: Period(months: first, last), organisation: workspace.organisation)
            try await session.eachFact(for: .bulletin, unit: root, titles: true) { builder.add($0); trends.add($0) }
            let bulletin = await builder.bulletin(notices: try session.bulletinNotices(unit: root))
            let scope = root.flatMap { workspace.organisation.unit($0)?.name }
            if try document.wroteOffice(options, workspace, .bulletin, { $0.bulletin(bulletin, trends: trends, categories: workspace.categories, scope: scope) }) { return }
            let context = ReportContext(organisation: workspace.organisation, policy: workspace.policy, language: options.language)
            try document.write(.bulletin, context.bulletin(bulletin))
        }
    }
}

/// `wenti templates DIR`: writes the built-in templates to edit.
struct TemplatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "templates", abstract: "Write the built-in document templates into a folder, to edit.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The folder (created if missing; existing files are kept).") var directory: String

    func run() async throws {
        try await reportingFailures(options) {
            let written: [String]
            do {
                written = try TemplateLibrary.writeDefaults(to: directory)
            } catch let error as TemplateError {
                throw CLIFailure(zh: error.message, en: error.message)
            }
            emit(written.isEmpty ? (options.language == .zh ? "模板均已存在，未改动" : "every template is already there; nothing written")
                                 : written.joined(separator: "\n"))
        }
    }
}

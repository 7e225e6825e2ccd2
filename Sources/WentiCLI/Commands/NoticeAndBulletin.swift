import ArgumentParser
import Foundation
import WentiCore
import WentiOffice
import WentiReports
import WentiStore

/// `wenti notice ID`: one supervision notice as a document.
struct NoticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notice", abstract: "Print a supervision notice (督办通知单).")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var document: DocumentOptions
    @Argument(help: "The notice's id, e.g. DB-2026-001.") var id: String

    func run() throws {
        try reportingFailures(options) {
            let store = try options.openStore()
            let workspace = try store.workspace()
            guard let notice = try store.notices().first(where: { $0.id == id }) else {
                throw CLIFailure(StoreError.recordNotFound(kind: options.language == .zh ? "督办通知单" : "notice", id: id).label)
            }
            // The same visibility as the concern: a notice on a concern one may not see is not shown.
            let concern = try store.concern(notice.concern, viewer: options.actorID)
            if try document.wroteOffice(options, workspace, .notice, { $0.notice(notice, concern: concern, today: store.today()) }) { return }
            let context = ReportContext(organisation: workspace.organisation, policy: workspace.policy, language: options.language)
            try document.write(.notice, context.notice(notice, concern: concern, today: store.today()))
        }
    }
}

/// `wenti bulletin --month YYYY-MM`: the supervision bulletin of a month (or a range).
struct BulletinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bulletin", abstract: "Print the supervision bulletin (督办简报) of a month.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var document: DocumentOptions
    @Option(help: "The month, YYYY-MM (default: this month).") var month: String?
    @Option(help: "The last month of a range starting at --month.") var to: String?
    @Option(help: "Only this unit and its subtree (id or name).") var unit: String?

    func run() throws {
        try reportingFailures(options) {
            let store = try options.openStore()
            let workspace = try store.workspace()
            let first = try month.map { text throws(CLIFailure) in try Parse.month(text, option: "--month") } ?? store.today().month
            let last = try to.map { text throws(CLIFailure) in try Parse.month(text, option: "--to") } ?? first
            guard first <= last else {
                throw CLIFailure(zh: "--to \(last) 早于 --month \(first)", en: "--to \(last) is before --month \(first)")
            }
            var query = ConcernQuery()
            var notices = try store.notices()
            if let unit {
                query.unitIDs = workspace.organisation.subtree(of: try Parse.unit(unit, in: workspace, option: "--unit").id)
                notices = notices.filter { query.unitIDs.contains($0.toUnitID) }
            }
            var builder = Bulletin.Builder(period: Period(months: first, last), today: store.today(), organisation: workspace.organisation)
            var trends = TrendSeries(period: Period(months: first, last), organisation: workspace.organisation)
            try store.eachFact(query, viewer: options.actorID, titles: true) { builder.add($0); trends.add($0) }
            // Only notices on concerns the reader may see count.
            let bulletin = builder.bulletin(notices: notices.filter { (try? store.concern($0.concern, viewer: options.actorID)) != nil })
            let scope = unit.flatMap { workspace.organisation.resolveUnit($0)?.name }
            if try document.wroteOffice(options, workspace, .bulletin, { $0.bulletin(bulletin, trends: trends, categories: workspace.categories, scope: scope) }) { return }
            let context = ReportContext(organisation: workspace.organisation, policy: workspace.policy, language: options.language)
            try document.write(.bulletin, context.bulletin(bulletin))
        }
    }
}

/// `wenti templates DIR`: writes the built-in templates to edit.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "templates", abstract: "Write the built-in document templates into a folder, to edit.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The folder (created if missing; existing files are kept).") var directory: String

    func run() throws {
        try reportingFailures(options) {
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

import Foundation
import WentiCore
import WentiSession
import WentiOffice
import WentiReports
import WentiStore

/// The formats of the export form: md and txt from the templates, html (print-ready A4)
/// and docx in the official layout, as on the command line.
enum ExportFormat: String, CaseIterable, Sendable {
    case md, html, txt, docx

    var template: ReportFormat { ReportFormat(rawValue: rawValue) ?? .md }

    /// The office format, unless the organisation's own html template for `document` is in
    /// the templates folder (then its template is used, as on the command line).
    func office(for document: TemplateLibrary.Document, templates: String?) -> OfficeFormat? {
        guard let office = OfficeFormat(rawValue: rawValue) else { return nil }
        if office == .html, let templates,
           FileManager.default.fileExists(atPath: (templates as NSString).appendingPathComponent(TemplateLibrary.fileName(document, .html))) {
            return nil
        }
        return office
    }
}

/// Writing the official documents from the screen: the workspace's office settings and
/// numbers are the ones beside its database, as for `wenti notice --format docx`.
@MainActor
enum ExportOffice {
    enum Problem: Error, Labelled {
        case noWorkspaceFile

        var label: LocalizedText {
            LocalizedText(zh: "此工作区没有数据库文件，无处保存办公设置和文号", en: "this workspace has no database file to keep the office settings and numbers beside")
        }
    }

    /// The document whose html template would take the place of the official layout (a
    /// meeting's is taken to be its minutes: the agenda's own template is not looked for).
    static func document(_ subject: ExportSubject) -> TemplateLibrary.Document {
        switch subject {
        case .meeting: .minutes
        case .notice: .notice
        case .bulletin: .bulletin
        }
    }

    /// Builds the document, writes it whole to `path`, then keeps its number.
    static func write(_ subject: ExportSubject, values: [String: String], _ env: AppEnvironment, language: Language,
                      format: OfficeFormat, path: String) async throws -> String {
        let session = env.session
        let workspace = session.workspace
        guard let database = env.localFilesBase ?? (session.store as? SQLiteStore)?.path else { throw Problem.noWorkspaceFile }
        let settingsPath = OfficeSettingsFile.path(databasePath: database, environment: ProcessInfo.processInfo.environment)
        var desk = OfficeDocuments(settings: try OfficeSettingsFile.load(path: settingsPath, organisation: workspace.organisation),
                                   organisation: workspace.organisation, language: language,
                                   numbers: try DocumentNumbers(path: DocumentNumbers.path(settingsPath: settingsPath)))
        let today = session.today()
        let official: OfficialDocument
        switch subject {
        case .meeting(let id):
            let meeting = try await session.meeting(id)
            official = await desk.meeting(meeting, concerns: session.concerns(of: meeting), policy: workspace.policy, today: today)
        case .notice(let id):
            let notice = try await session.notice(id)
            official = await desk.notice(notice, concern: try? session.concern(notice.concern), today: today)
        case .bulletin:
            guard let month = YearMonth((values["month"] ?? "").trimmed) else { throw ExportForms.ExportError.badMonth(values["month"] ?? "") }
            let period = Period(month: month)
            var builder = Bulletin.Builder(period: period, today: today, organisation: workspace.organisation)
            var trends = TrendSeries(period: period, organisation: workspace.organisation)
            let root = try session.figuresRoot(for: .bulletin)
            try await session.eachFact(for: .bulletin, unit: root, titles: true) { builder.add($0); trends.add($0) }
            official = await desk.bulletin(builder.bulletin(notices: try session.bulletinNotices(unit: root)), trends: trends, categories: workspace.categories)
        }
        try OfficeOutput.data(official, format: format).write(to: URL(fileURLWithPath: path), options: .atomic)
        try desk.numbers.save()
        return path
    }
}

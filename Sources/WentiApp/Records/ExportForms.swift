import Foundation
import WentiCore
import WentiReports
import WentiSession
import WentiStore

/// Writing a document (agenda or minutes, notice, bulletin) to a file from the screen.
@MainActor
enum ExportForms {
    static let formats = ExportFormat.allCases

    static func form(_ subject: ExportSubject, today: Day) -> Form {
        var fields = [Form.Field(id: "format", label: RecordFields.format,
                                 input: .choice(formats.map { LocalizedText(zh: $0.rawValue, en: $0.rawValue) }, selected: 0))]
        switch subject {
        case .meeting(let id), .notice(let id):
            fields.append(RecordFields.line("path", RecordFields.path, id, required: true))
        case .bulletin:
            fields.append(RecordFields.line("month", RecordFields.month, today.month.description, required: true))
            fields.append(RecordFields.line("path", RecordFields.path, "督办简报-\(today.month)", required: true))
        }
        return Form(fields: fields)
    }

    /// Renders the document and writes it whole (a path without an extension gets the
    /// format's). Returns the path written.
    static func write(_ subject: ExportSubject, values: [String: String], _ env: AppEnvironment, language: Language) async throws -> String {
        let choice = formats[min(Int(values["format"] ?? "") ?? 0, formats.count - 1)]
        var path = (values["path"] ?? "").trimmed
        if (path as NSString).pathExtension.isEmpty { path += "." + choice.rawValue }
        let templates = ProcessInfo.processInfo.environment["WENTI_TEMPLATES"].flatMap { $0.isEmpty ? nil : $0 }
        if let office = choice.office(for: ExportOffice.document(subject), templates: templates) {
            return try await ExportOffice.write(subject, values: values, env, language: language, format: office, path: path)
        }
        let format = choice.template
        let session = env.session
        let workspace = session.workspace
        let context = ReportContext(organisation: workspace.organisation, policy: workspace.policy, language: language)
        let library = try TemplateLibrary(directory: ProcessInfo.processInfo.environment["WENTI_TEMPLATES"])
        let text: String
        switch subject {
        case .meeting(let id):
            let meeting = try await session.meeting(id)
            let document: TemplateLibrary.Document = meeting.state == .held ? .minutes : .agenda
            text = await library.render(document, format, context.meeting(meeting, concerns: session.concerns(of: meeting), today: session.today()))
        case .notice(let id):
            let notice = try await session.notice(id)
            text = await library.render(.notice, format, context.notice(notice, concern: try? session.concern(notice.concern), today: session.today()))
        case .bulletin:
            guard let month = YearMonth((values["month"] ?? "").trimmed) else {
                throw ExportError.badMonth(values["month"] ?? "")
            }
            let root = try session.figuresRoot(for: .bulletin)
            var builder = Bulletin.Builder(period: Period(month: month), today: session.today(), organisation: workspace.organisation)
            try await session.eachFact(for: .bulletin, unit: root, titles: true) { builder.add($0) }
            let bulletin = await builder.bulletin(notices: try session.bulletinNotices(unit: root))
            text = library.render(.bulletin, format, context.bulletin(bulletin))
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    enum ExportError: Error, Labelled {
        case badMonth(String)
        var label: LocalizedText {
            switch self {
            case .badMonth(let text): LocalizedText(zh: "月份“\(text)”应形如 2026-11", en: "month \"\(text)\" should read like 2026-11")
            }
        }
    }
}

import Foundation
import WentiCore
import WentiReports
import WentiSession
import WentiStore

/// Writing a document (agenda or minutes, notice, bulletin) to a file from the screen.
@MainActor
enum ExportForms {
    static let formats = ExportFormat.allCases

    /// The form, its path prefilled in full inside the documents folder, so that where the
    /// file goes is on screen before anything is written.
    static func form(_ subject: ExportSubject, today: Day, documents: String = ExportDestination.documentsFolder()) -> Form {
        var fields = [Form.Field(id: "format", label: RecordFields.format,
                                 input: .choice(formats.map { LocalizedText(zh: $0.rawValue, en: $0.rawValue) }, selected: 0))]
        func inDocuments(_ name: String) -> String { (documents as NSString).appendingPathComponent(name) }
        switch subject {
        case .meeting(let id), .notice(let id):
            fields.append(RecordFields.line("path", RecordFields.path, inDocuments(id), required: true))
        case .bulletin:
            fields.append(RecordFields.line("month", RecordFields.month, today.month.description, required: true))
            fields.append(RecordFields.line("path", RecordFields.path, inDocuments("督办简报-\(today.month)"), required: true))
        }
        return Form(fields: fields)
    }

    /// The question the form adds when the file is already there.
    static let replaceField = Form.Field(id: "replace", label: LocalizedText(zh: "覆盖已有文件", en: "Replace the file"),
                                         input: .choice([LocalizedText(zh: "否", en: "no"), LocalizedText(zh: "是", en: "yes")], selected: 0))

    /// Renders the document and writes it whole to `ExportDestination.path` (a relative path
    /// inside the documents folder). An existing file is replaced only with `replacing`.
    /// Returns the path written.
    static func write(_ subject: ExportSubject, values: [String: String], _ env: AppEnvironment, language: Language,
                      documents: String = ExportDestination.documentsFolder(), replacing: Bool = false) async throws -> String {
        let choice = formats[min(Int(values["format"] ?? "") ?? 0, formats.count - 1)]
        let path = ExportDestination.path(for: values["path"] ?? "", fileExtension: choice.rawValue, documents: documents)
        if FileManager.default.fileExists(atPath: path) && !replacing { throw ExportError.exists(path) }
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            throw ExportError.cannotWrite(path)
        }
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

    enum ExportError: Error, Labelled, Equatable {
        case badMonth(String)
        case exists(String)
        case cannotWrite(String)
        var label: LocalizedText {
            switch self {
            case .badMonth(let text): LocalizedText(zh: "月份“\(text)”应形如 2026-11", en: "month \"\(text)\" should read like 2026-11")
            // Shown beside the question, under the path it is about: short, so that it fits.
            case .exists: LocalizedText(zh: "已存在，选“是”覆盖", en: "exists: yes replaces")
            case .cannotWrite(let path): LocalizedText(zh: "无法写入 \(path)", en: "cannot write \(path)")
            }
        }
    }
}

import ArgumentParser
import Foundation
import WentiCore
import WentiOffice
import WentiReports
import WentiStore

/// The formats a document command writes: Markdown and text from the templates (for mail
/// and terminals), and the official layout of GB/T 9704-2012 as print-ready HTML or .docx.
enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case md, html, txt, docx

    /// The template format, for md and txt (and html when the organisation has its own
    /// html template for the document).
    var template: ReportFormat { ReportFormat(rawValue: rawValue) ?? .md }

    var office: OfficeFormat? { OfficeFormat(rawValue: rawValue) }
}

extension DocumentOptions {
    /// The templates folder asked for: `--templates`, else `$WENTI_TEMPLATES`.
    var templateDirectory: String? {
        templates ?? ProcessInfo.processInfo.environment["WENTI_TEMPLATES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The office format to write `document` in, or nil when it comes from a template: html
    /// is the official layout unless the templates folder holds an edited html template for
    /// this very document, which the organisation then clearly wants.
    func officeFormat(for document: TemplateLibrary.Document?) -> OfficeFormat? {
        guard let office = format.office else { return nil }
        if office == .html, let document, let directory = templateDirectory {
            let path = (directory as NSString).appendingPathComponent(TemplateLibrary.fileName(document, .html))
            if FileManager.default.fileExists(atPath: path) { return nil }
        }
        return office
    }

    /// Writes the official document `build` makes, when the format is an office one; false
    /// when the command is to go on and render its template. The document's number is kept
    /// only once the file is written.
    func wroteOffice(_ options: GlobalOptions, _ workspace: Workspace, _ document: TemplateLibrary.Document?,
                     _ build: (inout OfficeDocuments) -> OfficialDocument) throws(CLIFailure) -> Bool {
        guard let office = officeFormat(for: document) else { return false }
        try OfficeWorkspace.write(options, workspace, office, to: output, build)
        return true
    }
}

/// The office settings and document numbers of the workspace the command opened.
enum OfficeWorkspace {
    static func settingsPath(_ options: GlobalOptions) -> String {
        OfficeSettingsFile.path(databasePath: options.localFilesBase(for: options.databasePath), environment: options.environment)
    }

    static func documents(_ options: GlobalOptions, _ workspace: Workspace) throws(CLIFailure) -> OfficeDocuments {
        let path = settingsPath(options)
        do {
            let settings = try OfficeSettingsFile.load(path: path, organisation: workspace.organisation)
            let numbers = try DocumentNumbers(path: DocumentNumbers.path(settingsPath: path))
            return OfficeDocuments(settings: settings, organisation: workspace.organisation, language: options.language, numbers: numbers)
        } catch {
            throw CLIFailure(error.label)
        }
    }

    /// Builds, writes (to `output`, else standard output) and only then keeps the number.
    static func write(_ options: GlobalOptions, _ workspace: Workspace, _ office: OfficeFormat, to output: String?,
                      _ build: (inout OfficeDocuments) -> OfficialDocument) throws(CLIFailure) {
        var desk = try documents(options, workspace)
        let official = build(&desk)
        let data: Data
        do {
            data = try OfficeOutput.data(official, format: office)
        } catch {
            throw CLIFailure(zh: "无法生成 \(office.rawValue)：\(error)", en: "cannot make the \(office.rawValue): \(error)")
        }
        if let output {
            do {
                try data.write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CLIFailure(zh: "无法写入 \(output)：\(error.localizedDescription)", en: "cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            // A .docx is a zip: never pour it onto a terminal.
            if office == .docx && isatty(STDOUT_FILENO) != 0 {
                throw CLIFailure(zh: "--format docx 须配 --output 文件（或重定向到文件）", en: "--format docx needs --output FILE (or a redirect to a file)")
            }
            PrintedOutput.exactBytes(language: options.language) { write in try? write(data) }
        }
        do {
            try desk.numbers.save()
        } catch {
            throw CLIFailure(error.label)
        }
    }
}

import ArgumentParser
import Foundation
import WentiCore
import WentiReports

/// How a document command writes: the format, the templates, where to.
struct DocumentOptions: ParsableArguments {
    @Option(name: .long, help: "md or txt from the templates; html (print-ready, A4) or docx in the official layout of GB/T 9704-2012 (default: md).")
    var format: DocumentFormat = .md

    @Option(name: .long, help: "A folder of edited templates (<document>.<format>.mustache); default: $WENTI_TEMPLATES, else the built-in ones.")
    var templates: String?

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output (replaced whole, never half-written).")
    var output: String?

    func library() throws(CLIFailure) -> TemplateLibrary {
        let directory = templates ?? ProcessInfo.processInfo.environment["WENTI_TEMPLATES"].flatMap { $0.isEmpty ? nil : $0 }
        if let directory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CLIFailure(zh: "--templates：没有文件夹 \(directory)", en: "--templates: no folder \(directory)")
            }
        }
        do {
            return try TemplateLibrary(directory: directory)
        } catch {
            throw CLIFailure(zh: error.message, en: error.message)
        }
    }

    /// Renders and writes the document.
    func write(_ document: TemplateLibrary.Document, _ context: [String: Any]) throws(CLIFailure) {
        let text = try library().render(document, format.template, context)
        guard let output else {
            // A document is a machine format too: exact to a file or pipe, cleaned on a terminal.
            return PrintedOutput.exact(text, language: Language.fromEnvironment(ProcessInfo.processInfo.environment))
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CLIFailure(zh: "无法写入 \(output)：\(error.localizedDescription)", en: "cannot write \(output): \(error.localizedDescription)")
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}

extension Parse {
    static func month(_ text: String, option: String) throws(CLIFailure) -> YearMonth {
        guard let month = YearMonth(text) else {
            throw CLIFailure(zh: "\(option)：“\(text)”不是月份（形如 2026-12）", en: "\(option): \"\(text)\" is not a month (like 2026-12)")
        }
        return month
    }
}

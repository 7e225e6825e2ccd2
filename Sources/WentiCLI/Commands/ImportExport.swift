import ArgumentParser
import Foundation
import WentiCore
import WentiExchange
import WentiSession
import WentiStore

/// `wenti import FILE.csv`: all rows or none.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import concerns from CSV (UTF-8 with or without BOM, or GB18030/GBK); all or nothing.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The CSV file.") var file: String
    @Option(help: "The file's encoding: UTF-8 or GB18030 (GBK); default: detected, and said.") var encoding: String?

    func run() async throws {
        try await reportingFailures(options) {
            let forced = try encoding.map { name throws(CLIFailure) in
                guard let known = TextDecoding.Encoding(name: name) else {
                    throw CLIFailure(zh: "--encoding：“\(name)”无效（UTF-8、GB18030）", en: "--encoding: \"\(name)\" is not UTF-8 or GB18030")
                }
                return known
            }
            let session = try await options.openSession()
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), !isFolder.boolValue,
                  FileManager.default.isReadableFile(atPath: file) else {
                throw CLIFailure(zh: "无法读取文件 \(file)", en: "cannot read the file \(file)")
            }
            // Read in pieces, never whole (`ConcernImport`): a file of a million rows fits.
            let outcome = try await ConcernImport(session: session).run(.file(path: file), file: file, encoding: forced)
            let how = forced != nil ? (options.language == .zh ? "按指定" : "as asked") : (options.language == .zh ? "自动识别" : "detected")
            emit(options.language == .zh
                 ? "已导入 \(outcome.codes.count) 个问题（编码 \(outcome.encoding.rawValue)，\(how)；不对时用 --encoding 指定）"
                 : "imported \(outcome.codes.count) concerns (encoding \(outcome.encoding.rawValue), \(how); if wrong, name it with --encoding)")
        }
    }
}

/// `wenti export`: what the acting person may see, as CSV (with BOM) or JSON.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export concerns as CSV (UTF-8 with BOM, for Excel) or JSON.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var filters: FilterOptions
    @Option(help: "csv or json.") var format: String = "csv"
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func run() async throws {
        try await reportingFailures(options) {
            guard let exportFormat = ConcernExport.Format(rawValue: format) else {
                throw CLIFailure(zh: "--format：“\(format)”无效（csv、json）", en: "--format: \"\(format)\" is not csv or json")
            }
            let session = try await options.openSession()
            let query = try filters.query(in: session.workspace)
            let export = ConcernExport(session: session)
            guard let output else {
                return try await PrintedOutput.exactBytes(language: options.language) { write in try await export.write(query, format: exportFormat, to: write) }
            }
            // Written beside the file and moved over it at the end: never half a file.
            let partial = output + ".partial"
            guard FileManager.default.createFile(atPath: partial, contents: nil), let file = FileHandle(forWritingAtPath: partial) else {
                throw CLIFailure(zh: "无法写入 \(output)", en: "cannot write \(output)")
            }
            do {
                try await export.write(query, format: exportFormat) { try file.write(contentsOf: $0) }
                try file.close()
                _ = try? FileManager.default.removeItem(atPath: output)
                try FileManager.default.moveItem(atPath: partial, toPath: output)
            } catch {
                try? file.close()
                try? FileManager.default.removeItem(atPath: partial)
                if let failure = error as? StoreError { throw failure }
                throw CLIFailure(zh: "无法写入 \(output)", en: "cannot write \(output)")
            }
        }
    }
}

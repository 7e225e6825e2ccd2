import ArgumentParser
import Foundation
import WentiCore
import WentiOffice

/// `wenti office ...`: the settings official documents are made with.
struct OfficeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "office", abstract: "The organisation's details on official documents (.docx, print-ready HTML).",
        discussion: "The settings live beside the workspace database: wenti.sqlite keeps them in wenti.office.toml ($WENTI_OFFICE names another file), the numbers given so far in wenti.office-numbers.tsv.",
        subcommands: [OfficeInitCommand.self, OfficeShowCommand.self])
}

/// `wenti office init`: writes a settings file to start from, filled from the organisation.
struct OfficeInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Write the office settings file to edit, filled from the organisation.")

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Replace a settings file that is already there.") var force = false

    func run() async throws {
        try await reportingFailures(options) {
            let workspace = try await options.openStore().workspace()
            let path = OfficeWorkspace.settingsPath(options)
            if FileManager.default.fileExists(atPath: path) && !force {
                throw CLIFailure(zh: "\(path) 已存在；直接编辑它，或加 --force 重写", en: "\(path) is already there; edit it, or give --force to write it anew")
            }
            let text = OfficeSettingsFile.starterText(OfficeSettings.derived(from: workspace.organisation))
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw CLIFailure(zh: "无法写入 \(path)：\(error.localizedDescription)", en: "cannot write \(path): \(error.localizedDescription)")
            }
            emit(path)
        }
    }
}

/// `wenti office show`: checks the settings file and prints what documents will carry.
struct OfficeShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Check the office settings and print what documents will carry.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingFailures(options) {
            let workspace = try await options.openStore().workspace()
            let path = OfficeWorkspace.settingsPath(options)
            let desk = try OfficeWorkspace.documents(options, workspace)
            let settings = desk.settings
            let zh = options.language == .zh
            let exists = FileManager.default.fileExists(atPath: path)
            var lines = [(zh ? "设置文件：" : "settings file: ") + path + (exists ? "" : (zh ? "（不存在，以下由组织机构推出；wenti office init 写出以便编辑）"
                                                                                    : " (missing: derived from the organisation; wenti office init writes it to edit)"))]
            let rows: [(String, String)] = [
                ("issuing-body", settings.issuingBody), ("mark", settings.mark), ("bulletin-mark", settings.bulletinMark),
                ("number-prefix", settings.numberPrefix), ("addressee", settings.addressee),
                ("cc", settings.cc.joined(separator: zh ? "，" : ", ")), ("printing-unit", settings.printingUnit),
                ("date-numerals", settings.chineseNumeralDates ? "chinese" : "arabic"),
            ]
            lines += rows.map { "  \($0.0) = \($0.1)" }
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            lines += DocumentKind.allCases.map { kind in
                let given = desk.numbers.entries.filter { $0.kind == kind && $0.year == year }.count
                let example = DocumentNumberFormat.number(prefix: settings.numberPrefix, letter: settings.numberLetter(kind), year: year,
                                                          number: given + 1, language: options.language)
                return zh ? "  \(kind.label.zh)：\(year) 年已编 \(given) 号，下一号 \(example)"
                          : "  \(kind.label.en): \(given) numbered in \(year), next \(example)"
            }
            emit(lines.joined(separator: "\n"))
        }
    }
}

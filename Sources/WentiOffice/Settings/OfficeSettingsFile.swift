import Foundation
import TOMLKit
import WentiCore

/// The workspace's office settings, a TOML file beside the database: `wenti.sqlite` keeps
/// them in `wenti.office.toml` (or the file `$WENTI_OFFICE` names). Beside the database
/// rather than in the user's config folder because they belong to the organisation whose
/// data it is: copy the workspace and its documents come out the same.
///
/// ```toml
/// issuing-body = "中共江城供电公司委员会"
/// mark = "中共江城供电公司委员会文件"
/// number-prefix = "江城供电党建"
/// addressee = "公司各部门、各单位"
/// cc = ["公司领导"]
/// printing-unit = "江城供电公司党建工作部"
/// ```
///
/// A missing file means the settings derived from the organisation; a file with an unknown
/// key, a wrong type or an empty required value is refused with the file and the key named.
public enum OfficeSettingsFile {
    public static func path(databasePath: String, environment: [String: String]) -> String {
        if let explicit = environment["WENTI_OFFICE"], !explicit.isEmpty { return explicit }
        let base = databasePath.hasSuffix(".sqlite") ? String(databasePath.dropLast(".sqlite".count)) : databasePath
        return base + ".office.toml"
    }

    /// The settings at `path`, or those derived from `organisation` when there is no file.
    public static func load(path: String, organisation: Organisation) throws(OfficeSettingsError) -> OfficeSettings {
        let derived = OfficeSettings.derived(from: organisation)
        guard FileManager.default.fileExists(atPath: path) else { return derived }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw OfficeSettingsError(file: path, key: nil, problem: LocalizedText(zh: "无法以 UTF-8 读取", en: "cannot be read as UTF-8 text"))
        }
        return try parse(text, file: path, defaults: derived)
    }

    static let topKeys: Set<String> = ["issuing-body", "mark", "bulletin-mark", "number-prefix", "addressee", "cc", "printing-unit",
                                       "date-numerals", "number-letters", "meeting", "fonts"]

    public static func parse(_ text: String, file: String, defaults: OfficeSettings) throws(OfficeSettingsError) -> OfficeSettings {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw OfficeSettingsError(file: file, key: nil, problem: LocalizedText(
                zh: "第 \(error.source.begin.line) 行第 \(error.source.begin.column) 列：\(error.description)",
                en: "line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)"))
        } catch {
            throw OfficeSettingsError(file: file, key: nil, problem: LocalizedText(zh: "\(error)", en: "\(error)"))
        }
        let reader = Reader(file: file)
        try reader.refuseUnknown(table, known: topKeys, prefix: "")
        var settings = defaults
        settings.issuingBody = try reader.text(table, "issuing-body") ?? settings.issuingBody
        settings.mark = try reader.text(table, "mark") ?? settings.mark
        settings.bulletinMark = try reader.text(table, "bulletin-mark") ?? settings.bulletinMark
        settings.numberPrefix = try reader.text(table, "number-prefix") ?? settings.numberPrefix
        settings.addressee = try reader.text(table, "addressee") ?? settings.addressee
        settings.cc = try reader.list(table, "cc", allowEmpty: true) ?? settings.cc
        settings.printingUnit = try reader.text(table, "printing-unit") ?? settings.printingUnit
        if let numerals = try reader.text(table, "date-numerals") {
            guard ["chinese", "arabic"].contains(numerals) else {
                throw reader.error("date-numerals", zh: "应为 \"chinese\" 或 \"arabic\"（现为 \"\(numerals)\"）",
                                   en: "must be \"chinese\" or \"arabic\" (got \"\(numerals)\")")
            }
            settings.chineseNumeralDates = numerals == "chinese"
        }
        if let letters = try reader.section(table, "number-letters") {
            try reader.refuseUnknown(letters, known: Set(DocumentKind.allCases.map(\.rawValue)), prefix: "number-letters.")
            for kind in DocumentKind.allCases {
                if let letter = try reader.text(letters, kind.rawValue, prefix: "number-letters.", allowEmpty: true) {
                    settings.numberLetters[kind] = letter
                }
            }
        }
        if let meeting = try reader.section(table, "meeting") {
            try reader.refuseUnknown(meeting, known: ["place", "chair", "recorder"], prefix: "meeting.")
            settings.meetingPlace = try reader.text(meeting, "place", prefix: "meeting.", allowEmpty: true) ?? settings.meetingPlace
            settings.meetingChair = try reader.text(meeting, "chair", prefix: "meeting.", allowEmpty: true) ?? settings.meetingChair
            settings.meetingRecorder = try reader.text(meeting, "recorder", prefix: "meeting.", allowEmpty: true) ?? settings.meetingRecorder
        }
        if let fonts = try reader.section(table, "fonts") {
            try reader.refuseUnknown(fonts, known: ["title", "body", "heading", "subheading", "latin"], prefix: "fonts.")
            var chosen = settings.fonts
            chosen.title = try reader.list(fonts, "title", prefix: "fonts.") ?? chosen.title
            chosen.body = try reader.list(fonts, "body", prefix: "fonts.") ?? chosen.body
            chosen.heading = try reader.list(fonts, "heading", prefix: "fonts.") ?? chosen.heading
            chosen.subheading = try reader.list(fonts, "subheading", prefix: "fonts.") ?? chosen.subheading
            chosen.latin = try reader.list(fonts, "latin", prefix: "fonts.") ?? chosen.latin
            settings.fonts = chosen
        }
        return settings
    }

    /// Reads typed values and names the key of whatever is wrong.
    struct Reader {
        let file: String

        func error(_ key: String, zh: String, en: String) -> OfficeSettingsError {
            OfficeSettingsError(file: file, key: key, problem: LocalizedText(zh: zh, en: en))
        }

        func refuseUnknown(_ table: TOMLTable, known: Set<String>, prefix: String) throws(OfficeSettingsError) {
            for key in table.keys.sorted() where !known.contains(key) {
                throw error(prefix + key, zh: "不是设置项（可用：\(known.sorted().joined(separator: "、"))）",
                            en: "is not a setting (known: \(known.sorted().joined(separator: ", ")))")
            }
        }

        func text(_ table: TOMLTable, _ key: String, prefix: String = "", allowEmpty: Bool = false) throws(OfficeSettingsError) -> String? {
            guard let value = table[key] else { return nil }
            guard let text = value.string else { throw error(prefix + key, zh: "应为字符串（加引号）", en: "must be a string (in quotes)") }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty && !allowEmpty { throw error(prefix + key, zh: "不能为空", en: "must not be empty") }
            return trimmed
        }

        func list(_ table: TOMLTable, _ key: String, prefix: String = "", allowEmpty: Bool = false) throws(OfficeSettingsError) -> [String]? {
            guard let value = table[key] else { return nil }
            guard let array = value.array else {
                throw error(prefix + key, zh: "应为字符串列表，如 [\"公司领导\"]", en: "must be a list of strings, like [\"公司领导\"]")
            }
            var items: [String] = []
            for (index, item) in array.enumerated() {
                guard let text = item.string?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                    throw error("\(prefix)\(key)[\(index)]", zh: "应为非空字符串", en: "must be a non-empty string")
                }
                items.append(text)
            }
            if items.isEmpty && !allowEmpty { throw error(prefix + key, zh: "不能为空列表", en: "must not be an empty list") }
            return items
        }

        func section(_ table: TOMLTable, _ key: String) throws(OfficeSettingsError) -> TOMLTable? {
            guard let value = table[key] else { return nil }
            guard let section = value.table else { throw error(key, zh: "应为一节 [\(key)]", en: "must be a section [\(key)]") }
            return section
        }
    }

    /// The file `wenti office init` writes: every setting, commented, filled from `settings`.
    public static func starterText(_ settings: OfficeSettings) -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func list(_ items: [String]) -> String { "[" + items.map(quoted).joined(separator: ", ") + "]" }
        let letters = DocumentKind.allCases.map { "\($0.rawValue) = \(quoted(settings.numberLetter($0)))" }.joined(separator: "\n")
        return """
        # wenti office settings: the organisation's details on its official documents
        # (GB/T 9704-2012 layout: .docx and print-ready HTML). Edit freely; `wenti office show`
        # checks the file and prints what the documents will use.

        # 发文机关署名: the issuing body's full name, signing above the date.
        issuing-body = \(quoted(settings.issuingBody))
        # 发文机关标志: the red mark at the top of notices, agendas, minutes and rankings.
        mark = \(quoted(settings.mark))
        # The bulletin's own mark (简报名称).
        bulletin-mark = \(quoted(settings.bulletinMark))
        # 发文机关代字: numbers read <prefix><letter>〔<year>〕<n>号, e.g. \(settings.numberPrefix)\(settings.numberLetter(.notice))〔2026〕1号.
        number-prefix = \(quoted(settings.numberPrefix))
        # 主送机关 of documents to the whole organisation (a notice goes to its department).
        addressee = \(quoted(settings.addressee))
        # 抄送机关, in order.
        cc = \(list(settings.cc))
        # 印发机关.
        printing-unit = \(quoted(settings.printingUnit))
        # 成文日期: "chinese" (二〇二六年十二月一日) or "arabic" (2026年12月1日, as GB/T 9704-2012 writes it).
        date-numerals = \(quoted(settings.chineseNumeralDates ? "chinese" : "arabic"))

        # The letter of each kind of document in its number; each kind is numbered from 1 every year.
        [number-letters]
        \(letters)

        # The minutes' place, chair and recorder; left empty, the minutes leave a blank to fill in.
        [meeting]
        place = \(quoted(settings.meetingPlace))
        chair = \(quoted(settings.meetingChair))
        recorder = \(quoted(settings.meetingRecorder))

        # Typefaces: the first is asked for, the others stand in where it is not installed.
        [fonts]
        title = \(list(settings.fonts.title))
        body = \(list(settings.fonts.body))
        heading = \(list(settings.fonts.heading))
        subheading = \(list(settings.fonts.subheading))
        latin = \(list(settings.fonts.latin))

        """
    }
}

/// A settings file that cannot be used: the file, the key when one is to blame, and why.
public struct OfficeSettingsError: Error, Equatable, Sendable, Labelled {
    public var file: String
    public var key: String?
    public var problem: LocalizedText

    public var label: LocalizedText {
        let zhKey = key.map { "设置项 \($0)：" } ?? ""
        let enKey = key.map { "key \($0): " } ?? ""
        return LocalizedText(zh: "设置文件 \(file)：\(zhKey)\(problem.zh)", en: "settings file \(file): \(enKey)\(problem.en)")
    }
}

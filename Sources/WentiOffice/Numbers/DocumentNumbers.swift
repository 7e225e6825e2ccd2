import Foundation
import WentiCore

/// The numbers wenti has given its documents, kept in a small text file beside the
/// settings (`wenti.office-numbers.tsv`) rather than in the database, whose schema is not
/// this module's to change. A document keeps the number it was first given, however often
/// it is printed again; a new one takes the next number of its kind in its year.
///
/// One line per document, tab-separated: `kind  year  subject  number`, e.g.
/// `notice	2026	DB-2026-001	1`. Lines starting with `#` are comments.
public struct DocumentNumbers: Sendable {
    public struct Entry: Sendable, Hashable {
        public var kind: DocumentKind
        public var year: Int
        public var subject: String
        public var number: Int
    }

    public let path: String
    public private(set) var entries: [Entry]
    /// Held from the read until the last copy of this value is gone: two processes printing
    /// at once would otherwise both read number N and both give it out.
    private let lock: NumbersFileLock?

    public static func path(settingsPath: String) -> String {
        let base = settingsPath.hasSuffix(".office.toml") ? String(settingsPath.dropLast(".office.toml".count)) : settingsPath
        return base + ".office-numbers.tsv"
    }

    /// Takes the numbers' lock (waiting while another process holds it), then reads the
    /// file; none yet means no number given. The lock goes with the value: build, write and
    /// `save()` with it, then let it go.
    public init(path: String) throws(OfficeSettingsError) {
        self.path = path
        entries = []
        lock = try NumbersFileLock.acquire(path + ".lock")
        guard FileManager.default.fileExists(atPath: path) else { return }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw OfficeSettingsError(file: path, key: nil, problem: LocalizedText(zh: "无法以 UTF-8 读取", en: "cannot be read as UTF-8 text"))
        }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, let kind = DocumentKind(rawValue: fields[0]), let year = Int(fields[1]), let number = Int(fields[3]),
                  number > 0, !fields[2].isEmpty else {
                throw OfficeSettingsError(file: path, key: "line \(index + 1)", problem: LocalizedText(
                    zh: "应为“类别<TAB>年份<TAB>文档<TAB>序号”，如 notice\t2026\tDB-2026-001\t1",
                    en: "must read kind<TAB>year<TAB>document<TAB>number, like notice\t2026\tDB-2026-001\t1"))
            }
            entries.append(Entry(kind: kind, year: year, subject: fields[2], number: number))
        }
    }

    /// The number of `subject` in its kind and year: the one it has, else the next free one,
    /// recorded so that the next print gives the same.
    public mutating func number(_ kind: DocumentKind, year: Int, subject: String) -> (number: Int, isNew: Bool) {
        let subject = subject.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
        if let known = entries.first(where: { $0.kind == kind && $0.year == year && $0.subject == subject }) {
            return (known.number, false)
        }
        let next = (entries.filter { $0.kind == kind && $0.year == year }.map(\.number).max() ?? 0) + 1
        entries.append(Entry(kind: kind, year: year, subject: subject, number: next))
        return (next, true)
    }

    /// Writes the file whole (beside, then moved), so a crash never leaves half of it.
    public func save() throws(OfficeSettingsError) {
        var text = "# wenti: numbers given to official documents, per kind and year (kind, year, document, number).\n"
        text += "# Edit only to correct a number; a document keeps its number when printed again.\n"
        for entry in entries {
            text += "\(entry.kind.rawValue)\t\(entry.year)\t\(entry.subject)\t\(entry.number)\n"
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw OfficeSettingsError(file: path, key: nil, problem: LocalizedText(zh: "无法写入：\(error.localizedDescription)",
                                                                                   en: "cannot be written: \(error.localizedDescription)"))
        }
    }
}

/// Formats the numbers of GB/T 9704-2012: the year in hexagonal brackets 〔〕, the number
/// without leading zeros ("1号", never "01号").
public enum DocumentNumberFormat {
    public static func number(prefix: String, letter: String, year: Int, number: Int, language: Language) -> String {
        language == .zh ? "\(prefix)\(letter)〔\(year)〕\(number)号" : "\(prefix)\(letter) [\(year)] No. \(number)"
    }

    /// A bulletin's issue: "2026年第3期".
    public static func issue(year: Int, number: Int, language: Language) -> String {
        language == .zh ? "\(year)年第\(number)期" : "\(year), issue \(number)"
    }
}

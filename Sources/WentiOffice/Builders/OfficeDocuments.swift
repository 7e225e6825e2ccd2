import Foundation
import WentiCore
import WentiText

/// Builds the official documents from the records: what each says, in the order GB/T
/// 9704-2012 places it. One value per workspace and language; it hands out document numbers
/// from `numbers`, which the caller saves once the document is written.
public struct OfficeDocuments: Sendable {
    public var settings: OfficeSettings
    public var organisation: Organisation
    public var language: Language
    public var numbers: DocumentNumbers

    public init(settings: OfficeSettings, organisation: Organisation, language: Language, numbers: DocumentNumbers) {
        self.settings = settings
        self.organisation = organisation
        self.language = language
        self.numbers = numbers
    }

    // MARK: The frame every kind shares

    /// The header, signature and footer around a body. The number is the subject's in its
    /// kind and year, given now if it has none.
    mutating func frame(_ kind: DocumentKind, year: Int, subject: String, title: String, addressee: String?,
                        body: [Block], dated day: Day, note: String? = nil, ccHeading: LocalizedText? = nil) -> OfficialDocument {
        let given = numbers.number(kind, year: year, subject: subject).number
        let number = DocumentNumberFormat.number(prefix: settings.numberPrefix, letter: settings.numberLetter(kind), year: year,
                                                 number: given, language: language)
        return OfficialDocument(
            kind: kind, language: language, mark: settings.mark, number: number, issue: nil, compiledBy: nil,
            title: text(title), addressee: addressee.map { text($0) + colon.trimmingCharacters(in: .whitespaces) }, body: body.map(punctuated),
            signature: settings.issuingBody, date: signatureDate(day), note: note.map { text($0) },
            ccHeading: (ccHeading ?? LocalizedText(zh: "抄送", en: "CC")).text(language) + colon, cc: settings.cc,
            printedBy: settings.printingUnit, printedOn: printedDate(day), fonts: settings.fonts, dated: day)
    }

    /// 成文日期: Chinese numerals unless the settings ask for Arabic ones; English spelt out.
    func signatureDate(_ day: Day) -> String {
        guard language == .zh else { return OfficeDates.english(day) }
        return settings.chineseNumeralDates ? OfficeDates.chineseNumerals(day) : OfficeDates.arabic(day)
    }

    /// 印发日期 in Arabic numerals, followed by 印发.
    func printedDate(_ day: Day) -> String {
        language == .zh ? OfficeDates.arabic(day) + "印发" : "printed \(OfficeDates.english(day))"
    }

    // MARK: Text

    /// The colon after a label: full-width (which carries its own space) or ASCII and a space.
    var colon: String { language == .zh ? "：" : ": " }
    var listSeparator: String { language == .zh ? "、" : ", " }

    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    func t(_ localized: LocalizedText) -> String { localized.text(language) }

    /// Text from the data: control characters made visible, Chinese punctuation in Chinese;
    /// a line break stays a line break (the writers make it one on paper), never "⏎".
    func text(_ value: String) -> String {
        let clean = TextSanitizer.clean(value, mode: .multiLine)
        return language == .zh ? OfficePunctuation.chinese(clean) : clean
    }

    func punctuated(_ block: Block) -> Block {
        switch block {
        case .heading(let level, let value): return .heading(level: level, text: text(value))
        case .paragraph(let value): return .paragraph(text(value))
        case .field(let label, let value): return .field(label: text(label), value: text(value))
        case .table(var table):
            table.caption = table.caption.map { text($0) }
            table.header = table.header.map { text($0) }
            table.rows = table.rows.map { $0.map { text($0) } }
            return .table(table)
        case .chart(var chart):
            chart.title = text(chart.title)
            chart.rows = chart.rows.map { TrendChart.Row(label: text($0.label), values: $0.values) }
            return .chart(chart)
        }
    }

    func personName(_ id: PersonID?) -> String {
        guard let id else { return "—" }
        return organisation.person(id)?.name ?? id.rawValue
    }

    func unitName(_ id: UnitID?) -> String {
        guard let id else { return "—" }
        return organisation.unit(id)?.name ?? id.rawValue
    }

    /// "一、", "二、" … for level-1 headings; "1." in English.
    func ordinal(_ index: Int) -> String {
        language == .zh ? OfficeDates.number(index) + "、" : "\(index). "
    }

    /// "（一）" for level-2 headings; "(a)" in English.
    func subOrdinal(_ index: Int) -> String {
        language == .zh ? "（\(OfficeDates.number(index))）" : "(\(Character(UnicodeScalar(UInt8(96 + min(index, 26))))))"
    }

    func day(_ day: Day?) -> String { day.map { OfficeDates.body($0, language) } ?? "—" }

    /// A date in a narrow table column: "10月19日" within the document's year, else in full.
    func shortDay(_ day: Day, year: Int) -> String {
        let civil = day.civil
        guard language == .zh, civil.year == year else { return OfficeDates.body(day, language) }
        return "\(civil.month)月\(civil.day)日"
    }

    /// A blank to fill in by hand where the data has nothing.
    var blank: String { "＿＿＿＿＿＿" }
}

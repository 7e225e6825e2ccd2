import WentiCore

/// An official document laid out after GB/T 9704-2012, independent of the file format: the
/// header (版头: issuing body mark, document number), the body (主体: title, addressee, text,
/// signature and date) and the footer record (版记: CC list, printing unit and date). The
/// .docx and the print-ready HTML writers both render this one value, so the two never
/// disagree about what a document says.
public struct OfficialDocument: Sendable {
    public var kind: DocumentKind
    public var language: Language
    /// 发文机关标志, printed red at the top ("江城供电公司党委文件", "督办简报").
    public var mark: String
    /// 发文字号 ("江城供电党建督〔2026〕3号"); nil for a document that carries none.
    public var number: String?
    /// A bulletin's issue line ("2026年第3期") instead of, or beside, the number.
    public var issue: String?
    /// A bulletin's second header line: who compiled it, and the day ("党建工作部编  2026年12月1日").
    public var compiledBy: (unit: String, date: String)?
    public var title: String
    /// 主送机关, ending with a colon; nil when the kind has none (minutes).
    public var addressee: String?
    public var body: [Block]
    /// 发文机关署名 (empty for minutes, which GB/T 9704-2012 leaves unsigned) and 成文日期.
    public var signature: String
    public var date: String
    /// 附注, printed in parentheses under the date ("联系人：赵文静").
    public var note: String?
    /// 版记: the CC line's heading ("抄送", "分送", "报") and whom.
    public var ccHeading: String
    public var cc: [String]
    /// 印发机关 and 印发日期.
    public var printedBy: String
    public var printedOn: String
    public var fonts: OfficeFonts
    /// The day the document is dated (its 成文日期), which also dates the file's entries.
    public var dated: Day
}

/// One piece of the body.
public enum Block: Sendable {
    /// A level-1 heading ("一、" in 黑体), level 2 ("（一）" in 楷体) or level 3 ("1." in 仿宋).
    case heading(level: Int, text: String)
    /// A body paragraph, first line indented two characters.
    case paragraph(String)
    /// A labelled line ("会议时间：2026年11月20日"), the label in 黑体.
    case field(label: String, value: String)
    case table(DocumentTable)
    case chart(TrendChart)

}

/// A table of text: a header row and body rows of the same width.
public struct DocumentTable: Sendable {
    public var caption: String?
    public var header: [String]
    public var rows: [[String]]
    /// Relative column widths; equal when empty.
    public var widths: [Int]

    public init(caption: String? = nil, header: [String], rows: [[String]], widths: [Int] = []) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.widths = widths
    }
}

/// Counts per month for a few series (categories, units): drawn as an SVG line chart in
/// HTML and as a table-based chart (shaded counts and a bar of the totals) in .docx.
public struct TrendChart: Sendable {
    public struct Row: Sendable {
        public var label: String
        public var values: [Int]
        public var total: Int { values.reduce(0, +) }
    }

    public var title: String
    public var months: [YearMonth]
    public var rows: [Row]
    public var totalHeading: String

    public var maximum: Int { rows.flatMap(\.values).max() ?? 0 }
}

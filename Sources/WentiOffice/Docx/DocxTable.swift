/// A table of the body: full text-block width, ruled, the header row repeated on each page,
/// smaller type than the body (小四, or 五号 when it is wide) so the columns keep their words.
struct DocxTable {
    let table: DocumentTable
    let body: WordXML.Font
    let heading: WordXML.Font

    var columnWidths: [Int] {
        let count = max(table.header.count, table.rows.map(\.count).max() ?? 0, 1)
        let relative = table.widths.count == count ? table.widths.map { max($0, 1) } : Array(repeating: 1, count: count)
        let sum = relative.reduce(0, +)
        var widths = relative.map { OfficeMeasure.textWidth * $0 / sum }
        widths[widths.count - 1] += OfficeMeasure.textWidth - widths.reduce(0, +)
        return widths
    }

    var xml: [String] {
        let widths = columnWidths
        let halfPoints = widths.count > 8 ? 21 : 24
        var text = body, bold = heading
        text.halfPoints = halfPoints
        bold.halfPoints = halfPoints
        var parts: [String] = []
        if let caption = table.caption {
            parts.append(WordXML.paragraph(WordXML.Paragraph(keepNext: true, alignment: "center"), WordXML.run(caption, heading)))
        }
        let rows = [(table.header, true)] + table.rows.map { ($0, false) }
        let rowXML = rows.map { cells, isHeader -> String in
            let properties = isHeader ? "<w:trPr><w:tblHeader/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>"
            return "<w:tr>\(properties)" + widths.indices.map { index in
                let value = index < cells.count ? cells[index] : ""
                return Self.cell(value, width: widths[index], font: isHeader ? bold : text, centred: isHeader || index > 0 && value.count <= 6)
            }.joined() + "</w:tr>"
        }.joined()
        parts.append("<w:tbl>" + Self.properties(widths) + rowXML + "</w:tbl>")
        // Room between the table and what follows.
        parts.append(WordXML.paragraph(WordXML.Paragraph(snapToGrid: false, exactLine: nil), ""))
        return parts
    }

    static func properties(_ widths: [Int]) -> String {
        let rule = ["top", "left", "bottom", "right", "insideH", "insideV"].map { WordXML.border($0, eighths: 4, space: 0) }.joined()
        return #"<w:tblPr><w:tblW w:w="\#(widths.reduce(0, +))" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>\#(rule)</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>"#
            + "<w:tblGrid>" + widths.map { #"<w:gridCol w:w="\#($0)"/>"# }.joined() + "</w:tblGrid>"
    }

    /// One cell: single-spaced, off the 22-line grid (which would make every table line as
    /// tall as a body line).
    static func cell(_ value: String, width: Int, font: WordXML.Font, centred: Bool, fill: String? = nil, runs: String? = nil) -> String {
        let shading = fill.map { #"<w:shd w:val="clear" w:color="auto" w:fill="\#($0)"/>"# } ?? ""
        return #"<w:tc><w:tcPr><w:tcW w:w="\#(width)" w:type="dxa"/>\#(shading)<w:vAlign w:val="center"/></w:tcPr>"#
            + WordXML.paragraph(WordXML.Paragraph(snapToGrid: false, exactLine: nil, alignment: centred ? "center" : "left"),
                                runs ?? WordXML.run(value, font))
            + "</w:tc>"
    }
}

/// A trend chart drawn with a table, which every version of Word, WPS and LibreOffice shows
/// alike: one row per series, one cell per month shaded by its count (a heat map), then the
/// total and a bar of shaded characters as long as the total is against the largest.
struct DocxChart {
    let chart: TrendChart
    let body: WordXML.Font
    let heading: WordXML.Font

    static let barCharacters = 10

    var xml: [String] {
        let months = chart.months
        let labelWidth = 2200, totalWidth = 700
        let barWidth = OfficeMeasure.textWidth / 4
        let monthWidth = (OfficeMeasure.textWidth - labelWidth - totalWidth - barWidth) / max(months.count, 1)
        let widths = [labelWidth] + Array(repeating: monthWidth, count: months.count) + [totalWidth]
            + [OfficeMeasure.textWidth - labelWidth - totalWidth - monthWidth * months.count]
        var text = body, bold = heading
        text.halfPoints = 21
        bold.halfPoints = 21
        var parts = [WordXML.paragraph(WordXML.Paragraph(keepNext: true, before: OfficeMeasure.linePitch / 2, alignment: "center"),
                                       WordXML.run(chart.title, heading))]
        let oneYear = Set(months.map(\.year)).count == 1
        let header = [""] + months.map { oneYear ? (isChinese ? "\($0.month)月" : Self.englishMonth($0.month)) : $0.description }
            + [chart.totalHeading, ""]
        var rowsXML = "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + header.enumerated().map { index, value in
            DocxTable.cell(value, width: widths[index], font: bold, centred: true)
        }.joined() + "</w:tr>"
        let maximum = max(chart.maximum, 1)
        let largestTotal = max(chart.rows.map(\.total).max() ?? 0, 1)
        for row in chart.rows {
            var cells = [DocxTable.cell(row.label, width: widths[0], font: text, centred: false)]
            for (index, value) in row.values.enumerated() {
                cells.append(DocxTable.cell("\(value)", width: widths[index + 1], font: text, centred: true,
                                            fill: Self.shade(value, of: maximum)))
            }
            cells.append(DocxTable.cell("\(row.total)", width: totalWidth, font: text, centred: true))
            let length = row.total == 0 ? 0 : max(1, Int((Double(row.total) / Double(largestTotal) * Double(Self.barCharacters)).rounded()))
            var bar = text
            bar.shading = "2F5597"
            cells.append(DocxTable.cell("", width: widths[widths.count - 1], font: text, centred: false,
                                        runs: length == 0 ? "" : WordXML.run(String(repeating: "\u{3000}", count: length), bar)))
            rowsXML += "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + cells.joined() + "</w:tr>"
        }
        if chart.rows.isEmpty {
            rowsXML += "<w:tr>" + widths.enumerated().map { index, width in
                DocxTable.cell(index == 0 ? (isChinese ? "无数据" : "no data") : "", width: width, font: text, centred: false)
            }.joined() + "</w:tr>"
        }
        parts.append("<w:tbl>" + DocxTable.properties(widths) + rowsXML + "</w:tbl>")
        parts.append(WordXML.paragraph(WordXML.Paragraph(snapToGrid: false, exactLine: nil), ""))
        return parts
    }

    var isChinese: Bool { OfficePunctuation.isChinese(chart.title.first) }

    static func englishMonth(_ month: Int) -> String {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
    }

    /// White for 0 to a mid blue for the largest count.
    static func shade(_ value: Int, of maximum: Int) -> String {
        guard value > 0 else { return "FFFFFF" }
        let share = Double(value) / Double(maximum)
        let target = (r: 0x8F, g: 0xAA, b: 0xDC)
        func channel(_ end: Int) -> Int { Int((255 - Double(255 - end) * share).rounded()) }
        return String(format: "%02X%02X%02X", channel(target.r), channel(target.g), channel(target.b))
    }
}

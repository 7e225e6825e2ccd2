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

import WentiCore

/// A trend chart as a native chart: a chart part (`word/charts/chartN.xml`, DrawingML's
/// `c:chartSpace`) holding a line chart with one series per category or unit over the
/// months, and in the body an inline drawing that points to it. Word, WPS and LibreOffice
/// draw it from the values cached in the part (no embedded workbook is needed to show it;
/// Word asks for one only to edit the data). The colours are the HTML chart's.
struct DocxChart {
    let chart: TrendChart
    /// 1-based among the document's charts: names the part and its relationship.
    let number: Int
    let heading: WordXML.Font

    static let contentType = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
    static let relationshipType = "\(WordXML.relationships)/chart"
    static let chartNamespace = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    static let drawingNamespace = "http://schemas.openxmlformats.org/drawingml/2006/main"

    static func partName(_ number: Int) -> String { "word/charts/chart\(number).xml" }
    static func relationshipID(_ number: Int) -> String { "rIdChart\(number)" }

    /// The text block's width, and a height that leaves room for the legend under the plot.
    static let width = OfficeMeasure.textWidth * 635            // twips to EMU
    static func height(series: Int) -> Int { (72 + 5 * ((series + 2) / 3)) * 36_000 }   // millimetres to EMU

    /// The title (黑体, kept with the chart) and the paragraph holding the drawing; single
    /// spacing, since the body's exact 22-line pitch would crop the drawing to one line.
    var xml: [String] {
        let title = WordXML.paragraph(WordXML.Paragraph(keepNext: true, before: OfficeMeasure.linePitch / 2, alignment: "center"),
                                      WordXML.run(chart.title, heading))
        guard !chart.rows.isEmpty else {
            return [title, WordXML.paragraph(WordXML.Paragraph(alignment: "center"), WordXML.run(isChinese ? "无数据" : "no data", heading))]
        }
        let height = Self.height(series: chart.rows.count)
        let drawing = #"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="\#(Self.width)" cy="\#(height)"/>"#
            + #"<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="\#(100 + number)" name="\#(isChinese ? "图表" : "Chart") \#(number)" descr="\#(WordXML.escape(chart.title))"/>"#
            + #"<wp:cNvGraphicFramePr/><a:graphic xmlns:a="\#(Self.drawingNamespace)"><a:graphicData uri="\#(Self.chartNamespace)">"#
            + #"<c:chart xmlns:c="\#(Self.chartNamespace)" r:id="\#(Self.relationshipID(number))"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
        return [title, WordXML.paragraph(WordXML.Paragraph(snapToGrid: false, exactLine: nil, alignment: "center"), drawing)]
    }

    var isChinese: Bool { OfficePunctuation.isChinese(chart.title.first) }

    /// The month labels: "9月" within one year, else "2026-09".
    var monthLabels: [String] {
        let oneYear = Set(chart.months.map(\.year)).count == 1
        return chart.months.map { oneYear ? (isChinese ? "\($0.month)月" : Self.englishMonth($0.month)) : $0.description }
    }

    static func englishMonth(_ month: Int) -> String {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
    }

    // MARK: The chart part

    /// `c:chartSpace` with the children in the schema's order (chart, then text properties).
    func part(latin: String, eastAsia: String) -> String {
        let column = { (index: Int) in Self.sheetColumn(index + 1) }
        let months = monthLabels
        let categories = "<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$\(months.count + 1)</c:f><c:strCache><c:ptCount val=\"\(months.count)\"/>"
            + months.enumerated().map { #"<c:pt idx="\#($0)"><c:v>\#(WordXML.escape($1))</c:v></c:pt>"# }.joined()
            + "</c:strCache></c:strRef></c:cat>"
        var series = ""
        for (index, row) in chart.rows.enumerated() {
            let colour = String(SVGChart.palette[index % SVGChart.palette.count].dropFirst()).uppercased()
            let name = row.label + (isChinese ? "（\(row.total)）" : " (\(row.total))")
            let line = #"<a:ln w="22225" cap="rnd"><a:solidFill><a:srgbClr val="\#(colour)"/></a:solidFill><a:round/></a:ln>"#
            series += #"<c:ser><c:idx val="\#(index)"/><c:order val="\#(index)"/>"#
                + #"<c:tx><c:strRef><c:f>Sheet1!$\#(column(index))$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>\#(WordXML.escape(name))</c:v></c:pt></c:strCache></c:strRef></c:tx>"#
                + "<c:spPr>\(line)</c:spPr>"
                + #"<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill><a:srgbClr val="\#(colour)"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr></c:marker>"#
                + categories
                + "<c:val><c:numRef><c:f>Sheet1!$\(column(index))$2:$\(column(index))$\(months.count + 1)</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"\(row.values.count)\"/>"
                + row.values.enumerated().map { #"<c:pt idx="\#($0)"><c:v>\#($1)</c:v></c:pt>"# }.joined()
                + #"</c:numCache></c:numRef></c:val><c:smooth val="0"/></c:ser>"#
        }
        let grid = #"<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="CCCCCC"/></a:solidFill></a:ln></c:spPr>"#
        let axes = #"<c:catAx><c:axId val="5001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>"#
            + #"<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>"#
            + #"<c:crossAx val="5002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>"#
            + #"<c:valAx><c:axId val="5002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>"#
            + "<c:majorGridlines>\(grid)</c:majorGridlines>"
            + #"<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>"#
            + #"<c:crossAx val="5001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/>"#
            // Counts are whole: a step of one while they are small, so no axis reads 0.5 concerns.
            + (chart.maximum <= 10 ? #"<c:majorUnit val="1"/>"# : "") + "</c:valAx>"
        let text = #"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"><a:latin typeface="\#(WordXML.escape(latin))"/><a:ea typeface="\#(WordXML.escape(eastAsia))"/></a:defRPr></a:pPr><a:endParaRPr lang="\#(isChinese ? "zh-CN" : "en-GB")"/></a:p></c:txPr>"#
        return WordXML.header
            + #"<c:chartSpace xmlns:c="\#(Self.chartNamespace)" xmlns:a="\#(Self.drawingNamespace)" xmlns:r="\#(WordXML.relationships)">"#
            + #"<c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>"#
            + #"<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>\#(series)<c:marker val="1"/><c:axId val="5001"/><c:axId val="5002"/></c:lineChart>"#
            + axes + "</c:plotArea>"
            + #"<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>"#
            + #"<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"# + text + "</c:chartSpace>"
    }

    /// The spreadsheet column of series `index` (B, C, …, Z, AA, …), for the cell references
    /// Word keeps beside the cached values.
    static func sheetColumn(_ index: Int) -> String {
        var number = index + 1, name = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            number = (number - 1) / 26
        }
        return name
    }
}

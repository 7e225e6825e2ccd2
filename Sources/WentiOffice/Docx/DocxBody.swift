import WentiCore

/// `word/document.xml`: the document in the order and the faces of GB/T 9704-2012.
struct DocxBody {
    let document: OfficialDocument
    typealias Font = WordXML.Font
    typealias Paragraph = WordXML.Paragraph

    var isChinese: Bool { document.language == .zh }
    var latin: String { document.fonts.latin.first ?? "Times New Roman" }

    func face(_ family: [String], halfPoints: Int = OfficeMeasure.bodyHalfPoints, color: String? = nil, bold: Bool = false) -> Font {
        Font(eastAsia: family.first ?? "SimSun", latin: latin, halfPoints: halfPoints, color: color, bold: bold)
    }

    var body: Font { face(document.fonts.body) }
    var heading: Font { face(document.fonts.heading) }
    var subheading: Font { face(document.fonts.subheading) }

    var xml: String {
        var parts: [String] = []
        parts += header()
        parts.append(title())
        if let addressee = document.addressee {
            parts.append(WordXML.paragraph(Paragraph(before: OfficeMeasure.linePitch, alignment: "left"), WordXML.run(addressee, body)))
        }
        var chartNumber = 0
        for block in document.body {
            if case .chart(let chart) = block {
                chartNumber += 1
                parts += DocxChart(chart: chart, number: chartNumber, heading: heading).xml
            } else {
                parts += render(block)
            }
        }
        parts += signature()
        parts.append(footerRecord())
        return WordXML.header
            + #"<w:document xmlns:w="\#(WordXML.main)" xmlns:r="\#(WordXML.relationships)" xmlns:wp="\#(WordXML.wordDrawing)" "#
            + #"xmlns:wps="\#(WordXML.wordShape)" xmlns:a="\#(DocxChart.drawingNamespace)" xmlns:mc="\#(WordXML.compatibility)"><w:body>"#
            + parts.joined() + section() + "</w:body></w:document>"
    }

    // MARK: 版头: the mark, the number, the red line

    func header() -> [String] {
        let red = "FF0000"
        // The mark as large as fits the text block on one line, at most 48 pt.
        let characters = max(document.mark.count, 1)
        let fitting = Int(Double(OfficeMeasure.textWidth) / 20 * 2 * 0.92 / Double(isChinese ? characters : max(characters / 2, 1)))
        let markSize = min(96, max(36, fitting))
        var parts = [WordXML.paragraph(
            // The mark's top sits 35 mm below the top of the text block.
            Paragraph(style: "WentiMark", before: OfficeMeasure.twips(millimetres: 35) - OfficeMeasure.linePitch, exactLine: nil, alignment: "center"),
            WordXML.run(document.mark, face(document.fonts.title, halfPoints: markSize, color: red)))]
        let redLine = WordXML.border("bottom", eighths: 12, color: red, space: 11)
        if let issue = document.issue {
            parts.append(WordXML.paragraph(Paragraph(before: OfficeMeasure.linePitch, alignment: "center"), WordXML.run(issue, body)))
            let compiled = document.compiledBy.map { "\($0.unit)\t\($0.date)" } ?? ""
            parts.append(WordXML.paragraph(Paragraph(borders: redLine, rightTab: OfficeMeasure.textWidth, left: 0, alignment: "left"),
                                           WordXML.run(compiled, body)))
        } else if let number = document.number {
            // Two blank lines under the mark, then the number, centred, over the red line.
            parts.append(WordXML.paragraph(Paragraph(borders: redLine, before: OfficeMeasure.linePitch * 2, alignment: "center"),
                                           WordXML.run(number, body)))
        }
        return parts
    }

    func title() -> String {
        WordXML.paragraph(Paragraph(style: "Title", before: OfficeMeasure.linePitch * 2, after: 0, exactLine: 700, alignment: "center"),
                          WordXML.run(document.title, face(document.fonts.title, halfPoints: 44)))
    }

    // MARK: 主体

    func render(_ block: Block) -> [String] {
        let indent = OfficeMeasure.character * 2
        switch block {
        case .heading(let level, let text):
            return [WordXML.paragraph(Paragraph(style: level == 1 ? "Heading1" : "Heading2", keepNext: true, firstLine: indent),
                                      WordXML.run(text, level == 1 ? heading : subheading))]
        case .paragraph(let text):
            return [WordXML.paragraph(Paragraph(firstLine: indent), WordXML.run(text, body))]
        case .field(let label, let value):
            // The label two characters in; lines that wrap align after the label.
            let labelWidth = label.count * (isChinese ? OfficeMeasure.character : OfficeMeasure.character / 2)
            return [WordXML.paragraph(Paragraph(left: indent + labelWidth, hanging: labelWidth),
                                      WordXML.run(label, heading) + WordXML.run(value, body))]
        case .table(let table):
            return DocxTable(table: table, body: body, heading: heading).xml
        case .chart:
            return []   // numbered and drawn in `xml`: each chart has its own part
        }
    }

    /// The document's charts in body order; chart N is `word/charts/chartN.xml`.
    static func charts(of document: OfficialDocument) -> [TrendChart] {
        document.body.compactMap { block in
            if case .chart(let chart) = block { return chart }
            return nil
        }
    }

    // MARK: 署名、成文日期、附注

    /// Signature and date right-aligned: the date two characters right of the signature's
    /// first character, the signature moved left when the date is the longer (7.3.5.2).
    func signature() -> [String] {
        let signatureLength = document.signature.count, dateLength = document.date.count
        var signatureRight = 2
        var dateRight = signatureRight + signatureLength - dateLength - 2
        if dateRight < 2 {
            dateRight = 2
            signatureRight = dateRight + dateLength + 2 - signatureLength
        }
        let unit = isChinese ? OfficeMeasure.character : OfficeMeasure.character / 2
        var parts: [String] = []
        if !document.signature.isEmpty {
            parts.append(WordXML.paragraph(Paragraph(style: "WentiSignature", keepNext: true, before: OfficeMeasure.linePitch * 2,
                                                     right: signatureRight * unit, alignment: "right"), WordXML.run(document.signature, body)))
        }
        parts.append(WordXML.paragraph(Paragraph(before: document.signature.isEmpty ? OfficeMeasure.linePitch : 0, right: dateRight * unit,
                                                 alignment: "right"), WordXML.run(document.date, body)))
        if let note = document.note {
            parts.append(WordXML.paragraph(Paragraph(firstLine: OfficeMeasure.character * 2, alignment: "left"), WordXML.run(note, body)))
        }
        return parts
    }

    // MARK: 版记

    /// The CC line and the printing line between two thick rules with a thin one between, at
    /// the foot of the last page's text block, as the standard places them (7.4).
    ///
    /// They sit in a text box anchored to the bottom of the margin box and wrapped top and
    /// bottom, anchored in the document's last paragraph, so the box lands on the last page
    /// and the body flows above it. A floating table (`tblpPr`) as wide as the text block
    /// is what Word does, but LibreOffice lays such a table out in the flow, straight after
    /// the body; a `framePr` frame it places at its anchor. The text box is placed alike by
    /// Word, WPS and LibreOffice.
    func footerRecord() -> String {
        let small = face(document.fonts.body, halfPoints: 28)
        let separator = isChinese ? "，" : ", "
        let stop = isChinese ? "。" : "."
        let cc = document.cc.isEmpty ? "" : document.ccHeading + document.cc.joined(separator: separator) + stop
        let oneCharacter = 280
        let thick = 8, thin = 6
        let ccParagraph = WordXML.paragraph(
            Paragraph(borders: WordXML.border("top", eighths: thick, space: 3) + WordXML.border("bottom", eighths: thin, space: 3),
                      snapToGrid: false, exactLine: nil, left: oneCharacter + document.ccHeading.count * oneCharacter,
                      right: oneCharacter, hanging: document.ccHeading.count * oneCharacter, alignment: "left"),
            WordXML.run(cc, small))
        let printed = WordXML.paragraph(
            Paragraph(borders: (cc.isEmpty ? WordXML.border("top", eighths: thick, space: 3) : "") + WordXML.border("bottom", eighths: thick, space: 3),
                      rightTab: OfficeMeasure.textWidth - oneCharacter, snapToGrid: false, exactLine: nil, left: oneCharacter, alignment: "left"),
            WordXML.run("\(document.printedBy)\t\(document.printedOn)", small))
        // Lines of 14 pt text: the CC line wraps at the text block less its indents.
        let ccWidth = OfficeMeasure.textWidth - 2 * oneCharacter - document.ccHeading.count * oneCharacter
        let perLine = max(1, ccWidth / (isChinese ? oneCharacter : oneCharacter / 2))
        let lines = 1 + (cc.isEmpty ? 0 : (cc.count + perLine - 1) / perLine)
        let width = OfficeMeasure.textWidth * 635
        let height = (lines * 19 + 14) * 12_700     // points to EMU: 19 pt a line, the rules' spacing
        let anchor = #"<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="0">"#
            + #"<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>"#
            + #"<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>"#
            + #"<wp:extent cx="\#(width)" cy="\#(height)"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>"#
            + #"<wp:docPr id="1" name="\#(isChinese ? "版记" : "Footer record")"/><wp:cNvGraphicFramePr/>"#
            + #"<a:graphic><a:graphicData uri="\#(WordXML.wordShape)"><wps:wsp><wps:cNvSpPr txBox="1"/>"#
            + #"<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="\#(width)" cy="\#(height)"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>"#
            + "<wps:txbx><w:txbxContent>" + (cc.isEmpty ? "" : ccParagraph) + printed + "</w:txbxContent></wps:txbx>"
            + #"<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b" anchorCtr="0"><a:spAutoFit/></wps:bodyPr>"#
            + "</wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        // The box rides in the document's last paragraph, which holds nothing else.
        return WordXML.paragraph(Paragraph(snapToGrid: false, exactLine: nil),
                                 #"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>\#(anchor)</w:drawing></mc:Choice></mc:AlternateContent></w:r>"#)
    }

    // MARK: The page

    /// A4, the standard's margins, 22 lines to the page, page numbers in the footers (odd
    /// pages right, even pages left).
    func section() -> String {
        #"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>"#
            + #"<w:pgSz w:w="\#(OfficeMeasure.pageWidth)" w:h="\#(OfficeMeasure.pageHeight)"/>"#
            + #"<w:pgMar w:top="\#(OfficeMeasure.top)" w:right="\#(OfficeMeasure.right)" w:bottom="\#(OfficeMeasure.bottom)" w:left="\#(OfficeMeasure.left)" w:header="851" w:footer="\#(OfficeMeasure.twips(millimetres: 21))" w:gutter="0"/>"#
            + #"<w:pgNumType w:start="1"/><w:docGrid w:type="lines" w:linePitch="\#(OfficeMeasure.linePitch)"/></w:sectPr>"#
    }
}

import WentiCore
import WentiText

/// The same document as a print-ready HTML page: A4 with the standard's margins (@page),
/// the same faces (with the fallbacks as CSS font lists), the red mark and rule, the
/// signature block and the footer record; charts as inline SVG. Printing it from a browser
/// gives the page the .docx gives.
public enum PrintHTML {
    public static func render(_ document: OfficialDocument) -> String {
        let fonts = document.fonts
        let zh = document.language == .zh
        var html = """
        <!DOCTYPE html>
        <html lang="\(zh ? "zh-CN" : "en")">
        <head>
        <meta charset="utf-8">
        <title>\(escape(document.title))</title>
        <style>
        @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
        html { background: #eee; }
        body { width: 156mm; margin: 0 auto; padding: 37mm 26mm 35mm 28mm; background: #fff; box-sizing: content-box;
               font-family: \(css(fonts.latin + fonts.body)), serif; font-size: 16pt; line-height: 28.9pt; color: #000; }
        @media print { html { background: none; } body { padding: 0; width: auto; } }
        .mark { margin: 35mm 0 0; text-align: center; color: #f00; font-family: \(css(fonts.title)), serif; font-size: \(markPoints(document))pt; line-height: 1.2; white-space: nowrap; }
        .number, .issue { text-align: center; margin: 0; }
        .number { margin-top: 57.8pt; }
        .rule { border: 0; border-top: 1.5pt solid #f00; margin: 4mm 0 0; }
        .compiled { display: flex; justify-content: space-between; margin: 0; }
        h1 { font-family: \(css(fonts.title)), serif; font-size: 22pt; line-height: 35pt; font-weight: normal; text-align: center; margin: 57.8pt 0 0; }
        .addressee { margin: 28.9pt 0 0; }
        p { margin: 0; text-align: justify; }
        p.body { text-indent: 2em; }
        h2, h3 { font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
        h2 { font-family: \(css(fonts.heading)), sans-serif; }
        h3 { font-family: \(css(fonts.subheading)), serif; }
        .field { padding-left: 2em; }
        .field b { font-family: \(css(fonts.heading)), sans-serif; font-weight: normal; }
        table { width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 1.4; margin: 4pt 0 8pt; page-break-inside: auto; }
        th, td { border: 0.5pt solid #000; padding: 2pt 3pt; }
        th { font-family: \(css(fonts.heading)), sans-serif; font-weight: normal; }
        tr { page-break-inside: avoid; }
        .chart { margin: 8pt 0; text-align: center; }
        .chart svg { width: 100%; height: auto; }
        .caption { text-align: center; font-family: \(css(fonts.heading)), sans-serif; }
        .signature { margin-top: 57.8pt; text-align: right; }
        .note { text-indent: 2em; }
        .record { margin-top: 28.9pt; border-top: 1pt solid #000; border-bottom: 1pt solid #000; font-size: 14pt; line-height: 1.6; page-break-inside: avoid; }
        .record p { padding: 2pt 1em; }
        .record p + p { border-top: 0.7pt solid #000; display: flex; justify-content: space-between; }
        </style>
        </head>
        <body>

        """
        html += #"<p class="mark">\#(escape(document.mark))</p>"# + "\n"
        if let issue = document.issue {
            html += #"<p class="issue">\#(escape(issue))</p>"# + "\n"
            if let compiled = document.compiledBy {
                html += #"<p class="compiled"><span>\#(escape(compiled.unit))</span><span>\#(escape(compiled.date))</span></p>"# + "\n"
            }
        } else if let number = document.number {
            html += #"<p class="number">\#(escape(number))</p>"# + "\n"
        }
        html += #"<hr class="rule">"# + "\n"
        html += "<h1>\(escape(document.title))</h1>\n"
        if let addressee = document.addressee { html += #"<p class="addressee">\#(escape(addressee))</p>"# + "\n" }
        for block in document.body { html += render(block) + "\n" }
        html += signature(document)
        let separator = zh ? "，" : ", ", stop = zh ? "。" : "."
        html += #"<div class="record">"#
        if !document.cc.isEmpty { html += "<p>\(escape(document.ccHeading + document.cc.joined(separator: separator) + stop))</p>" }
        html += "<p><span>\(escape(document.printedBy))</span><span>\(escape(document.printedOn))</span></p></div>\n</body>\n</html>\n"
        return html
    }

    static func render(_ block: Block) -> String {
        switch block {
        case .heading(let level, let text): return level == 1 ? "<h2>\(escape(text))</h2>" : "<h3>\(escape(text))</h3>"
        case .paragraph(let text): return #"<p class="body">\#(escape(text))</p>"#
        case .field(let label, let value): return #"<p class="field"><b>\#(escape(label))</b>\#(escape(value))</p>"#
        case .table(let table):
            var html = table.caption.map { #"<p class="caption">\#(escape($0))</p>"# } ?? ""
            html += "<table><thead><tr>" + table.header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
            html += table.rows.map { "<tr>" + $0.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }.joined()
            return html + "</tbody></table>"
        case .chart(let chart):
            return #"<div class="chart"><p class="caption">\#(escape(chart.title))</p>\#(SVGChart.lines(chart))</div>"#
        }
    }

    static func signature(_ document: OfficialDocument) -> String {
        // The date two characters right of the signature's first character (see DocxBody).
        let signatureLength = document.signature.count, dateLength = document.date.count
        var signatureRight = 2
        var dateRight = signatureRight + signatureLength - dateLength - 2
        if dateRight < 2 {
            dateRight = 2
            signatureRight = dateRight + dateLength + 2 - signatureLength
        }
        let unit = document.language == .zh ? 1.0 : 0.5
        var html = document.signature.isEmpty ? ""
            : #"<p class="signature" style="padding-right: \#(Double(signatureRight) * unit)em">\#(escape(document.signature))</p>"# + "\n"
        html += #"<p style="text-align: right; padding-right: \#(Double(dateRight) * unit)em">\#(escape(document.date))</p>"# + "\n"
        if let note = document.note { html += #"<p class="note">\#(escape(note))</p>"# + "\n" }
        return html
    }

    static func markPoints(_ document: OfficialDocument) -> Int {
        let characters = max(document.mark.count, 1)
        return min(48, max(18, Int(442 * 0.92 / Double(document.language == .zh ? characters : max(characters / 2, 1)))))
    }

    static func css(_ families: [String]) -> String {
        families.map { "\"\($0.replacingOccurrences(of: "\"", with: ""))\"" }.joined(separator: ", ")
    }

    static func escape(_ text: String) -> String {
        // A line break typed in a multi-line field (a plan, notes) stays one on paper.
        HTMLEscaping.escape(text)
    }
}

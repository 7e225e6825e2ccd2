/// Small builders for WordprocessingML text. Every string from a document passes through
/// `escape` once, here, so nothing typed into a concern can break the XML.
enum WordXML {
    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    /// Drawings placed in the text (an inline chart, the anchored footer record).
    static let wordDrawing = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    /// Word 2010's shapes: the text box that holds the footer record.
    static let wordShape = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    /// Markup compatibility: the text box is offered as a choice older readers may skip.
    static let compatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    /// Escapes the five XML specials and drops what XML 1.0 cannot carry at all (C0 controls
    /// other than tab and newline; the sanitiser has already made them visible upstream).
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Run properties: the East Asian and Latin faces, the size in half-points, colour, bold.
    struct Font {
        var eastAsia: String
        var latin: String
        var halfPoints: Int
        var color: String? = nil
        var bold = false
        var shading: String? = nil

        var properties: String {
            var xml = #"<w:rPr><w:rFonts w:ascii="\#(escape(latin))" w:hAnsi="\#(escape(latin))" w:eastAsia="\#(escape(eastAsia))" w:cs="\#(escape(latin))"/>"#
            if bold { xml += "<w:b/>" }
            if let color { xml += #"<w:color w:val="\#(color)"/>"# }
            xml += #"<w:sz w:val="\#(halfPoints)"/><w:szCs w:val="\#(halfPoints)"/>"#
            if let shading { xml += #"<w:shd w:val="clear" w:color="auto" w:fill="\#(shading)"/>"# }
            return xml + "</w:rPr>"
        }
    }

    /// A run of text, tabs written as <w:tab/> and line breaks (from a multi-line field) as <w:br/>.
    static func run(_ text: String, _ font: Font) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return "<w:r>\(font.properties)" + lines.enumerated().map { number, line in
            (number > 0 ? "<w:br/>" : "") + line.split(separator: "\t", omittingEmptySubsequences: false).enumerated().map { index, piece in
                (index > 0 ? "<w:tab/>" : "") + (piece.isEmpty ? "" : #"<w:t xml:space="preserve">\#(escape(String(piece)))</w:t>"#)
            }.joined()
        }.joined() + "</w:r>"
    }

    /// Paragraph properties, in the order the schema requires (pStyle, keepNext, pBdr,
    /// tabs, snapToGrid, spacing, ind, jc).
    struct Paragraph {
        var style: String? = nil
        var keepNext = false
        var borders: String? = nil
        var rightTab: Int? = nil
        var snapToGrid = true
        var before = 0
        var after = 0
        /// Exact line height in twips; nil for single spacing.
        var exactLine: Int? = 579
        var left = 0
        var right = 0
        var firstLine = 0
        var hanging = 0
        var alignment = "both"

        var properties: String {
            var xml = "<w:pPr>"
            if let style { xml += #"<w:pStyle w:val="\#(style)"/>"# }
            if keepNext { xml += "<w:keepNext/>" }
            if let borders { xml += "<w:pBdr>\(borders)</w:pBdr>" }
            if let rightTab { xml += #"<w:tabs><w:tab w:val="right" w:pos="\#(rightTab)"/></w:tabs>"# }
            if !snapToGrid { xml += #"<w:snapToGrid w:val="0"/>"# }
            if let exactLine {
                xml += #"<w:spacing w:before="\#(before)" w:after="\#(after)" w:line="\#(exactLine)" w:lineRule="exact"/>"#
            } else {
                xml += #"<w:spacing w:before="\#(before)" w:after="\#(after)" w:line="240" w:lineRule="auto"/>"#
            }
            var indent = #"<w:ind w:left="\#(left)" w:right="\#(right)""#
            if hanging > 0 { indent += #" w:hanging="\#(hanging)""# } else if firstLine > 0 { indent += #" w:firstLine="\#(firstLine)""# }
            xml += indent + "/>"
            xml += #"<w:jc w:val="\#(alignment)"/>"#
            return xml + "</w:pPr>"
        }
    }

    static func paragraph(_ properties: Paragraph, _ runs: String) -> String {
        "<w:p>\(properties.properties)\(runs)</w:p>"
    }

    /// A border line: `single` of `eighths` of a point.
    static func border(_ side: String, eighths: Int, color: String = "000000", space: Int = 1) -> String {
        #"<w:\#(side) w:val="single" w:sz="\#(eighths)" w:space="\#(space)" w:color="\#(color)"/>"#
    }
}

/// GB/T 9704-2012 measures in twips (1/1440 inch), the unit of WordprocessingML.
enum OfficeMeasure {
    static func twips(millimetres: Double) -> Int { Int((millimetres * 1440 / 25.4).rounded()) }

    static let pageWidth = twips(millimetres: 210)     // A4
    static let pageHeight = twips(millimetres: 297)
    static let top = twips(millimetres: 37)            // 天头
    static let left = twips(millimetres: 28)           // 订口
    static let textWidth = twips(millimetres: 156)     // 版心 156 × 225 mm
    static let textHeight = twips(millimetres: 225)
    static let right = pageWidth - left - textWidth
    static let bottom = pageHeight - top - textHeight
    /// 22 lines to the text block: its height over 22 (about 28.9 pt).
    static let linePitch = textHeight / 22
    /// 3号 (16 pt) body text: one character is 320 twips wide; two make the first-line indent.
    static let bodyHalfPoints = 32
    static let character = 320
}

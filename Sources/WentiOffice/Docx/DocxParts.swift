import WentiCore

/// The package parts around `word/document.xml`: content types, relationships, styles,
/// settings, the font table with its fallbacks, the page-number footers, the properties.
enum DocxParts {
    static let wordprocessing = "application/vnd.openxmlformats-officedocument.wordprocessingml"

    /// With one override per chart part (`DocxChart`).
    static func contentTypes(charts: Int) -> String {
        let chartOverrides = (0..<charts).map { #"<Override PartName="/\#(DocxChart.partName($0 + 1))" ContentType="\#(DocxChart.contentType)"/>"# }
        return contentTypes.replacingOccurrences(of: "</Types>", with: chartOverrides.joined() + "</Types>")
    }

    /// With one relationship per chart part.
    static func documentRelationships(charts: Int) -> String {
        let chartRelationships = (0..<charts).map {
            #"<Relationship Id="\#(DocxChart.relationshipID($0 + 1))" Type="\#(DocxChart.relationshipType)" Target="charts/chart\#($0 + 1).xml"/>"#
        }
        return documentRelationships.replacingOccurrences(of: "</Relationships>", with: chartRelationships.joined() + "</Relationships>")
    }

    static let contentTypes = WordXML.header + """
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/word/document.xml" ContentType="\(wordprocessing).document.main+xml"/>\
    <Override PartName="/word/styles.xml" ContentType="\(wordprocessing).styles+xml"/>\
    <Override PartName="/word/settings.xml" ContentType="\(wordprocessing).settings+xml"/>\
    <Override PartName="/word/fontTable.xml" ContentType="\(wordprocessing).fontTable+xml"/>\
    <Override PartName="/word/footer1.xml" ContentType="\(wordprocessing).footer+xml"/>\
    <Override PartName="/word/footer2.xml" ContentType="\(wordprocessing).footer+xml"/>\
    <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
    <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
    </Types>
    """

    static let packageRelationships = WordXML.header + """
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="\(WordXML.relationships)/officeDocument" Target="word/document.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
    <Relationship Id="rId3" Type="\(WordXML.relationships)/extended-properties" Target="docProps/app.xml"/>\
    </Relationships>
    """

    static let documentRelationships = WordXML.header + """
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rIdStyles" Type="\(WordXML.relationships)/styles" Target="styles.xml"/>\
    <Relationship Id="rIdSettings" Type="\(WordXML.relationships)/settings" Target="settings.xml"/>\
    <Relationship Id="rIdFonts" Type="\(WordXML.relationships)/fontTable" Target="fontTable.xml"/>\
    <Relationship Id="rIdFooterOdd" Type="\(WordXML.relationships)/footer" Target="footer1.xml"/>\
    <Relationship Id="rIdFooterEven" Type="\(WordXML.relationships)/footer" Target="footer2.xml"/>\
    </Relationships>
    """

    /// Odd and even pages number differently (7.5: odd right, even left, one character in).
    /// The children keep the schema's order (defaultTabStop before evenAndOddHeaders), which
    /// Word checks.
    static let settings = WordXML.header + """
    <w:settings xmlns:w="\(WordXML.main)"><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>\
    <w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" \
    w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>
    """

    /// "— 1 —" in 4号 (14 pt) 宋体 with the PAGE field.
    static func footer(odd: Bool) -> String {
        let font = WordXML.Font(eastAsia: "宋体", latin: "SimSun", halfPoints: 28)
        let paragraph = WordXML.Paragraph(snapToGrid: false, exactLine: nil, left: odd ? 0 : 280, right: odd ? 280 : 0,
                                          alignment: odd ? "right" : "left")
        let field = "<w:r>\(font.properties)<w:fldChar w:fldCharType=\"begin\"/></w:r>"
            + "<w:r>\(font.properties)<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
            + "<w:r>\(font.properties)<w:fldChar w:fldCharType=\"separate\"/></w:r>"
            + WordXML.run("1", font) + "<w:r>\(font.properties)<w:fldChar w:fldCharType=\"end\"/></w:r>"
        return WordXML.header + "<w:ftr xmlns:w=\"\(WordXML.main)\" xmlns:r=\"\(WordXML.relationships)\">"
            + WordXML.paragraph(paragraph, WordXML.run("— ", font) + field + WordXML.run(" —", font)) + "</w:ftr>"
    }

    /// Each face the standard names, with the fonts Word and WPS take in its place (altName)
    /// when it is not installed.
    static func fontTable(_ fonts: OfficeFonts) -> String {
        var seen = Set<String>()
        var entries = ""
        for family in fonts.families + [["宋体", "SimSun"]] {
            guard let name = family.first, seen.insert(name).inserted else { continue }
            let alternative = family.dropFirst().first.map { #"<w:altName w:val="\#(WordXML.escape($0))"/>"# } ?? ""
            let chinese = OfficePunctuation.isChinese(name.first) || name.contains("_GB2312")
            entries += #"<w:font w:name="\#(WordXML.escape(name))">\#(alternative)"#
                + (chinese ? #"<w:charset w:val="86"/>"# : #"<w:charset w:val="00"/>"#)
                + #"<w:family w:val="\#(chinese ? "modern" : "roman")"/><w:pitch w:val="\#(chinese ? "fixed" : "variable")"/></w:font>"#
        }
        return WordXML.header + #"<w:fonts xmlns:w="\#(WordXML.main)">\#(entries)</w:fonts>"#
    }

    /// Named styles so that an office can restyle in Word: Normal (仿宋 3号, 22 lines),
    /// Title (小标宋 2号), Heading 1 (黑体), Heading 2 (楷体).
    static func styles(_ fonts: OfficeFonts, language: Language) -> String {
        func rFonts(_ family: [String]) -> String {
            let latin = WordXML.escape(fonts.latin.first ?? "Times New Roman")
            return #"<w:rFonts w:ascii="\#(latin)" w:hAnsi="\#(latin)" w:eastAsia="\#(WordXML.escape(family.first ?? "SimSun"))" w:cs="\#(latin)"/>"#
        }
        func style(_ id: String, _ name: String, _ family: [String], size: Int, outline: Int? = nil) -> String {
            let level = outline.map { #"<w:outlineLvl w:val="\#($0)"/>"# } ?? ""
            return #"<w:style w:type="paragraph" w:styleId="\#(id)"><w:name w:val="\#(name)"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr>\#(level)</w:pPr><w:rPr>\#(rFonts(family))<w:sz w:val="\#(size)"/><w:szCs w:val="\#(size)"/></w:rPr></w:style>"#
        }
        let lang = language == .zh ? "zh-CN" : "en-GB"
        return WordXML.header + #"<w:styles xmlns:w="\#(WordXML.main)">"#
            + #"<w:docDefaults><w:rPrDefault><w:rPr>\#(rFonts(fonts.body))<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="\#(lang)" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#
            + #"<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="\#(OfficeMeasure.linePitch)" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>"#
            + #"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#
            + style("Title", "Title", fonts.title, size: 44)
            + style("Heading1", "heading 1", fonts.heading, size: 32, outline: 0)
            + style("Heading2", "heading 2", fonts.subheading, size: 32, outline: 1)
            + style("WentiMark", "Wenti issuing body mark", fonts.title, size: 72)
            + style("WentiSignature", "Wenti signature", fonts.body, size: 32)
            + #"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
            + "</w:styles>"
    }

    static func core(title: String, day: Day, language: Language) -> String {
        let stamp = "\(day.description)T00:00:00Z"
        return WordXML.header + """
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
        <dc:title>\(WordXML.escape(title))</dc:title><dc:creator>wenti</dc:creator><dc:language>\(language == .zh ? "zh-CN" : "en")</dc:language>\
        <dcterms:created xsi:type="dcterms:W3CDTF">\(stamp)</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">\(stamp)</dcterms:modified>\
        </cp:coreProperties>
        """
    }

    static let app = WordXML.header + """
    <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>wenti</Application></Properties>
    """
}

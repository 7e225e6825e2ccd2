import Foundation
import Testing
import WentiCore
@testable import WentiOffice
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Every kind of document as a .docx: a valid package whose parts parse, with the elements
/// of GB/T 9704-2012 where the standard puts them.
@Suite struct DocxPackageTests {
    @Test func everyKindIsAZipOfWellFormedParts() throws {
        for document in OfficeFixtures.everyKind() {
            let docx = try OpenedDocx(DocxWriter.data(document))
            #expect(Set(docx.parts.keys) == Set(DocxWriter.partNames(of: document)), "\(document.kind)")
            // The relationships point at parts that are there.
            for relationship in docx.elements("Relationship", in: "word/_rels/document.xml.rels") {
                let target = "word/" + (docx.attribute(relationship, "Target") ?? "")
                #expect(docx.parts[target] != nil, "\(document.kind): \(target)")
            }
            #expect(docx.elements("Override", in: "[Content_Types].xml").count == DocxWriter.partNames(of: document).count - 3)
        }
    }

    @Test func thePageIsA4WithTheStandardsMargins() throws {
        let docx = try OpenedDocx(DocxWriter.data(OfficeFixtures.everyKind()[0]))
        let size = try #require(docx.elements("w:pgSz").first)
        let margins = try #require(docx.elements("w:pgMar").first)
        func twips(_ element: XMLElement, _ name: String) -> Double { Double(docx.attribute(element, name) ?? "") ?? -1 }
        func millimetres(_ value: Double) -> Double { (value * 25.4 / 1440 * 10).rounded() / 10 }
        #expect(millimetres(twips(size, "w:w")) == 210 && millimetres(twips(size, "w:h")) == 297)
        #expect(millimetres(twips(margins, "w:top")) == 37 && millimetres(twips(margins, "w:left")) == 28)
        // The text block is 156 × 225 mm.
        #expect(millimetres(twips(size, "w:w") - twips(margins, "w:left") - twips(margins, "w:right")) == 156)
        #expect(millimetres(twips(size, "w:h") - twips(margins, "w:top") - twips(margins, "w:bottom")) == 225)
        let grid = try #require(docx.elements("w:docGrid").first)
        #expect(docx.attribute(grid, "w:linePitch") == "579", "22 lines to the page")
        #expect(docx.elements("w:evenAndOddHeaders", in: "word/settings.xml").count == 1)
        #expect(docx.elements("w:instrText", in: "word/footer1.xml").first?.stringValue?.contains("PAGE") == true)
    }

    @Test func aNoticeCarriesEveryElementOfTheStandard() throws {
        var desk = OfficeFixtures.desk()
        let notice = desk.notice(OfficeFixtures.notice(), concern: nil, today: OfficeFixtures.today)
        let docx = try OpenedDocx(DocxWriter.data(notice))
        let text = docx.paragraphs
        #expect(text.first == "中共江城供电公司委员会文件", "the issuing body mark first")
        #expect(text.contains("江城供电党建督〔2026〕1号"))
        #expect(text.contains { $0.hasPrefix("关于") && $0.hasSuffix("督办通知单") })
        #expect(text.contains("运维检修部、冯志强同志："), "the addressee, with a full-width colon")
        #expect(text.contains("中共江城供电公司委员会"), "the signature")
        #expect(text.contains("二〇二六年十一月五日"), "the date in Chinese numerals")
        #expect(text.contains("（联系人：赵文静）"))
        #expect(text.contains("抄送：公司领导。"))
        #expect(text.contains("江城供电公司党建工作部\t2026年11月5日印发"))
        // The mark is red; the number sits over the red rule.
        let red = docx.elements("w:color").compactMap { docx.attribute($0, "w:val") }
        #expect(red.contains("FF0000"))
        #expect(docx.elements("w:bottom").contains { docx.attribute($0, "w:color") == "FF0000" })
        // The standard's faces, with the fallbacks in the font table.
        #expect(docx.eastAsiaFont(of: "中共江城供电公司委员会文件") == "方正小标宋简体")
        #expect(docx.eastAsiaFont(of: "一、督办事项") == "黑体")
        #expect(docx.eastAsiaFont(of: "抄送") == "仿宋_GB2312")
        let fallbacks = docx.elements("w:font", in: "word/fontTable.xml").reduce(into: [String: String]()) { table, font in
            table[docx.attribute(font, "w:name") ?? ""] = docx.elements("w:altName", in: "word/fontTable.xml")
                .first { $0.parent === font }.flatMap { docx.attribute($0, "w:val") }
        }
        #expect(fallbacks["仿宋_GB2312"] == "FangSong" && fallbacks["方正小标宋简体"] == "SimSun"
                && fallbacks["黑体"] == "SimHei" && fallbacks["楷体_GB2312"] == "KaiTi")
        // The footer record sits at the bottom of the last page (see theFooterRecordIsATextBoxAtTheFootOfTheLastPage).
        #expect(docx.elements("wp:align").contains { $0.stringValue == "bottom" })
    }

    @Test func chineseDocumentsUseChinesePunctuation() throws {
        for document in OfficeFixtures.everyKind() {
            let text = try OpenedDocx(DocxWriter.data(document)).paragraphs.joined(separator: "\n")
            for mark in [":", ";", "(", ")", "?", "!"] {
                #expect(!text.contains(mark), "\(document.kind) has a half-width \(mark)")
            }
            // Commas: only inside numbers and codes, never next to Chinese.
            #expect(!text.contains { $0 == "," }, "\(document.kind) has a half-width comma")
        }
    }

    @Test func englishDocumentsUseASCIIPunctuation() throws {
        var desk = OfficeFixtures.desk(.en)
        let notice = desk.notice(OfficeFixtures.notice(), concern: nil, today: OfficeFixtures.today)
        let text = try OpenedDocx(DocxWriter.data(notice)).paragraphs.joined(separator: "\n")
        #expect(text.contains("5 November 2026"))
        #expect(text.contains("CC: 公司领导."))
        #expect(text.contains("[2026] No. 1"))
        for mark in ["：", "，", "（", "）", "〔"] { #expect(!text.contains(mark), "English notice has \(mark)") }
    }

    @Test func minutesNameTheSittingTheyRecorded() throws {
        var desk = OfficeFixtures.desk()
        var meeting = OfficeFixtures.meeting()
        meeting.attendance = MeetingAttendance(chairID: "zg-zhao", recorderID: "feng", place: "调度楼二楼会议室", attendees: ["赵文静", "冯志强", "运维班代表"])
        let text = try OpenedDocx(DocxWriter.data(desk.meeting(meeting, concerns: [:], policy: .standard, today: OfficeFixtures.today))).paragraphs
        #expect(text.contains("会议地点：调度楼二楼会议室"))
        #expect(text.contains("主持人：赵文静") && text.contains("记录人：冯志强"))
        #expect(text.contains("参会人员：赵文静、冯志强、运维班代表"))
    }

    @Test func minutesNameTheirPartiesAndDecisions() throws {
        var desk = OfficeFixtures.desk()
        let minutes = desk.meeting(OfficeFixtures.meeting(), concerns: [:], policy: .standard, today: OfficeFixtures.today)
        let text = try OpenedDocx(DocxWriter.data(minutes)).paragraphs
        #expect(text.contains("江城供电党建纪〔2026〕1号"))
        #expect(text.contains("会议时间：2026年11月20日"))
        #expect(text.contains { $0.hasPrefix("主持人：") } && text.contains { $0.hasPrefix("记录人：") } && text.contains { $0.hasPrefix("会议地点：") })
        #expect(text.contains("问题发现方：赵文静") && text.contains("涉及方：变电运维班全体") && text.contains("解决方：运维检修部"))
        #expect(text.contains("解决方案：合并报表，一月一报"), "the typed comma made full-width")
        #expect(text.contains("第一责任人：冯志强（运维检修部）"))
        #expect(text.contains("完成时限：2027年1月19日"), "60 days from the day the meeting sat")
        #expect(text.contains("二〇二六年十一月二十日"))
        #expect(text.contains("中共江城供电公司委员会会议纪要") && !text.contains("中共江城供电公司委员会"), "minutes are not signed")
        #expect(text.contains("分送：公司领导。"))
    }

    @Test func aBulletinHasItsIssueSummaryTablesChartsAndNextSteps() throws {
        var desk = OfficeFixtures.desk()
        let bulletin = OfficeFixtures.bulletin(&desk)
        let docx = try OpenedDocx(DocxWriter.data(bulletin))
        let text = docx.paragraphs
        #expect(text.first == "督办简报")
        #expect(text.contains("2026年第1期"))
        #expect(text.contains("江城供电公司党建工作部编\t二〇二六年十一月三十日"))
        #expect(text.contains("2026年9月至11月督办情况"))
        #expect(text.contains("一、总体情况") && text.contains("二、分项数据") && text.contains("三、趋势"))
        #expect(text.contains { $0.contains("共发现问题9个") })
        #expect(text.contains { $0.contains("下一步工作") })
        #expect(text.contains { $0.hasPrefix("1.对逾期的") }, "overdue concerns make the first next step")
        // Two native charts (by category, by unit), each a chart part the body's drawing points to.
        #expect(text.contains("各类别问题逐月发现数") && text.contains("各单位问题逐月发现数"))
        let pointers = docx.elements("c:chart").compactMap { docx.attribute($0, "r:id") }
        #expect(pointers == ["rIdChart1", "rIdChart2"])
        let relationships = docx.elements("Relationship", in: "word/_rels/document.xml.rels")
        #expect(relationships.filter { docx.attribute($0, "Id")?.hasPrefix("rIdChart") == true }.map { docx.attribute($0, "Target") }
                == ["charts/chart1.xml", "charts/chart2.xml"])
        #expect(docx.elements("Override", in: "[Content_Types].xml").contains { docx.attribute($0, "PartName") == "/word/charts/chart1.xml" })
        // A line chart, one series per category over the six months (June to November).
        #expect(docx.elements("c:lineChart", in: "word/charts/chart1.xml").count == 1)
        let series = docx.elements("c:ser", in: "word/charts/chart1.xml")
        #expect(series.count == 2, "the two categories that have concerns")
        let career = try #require(series.first { (kids($0, "c:tx").flatMap(cached).first ?? "").hasPrefix("职业前景") })
        #expect(kids(career, "c:tx").flatMap(cached) == ["职业前景（3）"], "the legend carries the total")
        let values = kids(career, "c:val").flatMap(cached)
        #expect(values == ["0", "0", "0", "3", "0", "0"], "the three career concerns all came in September")
        let months = kids(career, "c:cat").flatMap(cached).joined()
        #expect(months == "6月7月8月9月10月11月", "\(months)")
        #expect(docx.elements("c:ser", in: "word/charts/chart2.xml").count == 1, "one department found them all")
        // The drawing's paragraph is single-spaced: the body's exact line pitch would crop it to one line.
        let drawing = try #require(docx.elements("w:p").first { kids($0, "w:r").contains { !kids($0, "w:drawing").isEmpty } })
        #expect(kids(drawing, "w:pPr").flatMap { kids($0, "w:spacing") }.first.flatMap { docx.attribute($0, "w:lineRule") } == "auto")
    }

    @Test func theFooterRecordIsATextBoxAtTheFootOfTheLastPage() throws {
        for document in OfficeFixtures.everyKind() {
            let docx = try OpenedDocx(DocxWriter.data(document))
            let anchors = docx.elements("wp:anchor")
            #expect(anchors.count == 1, "\(document.kind)")
            let anchor = try #require(anchors.first)
            let vertical = try #require(kids(anchor, "wp:positionV").first)
            #expect(docx.attribute(vertical, "relativeFrom") == "margin" && kids(vertical, "wp:align").first?.stringValue == "bottom")
            #expect(!kids(anchor, "wp:wrapTopAndBottom").isEmpty, "the body flows above it, never under it")
            // It rides in the body's last paragraph, after the signature.
            let paragraphs = docx.elements("w:p").filter { $0.parent?.name == "w:body" }
            #expect(paragraphs.last?.xmlString.contains("wp:anchor") == true, "\(document.kind)")
            let record = docx.elements("w:txbxContent").first?.stringValue ?? ""
            #expect(record.contains("印发"), "\(document.kind): \(record)")
        }
    }

    @Test func theMinutesNameWhoSatNeverTheSettingsAndTheAgendaTheUsualPlace() throws {
        let settings = { () -> OfficeSettings in
            var settings = OfficeSettings.derived(from: OfficeFixtures.organisation)
            settings.meetingPlace = "设置中的会议室"
            settings.meetingChair = "设置中的主持人"
            settings.meetingRecorder = "设置中的记录人"
            return settings
        }()
        var desk = OfficeFixtures.desk(settings: settings)
        // Held before minutes recorded who sat (no attendance): a blank to fill in, not the settings.
        let unrecorded = try OpenedDocx(DocxWriter.data(desk.meeting(OfficeFixtures.meeting(), concerns: [:], policy: .standard, today: OfficeFixtures.today)))
            .paragraphs.joined(separator: "\n")
        #expect(!unrecorded.contains("设置中的"), "\(unrecorded)")
        var held = OfficeFixtures.meeting()
        held.attendance = MeetingAttendance(chairID: "zg-zhao", recorderID: "feng", place: "调度楼二楼会议室", attendees: ["赵文静", "冯志强"])
        let minutes = try OpenedDocx(DocxWriter.data(desk.meeting(held, concerns: [:], policy: .standard, today: OfficeFixtures.today))).paragraphs
        #expect(minutes.contains("会议地点：调度楼二楼会议室") && minutes.contains("主持人：赵文静") && minutes.contains("记录人：冯志强"))
        // A planned meeting has not sat: its agenda gives the office's usual place and chair.
        var planned = OfficeFixtures.meeting()
        (planned.state, planned.heldOn, planned.id) = (.planned, nil, "HY-2026-12")
        let agenda = try OpenedDocx(DocxWriter.data(desk.meeting(planned, concerns: [:], policy: .standard, today: OfficeFixtures.today))).paragraphs
        #expect(agenda.contains("地点：设置中的会议室") && agenda.contains("主持人：设置中的主持人"), "\(agenda)")
    }

    @Test func aPlanTypedOverTwoLinesBreaksTheLineOnPaper() throws {
        var desk = OfficeFixtures.desk()
        var meeting = OfficeFixtures.meeting()
        meeting.items[0].decision?.plan = "合并报表\n一月一报"
        let document = desk.meeting(meeting, concerns: [:], policy: .standard, today: OfficeFixtures.today)
        let docx = try OpenedDocx(DocxWriter.data(document))
        let text = docx.paragraphs.joined(separator: "\n")
        #expect(!text.contains("⏎"), "\(text)")
        #expect(text.contains("合并报表") && text.contains("一月一报"))
        #expect(!docx.elements("w:br").isEmpty, "the line break is Word's own")
        let html = PrintHTML.render(document)
        #expect(html.contains("合并报表<br>一月一报") && !html.contains("⏎"), "\(html)")
    }

    @Test func theRankingListsUnitsByScore() throws {
        var desk = OfficeFixtures.desk()
        let ranking = OfficeFixtures.ranking(&desk)
        let text = try OpenedDocx(DocxWriter.data(ranking)).paragraphs
        #expect(text.contains("江城供电党建考〔2026〕1号"))
        #expect(text.contains("关于2026年11月问题管理考核排名的通报"))
        #expect(text.contains("公司各部门、各单位："))
        #expect(text.contains("运维检修部") && text.contains("红榜：无。"))
    }

    @Test func theSameDocumentGivesTheSameBytes() throws {
        var first = OfficeFixtures.desk(), second = OfficeFixtures.desk()
        let one = try DocxWriter.data(first.notice(OfficeFixtures.notice(), concern: nil, today: OfficeFixtures.today))
        let two = try DocxWriter.data(second.notice(OfficeFixtures.notice(), concern: nil, today: OfficeFixtures.today))
        #expect(one == two)
        #expect(one.count > 3_000 && one.count < 40_000, "\(one.count) bytes")
    }

    @Test func textFromTheDataCannotBreakTheXML() throws {
        var desk = OfficeFixtures.desk()
        var meeting = OfficeFixtures.meeting()
        meeting.notes = "<w:p>&\u{1B}[31m\u{0}\"'</w:p>"
        let docx = try OpenedDocx(DocxWriter.data(desk.meeting(meeting, concerns: [:], policy: .standard, today: OfficeFixtures.today)))
        #expect(docx.paragraphs.contains { $0.contains("<w:p>&") })
    }
}

/// The child elements of `element` named `name` as written ("c:ser"), whatever the XML
/// parser makes of prefixes.
func kids(_ element: XMLElement, _ name: String) -> [XMLElement] {
    (element.children ?? []).compactMap { $0 as? XMLElement }.filter { $0.name == name }
}

/// The values a chart caches under `element` (each `c:v`), in order.
func cached(_ element: XMLElement) -> [String] {
    if element.name == "c:v" { return [element.stringValue ?? ""] }
    return (element.children ?? []).compactMap { $0 as? XMLElement }.flatMap(cached)
}

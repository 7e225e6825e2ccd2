import Foundation
import Testing
import WentiCore
@testable import WentiOffice
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small organisation and one record of each kind, and the means to read a .docx back.
enum OfficeFixtures {
    static let organisation = try! Organisation(
        units: [
            OrgUnit(id: "co", name: "江城供电公司", kind: .company, parentID: nil),
            OrgUnit(id: "d-yj", name: "运维检修部", kind: .department, parentID: "co"),
            OrgUnit(id: "d-dj", name: "党建工作部", kind: .department, parentID: "co"),
            OrgUnit(id: "t-a", name: "变电运维班", kind: .team, parentID: "d-yj"),
        ],
        people: [
            Person(id: "zg-zhao", name: "赵文静", role: .politicalWork, unitID: "d-dj"),
            Person(id: "feng", name: "冯志强", role: .departmentHead, unitID: "d-yj"),
        ])

    static let issued = Day(year: 2026, month: 11, day: 5)!
    static let today = Day(year: 2026, month: 12, day: 1)!

    static func notice(id: String = "DB-2026-001", issuedOn: Day = issued) -> SupervisionNotice {
        var notice = try! SupervisionNotice(
            id: id, concern: ConcernCode(year: 2026, sequence: 7), issuedOn: issuedOn, issuedByID: "zg-zhao", toUnitID: "d-yj",
            toPersonID: "feng", nodes: [.init(title: "制定方案", due: issuedOn.adding(days: 7)), .init(title: "完成整改", due: issuedOn.adding(days: 30))])
        notice = try! notice.chased(on: issuedOn.adding(days: 10), by: "zg-zhao", text: "请于本周报进展:人手不足(急)")
        return notice
    }

    static func meeting() -> Meeting {
        let decision = MeetingDecision(analysis: Analysis(rootCause: "各部门各自布置报表", difficulty: .medium, breadth: .team), grade: .general,
                                       plan: "合并报表,一月一报", firstResponsibleID: "feng", responsibleUnitID: "d-yj")
        return Meeting(id: "HY-2026-11", unitID: "co", month: YearMonth(year: 2026, month: 11)!, heldOn: Day(year: 2026, month: 11, day: 20)!,
                       state: .held, items: [
                           MeetingItem(concern: ConcernCode(year: 2026, sequence: 7), purpose: .define,
                                       parties: TriParty(finderID: "zg-zhao", involved: "变电运维班全体", solvingUnitID: "d-yj"), decision: decision),
                       ], notes: "下月重点关注缺员问题")
    }

    static let categories = [Category(id: "team-burden", name: LocalizedText(zh: "班组负担", en: "workload on teams")),
                             Category(id: "career", name: LocalizedText(zh: "职业前景", en: "career prospects"))]

    static func facts() -> [ConcernFact] {
        (0..<9).map { index in
            ConcernFact(code: ConcernCode(year: 2026, sequence: index + 1), title: "问题\(index)", unitID: "t-a", tier: .l1, originUnitID: "t-a",
                        originTier: .l1, categoryID: index % 3 == 0 ? "career" : "team-burden", channel: .goDownVisit,
                        grade: index == 0 ? .urgent : .general, stage: .solving,
                        reportedOn: Day(year: 2026, month: 9 + index % 3, day: 3 + index)!, due: Day(year: 2026, month: 11, day: 1)!)
        }
    }

    static func desk(_ language: Language = .zh, numbers: DocumentNumbers? = nil, settings: OfficeSettings? = nil) -> OfficeDocuments {
        OfficeDocuments(settings: settings ?? OfficeSettings.derived(from: organisation), organisation: organisation, language: language,
                        numbers: numbers ?? (try! DocumentNumbers(path: temporaryPath("numbers.tsv"))))
    }

    static func bulletin(_ desk: inout OfficeDocuments) -> OfficialDocument {
        let period = Period(months: YearMonth(year: 2026, month: 9)!, YearMonth(year: 2026, month: 11)!)
        var trends = TrendSeries(period: period, organisation: organisation)
        for fact in facts() { trends.add(fact) }
        let bulletin = Bulletin(facts: facts(), notices: [notice()], period: period, today: today, organisation: organisation)
        return desk.bulletin(bulletin, trends: trends, categories: categories)
    }

    static func ranking(_ desk: inout OfficeDocuments) -> OfficialDocument {
        let period = Period(month: YearMonth(year: 2026, month: 11)!)
        var builder = UnitFigures.Builder(period: period, today: today)
        for fact in facts() { builder.add(fact) }
        let ranking = Assessment.rank(["d-yj", "d-dj"], figures: builder.rolledUp(organisation), weights: .standard)
        return desk.ranking(ranking, standings: Assessment.standings(ranking, mark: 3), weights: .standard, period: period, today: today)
    }

    /// One of each kind, in Chinese.
    static func everyKind() -> [OfficialDocument] {
        var desk = desk()
        return [desk.notice(notice(), concern: nil, today: today),
                desk.meeting(meeting(), concerns: [:], policy: .standard, today: today),
                desk.meeting({ var planned = meeting(); planned.state = .planned; planned.heldOn = nil; planned.id = "HY-2026-12"; return planned }(),
                             concerns: [:], policy: .standard, today: today),
                bulletin(&desk), ranking(&desk)]
    }

    static func temporaryPath(_ name: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-office-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }
}

/// A .docx opened as a zip, each XML part parsed.
struct OpenedDocx {
    var parts: [String: XMLDocument] = [:]

    init(_ data: Data) throws {
        let archive = try Archive(data: data, accessMode: .read)
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = try XMLDocument(data: bytes)
        }
    }

    var document: XMLDocument { parts["word/document.xml"]! }

    /// Elements named `name` (a prefixed name such as "w:pgMar") anywhere in `part`.
    func elements(_ name: String, in part: String = "word/document.xml") -> [XMLElement] {
        guard let root = parts[part]?.rootElement() else { return [] }
        var found: [XMLElement] = []
        func walk(_ element: XMLElement) {
            if element.name == name { found.append(element) }
            for child in element.children ?? [] { if let child = child as? XMLElement { walk(child) } }
        }
        walk(root)
        return found
    }

    /// An attribute by its name as written ("w:val", "Target"); FoundationXML on Linux does not
    /// find unprefixed ones in a default namespace through `attribute(forName:)`.
    func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attribute(forName: name)?.stringValue
            ?? element.attributes?.first { $0.name == name || $0.localName == name }?.stringValue
    }

    /// The text of each paragraph of the body, in order (tables included).
    var paragraphs: [String] {
        elements("w:p").map { paragraph in
            var text = ""
            func walk(_ element: XMLElement) {
                // The paragraph's properties hold tab stops (also w:tab), not text.
                if element.name == "w:pPr" { return }
                if element.name == "w:t" { text += element.stringValue ?? "" }
                if element.name == "w:tab" { text += "\t" }
                for child in element.children ?? [] { if let child = child as? XMLElement { walk(child) } }
            }
            walk(paragraph)
            return text
        }
    }

    /// The East Asian face of the runs whose text contains `text`.
    func eastAsiaFont(of text: String) -> String? {
        for run in elements("w:r") where (run.stringValue ?? "").contains(text) {
            for child in run.children ?? [] {
                guard let properties = child as? XMLElement, properties.name == "w:rPr" else { continue }
                for property in properties.children ?? [] {
                    if let fonts = property as? XMLElement, fonts.name == "w:rFonts" { return attribute(fonts, "w:eastAsia") }
                }
            }
        }
        return nil
    }
}

import Foundation
import Testing
@testable import WentiCore
@testable import WentiReports

@Suite("Documents from templates")
struct ReportTests {
    static let organisation = try! Organisation(
        units: [OrgUnit(id: "co", name: "公司", kind: .company, parentID: nil),
                OrgUnit(id: "d1", name: "运检部", kind: .department, parentID: "co"),
                OrgUnit(id: "t1", name: "变电运维班", kind: .team, parentID: "d1")],
        people: [Person(id: "pw", name: "赵雅琴", role: .politicalWork, unitID: "d1"),
                 Person(id: "dh1", name: "郑伟", role: .departmentHead, unitID: "d1")])

    static let today = Day("2026-11-25")!

    /// An anonymous concern whose sealed identity must never reach a document, with a title
    /// that carries Markdown and HTML markup and a control character.
    static func concern() -> Concern {
        var concern = Concern(code: ConcernCode(year: 2026, sequence: 7), title: "*急*|修<b>工具\u{1B}[2J老化", description: "描述",
                              categoryID: "tools", channel: .hotline, finderID: "pw", reporter: .anonymous(sealedIdentity: .toSeal("检修班张某")),
                              reportedOn: Day("2026-11-02")!, unitID: "t1", tier: .l1, createdAt: Date(timeIntervalSince1970: 0), createdByID: "pw")
        concern.stage = .analysing
        concern.grade = .urgent
        return concern
    }

    static func meeting(held: Bool) -> Meeting {
        let decision = MeetingDecision(analysis: Analysis(rootCause: "送检排队", difficulty: .medium, breadth: .team), grade: .urgent,
                                       plan: "集中送检", firstResponsibleID: "dh1", responsibleUnitID: "d1")
        return Meeting(id: "HY-2026-11", unitID: "co", month: YearMonth("2026-11")!, heldOn: held ? Day("2026-11-20") : nil,
                       state: held ? .held : .planned,
                       items: [MeetingItem(concern: ConcernCode(year: 2026, sequence: 7), purpose: .define,
                                           parties: TriParty(finderID: "pw", involved: "检修班", solvingUnitID: "d1"), decision: decision)])
    }

    static func documents(_ library: TemplateLibrary, _ language: Language) throws -> [String] {
        let context = ReportContext(organisation: organisation, policy: .standard, language: language)
        let notice = try SupervisionNotice(id: "DB-2026-001", concern: ConcernCode(year: 2026, sequence: 7), issuedOn: Day("2026-11-03")!,
                                           issuedByID: "pw", toUnitID: "d1", toPersonID: "dh1", nodes: [.init(title: "送检", due: Day("2026-11-10")!)])
        let bulletin = Bulletin(facts: [ConcernFact(concern())], notices: [notice], period: Period(month: YearMonth("2026-11")!),
                                today: today, organisation: organisation)
        let concerns = [concern().code: concern()]
        return ReportFormat.allCases.flatMap { format in
            [library.render(.agenda, format, context.meeting(meeting(held: false), concerns: concerns, today: today)),
             library.render(.minutes, format, context.meeting(meeting(held: true), concerns: concerns, today: today)),
             library.render(.notice, format, context.notice(notice, concern: concern(), today: today)),
             library.render(.bulletin, format, context.bulletin(bulletin))]
        }
    }

    @Test(arguments: Language.allCases)
    func noDocumentNamesTheAnonymousReporterOrLeaksMarkup(language: Language) throws {
        let documents = try Self.documents(try TemplateLibrary(), language)
        #expect(documents.count == 12)
        for (index, document) in documents.enumerated() {
            #expect(!document.contains("检修班张某"))
            #expect(!document.contains("\u{1B}"), "control characters are cleaned")
            #expect(!document.contains("{{"), "every tag was filled")
            // Markdown (0-3) and HTML (4-7) escape user text; plain text (8-11) keeps it as typed.
            if index < 8 { #expect(!document.contains("<b>"), "user text never becomes markup") }
        }
        let markdownMinutes = documents[1]
        #expect(markdownMinutes.contains("\\*急\\*\\|修\\<b\\>工具"), "Markdown specials are escaped")
        let htmlMinutes = documents[5]
        #expect(htmlMinutes.contains("*急*|修&lt;b&gt;工具"))
        let textMinutes = documents[9]
        #expect(textMinutes.contains("*急*|修<b>工具"))
        #expect(textMinutes.contains("集中送检") && textMinutes.contains("郑伟"))
    }

    @Test func aPlanTypedOverTwoLinesIsTwoLinesInEveryFormat() throws {
        var meeting = Self.meeting(held: true)
        meeting.items[0].decision?.plan = "集中送检\n下月复查"
        let context = ReportContext(organisation: Self.organisation, policy: .standard, language: .zh)
        let library = try TemplateLibrary()
        let markdown = library.render(.minutes, .md, context.meeting(meeting, concerns: [:], today: Self.today))
        let html = library.render(.minutes, .html, context.meeting(meeting, concerns: [:], today: Self.today))
        let text = library.render(.minutes, .txt, context.meeting(meeting, concerns: [:], today: Self.today))
        for document in [markdown, html, text] { #expect(!document.contains("⏎"), "\(document)") }
        #expect(markdown.contains("集中送检  \n  下月复查"), "a hard break inside the list item: \(markdown)")
        #expect(html.contains("集中送检<br>"), "\(html)")
        #expect(text.contains("集中送检\n"), "\(text)")
    }

    @Test func decisionsShowTheirDeadlineAndTheMinutesTheirTitle() throws {
        let context = ReportContext(organisation: Self.organisation, policy: .standard, language: .zh)
        let minutes = try TemplateLibrary().render(.minutes, .md, context.meeting(Self.meeting(held: true), concerns: [:], today: Self.today))
        #expect(minutes.hasPrefix("# 三方会议纪要"))
        // Urgent: 7 days from the meeting on 2026-11-20.
        #expect(minutes.contains("- 办理期限: 2026-11-27"))
        #expect(minutes.contains("- 三方: 发现者 赵雅琴; 涉及人员 检修班; 解决部门 运检部"))
    }

    @Test func minutesShowTheSittingAndEachItemAsTheMeetingLeftIt() throws {
        var meeting = Self.meeting(held: true)
        meeting.attendance = MeetingAttendance(chairID: "pw", recorderID: "dh1", place: "三楼会议室", attendees: ["赵雅琴", "检修班代表"])
        meeting.items[0].snapshot = ItemSnapshot(stage: .defined, grade: .urgent)
        meeting.items[0].deferredFrom = "HY-2026-10"
        var now = Self.concern()
        now.stage = .closed   // long solved since; the minutes still say what the meeting saw
        now.grade = .general
        let context = ReportContext(organisation: Self.organisation, policy: .standard, language: .zh)
        for format in [ReportFormat.md, .txt, .html] {
            let minutes = try TemplateLibrary().render(.minutes, format, context.meeting(meeting, concerns: [now.code: now], today: Self.today))
            #expect(minutes.contains("三楼会议室") && minutes.contains("检修班代表") && minutes.contains("HY-2026-10"), "\(format)")
            #expect(minutes.contains(Stage.defined.label.zh) && !minutes.contains(Stage.closed.label.zh), "\(format)")
            #expect(minutes.contains(Grade.urgent.label.zh) && !minutes.contains(Grade.general.label.zh), "\(format)")
        }
    }

    @Test func anEditedTemplateReplacesTheBuiltInOne() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-templates-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try TemplateLibrary.writeDefaults(to: directory)
        #expect(written.count == 12)
        #expect(try TemplateLibrary.writeDefaults(to: directory).isEmpty, "existing files are kept")
        try "{{% CONTENT_TYPE: TEXT}}\n简报 {{period}} 新发现 {{overall.found}}\n".write(
            toFile: directory + "/bulletin.txt.mustache", atomically: true, encoding: .utf8)
        let library = try TemplateLibrary(directory: directory)
        let context = ReportContext(organisation: Self.organisation, policy: .standard, language: .zh)
        let bulletin = Bulletin(facts: [ConcernFact(Self.concern())], notices: [], period: Period(month: YearMonth("2026-11")!),
                                today: Self.today, organisation: Self.organisation)
        #expect(library.render(.bulletin, .txt, context.bulletin(bulletin)) == "简报 2026-11 新发现 1\n")
        // A broken template is refused with its path.
        try "{{#open}} never closed".write(toFile: directory + "/notice.md.mustache", atomically: true, encoding: .utf8)
        #expect {
            try TemplateLibrary(directory: directory)
        } throws: { error in
            guard case .invalid(let path, _) = error as? TemplateError else { return false }
            return path.hasSuffix("notice.md.mustache")
        }
    }

    @Test func everyLabelATemplateUsesExists() throws {
        for document in TemplateLibrary.Document.allCases {
            for format in ReportFormat.allCases {
                let source = DefaultTemplates.source(document, format)
                let keys = source.matches(of: /\{\{[#^\/]?l\.([A-Za-z]+)\}\}/).map { String($0.1) }
                #expect(!keys.isEmpty)
                for key in keys { #expect(ReportLabels.all[key] != nil, "\(document).\(format) uses l.\(key)") }
            }
        }
    }
}

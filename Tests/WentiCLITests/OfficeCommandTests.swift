import Foundation
import Testing
import WentiTestSupport
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Official documents from the demo on the command line: .docx and print-ready HTML, the
/// settings file, the numbers, and (when LibreOffice is installed) the PDF they print to.
@Suite("Office documents on the command line", .serialized)
struct OfficeCommandTests {
    let cli = CommandLineTests()

    func demo() async throws -> (db: String, folder: String) {
        let db = try cli.temporaryDatabase()
        let demo = try await cli.run(["demo", "--no-tui", "--db", db])
        #expect(demo.status == 0, "\(demo.err)")
        return (db, (db as NSString).deletingLastPathComponent)
    }

    /// The text of each paragraph of a .docx's body.
    static func paragraphs(_ path: String) throws -> [String] {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        let entry = try #require(archive["word/document.xml"])
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        let root = try #require(try XMLDocument(data: bytes).rootElement())
        var paragraphs: [String] = []
        func text(_ element: XMLElement) -> String {
            if element.name == "w:pPr" { return "" }
            if element.name == "w:t" { return element.stringValue ?? "" }
            if element.name == "w:tab" { return "\t" }
            return (element.children ?? []).compactMap { $0 as? XMLElement }.map(text).joined()
        }
        func holdsTextBox(_ element: XMLElement) -> Bool {
            element.name == "w:txbxContent" || (element.children ?? []).compactMap { $0 as? XMLElement }.contains(where: holdsTextBox)
        }
        func walk(_ element: XMLElement) {
            // A paragraph anchoring a text box (the footer record) lists the box's own paragraphs.
            if element.name == "w:p" && !holdsTextBox(element) { paragraphs.append(text(element)); return }
            for child in element.children ?? [] { if let child = child as? XMLElement { walk(child) } }
        }
        walk(root)
        return paragraphs
    }

    static func isChineseNumeralDate(_ text: String) -> Bool {
        text.range(of: #"^二〇[〇一二三四五六七八九]{2}年[一二三四五六七八九十]+月[一二三四五六七八九十]+日$"#, options: .regularExpression) != nil
    }

    @Test func aNoticeAsDocxCarriesTheStandardsElementsAndKeepsItsNumber() async throws {
        let (db, folder) = try await demo()
        let output = folder + "/notice.docx"
        let notice = try await cli.run(["notice", "DB-2026-001", "--format", "docx", "--output", output, "--db", db, "--lang", "zh"])
        #expect(notice.status == 0 && notice.out.isEmpty, "\(notice.err)")
        let text = try Self.paragraphs(output)
        #expect(text.first == "中共江城供电公司委员会文件")
        #expect(text.contains("江城供电党建督〔2026〕1号"))
        #expect(text.contains { $0.hasPrefix("关于“") && $0.hasSuffix("”问题的督办通知单") })
        #expect(text.contains { $0.hasSuffix("冯志强同志：") })
        #expect(text.contains("二〇二六年十月十三日"), "issued 2026-10-13, in Chinese numerals")
        #expect(text.contains("抄送：公司领导。"))
        #expect(text.contains("江城供电公司党建工作部\t2026年10月13日印发"))
        #expect(!text.joined().contains("姓唐") && !text.joined().contains("本人要求不公开姓名"), "no sealed identity")
        // Printed again: the same number. Another notice: the next one.
        #expect(try await cli.run(["notice", "DB-2026-001", "--format", "docx", "--output", output, "--db", db, "--lang", "zh"]).status == 0)
        #expect(try Self.paragraphs(output).contains("江城供电党建督〔2026〕1号"))
        let second = folder + "/second.docx"
        #expect(try await cli.run(["notice", "DB-2026-005", "--format", "docx", "--output", second, "--db", db, "--lang", "zh"]).status == 0)
        #expect(try Self.paragraphs(second).contains("江城供电党建督〔2026〕2号"))
        let numbers = try String(contentsOfFile: folder + "/d.office-numbers.tsv", encoding: .utf8)
        #expect(numbers.contains("notice\t2026\tDB-2026-001\t1\n") && numbers.contains("notice\t2026\tDB-2026-005\t2\n"))
    }

    @Test func minutesAgendaBulletinAndRankingAsDocxAndHTML() async throws {
        let (db, folder) = try await demo()
        let commands: [(name: String, arguments: [String], expected: [String])] = [
            ("minutes", ["meeting", "minutes", "HY-2026-11"], ["江城供电党建纪〔2026〕1号", "会议时间：2026年11月20日", "分送：公司领导。"]),
            ("agenda", ["meeting", "agenda", "--month", "2027-01"], ["江城供电党建议〔2027〕1号", "公司各部门、各单位："]),
            ("bulletin", ["bulletin", "--month", "2026-10"], ["督办简报", "2026年第1期", "2026年10月督办情况", "五、下一步工作"]),
            ("ranking", ["assess", "--month", "2026-11"], ["江城供电党建考〔2026〕1号", "一、考核排名", "二、红榜和黑榜"]),
        ]
        for command in commands {
            let docx = folder + "/\(command.name).docx"
            let result = try await cli.run(command.arguments + ["--format", "docx", "--output", docx, "--db", db, "--lang", "zh"])
            #expect(result.status == 0, "\(command.name): \(result.err)")
            let text = try Self.paragraphs(docx)
            for expected in command.expected where !text.contains(expected) { Issue.record("\(command.name) lacks \(expected)") }
            if !text.contains(where: Self.isChineseNumeralDate) { Issue.record("\(command.name) has no date in Chinese numerals") }
            let html = try await cli.run(command.arguments + ["--format", "html", "--db", db, "--lang", "zh"])
            #expect(html.status == 0 && html.out.contains("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"), "\(command.name): \(html.err)")
            let visible = html.out.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            for expected in command.expected where !visible.contains(expected) { Issue.record("\(command.name).html lacks \(expected)") }
        }
        // The bulletin's trends: one SVG line per category found in the months shown.
        let html = try await cli.run(["bulletin", "--month", "2026-10", "--format", "html", "--db", db, "--lang", "zh"])
        let charts = html.out.components(separatedBy: "<svg").count - 1
        #expect(charts == 2, "two charts, by category and by unit")
        let lines = html.out.components(separatedBy: "<polyline").count - 1
        #expect(lines >= 3, "a line per category and per unit")
    }

    @Test func theSettingsFileIsWrittenReadAndCheckedByKey() async throws {
        let (db, folder) = try await demo()
        let settings = folder + "/d.office.toml"
        let initialised = try await cli.run(["office", "init", "--db", db])
        #expect(initialised.status == 0 && initialised.out.contains(settings), "\(initialised.err)")
        #expect(try await cli.run(["office", "init", "--db", db]).err.contains("already there"))
        var text = try String(contentsOfFile: settings, encoding: .utf8)
        text = text.replacingOccurrences(of: "number-prefix = \"江城供电党建\"", with: "number-prefix = \"江供党\"")
        try text.write(toFile: settings, atomically: true, encoding: .utf8)
        let output = folder + "/n.docx"
        #expect(try await cli.run(["notice", "DB-2026-001", "--format", "docx", "--output", output, "--db", db]).status == 0)
        #expect(try Self.paragraphs(output).contains("江供党督 [2026] No. 1"), "English: ASCII brackets")
        let show = try await cli.run(["office", "show", "--db", db, "--lang", "zh"])
        #expect(show.status == 0 && show.out.contains("number-prefix = 江供党"), "\(show.err)")

        try ("signatory = \"x\"\n" + text).write(toFile: settings, atomically: true, encoding: .utf8)
        let unknown = try await cli.run(["notice", "DB-2026-001", "--format", "docx", "--output", folder + "/never.docx", "--db", db])
        #expect(unknown.status == 1 && unknown.err.contains("settings file \(settings): key signatory: is not a setting"), "\(unknown.err)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/never.docx"))
        try text.replacingOccurrences(of: "cc = [\"公司领导\"]", with: "cc = \"公司领导\"").write(toFile: settings, atomically: true, encoding: .utf8)
        let typed = try await cli.run(["bulletin", "--format", "html", "--db", db, "--lang", "zh"])
        #expect(typed.status == 1 && typed.err.contains("设置项 cc：应为字符串列表"), "\(typed.err)")
        // Markdown never reads the settings: a broken file does not stop the mail.
        #expect(try await cli.run(["bulletin", "--format", "md", "--db", db]).status == 0)
    }

    @Test func docxIsNeverWrittenOntoATerminalAndBadFormatsAreNamed() async throws {
        let (db, _) = try await demo()
        let format = try await cli.run(["assess", "--format", "pdf", "--db", db])
        #expect(format.status != 0 && format.err.contains("pdf"))
        // Standard output is a pipe here, so the zip comes out whole.
        let piped = try await cli.run(["notice", "DB-2026-001", "--format", "docx", "--db", db])
        #expect(piped.status == 0 && piped.out.utf8.starts(with: [0x50, 0x4B, 0x03, 0x04]), "a zip starts PK\\3\\4")
    }

    // MARK: LibreOffice

    static func tool(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func run(_ executable: String, _ arguments: [String], directory: String? = nil) async throws -> (status: Int32, out: String) {
        try await offThePool { try runToEnd(executable, arguments, directory: directory) }
    }

    /// `run`, holding its thread until the child has exited.
    private static func runToEnd(_ executable: String, _ arguments: [String], directory: String?) throws -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = ProcessOutput.readAll(out.fileHandleForReading)
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func libreOfficePrintsTheNoticeMinutesAndBulletin() async throws {
        guard let office = Self.tool("soffice") ?? Self.tool("libreoffice"), let pdftotext = Self.tool("pdftotext"), let pdfinfo = Self.tool("pdfinfo") else {
            print("OfficeCommandTests: skipped the PDF check: LibreOffice (soffice) or poppler-utils (pdftotext, pdfinfo) is not installed")
            return
        }
        let (db, folder) = try await demo()
        let documents: [(name: String, arguments: [String], expected: [String], pages: ClosedRange<Int>)] = [
            ("notice", ["notice", "DB-2026-001"], ["江城供电党建督〔2026〕1号", "督办通知单", "二〇二六年十月十三日", "抄送：公司领导。"], 1...3),
            ("minutes", ["meeting", "minutes", "HY-2026-11"], ["江城供电党建纪〔2026〕1号", "三方会议纪要", "二〇二六年十一月二十日"], 1...6),
            ("bulletin", ["bulletin", "--month", "2026-10"], ["督办简报", "2026年第1期", "下一步工作", "报送：公司领导。"], 1...8),
        ]
        let profile = "file://" + folder + "/lo-profile"
        for document in documents {
            let docx = folder + "/\(document.name).docx"
            #expect(try await cli.run(document.arguments + ["--format", "docx", "--output", docx, "--db", db, "--lang", "zh"]).status == 0)
            let converted = try await Self.run(office, ["-env:UserInstallation=\(profile)", "--headless", "--convert-to", "pdf", "--outdir", folder, docx])
            let pdf = folder + "/\(document.name).pdf"
            #expect(converted.status == 0 && FileManager.default.fileExists(atPath: pdf), "\(document.name): \(converted.out)")
            let info = try await Self.run(pdfinfo, [pdf]).out
            let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
            print("OfficeCommandTests: \(document.name).docx → \(pages) page(s) in LibreOffice; \(info.split(separator: "\n").first { $0.hasPrefix("Page size:") } ?? "")")
            #expect(document.pages.contains(pages), "\(document.name): \(pages) pages")
            #expect(info.contains("595.") && info.contains("841.") && info.contains("(A4)"), "A4 is 595 × 842 pt: \(info)")
            let text = try await Self.run(pdftotext, ["-layout", pdf, "-"]).out.replacingOccurrences(of: " ", with: "")
            for expected in document.expected { #expect(text.contains(expected), "\(document.name).pdf lacks \(expected)") }
            // The CC and printing record at the foot of the last page (GB/T 9704-2012, 7.4), not
            // straight after the body: the text block ends 35 mm (99.2 pt) above the A4 page's foot.
            let last = try await Self.run(pdftotext, ["-f", "\(pages)", "-l", "\(pages)", "-bbox", pdf, "-"]).out
            let printedLine = try #require(last.split(separator: "\n").first { $0.contains("印发</word>") }, "\(document.name): no 印发 on the last page")
            let bottom = Double(printedLine.split(separator: "\"").dropFirst(7).first ?? "") ?? 0
            #expect(bottom > 841.89 - 99.2 - 24 && bottom <= 841.89 - 99.2 + 2, "\(document.name): the printing line ends at \(bottom) pt")
            if document.name == "bulletin" {
                // The charts are drawn: their legends (series names) are in the PDF's text.
                let series = try Self.chartSeries(docx, part: "word/charts/chart1.xml")
                #expect(!series.isEmpty && series.allSatisfy { text.contains($0) }, "\(series)")
            }
        }
    }

    /// The series names a .docx's chart part caches.
    static func chartSeries(_ path: String, part: String) throws -> [String] {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        let entry = try #require(archive[part])
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        let root = try #require(try XMLDocument(data: bytes).rootElement())
        var names: [String] = []
        func walk(_ element: XMLElement, inName: Bool) {
            if element.name == "c:v" && inName { names.append(element.stringValue ?? "") }
            for child in element.children ?? [] {
                if let child = child as? XMLElement { walk(child, inName: inName || element.name == "c:tx") }
            }
        }
        walk(root, inName: false)
        return names
    }
}

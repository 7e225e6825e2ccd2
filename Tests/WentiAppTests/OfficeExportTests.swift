import Foundation
import Testing
@testable import WentiApp
@testable import WentiCore

/// The export form writes the official layout too: docx and print-ready HTML, numbered from
/// the same file as the command line.
@MainActor
@Suite struct OfficeExportTests {
    @Test func theExportFormOffersDocxAndWritesTheNoticeAndTheBulletin() async throws {
        let fixture = try await AppFixture()
        #expect(ExportForms.formats.map(\.rawValue) == ["md", "html", "txt", "docx"])
        let docx = try #require(ExportForms.formats.firstIndex(of: .docx))
        let notice = fixture.directory.appendingPathComponent("督办").path
        let written = try await ExportForms.write(.notice("DB-2026-001"), values: ["format": "\(docx)", "path": notice], fixture.environment, language: .zh)
        #expect(written == notice + ".docx")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: written))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) && bytes.count > 3_000)
        let numbers = try String(contentsOf: fixture.directory.appendingPathComponent("demo.office-numbers.tsv"), encoding: .utf8)
        #expect(numbers.contains("notice\t2026\tDB-2026-001\t1\n"))

        let html = try #require(ExportForms.formats.firstIndex(of: .html))
        let bulletin = fixture.directory.appendingPathComponent("简报").path
        let page = try await ExportForms.write(.bulletin, values: ["format": "\(html)", "path": bulletin, "month": "2026-10"], fixture.environment, language: .zh)
        let text = try String(contentsOfFile: page, encoding: .utf8)
        #expect(text.contains("@page { size: A4;") && text.contains("2026年第1期") && text.contains("<svg"))
        #expect(!text.contains("姓唐") && !text.contains("测试人员"), "no sealed identity")
    }
}

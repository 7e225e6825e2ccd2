import Foundation
import Testing
@testable import WentiApp
@testable import WentiCore

/// Issue 18: the export form says where the file goes (the documents folder by default),
/// and an existing file is replaced only when the person says so.
@MainActor
@Suite(.serialized) struct ExportDestinationTests {
    @Test func aRelativePathLivesInTheDocumentsFolder() {
        let documents = "/home/张三/文档"
        #expect(ExportDestination.path(for: "纪要", fileExtension: "md", documents: documents) == "/home/张三/文档/纪要.md")
        #expect(ExportDestination.path(for: "会议/HY-2026-11.docx", fileExtension: "md", documents: documents) == "/home/张三/文档/会议/HY-2026-11.docx")
        #expect(ExportDestination.path(for: "/tmp/x", fileExtension: "txt", documents: documents) == "/tmp/x.txt")
        #expect(ExportDestination.path(for: "../逃出", fileExtension: "md", documents: documents) == "/home/张三/逃出.md",
                "the full path is what the toast names")
        #expect(ExportDestination.documentsFolder(["HOME": "/home/a", "XDG_CONFIG_HOME": "/nonexistent"]) == "/home/a/Documents")
        #expect(ExportDestination.documentsFolder(["HOME": "/home/a", "XDG_DOCUMENTS_DIR": "$HOME/文档"]) == "/home/a/文档")
    }

    @Test func theFormShowsWhereItWritesAndAsksBeforeReplacing() async throws {
        let fixture = try await AppFixture()
        let documents = fixture.directory.appendingPathComponent("文档").path
        setenv("XDG_DOCUMENTS_DIR", documents, 1)
        defer { unsetenv("XDG_DOCUMENTS_DIR") }
        // The meetings pane, the newest meeting, x: the form's path is the full one.
        let (opened, _) = await fixture.run("2 x", width: 120, height: 40)
        guard case .recordForm(let form, .export(.meeting(let id)))? = opened.state.overlays.last else {
            Issue.record("no export form: \(opened.state.overlays)")
            return
        }
        let expected = (documents as NSString).appendingPathComponent(id + ".md")
        #expect(form.fields.first { $0.id == "path" }?.value == (documents as NSString).appendingPathComponent(id))
        let (written, _) = await fixture.run("2 x Enter", width: 120, height: 40)
        #expect(written.state.toast == "written to \(expected)")
        let first = try Data(contentsOf: URL(fileURLWithPath: expected))
        try Data("我的笔记".utf8).write(to: URL(fileURLWithPath: expected))
        // Again: refused, the file kept, and the form asks.
        let (asked, screen) = await fixture.run("2 x Enter", width: 120, height: 40)
        #expect(try String(contentsOfFile: expected, encoding: .utf8) == "我的笔记")
        guard case .recordForm(let askForm, _)? = asked.state.overlays.last else {
            Issue.record("the form closed without asking")
            return
        }
        #expect(askForm.fields.last?.id == "replace")
        #expect(screen.lastFrame.text.contains("✗ exists: yes replaces │"))
        // Saying yes replaces it.
        let (replaced, _) = await fixture.run("2 x Enter Right Enter", width: 120, height: 40)
        #expect(replaced.state.toast == "written to \(expected)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: expected)) == first)
    }
}

import Foundation
import Testing

/// `wenti meeting`, `wenti notice`, `wenti bulletin`, `wenti templates`: documents for cron.
/// The demo's clock is the machine's, so these check what does not depend on the day.
@Suite("Documents on the command line", .serialized)
struct DocumentCommandTests {
    let cli = CommandLineTests()

    func demo() async throws -> String {
        let db = try cli.temporaryDatabase()
        let demo = try await cli.run(["demo", "--no-tui", "--db", db])
        #expect(demo.status == 0, "\(demo.err)")
        return db
    }

    @Test func minutesNoticeAndBulletinInEachFormat() async throws {
        let db = try await demo()
        for format in ["md", "html", "txt"] {
            let minutes = try await cli.run(["meeting", "minutes", "HY-2026-11", "--db", db, "--format", format])
            #expect(minutes.status == 0, "\(minutes.err)")
            #expect(minutes.out.contains("HY-2026-11") && minutes.out.contains("2026-11-20") && minutes.out.contains("Q-2026-0027"))
            let notice = try await cli.run(["notice", "DB-2026-001", "--db", db, "--format", format, "--lang", "zh"])
            #expect(notice.status == 0 && notice.out.contains("督办通知单") && notice.out.contains("冯志强"), "\(notice.err)")
            let bulletin = try await cli.run(["bulletin", "--month", "2026-10", "--db", db, "--format", format])
            #expect(bulletin.status == 0 && bulletin.out.contains("Supervision bulletin 2026-10"), "\(bulletin.err)")
            // The demo's anonymous concerns keep their sealed identities out of every document.
            for document in [minutes.out, notice.out, bulletin.out] {
                #expect(!document.contains("姓唐") && !document.contains("本人要求不公开姓名"))
            }
        }
        let html = try await cli.run(["bulletin", "--month", "2026-09", "--to", "2026-11", "--db", db, "--format", "html", "--lang", "zh"])
        // html is the print-ready official layout (see OfficeCommandTests).
        #expect(html.out.hasPrefix("<!DOCTYPE html>") && html.out.contains("督办简报") && html.out.contains("2026年9月至11月督办情况"))
    }

    @Test func theDemosMinutesRecordTheSittingAndTheirDecisions() async throws {
        let db = try await demo()
        let minutes = try await cli.run(["meeting", "minutes", "HY-2026-09", "--db", db, "--lang", "zh"])
        #expect(minutes.status == 0, "\(minutes.err)")
        #expect(minutes.out.contains("地点: 公司三楼会议室") && minutes.out.contains("主持人: 周建国; 记录人: 赵雅琴"))
        #expect(!minutes.out.contains("本次未决定"), "September defined all seven concerns")
        #expect(minutes.out.contains("第一责任人: 郑伟"))
    }

    @Test func theAgendaIsBuiltAndSavedOnlyWhenAsked() async throws {
        let db = try await demo()
        let agenda = try await cli.run(["meeting", "agenda", "--month", "2027-01", "--db", db])
        #expect(agenda.status == 0, "\(agenda.err)")
        #expect(agenda.out.contains("# Tri-party meeting agenda") && agenda.out.contains("HY-2027-01") && agenda.out.contains("to define"))
        #expect(!(try await cli.run(["meeting", "list", "--db", db]).out.contains("HY-2027-01")))
        let saved = try await cli.run(["meeting", "agenda", "--month", "2027-01", "--unit", "运维检修部", "--save", "--db", db])
        #expect(saved.status == 0 && saved.out.contains("HY-2027-01-d-yj"), "\(saved.err)")
        #expect(try await cli.run(["meeting", "list", "--db", db]).out.contains("HY-2027-01-d-yj"))
    }

    @Test func badInputIsNamedAndWritesNothing() async throws {
        let db = try await demo()
        let unknown = try await cli.run(["meeting", "minutes", "HY-2099-01", "--db", db])
        #expect(unknown.status == 1 && unknown.err.contains("no meeting HY-2099-01"))
        let planned = try await cli.run(["meeting", "minutes", "HY-2026-12", "--db", db])
        #expect(planned.status == 1 && planned.err.contains("not held yet"))
        let month = try await cli.run(["bulletin", "--month", "2026-13", "--db", db])
        #expect(month.status == 1 && month.err.contains("--month: \"2026-13\" is not a month"))
        let backwards = try await cli.run(["bulletin", "--month", "2026-11", "--to", "2026-10", "--db", db])
        #expect(backwards.status == 1 && backwards.err.contains("--to 2026-10 is before --month 2026-11"))
        let notice = try await cli.run(["notice", "DB-9", "--db", db])
        #expect(notice.status == 1 && notice.err.contains("no notice DB-9"))
        let format = try await cli.run(["bulletin", "--format", "pdf", "--db", db])
        #expect(format.status != 0 && format.err.contains("pdf"))
        let output = (db as NSString).deletingLastPathComponent + "/never.md"
        let templates = try await cli.run(["bulletin", "--templates", "/nonexistent", "--output", output, "--db", db])
        #expect(templates.status == 1 && templates.err.contains("--templates: no folder /nonexistent"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func editedTemplatesAndOutputFiles() async throws {
        let db = try await demo()
        let folder = (db as NSString).deletingLastPathComponent + "/templates"
        let written = try await cli.run(["templates", folder])
        #expect(written.status == 0 && written.out.split(separator: "\n").count == 12)
        try "{{% CONTENT_TYPE: TEXT}}\n{{id}} → {{toPerson}}\n".write(toFile: folder + "/notice.txt.mustache", atomically: true, encoding: .utf8)
        let output = (db as NSString).deletingLastPathComponent + "/notice.txt"
        let notice = try await cli.run(["notice", "DB-2026-001", "--format", "txt", "--templates", folder, "--output", output, "--db", db])
        #expect(notice.status == 0 && notice.out.isEmpty, "\(notice.err)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "DB-2026-001 → 冯志强\n")
        try "{{#x}}".write(toFile: folder + "/bulletin.md.mustache", atomically: true, encoding: .utf8)
        let broken = try await cli.run(["bulletin", "--templates", folder, "--db", db])
        #expect(broken.status == 1 && broken.err.contains("bulletin.md.mustache"))
    }
}

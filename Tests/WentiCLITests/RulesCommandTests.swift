import Foundation
import Testing
import WentiTestSupport

/// Issue 14's and 16's last rules through the real binary: one open notice per concern with
/// explicit replacement, a practice applied taken back by `undo`, minutes that name who sat,
/// and document numbers that two processes never share.
@Suite("The method's last rules, on the command line", .serialized)
struct RulesCommandTests {
    let cli = CommandLineTests()

    func demo() async throws -> String {
        let db = try cli.temporaryDatabase()
        let demo = try await cli.run(["demo", "--no-tui", "--db", db])
        #expect(demo.status == 0, "\(demo.err)")
        return db
    }

    /// Q-2026-0002 has the open notice DB-2026-002 (acknowledged, to 郑伟).
    @Test func aSecondNoticeOnAConcernMustReplaceTheOpenOne() async throws {
        let db = try await demo()
        let refused = try await cli.run(["notice", "issue", "Q-2026-0002", "--node", "2026-12-20:完成整改", "--db", db])
        #expect(refused.status == 1, "\(refused.out)")
        #expect(refused.err.contains("Q-2026-0002 already has the open notice DB-2026-002 (acknowledged)")
                && refused.err.contains("--replaces DB-2026-002"), "\(refused.err)")
        let wrong = try await cli.run(["notice", "issue", "Q-2026-0002", "--node", "2026-12-20:完成整改", "--replaces", "DB-2026-001", "--db", db])
        #expect(wrong.status == 1 && wrong.err.contains("DB-2026-001 is about Q-2026-0027, not this concern"), "\(wrong.err)")
        #expect(!(try await cli.run(["notice", "list", "--db", db]).out.contains("DB-2026-006")), "nothing was issued")

        let replaced = try await cli.run(["notice", "issue", "Q-2026-0002", "--node", "2026-12-20:完成整改", "--replaces", "DB-2026-002",
                                    "--db", db, "--lang", "zh"])
        #expect(replaced.status == 0 && replaced.out.contains("已下发 DB-2026-006") && replaced.out.contains("替代 DB-2026-002"), "\(replaced.err)")
        let list = try await cli.run(["notice", "list", "--db", db, "--lang", "zh"]).out
        let old = try #require(list.split(separator: "\n").first { $0.hasPrefix("DB-2026-002") })
        #expect(old.contains("已被 DB-2026-006 替代"), "\(old)")
        let again = try await cli.run(["notice", "issue", "Q-2026-0002", "--node", "2026-12-20:完成", "--replaces", "DB-2026-002", "--db", db])
        #expect(again.status == 1 && again.err.contains("DB-2026-002 is replaced; there is nothing to replace"), "\(again.err)")
    }

    @Test func undoTakesBackAPracticeAppliedWithItsLink() async throws {
        let db = try await demo()
        let add = try await cli.run(["add", "--db", db, "--title", "报表多到下班走不了", "--category", "班组负担", "--channel", "go-down-visit", "--unit", "变电运维班"])
        let code = add.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(add.status == 0 && code.hasPrefix("Q-2026-"), "\(add.err)")
        #expect(try await cli.run(["batch", code, "--group", "报表减负", "--db", db]).status == 0)
        let applied = try await cli.run(["practice", "apply", "SJ-2026-001", "--group", "报表减负", "--db", db])
        #expect(applied.status == 0 && applied.out.contains("applied to 1 concerns"), "\(applied.out) \(applied.err)")
        let before = try await cli.run(["show", code, "--db", db]).out
        #expect(before.contains("SJ-2026-001"), "the concern is linked to the entry: \(before)")
        let undone = try await cli.run(["undo", code, "--db", db])
        #expect(undone.status == 0, "\(undone.err)")
        let after = try await cli.run(["show", code, "--db", db]).out
        #expect(before.contains("合并同类报表") && !after.contains("合并同类报表"), "the entry's plan is taken back: \(after)")
        #expect(!after.contains("SJ-2026-001"), "and so is its link: \(after)")
        let log = try await cli.run(["log", code, "--db", db]).out
        #expect(log.contains("undo"), "the undo is a step of the log, the application stays on record: \(log)")
    }

    @Test func heldMinutesNameWhoSatAndTheAgendaTheOfficesUsualChair() async throws {
        let db = try await demo()
        let folder = (db as NSString).deletingLastPathComponent
        #expect(try await cli.run(["office", "init", "--db", db]).status == 0)
        let settings = folder + "/d.office.toml"
        var text = try String(contentsOfFile: settings, encoding: .utf8)
        text = text.replacingOccurrences(of: #"chair = """#, with: #"chair = "设置中的主持人""#)
        try text.write(toFile: settings, atomically: true, encoding: .utf8)
        #expect(text.contains("设置中的主持人"), "the settings name a usual chair")
        let minutes = folder + "/minutes.docx", agenda = folder + "/agenda.docx"
        #expect(try await cli.run(["meeting", "minutes", "HY-2026-11", "--format", "docx", "-o", minutes, "--db", db, "--lang", "zh"]).status == 0)
        #expect(try await cli.run(["meeting", "agenda", "--month", "2026-12", "--format", "docx", "-o", agenda, "--db", db, "--lang", "zh"]).status == 0)
        let held = try OfficeCommandTests.paragraphs(minutes)
        #expect(held.contains("主持人：林海涛") && held.contains("记录人：钱晓燕") && held.contains("会议地点：公司三楼会议室"), "\(held)")
        #expect(!held.joined().contains("设置中的主持人"))
        #expect(try OfficeCommandTests.paragraphs(agenda).contains("主持人：设置中的主持人"), "a planned meeting has only the usual chair")
    }

    /// Two processes printing new documents at once take the numbers file in turn: while
    /// another process holds its lock, wenti waits, then gives the next free number.
    @Test func twoProcessesNeverGiveOutTheSameNumber() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/flock") else {
            print("RulesCommandTests: skipped the lock check: flock(1) is not installed")
            return
        }
        let db = try await demo()
        let folder = (db as NSString).deletingLastPathComponent
        #expect(try await cli.run(["notice", "DB-2026-001", "--format", "docx", "-o", folder + "/1.docx", "--db", db]).status == 0)
        let numbers = folder + "/d.office-numbers.tsv"
        // Another process holds the numbers for two seconds.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [numbers + ".lock", "sleep", "2"]
        try holder.run()
        while Self.lockIsFree(numbers + ".lock") { try await Task.sleep(for: .milliseconds(20)) }
        let printers = try ["DB-2026-002", "DB-2026-003"].map { id in
            let process = Process()
            process.executableURL = CommandLineTests.binary
            process.arguments = ["notice", id, "--format", "docx", "-o", folder + "/\(id).docx", "--db", db]
            process.environment = CommandLineTests.childEnvironment([:])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        try await Task.sleep(for: .seconds(1))
        let waiting = printers.filter { $0.isRunning }.count
        #expect(waiting == 2, "both wait for the lock")
        holder.waitUntilExit()
        for printer in printers { printer.waitUntilExit() }
        let succeeded = printers.filter { $0.terminationStatus == 0 }.count
        #expect(succeeded == 2)
        let given = try String(contentsOfFile: numbers, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("notice\t") }.compactMap { $0.split(separator: "\t").last.flatMap { Int($0) } }
        #expect(given.sorted() == [1, 2, 3], "three notices, three numbers: \(given)")
    }

    static func lockIsFree(_ path: String) -> Bool {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        probe.arguments = ["-n", path, "true"]
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }
}

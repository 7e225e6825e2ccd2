import Foundation
import Testing

/// Issue 11's "done when", through the real binary: the account running the tests is the
/// person it is linked to, view-as is read-only, and an employee is refused by name.
@Suite("Who is acting, on the command line", .serialized)
struct WhoIsActingCommandTests {
    let cli = CommandLineTests()

    @Test func theDemoAccountIsZhaoAndViewAsIsReadOnly() async throws {
        let db = try cli.temporaryDatabase()
        _ = try await cli.run(["demo", "--no-tui", "--db", db])
        let whoami = try await cli.run(["whoami", "--db", db])
        #expect(whoami.status == 0 && whoami.out.hasPrefix("赵雅琴  political-work staff  党建工作部  login \(CommandLineTests.account)"), "\(whoami.out)")
        // Viewing as 宋佳: exactly what she sees, and the header says whose view it is.
        let viewed = try await cli.run(["list", "--db", db, "--as", "yg-song", "--format", "csv"])
        #expect(viewed.status == 0 && viewed.err.contains("赵雅琴 · viewing as 宋佳 (read-only)"))
        _ = try await cli.run(["people", "login", "yg-song", "song-account", "--db", db])
        let before = try await cli.run(["log", "Q-2026-0003", "--db", db]).out
        let progress = try await cli.run(["--as", "yg-song", "progress", "Q-2026-0003", "看看", "--db", db])
        #expect(progress.status == 1 && progress.err.contains("赵雅琴 is viewing as 宋佳, read-only: cannot add progress"), "\(progress.err)")
        let add = try await cli.run(["--as", "yg-song", "add", "--title", "夜班没热饭", "--category", "team-burden", "--channel", "hotline",
                               "--unit", "变电运维班", "--db", db])
        #expect(add.status == 1 && add.err.contains("read-only: cannot take in a concern"), "\(add.err)")
        #expect(try await cli.run(["log", "Q-2026-0003", "--db", db]).out == before, "nothing was written")
        #expect(try await cli.run(["show", "Q-2026-0070", "--db", db]).status == 1, "no concern was added")
    }

    @Test func whenTheAccountIsSongJiaTheMethodRefusesHerByName() async throws {
        let db = try cli.temporaryDatabase()
        _ = try await cli.run(["demo", "--no-tui", "--db", db])
        let linked = try await cli.run(["people", "login", "yg-song", CommandLineTests.account, "--db", db])
        #expect(linked.status == 0 && linked.out.contains("宋佳"), "\(linked.err)")
        let whoami = try await cli.run(["whoami", "--db", db, "--lang", "zh"])
        #expect(whoami.out.hasPrefix("宋佳  员工  变电运维班"), "\(whoami.out)")
        let before = try await cli.run(["log", "Q-2026-0003", "--db", db]).out
        let grade = try await cli.run(["grade", "Q-2026-0003", "urgent", "--db", db, "--lang", "zh"])
        #expect(grade.status == 1 && grade.err.contains("宋佳（员工）无权定级：Q-2026-0003（变电运维班）"), "\(grade.err)")
        #expect(!grade.err.contains("yg-song") && !grade.err.contains("t-bdyw"), "named by name, never by id")
        #expect(try await cli.run(["log", "Q-2026-0003", "--db", db]).out == before, "nothing was written")
        let notice = try await cli.run(["notice", "issue", "Q-2026-0060", "--node", "2026-12-20:完成", "--db", db, "--lang", "zh"])
        #expect(notice.status == 1 && notice.err.contains("宋佳（员工）无权下发督办通知单"), "\(notice.err)")
        #expect(try await cli.run(["notice", "list", "--db", db]).out.contains("DB-2026-008") == false, "no notice was issued")
        let viewAs = try await cli.run(["list", "--as", "赵雅琴", "--db", db])
        #expect(viewAs.status == 1 && viewAs.err.contains("宋佳 (staff) may not view as someone else"), "\(viewAs.err)")
        let people = try await cli.run(["people", "login", "zg-zhao", CommandLineTests.account, "--db", db])
        #expect(people.status == 1 && people.err.contains("may not manage people and logins"), "she cannot give the account back either")
    }

    /// Undo is reachable from the command line as from the `U` key: a regrade is taken back,
    /// an escalation is not (and says why).
    @Test func undoTakesBackAGradeButNotAnEscalation() async throws {
        let db = try cli.temporaryDatabase()
        _ = try await cli.run(["demo", "--no-tui", "--db", db])
        #expect(try await cli.run(["grade", "Q-2026-0062", "major", "--db", db]).status == 0)
        let undone = try await cli.run(["undo", "Q-2026-0062", "--db", db])
        #expect(undone.status == 0 && undone.out.contains("urgent"), "\(undone.out) \(undone.err)")
        #expect(try await cli.run(["escalate", "Q-2026-0004", "--reason", "需部门协调", "--db", db]).status == 0)
        let refused = try await cli.run(["undo", "Q-2026-0004", "--db", db])
        #expect(refused.status == 1 && refused.err.contains("escalate cannot be undone"), "\(refused.err)")
        #expect(try await cli.run(["show", "Q-2026-0004", "--db", db]).out.contains("L2"), "the escalation stays")
    }
}

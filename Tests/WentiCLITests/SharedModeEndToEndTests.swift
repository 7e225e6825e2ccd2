import Foundation
import Testing
import WentiTestSupport

/// The real binary on the shared server (a database of the test process's private PostgreSQL
/// cluster): each person connects as their own role with `--db postgresql:///…&user=ID`, the
/// command line and the terminal UI alike.
@Suite("wenti on a shared server", .serialized)
struct SharedModeEndToEndTests {
    let cli = CommandLineTests()

    @Test func eachPersonWorksAsThemselvesThroughTheCommandLine() async throws {
        let (server, _, _) = try await TestServer.demo()
        let whoami = try await cli.run(["whoami", "--db", server.url(as: "bzz-li"), "--lang", "en"])
        #expect(whoami.status == 0 && whoami.out.contains("李强"), "\(whoami.err)")
        let counted = try await cli.run(["list", "--count", "--db", server.url(as: "yg-song")])
        let expected = try server.psql(as: "yg-song", "SELECT count(*) FROM wenti.concern")
        #expect(counted.out.trimmingCharacters(in: .whitespacesAndNewlines) == expected.trimmingCharacters(in: .whitespacesAndNewlines))
        // The team leader grades a concern of his library; the log, read by political-work
        // staff, names him, and the server recorded the role that wrote it.
        let graded = try await cli.run(["grade", "Q-2026-0003", "general", "--db", server.url(as: "bzz-li"), "--lang", "en"])
        #expect(graded.status == 0, "\(graded.err)")
        let log = try await cli.run(["log", "Q-2026-0003", "--db", server.url(as: "zg-zhao"), "--lang", "en"])
        #expect(log.out.contains("李强"), "\(log.out)")
        #expect(try server.psql(as: TestServer.administrator,
                                "SELECT db_user FROM wenti.audit_log WHERE subject = 'Q-2026-0003' ORDER BY seq DESC LIMIT 1") == "bzz-li\n")
        // His employee may see the concern but not grade it: the permission table's words, exit 1.
        let refused = try await cli.run(["grade", "Q-2026-0003", "urgent", "--db", server.url(as: "yg-song"), "--lang", "en"])
        #expect(refused.status == 1 && refused.err.contains("may not"), "\(refused.err)")
        // A role that is nobody of the workspace is told so.
        let stranger = try await cli.run(["list", "--db", server.url(as: "nobody"), "--lang", "en"])
        #expect(stranger.status == 1 && stranger.err.contains("nobody"), "\(stranger.err)")
    }

    @Test(.enabled(if: TmuxHarness.available))
    func aSecondPersonSeesTheFirstPersonsChangeWithinASecond() async throws {
        let (server, _, _) = try await TestServer.demo()
        let tmux = try TmuxHarness()
        let command = "env -u LANG -u LC_ALL -u LC_CTYPE TERM=tmux-256color \(CommandLineTests.binary.path) tui --db '\(server.url(as: "zg-zhao"))'"
        try tmux.run(["new-session", "-d", "-s", "w", "-x", "120", "-y", "40", command])
        try tmux.run(["set-option", "-t", "w", "remain-on-exit", "on"])
        try await tmux.waitFor { $0.contains { $0.contains("Q-2026-0069 -") } }
        // 徐婷 grades a concern of her team from her own terminal.
        let graded = try await cli.run(["grade", "Q-2026-0069", "urgent", "--db", server.url(as: "bzz-xu")])
        #expect(graded.status == 0, "\(graded.err)")
        let written = Date()
        let lines = try await tmux.waitFor(timeout: 5) { $0.contains { $0.contains("Q-2026-0069 urgent") } }
        let seconds = Date().timeIntervalSince(written)
        #expect(lines.contains { $0.contains("Q-2026-0069 urgent") })
        print(String(format: "shared server: 赵雅琴's screen showed 徐婷's change %.2f s after it was written", seconds))
        #expect(seconds < 1.0)
        try tmux.run(["send-keys", "-t", "w", "q"])
    }

    /// `wenti server import` moves a local workspace whole (its audit log as written) onto an
    /// empty server workspace, and refuses one that is not empty, changing nothing.
    @Test func aLocalWorkspaceMovesOntoTheServerWholeOrNotAtAll() async throws {
        let file = try cli.temporaryDatabase()
        #expect(try await cli.run(["demo", "--no-tui", "--db", file]).status == 0)
        let server = try await TestServer.freshDatabase()
        let admin = server.url(as: TestServer.administrator)
        let moved = try await cli.run(["server", "import", file, admin, "--lang", "en"])
        #expect(moved.status == 0 && moved.out.contains("moved 69 concerns"), "\(moved.err)")
        func count(_ sql: String) throws -> String { try server.psql(as: TestServer.administrator, sql).trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(try await count("SELECT count(*) FROM wenti.concern") == "69")
        #expect(try await count("SELECT count(*) FROM wenti.identity_envelope") == "9")
        let audit = try await count("SELECT count(*) FROM wenti.audit_log")
        #expect(Int(audit) ?? 0 > 69, "the history came along: \(audit) entries")
        // The demo linked the account running it; here that account is a superuser role, which
        // would pass every check of the server: the login is not kept, and adding it is refused.
        #expect(moved.out.contains("login \(TestServer.administrator) is a superuser role on the server and was not kept"), "\(moved.out)")
        #expect(try await count("SELECT count(*) FROM wenti.person WHERE login = '\(TestServer.administrator)'") == "0")
        let superuser = try await cli.run(["server", "add-person", "李强", "--login", TestServer.administrator, "--db", admin, "--lang", "en"])
        #expect(superuser.status != 0 && superuser.err.contains("is a superuser"), "\(superuser.err)")
        let again = try await cli.run(["server", "import", file, admin, "--lang", "en"])
        #expect(again.status == 1 && again.err.contains("nothing was imported"), "\(again.err)")
        #expect(try await count("SELECT count(*) FROM wenti.audit_log") == audit, "the refused import wrote nothing")
        // The people work on it as before: 李强 sees his team's concerns once linked to a role.
        #expect(try await cli.run(["server", "add-person", "李强", "--db", admin]).status == 0)
        let list = try await cli.run(["list", "--count", "--db", server.url(as: "bzz-li")])
        #expect(list.status == 0 && list.out.trimmingCharacters(in: .whitespacesAndNewlines) == "5", "\(list.out)\(list.err)")
    }
}

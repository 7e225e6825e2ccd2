import Foundation
import Testing
import WentiTestSupport

/// The terminal UI while its server goes away and comes back: it says so for as long as it
/// lasts, keeps taking keys, and once the server is back reads everything again and hears of
/// changes as before. A cluster of its own (scripts/pg-cluster.sh), since this one is stopped.
@Suite("wenti while the shared server is away", .serialized)
struct SharedModeOutageTests {
    let cli = CommandLineTests()

    @Test(.enabled(if: TmuxHarness.available))
    func theScreenSaysTheServerIsAwayKeepsTakingKeysAndCatchesUpWhenItIsBack() async throws {
        let script = TestServer.repository.appendingPathComponent("scripts/pg-cluster.sh").path
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-outage-\(UUID().uuidString)").path
        let socket = try TestServer.run(script, ["start", dir]).trimmingCharacters(in: .whitespacesAndNewlines)
        defer {
            _ = try? TestServer.run(script, ["stop", dir])
            try? FileManager.default.removeItem(atPath: dir)
        }
        try TestServer.run(try TestServer.tool("psql"), ["-h", socket, "-U", "postgres", "-d", "postgres", "-qtAc", "CREATE DATABASE wenti"])
        let url = { (role: String) in "postgresql:///wenti?host=\(socket)&user=\(role)" }
        #expect(try await cli.run(["server", "init", url(TestServer.administrator), "--demo"]).status == 0)

        let tmux = try TmuxHarness()
        // A person's patience, not the test process's (TestServer sets WENTI_SERVER_WAIT=120
        // for its crowded parallel tests, and tmux passes it on): a screen that waited for the
        // server on a key would answer no sooner than this.
        let patience: TimeInterval = 10
        let command = "env -u LANG -u LC_ALL -u LC_CTYPE WENTI_SERVER_WAIT=\(Int(patience)) TERM=tmux-256color \(CommandLineTests.binary.path) tui --lang en --db '\(url("zg-zhao"))'"
        try tmux.run(["new-session", "-d", "-s", "w", "-x", "120", "-y", "40", command])
        try tmux.run(["set-option", "-t", "w", "remain-on-exit", "on"])
        _ = try await tmux.waitFor { $0.contains { $0.contains("Q-2026-0069 -") } }

        // The server stops: the status line says so within seconds, and stays saying so.
        _ = try TestServer.run(script, ["stop", dir])
        _ = try await tmux.waitFor(timeout: 3 * patience) { $0.contains { $0.contains("cannot reach the shared server") } }
        // Keys are taken meanwhile: the help opens without a wait for the server, and closes.
        // (Judged against the patience, not a fixed time: on CI's crowded two cores a key the
        // screen answers at once has taken 3 s to reach the pane.)
        let pressed = Date()
        try tmux.run(["send-keys", "-t", "w", "?"])
        _ = try await tmux.waitFor(timeout: 2 * patience) { $0.contains { $0.contains("Help: keys and commands") } }
        let answered = Date().timeIntervalSince(pressed)
        #expect(answered < patience, "the help opened \(answered) s after the key, with the server away: it waited for the server")
        try tmux.run(["send-keys", "-t", "w", "Escape"])
        _ = try await tmux.waitFor(timeout: 3 * patience) { $0.contains { $0.contains("cannot reach the shared server") } }

        // Back: a change made while this screen was told of nothing shows, and so do later ones.
        _ = try TestServer.run(script, ["start", dir])
        #expect(try await cli.run(["grade", "Q-2026-0069", "urgent", "--db", url("bzz-xu")]).status == 0)
        let back = Date()
        _ = try await tmux.waitFor(timeout: 20) { $0.contains { $0.contains("Q-2026-0069 urgent") } }
        print(String(format: "outage: keys answered in %.2f s with the server away; caught up %.1f s after it was back", answered, Date().timeIntervalSince(back)))
        #expect(try tmux.screen().allSatisfy { !$0.contains("cannot reach the shared server") }, "the outage is no longer told")
        try tmux.run(["send-keys", "-t", "w", "q"])
    }
}

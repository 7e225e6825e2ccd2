import Foundation
import WentiCore
import WentiStore
import WentiTestSupport

/// A fresh demo workspace with the terminal UI open on it in tmux, as the end-to-end tests of
/// whole screens start: session "w" of the given size, the language given on the command line
/// (no LANG), the tests' own config folder.
struct DemoInTmux {
    struct DemoFailed: Error, CustomStringConvertible {
        let description: String
    }

    let tmux: TmuxHarness
    let db: String
    /// Scans a screen for values only the program should know, in this demo's words.
    let scanner: InternalValueScanner
    /// The command the session runs (to start the UI again in it, `respawn-pane`).
    let command: String

    init(_ cli: CommandLineTests, width: Int, height: Int, language: Language) async throws {
        db = try cli.temporaryDatabase()
        let demo = try await cli.run(["demo", "--no-tui", "--db", db])
        guard demo.status == 0 else { throw DemoFailed(description: "wenti demo exited \(demo.status): \(demo.err)") }
        scanner = InternalValueScanner(try await SQLiteStore(path: db, create: false).workspace())
        tmux = try TmuxHarness()
        command = "env -u LANG -u LC_ALL -u LC_CTYPE TERM=tmux-256color XDG_CONFIG_HOME=\(CommandLineTests.configHome) "
            + "\(CommandLineTests.binary.path) tui --db \(db) --lang \(language.rawValue)"
        try tmux.run(["new-session", "-d", "-s", "w", "-x", "\(width)", "-y", "\(height)", command])
        try tmux.run(["set-option", "-t", "w", "remain-on-exit", "on"])
    }
}

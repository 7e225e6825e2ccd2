import Foundation
import WentiTestSupport
import SnapshotTesting
@testable import WentiApp
@testable import WentiCore
@testable import WentiExchange
import WentiSeal
@testable import WentiStore
@testable import WentiTerminal

/// The demo workspace on a fixed day (2026-11-25), plus one concern whose title carries
/// Chinese, emoji and control characters, and the application around it.
@MainActor
final class AppFixture {
    let directory: URL
    let store: SQLiteStore
    let clock: ManualClock
    let environment: AppEnvironment

    init(viewer: PersonID? = nil, overrides: [String: [Key]] = [:], synthetic: Int = 0) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        clock = ManualClock(day: Day("2026-09-01")!)
        let path = directory.appendingPathComponent("demo.sqlite").path
        try Self.copySeeded(to: path, from: try await Self.seeded.value)
        store = try SQLiteStore(path: path, clock: clock)
        if synthetic > 0 {
            try await store.bulkLoad(SyntheticConcerns(workspace: try store.workspace()).batches(total: synthetic, size: 1000),
                               actor: try store.person(nil), action: "generate")
        }
        clock.set(day: Day("2026-11-25")!)
        _ = try await store.open(NewConcern(
            title: "表情😀👨‍👩‍👧与控制符\u{1B}[2J测试", description: "第一行\n\u{1B}]0;title\u{07}第二行", categoryID: "team-burden",
            channel: .hotline, finderID: "zg-zhao", reporter: .anonymous(sealedIdentity: .toSeal("测试人员")), unitID: "t-kf"), actor: "zg-zhao")
        // The UI runs as the person `viewer` names, under their own login (赵雅琴 by default).
        let session = try await store.session(as: viewer ?? "zg-zhao")
        environment = AppEnvironment(session: session, registry: try ActionRegistry(actions: StandardActions.all, overrides: overrides),
                                     keyFolder: Self.keyFolder)
    }

    /// 赵雅琴's key as `wenti keys init` keeps it, under `passphrase`; made once per process
    /// (scrypt is meant to be slow).
    static let passphrase = "test-passphrase"
    static let keyFolder: KeyFolder = {
        let folder = KeyFolder(url: FileManager.default.temporaryDirectory.appendingPathComponent("wenti-app-keys-\(UUID().uuidString)"))
        try! folder.save(try! ProtectedKey.protect(TestKeys.zhao, for: .person("zg-zhao"), passphrase: passphrase))
        return folder
    }()

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The seeds replayed once per test process into a file of their own, which every fixture
    /// copies: a replay costs about a second in a debug build, and the app's tests, which all
    /// run on the main actor one after another, make over a hundred fixtures.
    private static let seeded = Task<String, any Error> { @MainActor in
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-app-seeded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("seeded.sqlite").path
        let clock = ManualClock(day: Day("2026-09-01")!)
        let store = try SQLiteStore(path: path, clock: clock)
        try await SeedReplayer.load(SeedLoader(directory: SeedLocator.builtIn), into: store, clock: clock, creatorLogin: "tester",
                                    keyHolders: TestKeys.demoHolders())
        return path
    }

    private static func copySeeded(to path: String, from template: String) throws {
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: template + suffix) {
            try FileManager.default.copyItem(atPath: template + suffix, toPath: path + suffix)
        }
    }

    /// Runs a key script headless and returns the app after it.
    func run(_ script: String, width: Int = 100, height: Int = 30, language: Language = .en) async -> (TerminalApp, HeadlessTerminal) {
        let backend = HeadlessTerminal(width: width, height: height, keys: KeyScript.parse(script))
        let app = TerminalApp(state: AppState(language: language), environment: environment, backend: backend)
        await app.run()
        return (app, backend)
    }
}

extension Snapshotting where Value == Grid, Format == String {
    /// The screen framed (a width bug shows as a ragged right border), then one letter per
    /// column for the style: R reverse, B bold, U underline, D dim, . plain.
    static var screen: Snapshotting {
        Snapshotting<String, String>.lines.pullback { grid in
            var out = "┌" + String(repeating: "─", count: grid.width) + "┐\n"
            for line in grid.lines { out += "│" + line + "│\n" }
            out += "└" + String(repeating: "─", count: grid.width) + "┘\n"
            for y in 0..<grid.height {
                out += String((0..<grid.width).map { x -> Character in
                    let style = grid[x, y].style
                    return style.reverse ? "R" : style.bold ? "B" : style.underline ? "U" : style.dim ? "D" : "."
                }) + "\n"
            }
            return out
        }
    }
}

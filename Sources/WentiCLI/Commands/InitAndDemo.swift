import ArgumentParser
import Foundation
import WentiCore
import WentiExchange
import WentiStore

/// `wenti init`: a new workspace with an organisation and no concerns.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace: organisation, categories and grade policy from a seed folder, no concerns.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Folder with organisation.yaml, categories.yaml, policy.yaml, sources.yaml (default: the built-in seeds).")
    var seeds: String?

    func run() throws {
        try reportingFailures(options) {
            let path = options.databasePath
            guard !FileManager.default.fileExists(atPath: path) else {
                throw CLIFailure(StoreError.alreadyInitialised(path: path).label)
            }
            let loader = SeedLoader(directory: SeedLocator.directory(explicit: seeds, environment: options.environment))
            let workspace = try loader.workspace()
            let store = try SQLiteStore(path: path)
            try store.install(workspace)
            emit(options.language == .zh
                 ? "已创建工作区 \(path)：\(workspace.organisation.units.count) 个单位，\(workspace.organisation.people.count) 人"
                 : "created workspace \(path): \(workspace.organisation.units.count) units, \(workspace.organisation.people.count) people")
        }
    }
}

/// `wenti demo`: the demo workspace from the seeds, optionally with synthetic concerns.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create the demo workspace (江城供电公司, a month and a half of concerns) and open it.",
        discussion: """
            Without --db or WENTI_DB the demo lives in demo.sqlite in the user data directory. An earlier demo at \
            the same path is replaced; any other file is left alone. --scale N adds N synthetic concerns.
            """)

    @OptionGroup var options: GlobalOptions

    @Option(help: "Add this many synthetic concerns (deterministic; for load tests and benchmarks).")
    var scale: Int = 0

    @Flag(name: .customLong("no-tui"), help: "Only create the workspace; do not open the terminal UI.")
    var noTUI = false

    @Option(help: "Seed folder (default: $WENTI_SEEDS, else the repository's seeds/).")
    var seeds: String?

    func validate() throws {
        guard scale >= 0 else { throw ValidationError("--scale must be 0 or more") }
    }

    func run() throws {
        try reportingFailures(options) {
            let path = options.databasePath(defaultName: "demo.sqlite")
            if FileManager.default.fileExists(atPath: path), SQLiteStore.isDemo(path: path) != true {
                throw CLIFailure(zh: "\(path) 已存在且不是演示工作区，wenti demo 不会覆盖它；请用 --db 指定其他路径",
                                 en: "\(path) exists and is not a demo workspace; wenti demo will not replace it (choose another --db)")
            }
            let started = Date()
            let loader = SeedLoader(directory: SeedLocator.directory(explicit: seeds, environment: options.environment))
            // Build beside the target and move it into place, so a failure leaves no half-built demo.
            let building = path + ".building"
            Self.removeDatabase(at: building)
            let clock = ManualClock(day: Day(year: 2026, month: 9, day: 1)!)
            let count: Int
            do {
                let store = try SQLiteStore(path: building, clock: clock)
                count = try SeedReplayer.load(loader, into: store, clock: clock)
                try store.markAsDemo()
                if scale > 0 { try Self.addSynthetic(scale, to: store) }
            } catch {
                Self.removeDatabase(at: building)
                throw error
            }
            Self.removeDatabase(at: path)
            try FileManager.default.moveItem(atPath: building, toPath: path)
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            emit(options.language == .zh
                 ? "演示工作区已创建：\(path)（种子问题 \(count) 个，合成问题 \(scale) 个，用时 \(seconds) 秒）"
                 : "demo workspace created: \(path) (\(count) seed concerns, \(scale) synthetic, \(seconds) s)")
            if !noTUI {
                try TerminalUI.open(options, databasePath: path)
            }
        }
    }

    /// Loads in batches of 50,000: each batch is one transaction, and memory stays flat.
    static func addSynthetic(_ count: Int, to store: SQLiteStore) throws {
        let generator = SyntheticConcerns(workspace: try store.workspace())
        try store.bulkLoad(generator.batches(total: count, size: 50_000), actor: nil, action: "generate")
    }

    static func removeDatabase(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

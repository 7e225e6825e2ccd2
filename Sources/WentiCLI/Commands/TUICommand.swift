import ArgumentParser
import Foundation
import WentiApp
import WentiCore
import WentiExchange
import WentiSeal
import WentiSession
import WentiStore
import WentiTerminal

/// `wenti tui`: the terminal UI, on a real terminal or headless.
struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "Open the terminal UI (also what `wenti` alone does).",
        discussion: """
            --headless WxH runs the real application on an off-screen terminal of that size, feeds it \
            --keys (tmux-style names such as j Enter Esc Tab BTab C-d Up PageDown F1; other words are \
            typed as text, Chinese included) and prints the final screen. --dump prints the screen \
            after every key; --timings prints each key's update and render time, with p50/p99/max, \
            to standard error.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "Run off-screen at this size, e.g. 100x30.") var headless: String?
    @Option(help: "The key script for --headless.") var keys: String = ""
    @Flag(help: "With --headless: print the screen after every key.") var dump = false
    @Flag(help: "With --headless: per-key update and render times on standard error.") var timings = false

    func run() async throws {
        try await TerminalUI.open(options, databasePath: options.databasePath, headless: headless, keys: keys, dump: dump, timings: timings)
    }
}

/// Starting the UI, shared by `wenti`, `wenti tui` and `wenti demo`.
enum TerminalUI {
    /// On the main actor, where the UI lives: store reads suspend it and resume it there.
    @MainActor
    static func open(_ options: GlobalOptions, databasePath: String, headless: String? = nil, keys: String = "",
                     dump: Bool = false, timings: Bool = false) async throws {
        var size: (Int, Int)?
        if let headless {
            let parts = headless.lowercased().split(separator: "x").compactMap { Int($0) }
            guard parts.count == 2, parts[0] > 0, parts[1] > 0, parts[0] <= 1000, parts[1] <= 1000 else {
                printError("--headless: \"\(headless)\" is not a size like 100x30")
                throw ExitCode(2)
            }
            size = (parts[0], parts[1])
        }
        let environment = options.environment
        let keymapPath = KeymapFile.defaultPath(environment: environment)
        let registry: ActionRegistry
        do {
            registry = try ActionRegistry(actions: StandardActions.all, overrides: try KeymapFile.load(path: keymapPath))
        } catch {
            printError(error.message)
            throw ExitCode(2)
        }
        // From opening the database to the first frame: what `--timings` reports as first_frame_ms.
        let opening = DispatchTime.now().uptimeNanoseconds
        let (session, weights) = try await reportingFailures(options) {
            (try await options.openSession(at: databasePath),
             try AssessmentFile.load(path: AssessmentFile.defaultPath(environment: environment)))
        }
        let language = options.language
        // The intake draft lives beside the database (or, for a server, in the data folder), one per person.
        let localFiles = options.localFilesBase(for: databasePath)
        let draft = IntakeDraft(path: localFiles + ".intake-\(session.principal.id).json")
        let isDemo = ServerLocation.isServerURL(databasePath) ? false : SQLiteStore.isDemo(path: databasePath) == true
        let env = AppEnvironment(session: session, registry: registry, draft: size == nil ? draft : nil, assessmentWeights: weights,
                                 keyFolder: KeyFolder.standard(environment: options.environment),
                                 passphraseHint: isDemo ? DemoCommand.passphraseHint : nil, localFilesBase: localFiles)
        let state = AppState(language: language)
        if let (width, height) = size {
            let backend = HeadlessTerminal(width: width, height: height, keys: KeyScript.parse(keys))
            let app = TerminalApp(state: state, environment: env, backend: backend)
            var firstFrame: UInt64 = 0
            let measured = await app.run { key, grid in
                if key == nil && firstFrame == 0 { firstFrame = DispatchTime.now().uptimeNanoseconds - opening }
                if dump { emit("── " + (key?.description ?? "start") + " ──\n" + grid.text) }
            }
            if !dump { emit(backend.lastFrame.text) }
            if timings { report(measured, firstFrame: firstFrame) }
            return
        }
        let terminal = try startTerminal(colour: environment["NO_COLOR"].map(\.isEmpty) ?? true)
        await TerminalApp(state: state, environment: env, backend: terminal).run()
    }

    /// Kept out of the async `open`: Swift 6.3.1 crashes compiling a typed-throws catch there.
    @MainActor
    static func startTerminal(colour: Bool) throws -> NCursesTerminal {
        do {
            return try NCursesTerminal(colour: colour)
        } catch {
            printError(error.message)
            throw ExitCode(2)
        }
    }

    static func report(_ timings: [TerminalApp.KeyTiming], firstFrame: UInt64) {
        func ms(_ ns: UInt64) -> String { String(format: "%.3f", Double(ns) / 1_000_000) }
        var lines = ["first_frame_ms=\(ms(firstFrame))", "key\tupdate_ms\trender_ms"]
        for t in timings { lines.append("\(t.key)\t\(ms(t.updateNanoseconds))\t\(ms(t.renderNanoseconds))") }
        let totals = timings.map { $0.updateNanoseconds + $0.renderNanoseconds }.sorted()
        if !totals.isEmpty {
            func percentile(_ p: Double) -> UInt64 { totals[min(totals.count - 1, Int((Double(totals.count) * p).rounded(.up)) - 1)] }
            lines.append("keys=\(totals.count) p50_ms=\(ms(percentile(0.5))) p99_ms=\(ms(percentile(0.99))) max_ms=\(ms(totals.last!))")
        }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

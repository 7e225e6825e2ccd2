import ArgumentParser
import Foundation
import WentiCore
import WentiSession
import WentiStore

/// `wenti practice list|write|apply`: the three practice libraries from the command line.
struct PracticeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice", abstract: "Practice libraries: list, write a solved concern up, apply an entry to a batch.",
        subcommands: [PracticeListCommand.self, PracticeWriteCommand.self, PracticeApplyCommand.self])
}

struct PracticeListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the practice entries (optionally matching words).")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Words that must all appear (Chinese substrings).") var search: String = ""

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let language = options.language
            let rows = try await session.practices().filter { PracticeSearch.matches($0, text: search) }.map { entry in
                [entry.id, entry.library.label.text(language), entry.title, entry.sources.map(\.description).joined(separator: " ")]
            }
            let titles = language == .zh ? ["条目", "库", "标题", "来源问题"] : ["entry", "library", "title", "from"]
            emit(Table(columns: titles.map { Table.Column(title: $0, maxWidth: 40) }, rows: rows, flexibleColumns: [2]).render(totalWidth: terminalColumns()))
        }
    }
}

struct PracticeWriteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write", abstract: "Write a solved concern up as a practice entry (prefilled from its record).")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The solved concern, e.g. Q-2026-0001.") var concern: String
    @Option(help: "case-analysis, typical-experience or knowledge-aid.") var library: String = "case-analysis"
    @Option(help: "The title (default: the concern's).") var title: String?
    @Option(help: "What was done (default: the concern's plan).") var actions: String?
    @Option(name: .customLong("watch-points"), help: "What to watch for next time.") var watchPoints: String = ""
    @Option(help: "A tag (repeatable).") var tag: [String] = []

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let source = try await session.concern(try Parse.code(concern))
            var draft = PracticeEntry.draft(from: source, id: "", library: try Parse.enumValue(library, option: "--library"),
                                            on: session.today(), author: session.principal.id)
            if let title { draft.title = title }
            if let actions { draft.actions = actions }
            draft.watchPoints = watchPoints
            draft.tags = tag
            let entry = try await session.writePractice(draft)
            emit(options.language == .zh ? "已写入\(entry.library.label.zh)：\(entry.id) \(entry.title)"
                                         : "\(entry.id) added to \(entry.library.label.en): \(entry.title)")
        }
    }
}

struct PracticeApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Apply an entry to every open concern of a batch group: each records the plan and a link.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The entry, e.g. SJ-2026-001.") var id: String
    @Option(help: "The batch group.") var group: String
    @Option(help: "The plan each concern records (default: the entry's actions).") var plan: String?
    @Flag(help: "Apply to the concerns that can take the plan and leave the others as they are (each is listed with why). Without it, one such concern refuses the whole batch.")
    var skipRefused = false

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            guard let entry = try await session.practices().first(where: { $0.id == id }) else {
                throw StoreError.recordNotFound(.practice, id: id)
            }
            let plan = plan ?? entry.actions
            let checked = try await session.planApplying(id, plan: plan, to: group)
            let applied = try await session.applyPractice(id, plan: plan, to: group, skipping: skipRefused)
            let zh = options.language == .zh
            for skipped in checked.skipped {
                emit(zh ? "跳过 \(skipped.code)：\(skipped.reason.zh)" : "skipped \(skipped.code): \(skipped.reason.en)")
            }
            emit(zh ? "\(id) 已应用到批次“\(group)”的 \(applied.count) 个问题"
                    : "\(id) applied to \(applied.count) concerns of batch \"\(group)\"")
        }
    }
}

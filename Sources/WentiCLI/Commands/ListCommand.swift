import ArgumentParser
import Foundation
import WentiCore
import WentiSession
import WentiStore

/// `wenti list`: the concerns the acting person may see, filtered, a page at a time.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List concerns with filters, as a table, JSON or CSV.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var filters: FilterOptions

    @Option(help: "table, json or csv.") var format: Format = .table
    @Option(help: "Rows per page.") var limit: Int = 50
    @Option(help: "Continue after this concern id (keyset paging; print with --format json to get next).") var after: String?
    @Flag(help: "Print only the number of matches.") var count = false
    @Option(help: "Print counts per tier, stage, grade, category, channel, unit or batch-group.") var countBy: String?

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1 to 10000") }
    }

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let workspace = session.workspace
            let query = try filters.query(in: workspace)
            if count {
                await emit(String(try session.count(query)))
                return
            }
            if let countBy {
                guard let facet = Facet(rawValue: countBy) else {
                    let names = Facet.allCases.map(\.rawValue).joined(separator: ", ")
                    throw CLIFailure(zh: "--count-by：“\(countBy)”无效，可用 \(names)", en: "--count-by: \"\(countBy)\" is not one of \(names)")
                }
                let counts = try await session.counts(query, by: facet)
                let language = options.language
                emit(counts.map { (Self.shown($0.key, of: facet, in: workspace).text(language), $0.value) }
                    .sorted { $0.0 < $1.0 }.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n"))
                return
            }
            var cursor: PageCursor?
            if let after { cursor = try await session.cursor(of: try Parse.code(after), sort: query.sort) }
            let page = try await session.page(query, after: cursor, limit: limit)
            let language = options.language
            switch format {
            case .table:
                emit(ConcernTable.render(page.rows, workspace: workspace, language: language, width: terminalColumns()))
            case .json:
                PrintedOutput.exact(try ConcernListJSON.render(page, workspace: workspace), language: language)
            case .csv:
                PrintedOutput.exact(try ConcernListJSON.csv(page.rows), language: language)
            }
        }
    }
}

extension ListCommand {
    /// A facet's stored value in words: a unit's or category's name, a stage's, grade's or
    /// channel's label; never the id or enum value the store groups by.
    static func shown(_ key: String, of facet: Facet, in workspace: Workspace) -> LocalizedText {
        let none = LocalizedText(zh: "（无）", en: "(none)")
        switch facet {
        case .tier: return key.isEmpty ? none : LocalizedText(zh: key, en: key)
        case .stage: return Stage(rawValue: key)?.label ?? LocalizedText(zh: key, en: key)
        case .grade: return key.isEmpty ? LocalizedText(zh: "未定级", en: "ungraded") : Grade(rawValue: key)?.label ?? LocalizedText(zh: key, en: key)
        case .channel: return Channel(rawValue: key)?.label ?? LocalizedText(zh: key, en: key)
        case .category: return workspace.category(CategoryID(key))?.name ?? LocalizedText(zh: key, en: key)
        case .unit:
            let name = workspace.organisation.unit(UnitID(key))?.name ?? key
            return LocalizedText(zh: name, en: name)
        case .batchGroup:
            // A batch group is a name people gave; "" for concerns handled one by one.
            return key.isEmpty ? LocalizedText(zh: "（不成批）", en: "(not batched)") : LocalizedText(zh: key, en: key)
        }
    }
}

/// The filters `list` and `export` share; each maps onto a field of `ConcernQuery`.
struct FilterOptions: ParsableArguments {
    @Option(help: "Tier: L1, L2 or L3 (repeatable).") var tier: [String] = []
    @Option(help: "Unit id or name; includes its subtree (repeatable).") var unit: [String] = []
    @Option(help: "Grade: urgent, major, general, budding, or none (repeatable).") var grade: [String] = []
    @Option(help: "Stage (repeatable): \(Stage.allCases.map(\.rawValue).joined(separator: ", ")).") var stage: [String] = []
    @Option(help: "Category id or name (repeatable).") var category: [String] = []
    @Option(help: "Channel (repeatable).") var channel: [String] = []
    @Flag(help: "Only concerns past their deadline.") var overdue = false
    @Option(help: "First responsible person (id or name).") var responsible: String?
    @Option(help: "Text to find in title, description, root cause or plan (any length, Chinese substrings).") var text: String?
    @Option(help: "Sort: newest, oldest, due, grade or stage.") var sort: String = "newest"

    func query(in workspace: Workspace) throws(CLIFailure) -> ConcernQuery {
        var query = ConcernQuery()
        for value in tier {
            guard let t = Tier(code: value) else { throw CLIFailure(zh: "--tier：“\(value)”无效（L1、L2、L3）", en: "--tier: \"\(value)\" is not L1, L2 or L3") }
            query.tiers.insert(t)
        }
        for value in unit {
            query.addUnit(try Parse.unit(value, in: workspace, option: "--unit").id, in: workspace.organisation)
        }
        for value in grade {
            if value == "none" { query.ungraded = true; continue }
            guard let g = Grade(name: value) else { throw CLIFailure(zh: "--grade：“\(value)”无效", en: "--grade: \"\(value)\" is not urgent, major, general, budding or none") }
            query.grades.insert(g)
        }
        for value in stage { query.stages.insert(try Parse.enumValue(value, option: "--stage")) }
        for value in category { query.categoryIDs.insert(try Parse.category(value, in: workspace, option: "--category")) }
        for value in channel { query.channels.insert(try Parse.enumValue(value, option: "--channel")) }
        query.overdueOnly = overdue
        if let responsible { query.firstResponsibleID = try Parse.person(responsible, in: workspace, option: "--responsible") }
        query.text = text ?? ""
        guard let order = ConcernQuery.Sort(rawValue: sort) else {
            throw CLIFailure(zh: "--sort：“\(sort)”无效（newest、oldest、due、grade、stage）",
                             en: "--sort: \"\(sort)\" is not newest, oldest, due, grade or stage")
        }
        query.sort = order
        return query
    }
}

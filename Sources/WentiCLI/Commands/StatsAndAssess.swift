import ArgumentParser
import Foundation
import WentiCore
import WentiExchange
import WentiOffice
import WentiSession
import WentiStore

extension FigureOutput.Format: ExpressibleByArgument {}

/// The months of a figures command: `--month` alone, or `--from`/`--to`.
struct PeriodOptions: ParsableArguments {
    @Option(help: "One month, YYYY-MM (default: this month).") var month: String?
    @Option(help: "The first month of a range, YYYY-MM.") var from: String?
    @Option(help: "The last month of a range, YYYY-MM (default: the first).") var to: String?

    func period(today: Day) throws(CLIFailure) -> Period {
        if month != nil && (from != nil || to != nil) {
            throw CLIFailure(zh: "--month 与 --from/--to 只能用一种", en: "use either --month or --from/--to, not both")
        }
        let first = try (month ?? from).map { text throws(CLIFailure) in try Parse.month(text, option: month != nil ? "--month" : "--from") }
            ?? today.month
        let last = try to.map { text throws(CLIFailure) in try Parse.month(text, option: "--to") } ?? first
        guard first <= last else { throw CLIFailure(zh: "--to \(last) 早于 \(first)", en: "--to \(last) is before \(first)") }
        return Period(months: first, last)
    }
}

/// `wenti stats`: the period's figures per unit (rolled up), solving department, tier, grade
/// or category. Computed over every concern (a unit's figures do not depend on who asks),
/// then narrowed to the units the actor may look at.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Figures of a month or range: found, solved, overdue, the rates.")

    enum Dimension: String, ExpressibleByArgument, CaseIterable {
        case unit, solving, tier, grade, category
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var periodOptions: PeriodOptions
    @Option(help: "Rows: unit (each with its subtree), solving (the solving department's own view), tier, grade or category.")
    var by: Dimension = .unit
    @Option(help: "table, json or csv.") var format: FigureOutput.Format = .table

    /// A bucket of one library's figures: the rows of tier, grade and category are sums of
    /// the libraries the actor may look at.
    struct LibraryBucket: Hashable {
        var library: UnitID
        var key: String
    }

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let workspace = session.workspace
            let org = workspace.organisation
            let today = session.today()
            let period = try periodOptions.period(today: today)
            let language = options.language
            let shown = session.unitsShownInFigures(for: .figures)
            let label = LocalizedText(zh: "分组", en: by.rawValue)
            func row(_ key: String, _ name: String, _ figures: Figures) -> FigureOutput.Row {
                FigureOutput.Row(lead: [("key", LocalizedText(zh: "编码", en: "key"), key, key), (by.rawValue, label, name, name)], figures: figures)
            }
            // One pass over the facts, none kept.
            var units = UnitFigures.Builder(period: period, today: today)
            var buckets: [LibraryBucket: Figures] = [:]
            let asOf = min(period.to, today)
            try await session.eachOrganisationFact(for: .figures, titles: false) { fact in
                switch by {
                case .unit, .solving: units.add(fact)
                case .tier:
                    Figures.distribute(fact, in: period, asOf: asOf, into: &buckets,
                                       foundIn: LibraryBucket(library: fact.originUnitID, key: fact.originTier.code),
                                       escalatedFrom: { LibraryBucket(library: $0.fromUnitID, key: $0.fromTier.code) },
                                       handledBy: LibraryBucket(library: fact.unitID, key: fact.tier.code))
                case .grade, .category:
                    let key = by == .grade ? fact.grade?.rawValue ?? "" : fact.categoryID.rawValue
                    Figures.distribute(fact, in: period, asOf: asOf, into: &buckets,
                                       foundIn: LibraryBucket(library: fact.originUnitID, key: key),
                                       escalatedFrom: { LibraryBucket(library: $0.fromUnitID, key: key) },
                                       handledBy: LibraryBucket(library: fact.unitID, key: key))
                }
            }
            var keyed: [String: Figures] = [:]
            for (bucket, figures) in buckets where shown?.contains(bucket.library) ?? true {
                keyed[bucket.key, default: Figures()].merge(figures)
            }
            let rows: [FigureOutput.Row]
            switch by {
            case .unit:
                let figures = UnitFigures.shown(units.rolledUp(org), to: shown)
                rows = org.unitsInTreeOrder.filter { shown?.contains($0.id) ?? true }
                    .map { unit in row(unit.id.rawValue, unit.name, figures[unit.id] ?? Figures()) }
            case .solving:
                let figures = UnitFigures.shown(units.bySolvingUnit, to: shown)
                rows = org.unitsInTreeOrder.filter { $0.kind == .department && (shown?.contains($0.id) ?? true) }
                    .map { unit in row(unit.id.rawValue, unit.name, figures[unit.id] ?? Figures()) }
            case .tier:
                rows = Tier.allCases.map { tier in row(tier.code, tier.label.text(language), keyed[tier.code] ?? Figures()) }
            case .grade:
                rows = Grade.allCases.map { grade in row(grade.rawValue, grade.label.text(language), keyed[grade.rawValue] ?? Figures()) }
            case .category:
                rows = workspace.categories.map { category in
                    row(category.id.rawValue, category.name.text(language), keyed[category.id.rawValue] ?? Figures())
                }
            }
            if format == .table { emit((language == .zh ? "统计期 " : "period ") + period.description) }
            let printed = try FigureOutput.render(rows, format: format, language: language, width: terminalColumns())
            if format == .table { emit(printed) } else { PrintedOutput.exact(printed, language: language) }
        }
    }
}

/// `wenti assess`: unit scores with the organisation's weights, ranked, top and bottom marked.
struct AssessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assess", abstract: "Score and rank units for a period (考核).")

    enum Level: String, ExpressibleByArgument, CaseIterable {
        case department, team
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var periodOptions: PeriodOptions
    @Option(help: "Which units to rank: department (departments and secondary units) or team.") var level: Level = .department
    @Option(help: "The weights file (default: $XDG_CONFIG_HOME/wenti/assessment.toml, else the standard weights).") var weights: String?
    @Option(help: "How many units make the top and the bottom list (at most a third of those scored each).") var mark: Int = 3
    @Option(help: "table, json or csv; docx or html for the ranking as an official document.") var format: RankingFormat = .table
    @Option(name: .shortAndLong, help: "With docx or html: write to this file instead of standard output.") var output: String?

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let workspace = session.workspace
            let today = session.today()
            let period = try periodOptions.period(today: today)
            let path = weights ?? AssessmentFile.defaultPath(environment: options.environment)
            let loaded = try AssessmentFile.load(path: path, required: weights != nil)
            let org = workspace.organisation
            let units = org.unitsInTreeOrder.filter { level == .team ? $0.kind == .team : org.parent(of: $0.id)?.id == org.company.id }
            var builder = UnitFigures.Builder(period: period, today: today)
            try await session.eachOrganisationFact(for: .assessment, titles: false) { builder.add($0) }
            let figures = builder.rolledUp(org)
            // Ranked over every unit of the level, the lists decided on the whole ranking,
            // then narrowed to what the actor may look at: a rank is the organisation's.
            let ranking = Assessment.rank(units.map(\.id), figures: figures, weights: loaded)
            let standings = Assessment.standings(ranking, mark: mark)
            let shown = session.unitsShownInFigures(for: .assessment)
            let rows = ranking.enumerated().filter { shown?.contains($0.element.unitID) ?? true }.map { index, entry -> FigureOutput.Row in
                let name = org.unit(entry.unitID)?.name ?? entry.unitID.rawValue
                let list = standings[index]?.label.text(options.language) ?? ""
                return FigureOutput.Row(lead: [
                    ("rank", LocalizedText(zh: "名次", en: "rank"), entry.rank.map(String.init) ?? "—", entry.rank ?? NSNull()),
                    ("unit", LocalizedText(zh: "单位", en: "unit"), name, name),
                    ("unit_id", LocalizedText(zh: "编码", en: "id"), entry.unitID.rawValue, entry.unitID.rawValue),
                    ("score", LocalizedText(zh: "得分", en: "score"), entry.scoreText(options.language), entry.score ?? NSNull()),
                    ("list", LocalizedText(zh: "榜", en: "list"), list, list),
                ], figures: entry.figures)
            }
            if let office = format.office {
                return try OfficeWorkspace.write(options, workspace, office, to: output) {
                    $0.ranking(ranking, standings: standings, weights: loaded, period: period, today: today)
                }
            }
            let format = format.figures
            let columns = FigureColumn.all.filter { ["found", "solved", "overdue", "response_rate", "on_time_rate", "resolution_rate",
                                                      "satisfaction_rate", "every_item_answered_rate", "own_ground_rate"].contains($0.key) }
            if format == .table { emit((options.language == .zh ? "考核期 " : "period ") + period.description) }
            let printed = try FigureOutput.render(rows, columns: columns, format: format, language: options.language, width: terminalColumns())
            if format == .table { emit(printed) } else { PrintedOutput.exact(printed, language: options.language) }
        }
    }
}

import ArgumentParser
import Foundation
import WentiCore
import WentiSession
import WentiStore

/// `wenti visit list|log|quota`: leaders' visits (领导走访, 六融入), the concerns they brought
/// in, and each leader's month against the quota; the same session calls as the UI's
/// finding pane.
struct VisitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visit", abstract: "Leaders' visits: list them, record one, see who is behind the monthly quota.",
        subcommands: [VisitListCommand.self, VisitLogCommand.self, VisitQuotaCommand.self])
}

struct VisitListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the leaders' visits, the latest first, with the concerns each brought in.")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Only this month's, e.g. 2026-11.") var month: String?

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let language = options.language
            let zh = language == .zh
            let org = session.organisation
            let month = try month.map(Self.month)
            var rows: [[String]] = []
            for visit in try await session.visits() where month?.contains(visit.on) ?? true {
                let (concerns, total) = try await session.concerns(from: ConcernSource(kind: .leaderVisit, id: visit.id), limit: 5)
                rows.append([visit.on.description, org.person(visit.leaderID)?.name ?? "?", org.unit(visit.unitID)?.name ?? "?",
                             visit.integration.label.text(language), visit.findings,
                             concerns.map(\.code.description).joined(separator: " ") + (total > concerns.count ? " …" : "")])
            }
            let titles = zh ? ["日期", "领导", "单位", "融入", "发现", "带来的问题"] : ["day", "leader", "unit", "serving", "found", "concerns"]
            emit(Table(columns: titles.map { Table.Column(title: $0, maxWidth: 40) }, rows: rows, flexibleColumns: [4, 5]).render(totalWidth: terminalColumns()))
        }
    }

    static func month(_ text: String) throws(CLIFailure) -> YearMonth {
        guard let month = YearMonth(text) else {
            throw CLIFailure(zh: "--month：“\(text)”不是月份（形如 2026-11）", en: "--month: \"\(text)\" is not a month (like 2026-11)")
        }
        return month
    }
}

struct VisitLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Record a leader's visit (political-work staff).")

    @OptionGroup var options: GlobalOptions
    @Option(help: "The company leader or department head (name or id).") var leader: String
    @Option(help: "The unit visited (name, short name or id).") var unit: String
    @Option(help: "The day of the visit (default: today).") var on: String?
    @Option(help: "What it served: \(Integration.allCases.map(\.rawValue).joined(separator: ", ")) (or 融入基层 …).") var serving: String = Integration.grassroots.rawValue
    @Option(help: "What the visit found.") var findings: String

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let workspace = session.workspace
            let visit = try await session.logVisit(
                leader: try Parse.person(leader, in: workspace, option: "--leader"), unit: try Parse.unit(unit, in: workspace, option: "--unit").id,
                on: try on.map { try Parse.day($0, option: "--on") } ?? session.today(),
                integration: try Parse.enumValue(serving, option: "--serving"), findings: findings)
            emit((options.language == .zh ? "已记录：" : "recorded: ") + visit.summary(workspace.organisation).text(options.language))
        }
    }
}

struct VisitQuotaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quota", abstract: "Each company leader's and department head's visits in a month against the quota (and who is behind); --set changes the quota.")

    @OptionGroup var options: GlobalOptions
    @Option(help: "The month, e.g. 2026-11 (default: this month).") var month: String?
    @Option(help: "Visits each leader owes per month from now on (political-work staff).") var set: Int?

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let language = options.language
            let zh = language == .zh
            let org = session.organisation
            if let set { try await session.setVisitQuota(set) }
            let month = try month.map(VisitListCommand.month) ?? session.today().month
            let quota = try await session.visitQuota()
            let standings = try await session.visitStandings(in: month)
            let rows = standings.map { standing -> [String] in
                let leader = org.person(standing.leaderID)
                return [leader?.name ?? "?", leader?.role.label.text(language) ?? "", leader.flatMap { org.unit($0.unitID)?.name } ?? "",
                        "\(standing.made)/\(standing.owed)", standing.isBehind ? (zh ? "未完成" : "behind") : (zh ? "已完成" : "done")]
            }
            let behind = standings.filter(\.isBehind).count
            let header = zh ? "\(month) 每位领导应走访 \(quota.visitsPerMonth) 次，\(behind) 人未完成"
                : "\(month): each leader owes \(English.count(quota.visitsPerMonth, "visit")), \(behind) behind"
            let titles = zh ? ["领导", "职务", "单位", "走访", "情况"] : ["leader", "role", "unit", "visits", "standing"]
            emit(header + "\n" + Table(columns: titles.map { Table.Column(title: $0, maxWidth: 30) }, rows: rows, flexibleColumns: [2]).render(totalWidth: terminalColumns()))
        }
    }
}

/// `wenti campaign list|ledger`: rewarded campaigns (问题有奖征集), the concerns they brought
/// in, and who earned the reward for which accepted concern.
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "Rewarded campaigns: list them, and each one's reward ledger.",
        subcommands: [CampaignListCommand.self, CampaignLedgerCommand.self])
}

struct CampaignListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the rewarded campaigns with what they brought in.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let zh = options.language == .zh
            var rows: [[String]] = []
            for campaign in session.workspace.campaigns {
                let ledger = try await session.rewardLedger(campaign)
                rows.append([campaign.name, "\(campaign.startsOn)–\(campaign.endsOn)", session.organisation.unit(campaign.unitID)?.name ?? "",
                             campaign.reward, String(ledger.entries.count), String(ledger.earned.count)])
            }
            let titles = zh ? ["活动", "期间", "单位", "奖励", "带来", "受理"] : ["campaign", "period", "unit", "reward", "brought in", "accepted"]
            emit(Table(columns: titles.map { Table.Column(title: $0, maxWidth: 40) }, rows: rows, flexibleColumns: [0, 3]).render(totalWidth: terminalColumns()))
        }
    }
}

struct CampaignLedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Who earned a campaign's reward, for which accepted concern (a report earns it once its concern is accepted).")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The campaign's name or part of it (default: the only one).") var campaign: String?

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let language = options.language
            let zh = language == .zh
            let workspace = session.workspace
            let found: Campaign?
            if let campaign {
                found = workspace.resolveSource(campaign, kind: .campaign).flatMap { source in workspace.campaigns.first { $0.id == source.id } }
            } else {
                found = workspace.campaigns.count == 1 ? workspace.campaigns.first : nil
            }
            guard let chosen = found else {
                let names = workspace.campaigns.map(\.name).joined(separator: zh ? "、" : ", ")
                throw CLIFailure(zh: "请写明哪一个征集活动：\(names)", en: "name the campaign: \(names)")
            }
            let ledger = try await session.rewardLedger(chosen)
            let rows = ledger.entries.map { entry -> [String] in
                [entry.code.description, entry.stage.label.text(language),
                 entry.reporter ?? (zh ? "匿名（身份已封存）" : "anonymous (sealed)"),
                 entry.earned ? chosen.reward : (zh ? "尚未受理" : "not accepted yet"), entry.title]
            }
            let header = zh ? "\(chosen.name)（\(chosen.startsOn)–\(chosen.endsOn)）：带来 \(ledger.entries.count) 个问题，\(ledger.earned.count) 个已受理"
                : "\(chosen.name) (\(chosen.startsOn)–\(chosen.endsOn)): \(English.count(ledger.entries.count, "concern")) brought in, \(ledger.earned.count) accepted"
            let titles = zh ? ["问题", "阶段", "反映人", "奖励", "标题"] : ["concern", "stage", "reporter", "reward", "title"]
            emit(header + "\n" + Table(columns: titles.map { Table.Column(title: $0, maxWidth: 40) }, rows: rows, flexibleColumns: [4, 3]).render(totalWidth: terminalColumns()))
        }
    }
}

import ArgumentParser
import Foundation
import WentiCore
import WentiOffice
import WentiReports
import WentiSession
import WentiStore

/// `wenti notice ...`: supervision notices (督办通知单), from issue to completion, so that
/// scripts can drive supervision as the supervision pane does.
struct NoticeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice", abstract: "Supervision notices: show, issue, acknowledge, report, chase, answer, complete.",
        subcommands: [NoticeShowCommand.self, NoticeListCommand.self, NoticeIssueCommand.self, NoticeAcknowledgeCommand.self,
                      NoticeReportCommand.self, NoticeChaseCommand.self, NoticeAnswerCommand.self, NoticeCompleteCommand.self],
        defaultSubcommand: NoticeShowCommand.self)
}

/// `wenti notice [show] ID`: one notice as a document.
struct NoticeShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a supervision notice (督办通知单).")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var document: DocumentOptions
    @Argument(help: "The notice's id, e.g. DB-2026-001.") var id: String

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let notice = try await session.notice(id)
            let concern = try await session.concern(notice.concern)
            if try document.wroteOffice(options, session.workspace, .notice, { $0.notice(notice, concern: concern, today: session.today()) }) { return }
            let context = ReportContext(organisation: session.organisation, policy: session.workspace.policy, language: options.language)
            try document.write(.notice, context.notice(notice, concern: concern, today: session.today()))
        }
    }
}

/// `wenti notice list`: the notices the viewer may see, one line each.
struct NoticeListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the supervision notices.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let org = session.organisation
            let today = session.today()
            let language = options.language
            let rows = try await session.notices().map { notice in
                [notice.id, notice.concern.description, org.unit(notice.toUnitID)?.name ?? "", org.person(notice.toPersonID)?.name ?? "",
                 notice.stateText(language), (!notice.isOpen ? "" : notice.nextOpenNode(today: today)?.due.description ?? "—"), "\(notice.openChasers)"]
            }
            let titles = language == .zh ? ["督办单", "问题", "责任部门", "第一责任人", "状态", "下一节点", "待回复催办"]
                : ["notice", "concern", "department", "responsible", "state", "next node", "open chasers"]
            emit(Table(columns: titles.map { Table.Column(title: $0, maxWidth: 24) }, rows: rows, flexibleColumns: [2]).render(totalWidth: terminalColumns()))
        }
    }
}

/// `wenti notice issue CONCERN --node DATE:WHAT ...`: to the concern's responsible department
/// and first responsible person unless others are named.
struct NoticeIssueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Issue a supervision notice on a defined concern, with its deadline nodes.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The concern, e.g. Q-2026-0042.") var concern: String
    @Option(name: .customLong("node"), help: "A deadline node, DATE:WHAT (repeatable), e.g. 2026-12-15:完成调研.") var nodes: [String] = []
    @Option(help: "The responsible department (id or name; default: the concern's).") var department: String?
    @Option(help: "The person it goes to (id or name; default: the first responsible person).") var to: String?
    @Option(help: "The concern's open notice this one replaces, e.g. DB-2026-004 (one open notice per concern; the old one is closed as replaced).")
    var replaces: String?

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let workspace = session.workspace
            let code = try Parse.code(concern)
            let target = try await session.concern(code)
            // Who may comes first, then whether the concern can have a notice, then the nodes.
            if let refusal = session.refusal(.noticeIssue, on: .notice(toUnit: target.responsibleUnitID ?? target.unitID,
                                                                      toPerson: target.firstResponsibleID ?? session.principal.id, concern: code)) {
                throw CLIFailure(refusal)
            }
            guard target.firstResponsibleID != nil, [.defined, .solving].contains(target.stage) else {
                throw SessionError.noticeNeedsResponsible(code, target.stage)
            }
            let parsed = try nodes.map { text throws(CLIFailure) in try Parse.node(text) }
            guard !parsed.isEmpty else {
                throw CLIFailure(zh: "请用 --node 日期:事项 给出至少一个时间节点", en: "give at least one deadline node with --node DATE:WHAT")
            }
            guard let unit = try department.map({ try Parse.unit($0, in: workspace, option: "--department").id }) ?? target.responsibleUnitID,
                  let person = try to.map({ try Parse.person($0, in: workspace, option: "--to") }) ?? target.firstResponsibleID else {
                throw SessionError.noticeNeedsResponsible(code, target.stage)
            }
            // One open notice per concern: say which one is open and how to replace it.
            if replaces == nil, let open = try await session.openNotice(on: code) {
                throw CLIFailure(zh: "\(code) 已有未完成的督办通知单 \(open.id)（\(open.state.label.zh)）；要以新通知单替代它，加 --replaces \(open.id)",
                                 en: "\(code) already has the open notice \(open.id) (\(open.state.label.en)); to replace it with a new one, add --replaces \(open.id)")
            }
            let notice = try await session.issueNotice(on: code, toUnit: unit, toPerson: person, nodes: parsed, replacing: replaces?.trimmed)
            let name = workspace.organisation.person(person)?.name ?? ""
            if let replaced = replaces?.trimmed {
                emit(options.language == .zh ? "已下发 \(notice.id)（\(code) → \(name)），替代 \(replaced)（已关闭为“已被替代”）"
                                             : "\(notice.id) issued (\(code) → \(name)), replacing \(replaced) (closed as replaced)")
            } else {
                emit(options.language == .zh ? "已下发 \(notice.id)（\(code) → \(name)）" : "\(notice.id) issued (\(code) → \(name))")
            }
        }
    }
}

/// Runs one step on a notice and prints its new state.
func changeNotice(_ options: GlobalOptions, _ id: String, _ change: NoticeChange) async throws {
    try await reportingFailures(options) {
        let session = try await options.openSession()
        let notice = try await session.changeNotice(id, change)
        emit("\(notice.id)  \(notice.state.label.text(options.language))"
             + (notice.openChasers > 0 ? (options.language == .zh ? "  待回复催办 \(notice.openChasers)" : "  open chasers \(notice.openChasers)") : ""))
    }
}

struct NoticeAcknowledgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "acknowledge", abstract: "The addressee acknowledges a notice (签收).")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The notice's id.") var id: String
    func run() async throws { try await changeNotice(options, id, .acknowledge) }
}

struct NoticeReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "The addressee reports progress on a notice.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The notice's id.") var id: String
    func run() async throws { try await changeNotice(options, id, .reportProgress) }
}

struct NoticeChaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "chase", abstract: "Chase a notice (催办), with what is asked.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The notice's id.") var id: String
    @Argument(help: "What the chaser asks.") var text: String
    func run() async throws { try await changeNotice(options, id, .chase(text: text)) }
}

struct NoticeAnswerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "answer", abstract: "The addressee answered the oldest open chaser.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The notice's id.") var id: String
    func run() async throws { try await changeNotice(options, id, .answerChaser) }
}

struct NoticeCompleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "complete", abstract: "Complete a notice (督办完成).")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The notice's id.") var id: String
    func run() async throws { try await changeNotice(options, id, .complete) }
}

extension Parse {
    /// "2026-12-15:完成调研" (a full-width colon is taken too) as a deadline node.
    static func node(_ text: String) throws(CLIFailure) -> SupervisionNotice.Node {
        let normalised = text.replacingOccurrences(of: "：", with: ":")
        let parts = normalised.split(separator: ":", maxSplits: 1).map { String($0).trimmed }
        guard parts.count == 2, let day = Day(parts[0]), !parts[1].isBlank else {
            throw CLIFailure(zh: "--node：“\(text)”应形如 2026-12-15:完成调研", en: "--node: \"\(text)\" should look like 2026-12-15:what is due")
        }
        return SupervisionNotice.Node(title: parts[1], due: day)
    }
}

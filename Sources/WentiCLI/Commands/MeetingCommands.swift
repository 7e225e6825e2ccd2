import ArgumentParser
import Foundation
import WentiCore
import WentiOffice
import WentiReports
import WentiStore

/// `wenti meeting ...`: the monthly tri-party meetings.
struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Tri-party meetings: the agenda built from the data, the minutes, the list.",
        subcommands: [MeetingAgendaCommand.self, MeetingMinutesCommand.self, MeetingListCommand.self, MeetingConfirmCommand.self])
}

/// `wenti meeting agenda --unit U --month YYYY-MM`: the agenda as the data makes it today.
struct MeetingAgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "agenda", abstract: "Print a meeting's agenda, built from the data.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var document: DocumentOptions
    @Option(help: "The unit whose meeting it is (id or name; default: the company).") var unit: String?
    @Option(help: "The meeting's month, YYYY-MM (default: next month).") var month: String?
    @Flag(help: "Also store the agenda as the unit's planned meeting for that month.") var save = false

    func run() throws {
        try reportingFailures(options) {
            let store = try options.openStore()
            let workspace = try store.workspace()
            let unitID = try unit.map { text throws(CLIFailure) in try Parse.unit(text, in: workspace, option: "--unit").id } ?? workspace.organisation.company.id
            let month = try month.map { text throws(CLIFailure) in try Parse.month(text, option: "--month") } ?? store.today().month.next
            let meeting = try store.agenda(unit: unitID, month: month, viewer: options.actorID)
            if save && meeting.state == .planned { try store.save(meeting, actor: options.actorID) }
            let concerns = store.concerns(of: meeting, viewer: options.actorID)
            if try document.wroteOffice(options, workspace, .agenda, { $0.meeting(meeting, concerns: concerns, policy: workspace.policy, today: store.today()) }) { return }
            let context = ReportContext(organisation: workspace.organisation, policy: workspace.policy, language: options.language)
            try document.write(.agenda, context.meeting(meeting, concerns: store.concerns(of: meeting, viewer: options.actorID), today: store.today()))
        }
    }
}

/// `wenti meeting minutes ID`: a held meeting's minutes.
struct MeetingMinutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "minutes", abstract: "Print the minutes of a held meeting.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var document: DocumentOptions
    @Argument(help: "The meeting's id, e.g. HY-2026-11.") var id: String

    func run() throws {
        try reportingFailures(options) {
            let store = try options.openStore()
            let workspace = try store.workspace()
            guard let meeting = try store.meetings().first(where: { $0.id == id }) else {
                throw CLIFailure(StoreError.recordNotFound(kind: options.language == .zh ? "会议" : "meeting", id: id).label)
            }
            guard meeting.state == .held else {
                throw CLIFailure(zh: "会议 \(id) 尚未召开，还没有纪要；议程见 wenti meeting agenda", en: "meeting \(id) is not held yet, so it has no minutes; see wenti meeting agenda")
            }
            let concerns = store.concerns(of: meeting, viewer: options.actorID)
            if try document.wroteOffice(options, workspace, .minutes, { $0.meeting(meeting, concerns: concerns, policy: workspace.policy, today: store.today()) }) { return }
            let context = ReportContext(organisation: workspace.organisation, policy: workspace.policy, language: options.language)
            try document.write(.minutes, context.meeting(meeting, concerns: store.concerns(of: meeting, viewer: options.actorID), today: store.today()))
        }
    }
}

/// `wenti meeting list`: every meeting, one line each.
struct MeetingListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the meetings.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingFailures(options) {
            let store = try options.openStore()
            let org = try store.workspace().organisation
            let rows = try store.meetings().map { meeting in
                [meeting.id, org.unit(meeting.unitID)?.name ?? meeting.unitID.rawValue, meeting.month.description,
                 meeting.heldOn?.description ?? "—", meeting.state.rawValue, "\(meeting.items.count)"]
            }
            let zh = options.language == .zh
            let titles = zh ? ["会议", "单位", "月份", "召开", "状态", "议题"] : ["meeting", "unit", "month", "held", "state", "items"]
            emit(Table(columns: titles.map { Table.Column(title: $0, maxWidth: 30) }, rows: rows, flexibleColumns: [1]).render(totalWidth: terminalColumns()))
        }
    }
}

/// `wenti meeting confirm ID --held-on DAY`: carries out every decision (all or nothing).
struct MeetingConfirmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "confirm", abstract: "Confirm a meeting's minutes: apply every decision in one transaction.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The meeting's id.") var id: String
    @Option(name: .customLong("held-on"), help: "The day it was held (default: today).") var heldOn: String?

    func run() throws {
        try reportingFailures(options) {
            let store = try options.openStore()
            let day = try heldOn.map { text throws(CLIFailure) in try Parse.day(text, option: "--held-on") } ?? store.today()
            let meeting = try store.confirmMinutes(id, heldOn: day, actor: options.actorID)
            let decided = meeting.items.filter { $0.decision != nil }.count
            emit(options.language == .zh ? "\(id) 纪要已确认：\(decided) 项决定已执行" : "\(id) minutes confirmed: \(decided) decisions applied")
        }
    }
}

import ArgumentParser
import Foundation
import WentiCore
import WentiOffice
import WentiReports
import WentiSession
import WentiStore

/// `wenti meeting ...`: the monthly tri-party meetings.
struct MeetingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Tri-party meetings: the agenda built from the data, the minutes, the list.",
        subcommands: [MeetingAgendaCommand.self, MeetingMinutesCommand.self, MeetingListCommand.self, MeetingDecideCommand.self,
                      MeetingConfirmCommand.self])
}

/// `wenti meeting agenda --unit U --month YYYY-MM`: the agenda as the data makes it today.
struct MeetingAgendaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "agenda", abstract: "Print a meeting's agenda, built from the data.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var document: DocumentOptions
    @Option(help: "The unit whose meeting it is (id or name; default: the company).") var unit: String?
    @Option(help: "The meeting's month, YYYY-MM (default: next month).") var month: String?
    @Flag(help: "Also store the agenda as the unit's planned meeting for that month.") var save = false

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let workspace = session.workspace
            let unitID = try unit.map { text throws(CLIFailure) in try Parse.unit(text, in: workspace, option: "--unit").id } ?? workspace.organisation.company.id
            let month = try month.map { text throws(CLIFailure) in try Parse.month(text, option: "--month") } ?? session.today().month.next
            let meeting = save ? try await session.prepareAgenda(unit: unitID, month: month) : try await session.agenda(unit: unitID, month: month)
            let concerns = await session.concerns(of: meeting)
            if try document.wroteOffice(options, workspace, .agenda, { $0.meeting(meeting, concerns: concerns, policy: workspace.policy, today: session.today()) }) { return }
            let context = ReportContext(organisation: workspace.organisation, policy: workspace.policy, language: options.language)
            try document.write(.agenda, context.meeting(meeting, concerns: concerns, today: session.today()))
        }
    }
}

/// `wenti meeting minutes ID`: a held meeting's minutes.
struct MeetingMinutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "minutes", abstract: "Print the minutes of a held meeting.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var document: DocumentOptions
    @Argument(help: "The meeting's id, e.g. HY-2026-11.") var id: String

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let workspace = session.workspace
            let meeting = try await session.meeting(id)
            guard meeting.state == .held else {
                throw CLIFailure(zh: "会议 \(id) 尚未召开，还没有纪要；议程见 wenti meeting agenda", en: "meeting \(id) is not held yet, so it has no minutes; see wenti meeting agenda")
            }
            let concerns = await session.concerns(of: meeting)
            if try document.wroteOffice(options, workspace, .minutes, { $0.meeting(meeting, concerns: concerns, policy: workspace.policy, today: session.today()) }) { return }
            let context = ReportContext(organisation: workspace.organisation, policy: workspace.policy, language: options.language)
            try document.write(.minutes, context.meeting(meeting, concerns: concerns, today: session.today()))
        }
    }
}

/// `wenti meeting list`: every meeting, one line each.
struct MeetingListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the meetings.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let org = session.organisation
            let rows = try await session.meetings().map { meeting in
                [meeting.id, org.unit(meeting.unitID)?.name ?? meeting.unitID.rawValue, meeting.month.description,
                 meeting.heldOn?.description ?? "—", meeting.state.rawValue, "\(meeting.items.count)"]
            }
            let zh = options.language == .zh
            let titles = zh ? ["会议", "单位", "月份", "召开", "状态", "议题"] : ["meeting", "unit", "month", "held", "state", "items"]
            emit(Table(columns: titles.map { Table.Column(title: $0, maxWidth: 30) }, rows: rows, flexibleColumns: [1]).render(totalWidth: terminalColumns()))
        }
    }
}

/// `wenti meeting confirm ID --held-on DAY --chair P --recorder P --place TEXT --attendee NAME...`:
/// carries out every decision (all or nothing) and records the sitting. The day may not be
/// after today nor before the unit's last held meeting.
struct MeetingConfirmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "confirm", abstract: "Confirm a meeting's minutes: apply every decision in one transaction.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The meeting's id.") var id: String
    @Option(name: .customLong("held-on"), help: "The day it was held (default: today; not in the future).") var heldOn: String?
    @Option(help: "Who chaired it (person id or name).") var chair: String
    @Option(help: "Who kept the minutes (person id or name).") var recorder: String
    @Option(help: "Where it sat.") var place: String
    @Option(name: .customLong("attendee"), help: "Someone present (repeat for each).") var attendees: [String] = []

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let workspace = session.workspace
            let day = try heldOn.map { text throws(CLIFailure) in try Parse.day(text, option: "--held-on") } ?? session.today()
            let attendance = MeetingAttendance(chairID: try Parse.person(chair, in: workspace, option: "--chair"),
                                               recorderID: try Parse.person(recorder, in: workspace, option: "--recorder"),
                                               place: place, attendees: attendees)
            let meeting = try await session.confirmMinutes(id, heldOn: day, attendance: attendance)
            emit(options.language == .zh ? "\(id) 纪要已确认：\(meeting.decided.count) 项决定已执行，\(meeting.deferred.count) 项暂缓"
                                         : "\(id) minutes confirmed: \(meeting.decided.count) decisions applied, \(meeting.deferred.count) deferred")
        }
    }
}

/// `wenti meeting decide ID CONCERN ...`: one item's three parties and decision, as the
/// meetings pane's form records them.
struct MeetingDecideCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide", abstract: "Record the three parties and the decision of one concern on a planned meeting's agenda.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The meeting's id, e.g. HY-2026-12.") var id: String
    @Argument(help: "The concern on its agenda, e.g. Q-2026-0068.") var concern: String
    @Option(help: "The finder (person id or name; default: the concern's finder).") var finder: String?
    @Option(help: "The people or unit involved (default: as the agenda proposes).") var involved: String?
    @Option(name: .customLong("solving-unit"), help: "The department that will solve it (id or name; default: the responsible one).") var solvingUnit: String?
    @Option(name: .customLong("root-cause"), help: "The root cause.") var rootCause: String
    @Option(help: "low, medium or high.") var difficulty: String?
    @Option(help: "individual, team, unit or company.") var breadth: String?
    @Option(help: "urgent, major, general or budding (or 急难, 重大, 一般, 萌芽).") var grade: String
    @Option(help: "The solution plan.") var plan: String
    @Option(help: "The first responsible person (id or name).") var responsible: String
    @Option(help: "Their department (id or name; default: the solving unit).") var department: String?
    @Option(help: "A deadline other than the grade policy's, YYYY-MM-DD (needs --deadline-reason).") var deadline: String?
    @Option(name: .customLong("deadline-reason"), help: "Why the deadline differs.") var deadlineReason: String?

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let workspace = session.workspace
            let code = try Parse.code(concern)
            let agenda = try await session.meeting(id)
            guard let item = agenda.items.first(where: { $0.concern == code && $0.purpose == .define }) else {
                throw SessionError.notOnAgenda(code, id)
            }
            guard let gradeValue = Grade(name: grade) else {
                throw CLIFailure(zh: "--grade：“\(grade)”不是等级（急难、重大、一般、萌芽）", en: "--grade: \"\(grade)\" is not a grade (urgent, major, general, budding)")
            }
            let solving = try solvingUnit.map { try Parse.unit($0, in: workspace, option: "--solving-unit").id } ?? item.parties.solvingUnitID
            let parties = TriParty(
                finderID: try finder.map { try Parse.person($0, in: workspace, option: "--finder") } ?? item.parties.finderID,
                involved: involved ?? item.parties.involved, solvingUnitID: solving)
            guard let responsibleUnit = try department.map({ try Parse.unit($0, in: workspace, option: "--department").id }) ?? solving else {
                throw CLIFailure(zh: "请给出 --department 或 --solving-unit", en: "give --department or --solving-unit")
            }
            let decision = MeetingDecision(
                analysis: Analysis(rootCause: rootCause, difficulty: try difficulty.map { try Parse.enumValue($0, option: "--difficulty") },
                                   breadth: try breadth.map { try Parse.enumValue($0, option: "--breadth") }),
                grade: gradeValue, plan: plan, firstResponsibleID: try Parse.person(responsible, in: workspace, option: "--responsible"),
                responsibleUnitID: responsibleUnit,
                deadlineOverride: try deadline.map { try Parse.day($0, option: "--deadline") }, deadlineReason: deadlineReason)
            let meeting = try await session.decide(meetingID: id, concern: code, parties: parties, decision: decision)
            let define = meeting.items.filter { $0.purpose == .define }
            let decided = define.filter { $0.decision != nil }.count
            emit(options.language == .zh ? "已记录 \(code) 的决定（\(id)：已决定 \(decided)/\(define.count)）"
                                         : "decision on \(code) recorded (\(id): decided \(decided)/\(define.count))")
        }
    }
}

import ArgumentParser
import Foundation
import WentiCore
import WentiSession
import WentiStore

/// The options every workflow verb takes: the concern, and optionally the version the
/// user's change is based on (a stale version is refused with who changed it).
struct ConcernTarget: ParsableArguments {
    @Argument(help: "Concern id, e.g. Q-2026-0001.") var id: String
    @Option(name: .customLong("expect-version"), help: "Refuse if the concern is no longer at this version.") var expectVersion: Int?
}

/// Runs commands on one concern as one action and prints its new stage.
func perform(_ options: GlobalOptions, _ target: ConcernTarget,
             _ commands: (Workspace) throws -> [ConcernCommand]) async throws {
    try await perform(options, target) { workspace, _ in try commands(workspace) }
}

/// The same, for commands that need the session itself (its day, its principal, its reads).
func perform(_ options: GlobalOptions, _ target: ConcernTarget,
             _ commands: (Workspace, Session) async throws -> [ConcernCommand]) async throws {
    try await reportingFailures(options) {
        let session = try await options.openSession()
        let workspace = session.workspace
        let concern = try await session.perform(try await commands(workspace, session), on: try Parse.code(target.id),
                                          expectedVersion: target.expectVersion)
        var line = "\(concern.code)  \(concern.stage.label.text(options.language))  \(concern.tier.code) \(workspace.organisation.unit(concern.unitID)?.name ?? "")"
        if let deadline = concern.deadline { line += "  \(options.language == .zh ? "期限" : "due") \(deadline)" }
        emit(line + "  v\(concern.version)")
    }
}

struct AnalyseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analyse", abstract: "Record the root cause, difficulty and breadth.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Option(name: .customLong("root-cause"), help: "The root cause.") var rootCause: String
    @Option(help: "low, medium or high.") var difficulty: String?
    @Option(help: "individual, team, unit or company.") var breadth: String?

    func run() async throws {
        try await perform(options, target) { _ in
            [.analyse(Analysis(rootCause: rootCause,
                               difficulty: try difficulty.map { try Parse.enumValue($0, option: "--difficulty") },
                               breadth: try breadth.map { try Parse.enumValue($0, option: "--breadth") }))]
        }
    }
}

struct GradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade", abstract: "Grade a concern; sets its deadline from the grade policy.",
        discussion: "Once the deadline runs (defined, solving) a regrade keeps it; to move it too, give --deadline and --reason.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Argument(help: "urgent, major, general or budding (or 急难, 重大, 一般, 萌芽).") var grade: String
    @Option(help: "A new deadline, YYYY-MM-DD, recorded with the regrade (needs --reason).") var deadline: String?
    @Option(help: "Why the deadline moves.") var reason: String?

    func run() async throws {
        try await perform(options, target) { _ in
            guard let value = Grade(name: grade) else {
                throw CLIFailure(zh: "“\(grade)”不是等级（急难、重大、一般、萌芽）", en: "\"\(grade)\" is not a grade (urgent, major, general, budding)")
            }
            guard let deadline else {
                if reason != nil { throw CLIFailure(zh: "--reason 须配 --deadline", en: "--reason goes with --deadline") }
                return [.grade(value)]
            }
            return [.grade(value), .setDeadline(try Parse.day(deadline, option: "--deadline"), reason: reason ?? "")]
        }
    }
}

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Set the solution plan.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Argument(help: "The plan.") var plan: String

    func run() async throws { try await perform(options, target) { _ in [.plan(plan)] } }
}

struct AssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assign", abstract: "Name the one first responsible person and the responsible department.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Option(help: "Person id or name.") var person: String
    @Option(help: "Responsible unit id or name.") var department: String

    func run() async throws {
        try await perform(options, target) { workspace in
            [.assign(firstResponsible: try Parse.person(person, in: workspace, option: "--person"),
                     department: try Parse.unit(department, in: workspace, option: "--department").id)]
        }
    }
}

struct DefineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "define", abstract: "Mark a concern defined at a tri-party meeting (budding ones go to watch).")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Option(help: "The meeting id.") var meeting: String?

    func run() async throws { try await perform(options, target) { _ in [.define(meetingID: meeting)] } }
}

struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start solving (needs grade, plan and first responsible person).")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget

    func run() async throws { try await perform(options, target) { _ in [.startSolving] } }
}

struct ProgressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "progress", abstract: "Add a progress note.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Argument(help: "The note.") var note: String

    func run() async throws { try await perform(options, target) { _ in [.progress(note)] } }
}

struct SolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "solve", abstract: "Mark the work done; the concern then waits for feedback.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Argument(help: "What was done.") var summary: String

    func run() async throws { try await perform(options, target) { _ in [.solve(summary: summary)] } }
}

struct FeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "feedback", abstract: "Record the return contact: effect and satisfaction.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Option(help: "Whom you contacted.") var contact: String
    @Option(help: "visit, phone, meeting or online.") var method: String = "visit"
    @Option(help: "confirmed, partly or no.") var effect: String
    @Option(help: "satisfied, basically-satisfied or dissatisfied.") var satisfaction: String
    @Option(help: "Score 1 to 5.") var score: Int
    @Option(help: "A note.") var note: String = ""

    func run() async throws {
        try await perform(options, target) { _, session in
            [.recordFeedback(FeedbackRecord(
                on: session.today(), byID: session.principal.id, contact: contact, method: try Parse.enumValue(method, option: "--method"),
                effect: try Parse.enumValue(effect, option: "--effect"),
                satisfaction: try Parse.enumValue(satisfaction, option: "--satisfaction"), score: score, note: note))]
        }
    }
}

struct CloseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a concern (needs feedback, or --reason why none was possible).")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Option(help: "Why no feedback was possible.") var reason: String?

    func run() async throws { try await perform(options, target) { _ in [.close(noFeedbackReason: reason)] } }
}

struct ReopenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen after a dissatisfied feedback.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Option(help: "Why.") var reason: String

    func run() async throws { try await perform(options, target) { _ in [.reopen(reason: reason)] } }
}

struct EscalateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "escalate", abstract: "Submit a concern one tier up, into the parent unit's library.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Option(help: "Why this tier cannot solve it.") var reason: String

    func run() async throws { try await perform(options, target) { _ in [.escalate(reason: reason)] } }
}

struct ReferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "refer", abstract: "Refer a concern that cannot be fixed now to a department, with an explanation.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Option(help: "Department id or name.") var to: String
    @Option(help: "The explanation given to the person.") var explanation: String

    func run() async throws {
        try await perform(options, target) { workspace in
            [.refer(to: try Parse.unit(to, in: workspace, option: "--to").id, explanation: explanation)]
        }
    }
}

struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Take a referred concern back for analysis.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Option(help: "Why.") var reason: String

    func run() async throws { try await perform(options, target) { _ in [.resume(reason: reason)] } }
}

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch", abstract: "Put a budding concern on the watch list (monthly review).")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget

    func run() async throws { try await perform(options, target) { _ in [.watch] } }
}

struct PledgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pledge", abstract: "Record the responsibility pledge signed by the first responsible person.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Option(help: "The first responsible person (id or name).") var by: String

    func run() async throws {
        try await perform(options, target) { workspace in [.pledge(by: try Parse.person(by, in: workspace, option: "--by"))] }
    }
}

struct DeadlineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deadline", abstract: "Set a deadline other than the grade policy's, with a reason.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Argument(help: "The new deadline, YYYY-MM-DD.") var day: String
    @Option(help: "Why.") var reason: String

    func run() async throws { try await perform(options, target) { _ in [.setDeadline(try Parse.day(day, option: "deadline"), reason: reason)] } }
}

struct PauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Stop the deadline clock of a concern being solved, with a reason.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Option(help: "Why.") var reason: String

    func run() async throws { try await perform(options, target) { _ in [.pause(reason: reason)] } }
}

struct UnpauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unpause", abstract: "Restart the deadline clock; the paused days push the deadline back.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget

    func run() async throws { try await perform(options, target) { _ in [.unpause] } }
}

struct TaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", abstract: "Add a line to the task book (--title and --due), or mark line N done or dropped.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Option(help: "Title of a new task.") var title: String?
    @Option(help: "Due date of a new task, YYYY-MM-DD.") var due: String?
    @Option(help: "Number of an existing task (from wenti show).") var number: Int?
    @Option(help: "New state of that task: open, done or dropped.") var state: String?

    func run() async throws {
        try await perform(options, target) { _ in
            if let title, let due {
                return [.addTask(title: title, due: try Parse.day(due, option: "--due"))]
            }
            if let number, let state {
                return [.setTaskState(index: number, try Parse.enumValue(state, option: "--state"))]
            }
            throw CLIFailure(zh: "请给出 --title 和 --due，或 --number 和 --state", en: "give --title and --due, or --number and --state")
        }
    }
}

struct LinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "link", abstract: "Link a concern to another concern, a notice, a practice or a meeting.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Option(help: "concern, notice, practice or meeting.") var kind: String
    @Option(name: .customLong("to"), help: "What it links to: a concern (Q-2026-0068, 0068 or 68), a notice, practice entry or meeting id.")
    var linkTarget: String

    func run() async throws {
        try await perform(options, target) { _, session in
            guard let linkKind = ConcernLink.Kind(rawValue: kind) else {
                throw CLIFailure(zh: "--kind：“\(kind)”无效（concern、notice、practice、meeting）", en: "--kind: \"\(kind)\" is not concern, notice, practice or meeting")
            }
            // The same check as the UI's link form: the target exists and the viewer may see it.
            return [.link(try await session.linkTarget(from: try Parse.code(target.id), linkKind, linkTarget))]
        }
    }
}

struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "batch", abstract: "Mark a concern for stream handling, or put it in a batch group.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ConcernTarget
    @Flag(help: "Handle it at once, on its own.") var stream = false
    @Option(help: "The batch group to handle it with.") var group: String?

    func run() async throws {
        try await perform(options, target) { _ in
            if stream { return [.setProcessing(.stream)] }
            guard let group else { throw CLIFailure(zh: "请给出 --stream 或 --group", en: "give --stream or --group") }
            return [.setProcessing(.batch(group: group))]
        }
    }
}

struct UndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Take back your latest step on a concern, where the method allows it (grade, plan, first responsible, analysis, processing).")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Concern id, e.g. Q-2026-0001.") var id: String

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let concern = try await session.undoLatest(on: try Parse.code(id))
            emit("\(concern.code)  \(concern.stage.label.text(options.language))  \(concern.grade?.label.text(options.language) ?? "")  v\(concern.version)")
        }
    }
}

import ArgumentParser

/// `wenti`: the command line of the problem-management tool. Subcommands take in, triage,
/// move and list staff concerns; with no subcommand it will open the terminal UI.
public struct WentiCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "wenti",
        abstract: "问题管理“1234”工作法 — staff concerns: find, analyse, solve.",
        subcommands: [
            TUICommand.self, InitCommand.self, DemoCommand.self, AddCommand.self, ListCommand.self, ShowCommand.self, LogCommand.self,
            AnalyseCommand.self, GradeCommand.self, PlanCommand.self, AssignCommand.self, DefineCommand.self,
            WatchCommand.self, StartCommand.self, PledgeCommand.self, DeadlineCommand.self, TaskCommand.self,
            ProgressCommand.self, PauseCommand.self, UnpauseCommand.self, BatchCommand.self, LinkCommand.self, SolveCommand.self, FeedbackCommand.self, CloseCommand.self,
            ReopenCommand.self, EscalateCommand.self, ReferCommand.self, ResumeCommand.self,
            ImportCommand.self, ExportCommand.self, MeetingCommand.self, NoticeCommand.self, BulletinCommand.self, TemplatesCommand.self, StatsCommand.self, AssessCommand.self,
            PracticeCommand.self, VisitCommand.self, CampaignCommand.self, UndoCommand.self, WhoamiCommand.self, PeopleCommand.self, PermissionsCommand.self,
            OfficeCommand.self, KeysCommand.self, IdentityCommand.self, ServerCommand.self, ManualCommand.self,
        ])

    public init() {}

    /// Parses the command line and runs the command, awaiting it. Spelled out because a bare
    /// `main()` from top-level code resolves to ArgumentParser's synchronous entry point,
    /// which refuses an async command tree on Linux.
    public static func runAsRoot() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exitPrintingSafely(error)
        }
    }

    @OptionGroup var options: GlobalOptions

    public func run() async throws {
        try await TerminalUI.open(options, databasePath: options.databasePath)
    }
}

import ArgumentParser
import Foundation
import WentiCore
import WentiSession
import WentiStore
import WentiText

/// `wenti show ID`: every field of one concern.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one concern in full.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "Concern id, e.g. Q-2026-0001.") var id: String
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let concern = try await session.concern(try Parse.code(id))
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .iso8601
                PrintedOutput.exact(String(decoding: try encoder.encode(concern), as: UTF8.self), language: options.language)
            } else {
                let advice = NextStep.advice(for: concern, viewer: session.viewer, organisation: session.organisation)
                emit(ConcernDetail.render(concern, workspace: session.workspace, language: options.language, today: session.today(),
                                          records: try await session.recordsAround(), advice: advice))
            }
        }
    }
}

/// `wenti log ID`: the audit trail of one concern, oldest first.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Show who did what to a concern, and when.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "Concern id, e.g. Q-2026-0001.") var id: String

    func run() async throws {
        try await reportingFailures(options) {
            let session = try await options.openSession()
            let code = try Parse.code(id)
            let org = session.organisation
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = .current
            formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
            // Every value in words (`ChangeWords`): names for ids, labels for stored values.
            let words = session.workspace.changeWords
            var lines: [String] = []
            for entry in try await session.log(code) {
                let who = entry.actorID == AccessPolicy.anonymousActor ? (options.language == .zh ? "匿名" : "anonymous")
                    : org.person(entry.actorID)?.name ?? "?"
                let action = ChangeWords.actionName(entry.action).text(options.language)
                lines.append("\(formatter.string(from: entry.at))  \(who)  \(action)")
                for change in entry.changes {
                    lines.append("    " + words.describe(change, options.language))
                }
            }
            emit(TextSanitizer.clean(lines.joined(separator: "\n"), mode: .multiLine))
        }
    }
}

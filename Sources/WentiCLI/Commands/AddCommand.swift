import ArgumentParser
import Foundation
import WentiCore
import WentiExchange
import WentiSession
import WentiStore

/// `wenti add`: take in a new concern.
struct AddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Take in a new concern (stage: found).")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Title, e.g. 班组报表太多 (at most \(Workflow.maximumTitleLength) characters).") var title: String
    @Option(help: "Description.") var description: String?
    @Option(help: "Read the description from this file (UTF-8 or GB18030), or from standard input with -.") var descriptionFile: String?
    @Option(help: "Category id or name, e.g. team-burden or 班组负担.") var category: String
    @Option(help: "Channel: \(Channel.allCases.map(\.rawValue).joined(separator: ", ")).") var channel: String
    @Option(help: "The campaign (its name) or leader's visit (leader, unit or day, e.g. \"周建国 2026-10-09\") it came from, for rewarded-campaign and leader-visit; wenti visit list and wenti campaign list show them.") var source: String?
    @Option(help: "Unit id or name whose library takes it, e.g. t-bdyw or 变电运维班.") var unit: String
    @Option(help: "Reporter's name or person id.") var reporter: String?
    @Flag(help: "The reporter stays anonymous.") var anonymous = false
    @Option(help: "For an anonymous reporter: who it is, readable only by political-work staff.") var sealed: String?
    @Option(help: "The people involved.") var involved: String = ""
    @Option(help: "Who found it (person id or name; default: you).") var finder: String?

    func validate() throws {
        if description != nil && descriptionFile != nil {
            throw ValidationError("give --description or --description-file, not both")
        }
    }

    func run() async throws {
        try await reportingFailures(options) {
            let description = try descriptionFile.map(Self.readDescription) ?? description ?? ""
            let session = try await options.openSession()
            let workspace = session.workspace
            let channel: Channel = try Parse.enumValue(channel, option: "--channel")
            let reporterValue: Reporter
            if anonymous {
                reporterValue = .anonymous(sealedIdentity: sealed.map(SealedIdentity.toSeal))
            } else {
                let person = reporter.flatMap { workspace.organisation.person(PersonID($0)) }
                reporterValue = .named(name: person?.name ?? reporter ?? "", personID: person?.id)
            }
            let actor = session.principal
            let new = NewConcern(
                title: title, description: description,
                categoryID: try Parse.category(category, in: workspace, option: "--category"),
                channel: channel, source: source.flatMap { text in
                    channel.sourceKind.map { workspace.resolveSource(text, kind: $0) ?? ConcernSource(kind: $0, id: text) }
                },
                finderID: try finder.map { try Parse.person($0, in: workspace, option: "--finder") } ?? actor.id,
                reporter: reporterValue, involvedPeople: involved,
                unitID: try Parse.unit(unit, in: workspace, option: "--unit").id)
            let concern = try await session.intake(new)
            emit(concern.code.description)
        }
    }

    /// The text of `--description-file`: a file, or standard input for `-`, in the same
    /// encodings an import accepts.
    static func readDescription(_ path: String) throws(CLIFailure) -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CLIFailure(zh: "--description-file：无法读取 \(path)", en: "--description-file: cannot read \(path)")
            }
            data = contents
        }
        let place = path == "-" ? (zh: "标准输入", en: "standard input") : (zh: path, en: path)
        let text: String
        do {
            (text, _) = try TextDecoding.decode(data)
        } catch {
            throw CLIFailure(zh: "--description-file：\(place.zh) 既不是 UTF-8 也不是 GB18030（第 \(error.offset) 字节）",
                             en: "--description-file: \(place.en) is neither UTF-8 nor GB18030 (byte \(error.offset))")
        }
        // A NUL would cut the text in some readers: refuse it rather than lose what follows.
        if text.unicodeScalars.contains("\0") {
            throw CLIFailure(zh: "--description-file：\(place.zh) 中有 NUL 字符（U+0000）", en: "--description-file: \(place.en) holds a NUL character (U+0000)")
        }
        return text
    }
}

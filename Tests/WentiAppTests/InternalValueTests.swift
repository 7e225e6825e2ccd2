import Foundation
import Testing
@testable import WentiApp
@testable import WentiCore
@testable import WentiStore
@testable import WentiTerminal

/// No screen shows what only the program should know: ids of people and units, enum raw
/// values (`awaiting-feedback`, `team-burden`, `oldest`), "kind:id" links, ISO timestamps;
/// English lines use ASCII brackets and colons; a Chinese line never starts with closing
/// punctuation. Every recorded snapshot is scanned, and the screens below rendered and scanned.
@MainActor
@Suite("No internal value on any screen", .serialized)
struct InternalValueTests {
    @Test func noSnapshotShowsAnInternalValue() async throws {
        let fixture = try await AppFixture()
        let scanner = InternalValueScanner(fixture.environment.session.workspace)
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
        #expect(files.count > 50, "the snapshots are where they were")
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            // The frame's rows (the style rows under it are letters only).
            let screen = text.split(separator: "\n").filter { $0.hasPrefix("│") }.joined(separator: "\n")
            let language: Language = file.contains("-en") || file.contains(".en.") ? .en : .zh
            let found = scanner.findings(in: screen, language: language)
            #expect(found.isEmpty, "\(file): \(found)")
        }
    }

    /// The screens a month of work passes through, at both sizes and in both languages.
    @Test(arguments: [(80, 24), (120, 40)], [Language.zh, .en])
    func noScreenOfTheMethodShowsAnInternalValue(size: (Int, Int), language: Language) async throws {
        let fixture = try await AppFixture()
        let scanner = InternalValueScanner(fixture.environment.session.workspace)
        let scripts = [
            "", "Enter", "s", "s s", "F4", "F5", "u", "?", "u 运 检",
            "/ 山 区 线 路 Enter", "/ 合 同 到 期 Enter", "/ 夜 间 倒 闸 Enter", "/ 高 空 作 业 Enter",
            "/ 活 动 室 Enter a 挪 作 库 房 Enter = 1 Enter e 需 部 门 协 调 Enter y",
            "/ 山 区 线 路 Enter l Left Tab h y - 2 0 2 6 - 1 1 Enter l Tab 4 Enter T", "/ 山 区 线 路 Enter E", "/ 山 区 线 路 Enter K",
            "2", "2 n", "2 n Enter", "3", "3 j", "4", "5", "6", "6 v", "W",
        ]
        for script in scripts {
            let (_, screen) = await fixture.run(script, width: size.0, height: size.1, language: language)
            let found = scanner.findings(in: screen.lastFrame.text, language: language)
            #expect(found.isEmpty, "\(script) at \(size.0)x\(size.1) in \(language.rawValue): \(found)")
        }
    }
}

/// What counts as an internal value on a screen in a language.
struct InternalValueScanner {
    let everywhere: [NSRegularExpression]
    let inChinese: [NSRegularExpression]
    let inEnglish: [NSRegularExpression]

    init(_ workspace: Workspace) {
        func word(_ words: [String]) -> NSRegularExpression {
            let alternatives = Set(words).sorted { $0.count > $1.count }.map(NSRegularExpression.escapedPattern).joined(separator: "|")
            return try! NSRegularExpression(pattern: "(?<![A-Za-z0-9-])(\(alternatives))(?![A-Za-z0-9-])")
        }
        let org = workspace.organisation
        // Ids with a hyphen cannot be an English word: those of units, people, categories, and
        // raw values the English label spells otherwise.
        func hyphenatedRaws<T: RawRepresentable & CaseIterable & Labelled>(_ type: T.Type) -> [String] where T.RawValue == String {
            T.allCases.filter { $0.rawValue.contains("-") && !$0.label.en.contains($0.rawValue) }.map(\.rawValue)
        }
        let ids = org.units.keys.map(\.rawValue) + org.people.keys.map(\.rawValue) + workspace.categories.map(\.id.rawValue)
        let raws = hyphenatedRaws(Stage.self) + hyphenatedRaws(Channel.self) + hyphenatedRaws(Role.self) + hyphenatedRaws(ConcernAction.self)
            + hyphenatedRaws(PracticeLibrary.self) + hyphenatedRaws(FeedbackRecord.Method.self) + hyphenatedRaws(FeedbackRecord.Satisfaction.self)
        everywhere = [
            word(ids.filter { $0.contains("-") } + raws),
            try! NSRegularExpression(pattern: "(?<![A-Za-z])(concern|notice|practice|meeting|stage|grade|channel|category):[A-Za-z]"),
            try! NSRegularExpression(pattern: "\\d{4}-\\d\\d-\\d\\dT\\d\\d"),
        ]
        // In Chinese, no English raw value at all.
        func values<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> [String] where T.RawValue == String { T.allCases.map(\.rawValue) }
        inChinese = [
            word(values(Stage.self) + values(Grade.self) + values(ConcernQuery.Sort.self) + values(Difficulty.self) + values(Breadth.self)
                 + values(TaskItem.State.self) + values(Channel.self) + values(Role.self) + values(UnitKind.self) + values(ConcernLink.Kind.self)
                 + values(FeedbackRecord.Method.self) + values(FeedbackRecord.Effect.self) + values(FeedbackRecord.Satisfaction.self)
                 + values(SupervisionNotice.State.self) + values(PracticeLibrary.self)),
            // A wrapped line that starts with closing punctuation.
            try! NSRegularExpression(pattern: "│ ?[。，、）；：]"),
        ]
        // In English, ASCII brackets and colons after English words.
        inEnglish = [try! NSRegularExpression(pattern: "[A-Za-z0-9.]（|）[A-Za-z]|[A-Za-z0-9]：")]
    }

    func findings(in screen: String, language: Language) -> [String] {
        let patterns = everywhere + (language == .zh ? inChinese : inEnglish)
        let range = NSRange(screen.startIndex..., in: screen)
        return patterns.flatMap { pattern in
            pattern.matches(in: screen, range: range).map { match -> String in
                let line = screen[Range(match.range, in: screen)!.lowerBound...].prefix { $0 != "\n" }
                return "\"\((screen as NSString).substring(with: match.range))\" in …\(line.prefix(50))"
            }
        }
    }
}

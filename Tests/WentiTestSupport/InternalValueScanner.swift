import Foundation
import WentiCore
import WentiStore

/// What counts as an internal value on a screen in a language.
public struct InternalValueScanner {
    let everywhere: [NSRegularExpression]
    let inChinese: [NSRegularExpression]
    let inEnglish: [NSRegularExpression]

    public init(_ workspace: Workspace) {
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
        // The finding sources' ids too: a visit is named by its leader, unit and day, a
        // campaign by its name ("zf-1102" once stood in `wenti show`).
        let ids = org.units.keys.map(\.rawValue) + org.people.keys.map(\.rawValue) + workspace.categories.map(\.id.rawValue)
            + workspace.visits.map(\.id) + workspace.campaigns.map(\.id)
        let raws = hyphenatedRaws(Stage.self) + hyphenatedRaws(Channel.self) + hyphenatedRaws(Role.self) + hyphenatedRaws(ConcernAction.self)
            + hyphenatedRaws(PracticeLibrary.self) + hyphenatedRaws(FeedbackRecord.Method.self) + hyphenatedRaws(FeedbackRecord.Satisfaction.self)
        everywhere = [
            word(ids.filter { $0.contains("-") } + raws),
            try! NSRegularExpression(pattern: "(?<![A-Za-z])(concern|notice|practice|meeting|stage|grade|channel|category):[A-Za-z]"),
            try! NSRegularExpression(pattern: "\\d{4}-\\d\\d-\\d\\dT\\d\\d"),
            // A visit's stored number, a recorded field's name with its colon, the log's old
            // "∅" for nothing, a concern's version (a counter for conflicts, not for people).
            try! NSRegularExpression(pattern: "(?<![A-Za-z0-9-])ZF-\\d{4}-\\d{3}"),
            try! NSRegularExpression(pattern: "(?<![A-Za-z-])(first-responsible|root-cause|responsible-unit|next-review|paused-since|paused-days|visits-per-month|held-on):"),
            try! NSRegularExpression(pattern: "∅"),
            try! NSRegularExpression(pattern: "(版本|version) \\d"),
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
            // A recorded field by its stored name ("grade: ∅ → general").
            try! NSRegularExpression(pattern: "(?<![A-Za-z-])(title|description|category|channel|reporter|unit|tier|stage|grade|difficulty|breadth|plan|pledge|deadline|processing|tasks|note|escalation|referral|feedback|closure|links|reason|state|items): "),
        ]
        // In English, ASCII brackets and colons after English words.
        inEnglish = [
            try! NSRegularExpression(pattern: "[A-Za-z0-9.]（|）[A-Za-z]|[A-Za-z0-9]："),
            // Enum words where a sentence needs words ("a concern in stage closed"), a count
            // with the wrong number ("1 items"), a bare "decided 0/0", and a stage given a
            // second name in the table (awaiting feedback shown as "feedback").
            try! NSRegularExpression(pattern: "in stage [a-z]"),
            try! NSRegularExpression(pattern: "(?<![\\d.,/])1 (items|concerns|visits|campaigns|days|decisions|entries|notices|lines|marks|meetings|leaders|people)\\b"),
            try! NSRegularExpression(pattern: "decided \\d+/\\d+"),
            try! NSRegularExpression(pattern: "(urgent|major|general|budding|-) +feedback "),
        ]
    }

    public func findings(in screen: String, language: Language) -> [String] {
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

import WentiCore
import WentiStore

/// The `/` filter's language: free words are searched in the text (Chinese substrings from
/// one character), and tokens narrow by field:
///
///     grade:urgent  grade:急难  stage:solving  stage:解决中  tier:L2  unit:运检部
///     category:收入福利  channel:hotline  overdue  mine
///
/// `unit:` takes the unit and its subtree (two `unit:` tokens list both, as `--unit` twice
/// does on the command line); `mine` means "I am the first responsible person". A token that
/// names nothing known is kept as a word, so a typo shows as "no match" rather than
/// vanishing. The one filter language of both front ends: the CLI's options fill the same
/// fields the same way (`ConcernQuery.addUnit`).
///
/// A concern's number (`Q-2026-0068`, `2026-0068`, `0068`, `68`) is no word to search for:
/// `concernNumber(in:)` gives it to the front end, which goes to that concern.
public enum FilterText {
    public static func apply(_ text: String, to query: inout ConcernQuery, workspace: Workspace, me: PersonID) {
        var words: [String] = []
        for token in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            if isConcernNumber(token) { continue }
            let parts = token.split(separator: ":", maxSplits: 1).map(String.init)
            let key = parts[0].lowercased()
            let value = parts.count == 2 ? parts[1] : ""
            switch (key, parts.count) {
            case ("overdue", 1), ("逾期", 1):
                query.overdueOnly = true
            case ("mine", 1), ("我的", 1):
                query.firstResponsibleID = me
            case ("grade", 2) where value == "none":
                query.ungraded = true
            case ("grade", 2) where Grade(name: value) != nil:
                query.grades.insert(Grade(name: value)!)
            case ("stage", 2) where stage(value) != nil:
                query.stages.insert(stage(value)!)
            case ("tier", 2) where Tier(code: value) != nil:
                query.tiers.insert(Tier(code: value)!)
            case ("unit", 2) where workspace.organisation.resolveUnit(value) != nil:
                query.addUnit(workspace.organisation.resolveUnit(value)!.id, in: workspace.organisation)
            case ("category", 2) where workspace.resolveCategory(value) != nil:
                query.categoryIDs.insert(workspace.resolveCategory(value)!.id)
            case ("channel", 2) where Channel(name: value) != nil:
                query.channels.insert(Channel(name: value)!)
            default:
                words.append(token)
            }
        }
        query.text = words.joined(separator: " ")
    }

    /// What in the text names nothing known, in words: `unit:运建部` says there is no such
    /// unit instead of silently matching no concern. Empty when every token was understood.
    public static func problems(in text: String, workspace: Workspace) -> [LocalizedText] {
        text.split(whereSeparator: \.isWhitespace).compactMap { token -> LocalizedText? in
            let parts = token.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return nil }
            let value = parts[1]
            switch parts[0].lowercased() {
            case "unit" where workspace.organisation.resolveUnit(value) == nil:
                return LocalizedText(zh: "没有单位“\(value)”", en: "no unit \"\(value)\"")
            case "category" where workspace.resolveCategory(value) == nil:
                return LocalizedText(zh: "没有类别“\(value)”", en: "no category \"\(value)\"")
            case "grade" where value != "none" && Grade(name: value) == nil:
                return LocalizedText(zh: "没有等级“\(value)”", en: "no grade \"\(value)\"")
            case "stage" where stage(value) == nil:
                return LocalizedText(zh: "没有阶段“\(value)”", en: "no stage \"\(value)\"")
            case "tier" where Tier(code: value) == nil:
                return LocalizedText(zh: "没有层级“\(value)”（L1、L2、L3）", en: "no tier \"\(value)\" (L1, L2, L3)")
            case "channel" where Channel(name: value) == nil:
                return LocalizedText(zh: "没有渠道“\(value)”", en: "no channel \"\(value)\"")
            default:
                return nil
            }
        }
    }

    /// The first token that is a concern's number, if any.
    public static func concernNumber(in text: String) -> String? {
        text.split(whereSeparator: \.isWhitespace).map(String.init).first(where: isConcernNumber)
    }

    /// The text without its concern number: what is left to filter by.
    public static func withoutConcernNumber(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).map(String.init).filter { !isConcernNumber($0) }.joined(separator: " ")
    }

    /// A whole code, or a bare sequence of at most four digits: longer runs of digits stay
    /// words, because titles carry numbers too (the 95598 hotline's work orders).
    static func isConcernNumber(_ token: String) -> Bool {
        guard ConcernCode.candidates(for: token, thisYear: 2000) != nil else { return false }
        return token.contains("-") || token.count <= 4
    }

    static func stage(_ text: String) -> Stage? {
        Stage(rawValue: text.lowercased()) ?? Stage.allCases.first { $0.label.zh == text || $0.label.en == text.lowercased() }
    }
}

extension ConcernQuery {
    /// Asks for a unit's concerns, its subtree included, besides any unit already asked for.
    public mutating func addUnit(_ unit: UnitID, in organisation: Organisation) {
        unitIDs.formUnion(organisation.subtree(of: unit))
    }
}

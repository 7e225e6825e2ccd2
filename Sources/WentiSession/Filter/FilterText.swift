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
public enum FilterText {
    public static func apply(_ text: String, to query: inout ConcernQuery, workspace: Workspace, me: PersonID) {
        var words: [String] = []
        for token in text.split(whereSeparator: \.isWhitespace).map(String.init) {
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

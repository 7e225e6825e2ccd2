/// The three tiers of issue libraries (三级问题管理库).
public enum Tier: Int, Sendable, CaseIterable, Codable, Comparable, Labelled {
    /// 1级库: a team's or station's library.
    case l1 = 1
    /// 2级库: a department's or secondary unit's library.
    case l2 = 2
    /// 3级库: the company leadership's library.
    case l3 = 3

    /// The tier one step up, or nil at the top: escalation goes exactly one tier up.
    public var above: Tier? { Tier(rawValue: rawValue + 1) }

    public var code: String { "L\(rawValue)" }

    public init?(code: String) {
        switch code.uppercased() {
        case "L1", "1": self = .l1
        case "L2", "2": self = .l2
        case "L3", "3": self = .l3
        default: return nil
        }
    }

    public var label: LocalizedText {
        switch self {
        case .l1: LocalizedText(zh: "1级库（班组）", en: "L1 (team)")
        case .l2: LocalizedText(zh: "2级库（部门）", en: "L2 (department)")
        case .l3: LocalizedText(zh: "3级库（公司）", en: "L3 (company)")
        }
    }

    public static func < (l: Tier, r: Tier) -> Bool { l.rawValue < r.rawValue }
}

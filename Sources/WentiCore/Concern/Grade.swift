/// The four grades of the method (分类管理), each with its handling stance.
public enum Grade: String, Sendable, CaseIterable, Codable, Comparable, Labelled {
    /// 急难 → 快速办理 (fast-track).
    case urgent
    /// 重大 → 重点突破 (focused breakthrough).
    case major
    /// 一般 → 稳步解决 (steady resolution).
    case general
    /// 萌芽 → 提高重视 (heightened attention: watched, reviewed monthly).
    case budding

    public var label: LocalizedText {
        switch self {
        case .urgent: LocalizedText(zh: "急难", en: "urgent-difficult")
        case .major: LocalizedText(zh: "重大", en: "major")
        case .general: LocalizedText(zh: "一般", en: "general")
        case .budding: LocalizedText(zh: "萌芽", en: "budding")
        }
    }

    /// How a concern of this grade is handled.
    public var stance: LocalizedText {
        switch self {
        case .urgent: LocalizedText(zh: "快速办理", en: "fast-track")
        case .major: LocalizedText(zh: "重点突破", en: "focused breakthrough")
        case .general: LocalizedText(zh: "稳步解决", en: "steady resolution")
        case .budding: LocalizedText(zh: "提高重视", en: "heightened attention")
        }
    }

    /// Parses the stored name, the English label or the Chinese label.
    public init?(name: String) {
        let lowered = name.lowercased()
        guard let grade = Grade.allCases.first(where: {
            $0.rawValue == lowered || $0.label.en == lowered || $0.label.zh == name
        }) else { return nil }
        self = grade
    }

    /// Most pressing first.
    public static func < (l: Grade, r: Grade) -> Bool {
        allCases.firstIndex(of: l)! < allCases.firstIndex(of: r)!
    }
}

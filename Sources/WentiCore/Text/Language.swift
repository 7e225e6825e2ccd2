/// The two languages of wenti's users: every message the domain produces exists in both.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zh
    case en

    /// Picks the language from locale variables the way users expect: `zh*` gives Chinese,
    /// anything else (or nothing) English. `LC_ALL` wins over `LC_MESSAGES` over `LANG`.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("zh") ? .zh : .en
            }
        }
        return .en
    }
}

/// A piece of text in both languages.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(_ language: Language) -> String {
        language == .zh ? zh : en
    }
}

/// Anything that can name itself in both languages (stages, grades, channels, errors, ...).
public protocol Labelled {
    var label: LocalizedText { get }
}

/// English counts with their nouns: "1 visit", "3 visits" (never "1 visits").
public enum English {
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(plural ?? noun + "s")"
    }
}

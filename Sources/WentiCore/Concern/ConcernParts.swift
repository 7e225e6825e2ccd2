/// How hard a concern is to solve (难易程度), judged when it is analysed.
public enum Difficulty: String, Sendable, CaseIterable, Codable, Labelled {
    case low, medium, high

    public var label: LocalizedText {
        switch self {
        case .low: LocalizedText(zh: "较易", en: "low")
        case .medium: LocalizedText(zh: "中等", en: "medium")
        case .high: LocalizedText(zh: "较难", en: "high")
        }
    }
}

/// How many people a concern touches (涉及面).
public enum Breadth: String, Sendable, CaseIterable, Codable, Labelled {
    case individual, team, unit, company

    public var label: LocalizedText {
        switch self {
        case .individual: LocalizedText(zh: "个人", en: "individual")
        case .team: LocalizedText(zh: "班组", en: "team")
        case .unit: LocalizedText(zh: "单位", en: "unit")
        case .company: LocalizedText(zh: "全公司", en: "company-wide")
        }
    }
}

/// The definition of a concern (界定): root cause, difficulty, breadth.
public struct Analysis: Sendable, Hashable, Codable {
    public var rootCause: String
    public var difficulty: Difficulty?
    public var breadth: Breadth?

    public init(rootCause: String = "", difficulty: Difficulty? = nil, breadth: Breadth? = nil) {
        self.rootCause = rootCause
        self.difficulty = difficulty
        self.breadth = breadth
    }

    public var isComplete: Bool { !rootCause.isBlank && difficulty != nil && breadth != nil }
}

/// One line of a concern's task book (任务书).
public struct TaskItem: Sendable, Hashable, Codable {
    public enum State: String, Sendable, CaseIterable, Codable, Labelled {
        case open, done, dropped
        public var label: LocalizedText {
            switch self {
            case .open: LocalizedText(zh: "未完成", en: "open")
            case .done: LocalizedText(zh: "已完成", en: "done")
            case .dropped: LocalizedText(zh: "已取消", en: "dropped")
            }
        }
    }

    public var title: String
    public var due: Day
    public var state: State

    public init(title: String, due: Day, state: State = .open) {
        self.title = title
        self.due = due
        self.state = state
    }
}

/// The responsibility pledge (责任状) signed by the first responsible person.
public struct Pledge: Sendable, Hashable, Codable {
    public var personID: PersonID
    public var signedOn: Day

    public init(personID: PersonID, signedOn: Day) {
        self.personID = personID
        self.signedOn = signedOn
    }
}

/// Stream (handle this one at once) or batch (handle with its group once a practice exists).
public enum ProcessingMode: Sendable, Hashable, Codable {
    case stream
    case batch(group: String)

    public var label: LocalizedText {
        switch self {
        case .stream: LocalizedText(zh: "流处理", en: "stream")
        case .batch(let group): LocalizedText(zh: "批处理（\(group)）", en: "batch (\(group))")
        }
    }
}

/// A typed reference from a concern to something related.
public struct ConcernLink: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, CaseIterable, Codable, Labelled {
        /// Another concern (e.g. a duplicate report attached to this one).
        case concern
        case notice
        case practice
        case meeting

        public var label: LocalizedText {
            switch self {
            case .concern: LocalizedText(zh: "问题", en: "concern")
            case .notice: LocalizedText(zh: "督办通知单", en: "notice")
            case .practice: LocalizedText(zh: "实践条目", en: "practice entry")
            case .meeting: LocalizedText(zh: "三方会议", en: "meeting")
            }
        }
    }

    public var kind: Kind
    public var target: String

    public init(kind: Kind, target: String) {
        self.kind = kind
        self.target = target
    }
}

/// A dated note of progress by a person.
public struct ProgressNote: Sendable, Hashable, Codable {
    public var on: Day
    public var authorID: PersonID
    public var text: String

    public init(on: Day, authorID: PersonID, text: String) {
        self.on = on
        self.authorID = authorID
        self.text = text
    }
}

/// One step up the tiers (上报), kept forever so the lower tier can follow the outcome.
public struct Escalation: Sendable, Hashable, Codable {
    public var fromUnitID: UnitID
    public var toUnitID: UnitID
    public var fromTier: Tier
    public var toTier: Tier
    public var reason: String
    public var on: Day
    public var byID: PersonID

    public init(fromUnitID: UnitID, toUnitID: UnitID, fromTier: Tier, toTier: Tier, reason: String, on: Day, byID: PersonID) {
        self.fromUnitID = fromUnitID
        self.toUnitID = toUnitID
        self.fromTier = fromTier
        self.toTier = toTier
        self.reason = reason
        self.on = on
        self.byID = byID
    }
}

/// A referral to a department (转办): not fixable now, explained to the person.
public struct Referral: Sendable, Hashable, Codable {
    public var toUnitID: UnitID
    public var explanation: String
    public var on: Day

    public init(toUnitID: UnitID, explanation: String, on: Day) {
        self.toUnitID = toUnitID
        self.explanation = explanation
        self.on = on
    }
}

/// How a concern was closed: with a feedback record, or with the reason none was possible.
public enum Closure: Sendable, Hashable, Codable {
    case withFeedback
    case withoutFeedback(reason: String)
}

extension String {
    /// True for the empty string and strings of only whitespace (including the ideographic space).
    public var isBlank: Bool { allSatisfy(\.isWhitespace) }

    /// Without leading and trailing whitespace and line breaks: Unicode's White_Space
    /// property, the characters of Foundation's `.whitespacesAndNewlines`. Done natively,
    /// and without a copy when there is nothing to cut: Foundation's trimming bridges through
    /// NSString, and an import of a million rows trims several million cells and titles.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return self }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}

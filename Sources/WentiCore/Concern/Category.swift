/// Identifies a concern category. Categories are data an organisation edits, not code.
public struct CategoryID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
    public var description: String { rawValue }
    public static func < (l: CategoryID, r: CategoryID) -> Bool { l.rawValue < r.rawValue }
}

/// A kind of concern, e.g. 班组负担 (workload on teams).
public struct Category: Sendable, Hashable, Codable, Identifiable {
    public var id: CategoryID
    public var name: LocalizedText

    public init(id: CategoryID, name: LocalizedText) {
        self.id = id
        self.name = name
    }
}

/// A typed id: the text users see and type (`t-bdyw`, `zg-zhao`, `team-burden`), tagged by
/// what it names so that a person's id can never be passed where a unit's is expected.
public struct Identifier<Named>: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Identifier, rhs: Identifier) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Identifies a unit (the company, a department or secondary unit, a team or station).
public typealias UnitID = Identifier<OrgUnit>
/// Identifies a person.
public typealias PersonID = Identifier<Person>
/// Identifies a concern category. Categories are data an organisation edits, not code.
public typealias CategoryID = Identifier<Category>

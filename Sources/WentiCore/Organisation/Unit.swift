/// The three levels of the organisation; each level keeps one tier of issue library.
public enum UnitKind: String, Sendable, CaseIterable, Codable, Labelled {
    /// 公司: keeps the L3 library.
    case company
    /// 部门 / 二级单位: keeps an L2 library.
    case department
    /// 班组 / 供电所: keeps an L1 library.
    case team

    /// The tier of the library a unit of this kind keeps.
    public var tier: Tier {
        switch self {
        case .company: .l3
        case .department: .l2
        case .team: .l1
        }
    }

    public var label: LocalizedText {
        switch self {
        case .company: LocalizedText(zh: "公司", en: "company")
        case .department: LocalizedText(zh: "部门/二级单位", en: "department")
        case .team: LocalizedText(zh: "班组/供电所", en: "team")
        }
    }
}

/// A unit of the organisation and the owner of one issue library.
public struct OrgUnit: Sendable, Hashable, Codable, Identifiable {
    public var id: UnitID
    public var name: String
    public var kind: UnitKind
    /// The unit one level up; nil only for the company.
    public var parentID: UnitID?
    /// The short names people use for it (运检部 for 运维检修部, 河口所 for 河口供电所): a
    /// filter's `unit:`, `--unit` and the unit picker take them like the name.
    public var aliases: [String]

    public init(id: UnitID, name: String, kind: UnitKind, parentID: UnitID?, aliases: [String] = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.parentID = parentID
        self.aliases = aliases
    }

    private enum CodingKeys: String, CodingKey { case id, name, kind, parentID, aliases }

    /// A unit written before units had aliases reads as one without any.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(UnitID.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        kind = try container.decode(UnitKind.self, forKey: .kind)
        parentID = try container.decodeIfPresent(UnitID.self, forKey: .parentID)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
    }

    /// Whether `text` is its name or one of its short names.
    public func isNamed(_ text: String) -> Bool { name == text || aliases.contains(text) }

    public var tier: Tier { kind.tier }
}

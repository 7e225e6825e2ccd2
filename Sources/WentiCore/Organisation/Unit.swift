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

    public init(id: UnitID, name: String, kind: UnitKind, parentID: UnitID?) {
        self.id = id
        self.name = name
        self.kind = kind
        self.parentID = parentID
    }

    public var tier: Tier { kind.tier }
}

/// What a person does in the method; it decides what they see and may do.
public enum Role: String, Sendable, CaseIterable, Codable, Labelled {
    /// 政工人员: runs the loop, finds concerns, supervises; sees everything, reads sealed reporters.
    case politicalWork = "political-work"
    /// 公司领导: owns the L3 library; sees everything.
    case companyLeader = "company-leader"
    /// 部门负责人: owns an L2 library; sees the department and its teams.
    case departmentHead = "department-head"
    /// 班组长 / 所长: owns an L1 library; sees the team.
    case teamLeader = "team-leader"
    /// 员工: an ordinary member of a team; a reporter, sometimes a first responsible person.
    case staff

    public var label: LocalizedText {
        switch self {
        case .politicalWork: LocalizedText(zh: "政工人员", en: "political-work staff")
        case .companyLeader: LocalizedText(zh: "公司领导", en: "company leader")
        case .departmentHead: LocalizedText(zh: "部门负责人", en: "department head")
        case .teamLeader: LocalizedText(zh: "班组长", en: "team leader")
        case .staff: LocalizedText(zh: "员工", en: "staff")
        }
    }
}

/// A person of the organisation, a member of exactly one unit.
public struct Person: Sendable, Hashable, Codable, Identifiable {
    public var id: PersonID
    public var name: String
    public var role: Role
    public var unitID: UnitID

    public init(id: PersonID, name: String, role: Role, unitID: UnitID) {
        self.id = id
        self.name = name
        self.role = role
        self.unitID = unitID
    }
}

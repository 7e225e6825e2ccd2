/// What a person does in the method; it decides what they see and may do (see `Permissions`).
public enum Role: String, Sendable, CaseIterable, Codable, Labelled {
    /// 政工人员: runs the loop (notices, meetings, feedback, bulletins, practices); sees everything.
    case politicalWork = "political-work"
    /// 公司领导: owns the L3 library; sees everything.
    case companyLeader = "company-leader"
    /// 部门负责人: owns an L2 library and the department's subtree; submits up to L3.
    case departmentHead = "department-head"
    /// 班组长 / 所长: owns an L1 library; submits up.
    case teamLeader = "team-leader"
    /// 员工: reports concerns and follows their own; sometimes a first responsible person.
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

    /// The label where a line is short (the top bar at 80 columns): still a word a user reads
    /// as the role, never a cut one. The Chinese labels are short already.
    public var shortLabel: LocalizedText {
        switch self {
        case .politicalWork: LocalizedText(zh: label.zh, en: "PW staff")
        case .companyLeader: LocalizedText(zh: label.zh, en: "leader")
        case .departmentHead: LocalizedText(zh: label.zh, en: "dept. head")
        case .teamLeader, .staff: label
        }
    }
}

/// A person of the organisation, a member of exactly one unit.
public struct Person: Sendable, Hashable, Codable, Identifiable {
    public var id: PersonID
    public var name: String
    public var role: Role
    public var unitID: UnitID
    /// The login that is this person: the operating-system account in a local workspace,
    /// the database role in a shared one. The one who runs wenti is the person whose login
    /// is theirs; nobody else can be acted as.
    public var login: String?

    public init(id: PersonID, name: String, role: Role, unitID: UnitID, login: String? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.unitID = unitID
        self.login = login
    }

    /// "宋佳（员工）" / "宋佳 (staff)": how refusals and headers name a person.
    public var nameWithRole: LocalizedText {
        LocalizedText(zh: "\(name)（\(role.label.zh)）", en: "\(name) (\(role.label.en))")
    }
}

/// A rewarded collection campaign (问题有奖征集): the positive incentive for finding concerns.
public struct Campaign: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var unitID: UnitID
    public var startsOn: Day
    public var endsOn: Day
    /// What a useful report earns.
    public var reward: String

    public init(id: String, name: String, unitID: UnitID, startsOn: Day, endsOn: Day, reward: String) {
        self.id = id
        self.name = name
        self.unitID = unitID
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.reward = reward
    }
}

/// The six integrations (六融入) a leader's visit can serve.
public enum Integration: String, Sendable, CaseIterable, Codable, Labelled {
    case grassroots, site, team, staff, customers, projects

    public var label: LocalizedText {
        switch self {
        case .grassroots: LocalizedText(zh: "融入基层", en: "grassroots")
        case .site: LocalizedText(zh: "融入现场", en: "site")
        case .team: LocalizedText(zh: "融入班组", en: "team")
        case .staff: LocalizedText(zh: "融入员工", en: "staff")
        case .customers: LocalizedText(zh: "融入客户", en: "customers")
        case .projects: LocalizedText(zh: "融入课题", en: "projects")
        }
    }
}

/// A leader's scheduled visit to a unit (硬约束), with what was found.
public struct LeaderVisit: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var leaderID: PersonID
    public var unitID: UnitID
    public var on: Day
    public var integration: Integration
    public var findings: String

    public init(id: String, leaderID: PersonID, unitID: UnitID, on: Day, integration: Integration, findings: String) {
        self.id = id
        self.leaderID = leaderID
        self.unitID = unitID
        self.on = on
        self.integration = integration
        self.findings = findings
    }
}

/// How many visits each leader owes per month, and who fell short: quotas are checkable.
public struct VisitQuota: Sendable, Hashable, Codable {
    public var visitsPerMonth: Int

    public init(visitsPerMonth: Int) {
        self.visitsPerMonth = visitsPerMonth
    }

    public struct Shortfall: Sendable, Hashable {
        public var leaderID: PersonID
        public var made: Int
        public var owed: Int
    }

    /// Leaders (company leaders and department heads) who made fewer visits than owed in `month`.
    public func shortfalls(leaders: [Person], visits: [LeaderVisit], month: YearMonth) -> [Shortfall] {
        let made = Dictionary(grouping: visits.filter { month.contains($0.on) }, by: \.leaderID).mapValues(\.count)
        return leaders
            .filter { $0.role == .companyLeader || $0.role == .departmentHead }
            .compactMap { leader in
                let count = made[leader.id] ?? 0
                return count < visitsPerMonth ? Shortfall(leaderID: leader.id, made: count, owed: visitsPerMonth) : nil
            }
            .sorted { $0.leaderID < $1.leaderID }
    }
}

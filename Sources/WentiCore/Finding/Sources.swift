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

/// Why a leader's visit cannot be recorded as written.
public enum FindingError: Error, Sendable, Equatable, Labelled {
    case notALeader(String)
    case unknownUnit(UnitID)
    case visitInFuture(Day, today: Day)
    case findingsRequired
    case quotaNotPositive(Int)

    public var label: LocalizedText {
        switch self {
        case .notALeader(let name):
            LocalizedText(zh: "\(name) 不是公司领导或部门负责人：领导走访由他们完成", en: "\(name) is not a company leader or department head: leaders' visits are theirs")
        case .unknownUnit(let id):
            LocalizedText(zh: "没有单位 \(id)", en: "no unit \(id)")
        case .visitInFuture(let day, let today):
            LocalizedText(zh: "\(day) 还没到（今天 \(today)）", en: "\(day) has not come (today: \(today))")
        case .findingsRequired:
            LocalizedText(zh: "须写明走访中发现了什么", en: "write down what the visit found")
        case .quotaNotPositive(let n):
            LocalizedText(zh: "每月走访次数须至少为 1，现为 \(n)", en: "visits per month must be at least 1, got \(n)")
        }
    }
}

extension LeaderVisit {
    /// What the audit log records of a visit logged, on either backend.
    public var recordedChanges: [FieldChange] {
        [FieldChange(field: "leader", old: "", new: leaderID.rawValue),
         FieldChange(field: "unit", old: "", new: unitID.rawValue),
         FieldChange(field: "on", old: "", new: on.description),
         FieldChange(field: "findings", old: "", new: findings)]
    }

    /// The leaders whose visits the method counts (领导干部): company leaders and department heads.
    public static let leaderRoles: Set<Role> = [.companyLeader, .departmentHead]

    /// Checks a visit before it is recorded: a leader's, to a unit of the organisation, on a
    /// day that has come, with what it found.
    public func validate(in organisation: Organisation, today: Day) throws(FindingError) {
        guard let leader = organisation.person(leaderID), Self.leaderRoles.contains(leader.role) else {
            throw .notALeader(organisation.person(leaderID)?.name ?? leaderID.rawValue)
        }
        guard organisation.unit(unitID) != nil else { throw .unknownUnit(unitID) }
        guard on <= today else { throw .visitInFuture(on, today: today) }
        guard !findings.isBlank else { throw .findingsRequired }
    }
}

extension VisitQuota {
    /// The standard quota where an organisation set none: one visit a month.
    public static let standard = VisitQuota(visitsPerMonth: 1)

    /// One leader's month: visits made and owed.
    public struct Standing: Sendable, Hashable {
        public var leaderID: PersonID
        public var made: Int
        public var owed: Int
        public var isBehind: Bool { made < owed }
    }

    /// Every leader (company leaders and department heads) with the visits they made in
    /// `month`: those behind first, then by how many they made.
    public func standings(leaders: [Person], visits: [LeaderVisit], month: YearMonth) -> [Standing] {
        let made = Dictionary(grouping: visits.filter { month.contains($0.on) }, by: \.leaderID).mapValues(\.count)
        let roleOrder: [Role] = [.companyLeader, .departmentHead]
        return leaders.filter { LeaderVisit.leaderRoles.contains($0.role) }
            .sorted { (roleOrder.firstIndex(of: $0.role)!, $0.id) < (roleOrder.firstIndex(of: $1.role)!, $1.id) }
            .map { Standing(leaderID: $0.id, made: made[$0.id] ?? 0, owed: visitsPerMonth) }
    }
}

extension Campaign {
    /// Whether a day falls in the campaign's period.
    public func runs(on day: Day) -> Bool { startsOn <= day && day <= endsOn }
}

/// The reward ledger of a rewarded campaign (问题有奖征集): who earned the campaign's reward,
/// for which concern. A report earns it once its concern is accepted (受理, `Stage.isAccepted`),
/// the same rule the figures count by; a concern still being analysed or referred away earns
/// nothing yet.
public struct RewardLedger: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var code: ConcernCode
        public var title: String
        public var stage: Stage
        /// Who reported it: their name, or nil for an anonymous reporter (the reward waits
        /// for them to come forward; their identity stays sealed).
        public var reporter: String?
        public var earned: Bool
    }

    public var campaign: Campaign
    /// Every concern the campaign brought in, oldest first.
    public var entries: [Entry]

    public init(campaign: Campaign, concerns: [Concern]) {
        self.campaign = campaign
        entries = concerns.filter { $0.source == ConcernSource(kind: .campaign, id: campaign.id) }
            .sorted { $0.code < $1.code }
            .map { concern in
                let reporter: String? = switch concern.reporter {
                case .named(let name, _): name.isBlank ? nil : name
                case .anonymous: nil
                }
                return Entry(code: concern.code, title: concern.title, stage: concern.stage, reporter: reporter, earned: concern.stage.isAccepted)
            }
    }

    public var earned: [Entry] { entries.filter(\.earned) }
}

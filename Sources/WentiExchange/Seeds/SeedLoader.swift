import Foundation
import WentiCore
import WentiStore
import Yams

/// Reads the seeds (a folder, or the built-in ones when `directory` is nil) into a
/// workspace and a replayable month of concerns.
public struct SeedLoader {
    public let directory: String?

    public init(directory: String?) {
        self.directory = directory
    }

    /// Where the seeds come from, for messages.
    public var origin: String { directory ?? "built-in seeds" }

    /// The organisation, categories, policy and finding sources.
    public func workspace() throws(SeedError) -> Workspace {
        let org: OrganisationFile = try decode("organisation.yaml")
        let categoriesFile: CategoriesFile = try decode("categories.yaml")
        let policyFile: PolicyFile = try decode("policy.yaml")
        let sources: SourcesFile = try decode("sources.yaml")

        var units = [OrgUnit(id: UnitID(org.company.id), name: org.company.name, kind: .company, parentID: nil, aliases: org.company.aliases ?? [])]
        for department in org.departments {
            units.append(OrgUnit(id: UnitID(department.id), name: department.name, kind: .department, parentID: UnitID(org.company.id),
                                 aliases: department.aliases ?? []))
            for team in department.teams ?? [] {
                units.append(OrgUnit(id: UnitID(team.id), name: team.name, kind: .team, parentID: UnitID(department.id), aliases: team.aliases ?? []))
            }
        }
        let people = org.people.map { Person(id: PersonID($0.id), name: $0.name, role: $0.role, unitID: UnitID($0.unit)) }
        let organisation: Organisation
        do {
            organisation = try Organisation(units: units, people: people)
        } catch {
            throw SeedError(file: "organisation.yaml", place: "", problem: error.label)
        }
        var deadlines: [Grade: Int] = [:]
        for (name, days) in policyFile.deadlineDays {
            guard let grade = Grade(name: name) else {
                throw SeedError(file: "policy.yaml", place: "deadline-days.\(name)",
                                problem: LocalizedText(zh: "未知的等级 \(name)", en: "unknown grade \(name)"))
            }
            deadlines[grade] = days
        }
        let policy: GradePolicy
        do {
            policy = try GradePolicy(deadlineDays: deadlines, buddingReviewDays: policyFile.buddingReviewDays)
        } catch {
            throw SeedError(file: "policy.yaml", place: "", problem: error.label)
        }
        let categories = categoriesFile.categories.map {
            Category(id: CategoryID($0.id), name: LocalizedText(zh: $0.zh, en: $0.en))
        }
        let campaigns = sources.campaigns.map {
            Campaign(id: $0.id, name: $0.name, unitID: UnitID($0.unit), startsOn: $0.starts, endsOn: $0.ends, reward: $0.reward)
        }
        let visits = sources.visits.map {
            LeaderVisit(id: $0.id, leaderID: PersonID($0.leader), unitID: UnitID($0.unit), on: $0.on,
                        integration: $0.integration, findings: $0.findings)
        }
        for (index, visit) in visits.enumerated() where organisation.person(visit.leaderID) == nil || organisation.unit(visit.unitID) == nil {
            throw SeedError(file: "sources.yaml", place: "visits[\(index)]",
                            problem: LocalizedText(zh: "走访的领导或单位不存在", en: "unknown leader or unit in visit \(visit.id)"))
        }
        let quota = VisitQuota(visitsPerMonth: policyFile.leaderVisitsPerMonth ?? VisitQuota.standard.visitsPerMonth)
        guard quota.visitsPerMonth >= 1 else {
            throw SeedError(file: "policy.yaml", place: "leader-visits-per-month", problem: FindingError.quotaNotPositive(quota.visitsPerMonth).label)
        }
        return Workspace(organisation: organisation, categories: categories, policy: policy, campaigns: campaigns, visits: visits, visitQuota: quota)
    }

    /// The person who creates the workspace (`creator:` in organisation.yaml), else the first
    /// political-work staff member: the account that installs the workspace is linked to them.
    public func creator(of workspace: Workspace) throws(SeedError) -> Person {
        let org: OrganisationFile = try decode("organisation.yaml")
        if let id = org.creator {
            guard let person = workspace.organisation.person(PersonID(id)) else {
                throw SeedError(file: "organisation.yaml", place: "creator",
                                problem: LocalizedText(zh: "没有编号为 \(id) 的人员", en: "no person with id \(id)"))
            }
            return person
        }
        guard let first = workspace.organisation.people.values.filter({ $0.role == .politicalWork }).min(by: { $0.id < $1.id }) else {
            throw SeedError(file: "organisation.yaml", place: "people",
                            problem: LocalizedText(zh: "组织中没有政工人员，无人能运行此方法", en: "the organisation has no political-work staff to run the method"))
        }
        return first
    }

    func concerns() throws(SeedError) -> [SeedConcern] {
        let file: ConcernsFile = try decode("concerns.yaml")
        return file.concerns
    }

    func records() throws(SeedError) -> RecordsFile {
        try decode("records.yaml")
    }

    private func decode<T: Decodable>(_ name: String) throws(SeedError) -> T {
        let text: String
        if let directory {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw SeedError(file: path, place: "", problem: LocalizedText(zh: "无法读取文件", en: "cannot read the file"))
            }
        } else {
            guard let embedded = EmbeddedSeeds.files[name] else {
                throw SeedError(file: name, place: "", problem: LocalizedText(zh: "内置种子中没有此文件", en: "not among the built-in seeds"))
            }
            text = embedded
        }
        do {
            return try YAMLDecoder().decode(T.self, from: text)
        } catch {
            throw SeedError.from(error, file: name)
        }
    }
}

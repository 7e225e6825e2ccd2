import WentiCore

/// The slowly changing data of a workspace that every rule and screen needs:
/// the organisation, the categories, the grade policy, the finding sources.
public struct Workspace: Sendable, Equatable {
    public var organisation: Organisation
    public var categories: [Category]
    public var policy: GradePolicy
    public var campaigns: [Campaign]
    public var visits: [LeaderVisit]

    public init(organisation: Organisation, categories: [Category], policy: GradePolicy,
                campaigns: [Campaign] = [], visits: [LeaderVisit] = []) {
        self.organisation = organisation
        self.categories = categories
        self.policy = policy
        self.campaigns = campaigns
        self.visits = visits
    }

    public var categoryIDs: Set<CategoryID> { Set(categories.map(\.id)) }

    /// Every campaign and leader's visit a concern may name as its source.
    public var sources: Set<ConcernSource> {
        Set(campaigns.map { ConcernSource(kind: .campaign, id: $0.id) } + visits.map { ConcernSource(kind: .leaderVisit, id: $0.id) })
    }

    public func category(_ id: CategoryID) -> Category? { categories.first { $0.id == id } }

    /// Finds a category by id or by its Chinese or English name.
    public func resolveCategory(_ text: String) -> Category? {
        categories.first { $0.id.rawValue == text || $0.name.zh == text || $0.name.en.lowercased() == text.lowercased() }
    }
}

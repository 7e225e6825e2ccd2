import WentiCore

/// The slowly changing data of a workspace that every rule and screen needs:
/// the organisation, the categories, the grade policy, the finding sources.
public struct Workspace: Sendable, Equatable {
    public var organisation: Organisation
    public var categories: [Category]
    public var policy: GradePolicy
    public var campaigns: [Campaign]
    public var visits: [LeaderVisit]
    /// How many visits each leader owes per month (`VisitQuota.standard` unless set).
    public var visitQuota: VisitQuota

    public init(organisation: Organisation, categories: [Category], policy: GradePolicy,
                campaigns: [Campaign] = [], visits: [LeaderVisit] = [], visitQuota: VisitQuota = .standard) {
        self.organisation = organisation
        self.categories = categories
        self.policy = policy
        self.campaigns = campaigns
        self.visits = visits
        self.visitQuota = visitQuota
    }

    /// What the audit log's values mean in words, with this workspace's names.
    public var changeWords: ChangeWords {
        ChangeWords(organisation: organisation, categories: categories, visits: visits, campaigns: campaigns)
    }

    public var categoryIDs: Set<CategoryID> { Set(categories.map(\.id)) }

    /// Every campaign and leader's visit a concern may name as its source.
    public var sources: Set<ConcernSource> {
        Set(campaigns.map { ConcernSource(kind: .campaign, id: $0.id) } + visits.map { ConcernSource(kind: .leaderVisit, id: $0.id) })
    }

    public func category(_ id: CategoryID) -> Category? { categories.first { $0.id == id } }

    /// The campaign or leader's visit that `text` names, as people name them: a campaign by
    /// its name (or a part of it), a visit by its leader, its unit and its day in any order
    /// ("周建国 2026-10-09", "河口供电所 10-09"); each word must fit and one source only. The
    /// stored id is taken too (scripts). nil when nothing, or more than one, fits.
    public func resolveSource(_ text: String, kind: ConcernSource.Kind) -> ConcernSource? {
        let typed = text.trimmed
        guard !typed.isEmpty else { return nil }
        switch kind {
        case .campaign:
            if let campaign = campaigns.first(where: { $0.id == typed || $0.name == typed }) { return ConcernSource(kind: .campaign, id: campaign.id) }
            let matches = campaigns.filter { $0.name.contains(typed) }
            return matches.count == 1 ? ConcernSource(kind: .campaign, id: matches[0].id) : nil
        case .leaderVisit:
            if visits.contains(where: { $0.id == typed }) { return ConcernSource(kind: .leaderVisit, id: typed) }
            let words = typed.split(whereSeparator: \.isWhitespace).map(String.init)
            let matches = visits.filter { visit in
                words.allSatisfy { word in
                    let leader = organisation.person(visit.leaderID)?.name
                    let unit = organisation.unit(visit.unitID)
                    return leader == word || unit?.name == word || unit?.aliases.contains(word) == true
                        || visit.on.description == word || visit.on.description.hasSuffix("-" + word) && word.count == 5
                }
            }
            return matches.count == 1 ? ConcernSource(kind: .leaderVisit, id: matches[0].id) : nil
        }
    }

    /// Finds a category by id or by its Chinese or English name.
    public func resolveCategory(_ text: String) -> Category? {
        categories.first { $0.id.rawValue == text || $0.name.zh == text || $0.name.en.lowercased() == text.lowercased() }
    }
}

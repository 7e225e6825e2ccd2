import WentiCore
import WentiStore

/// The two finding carriers of the method (两个结合: positive incentive and hard constraint):
/// leaders' visits with their monthly quota, and rewarded campaigns with their reward ledger.
/// Both front ends read and write them here, so the rules are the same in the UI and the CLI.
extension Session {
    /// Every leader's visit as stored now, the latest first.
    public func visits() async throws -> [LeaderVisit] {
        try await store.visits().sorted { ($0.on, $0.id) > ($1.on, $1.id) }
    }

    /// Records a leader's visit, as the principal (political-work staff keep these records).
    /// The visit's rules (`LeaderVisit.validate`) are checked by the store in its transaction.
    public func logVisit(leader: PersonID, unit: UnitID, on day: Day, integration: Integration, findings: String) async throws -> LeaderVisit {
        try require(.visitLog, on: .unit(unit))
        let actor = try actor(for: .visitLog)
        let draft = LeaderVisit(id: "", leaderID: leader, unitID: unit, on: day, integration: integration, findings: findings.trimmed)
        return try await store.add(draft, actor: actor)
    }

    /// Sets how many visits each leader owes per month.
    public func setVisitQuota(_ visitsPerMonth: Int) async throws {
        try require(.visitLog, on: .company)
        try await store.setVisitQuota(VisitQuota(visitsPerMonth: visitsPerMonth), actor: try actor(for: .visitLog))
    }

    /// The quota as stored now (someone may have changed it since the session opened).
    public func visitQuota() async throws -> VisitQuota {
        try await store.workspace().visitQuota
    }

    /// Each leader's visits in `month` against the quota, in the organisation's order.
    public func visitStandings(in month: YearMonth) async throws -> [VisitQuota.Standing] {
        let visits = try await store.visits()
        return try await visitQuota().standings(leaders: Array(organisation.people.values), visits: visits, month: month)
    }

    /// The concerns a campaign or a visit brought in that the viewer may see, oldest first
    /// (at most `limit`), and how many there are in all.
    public func concerns(from source: ConcernSource, limit: Int = 200) async throws -> (rows: [ConcernSummary], total: Int) {
        var query = ConcernQuery()
        query.sources = [source]
        query.sort = .oldest
        return (try await page(query, after: nil, limit: limit).rows, try await count(query))
    }

    /// The reward ledger of a campaign: every concern it brought in that the viewer may see,
    /// and who earned the reward for which accepted one.
    public func rewardLedger(_ campaign: Campaign) async throws -> RewardLedger {
        var query = ConcernQuery()
        query.sources = [ConcernSource(kind: .campaign, id: campaign.id)]
        query.sort = .oldest
        var concerns: [Concern] = []
        try await eachConcern(query) { concerns += $0 }
        return RewardLedger(campaign: campaign, concerns: concerns)
    }

    /// The session again with the workspace as stored now (after a visit was recorded, say).
    public func refreshed() async throws -> Session {
        try await reloaded()
    }
}

import WentiCore
import WentiStore

/// The three practice libraries: shared knowledge everyone may read, written up from solved
/// concerns and applied to batches by those who steer those concerns.
extension Session {
    public func practices() async throws -> [PracticeEntry] {
        try await store.practices().sorted { $0.id > $1.id }
    }

    /// Writes a practice entry from solved concerns; the id is allocated by the store.
    public func writePractice(_ draft: PracticeEntry) async throws -> PracticeEntry {
        for code in draft.sources {
            try await require(.practiceWrite, on: .concern(try store.concern(code, scope: scope)))
        }
        var entry = draft
        entry.authorID = try actor(for: .practiceWrite).id
        return try await store.add(entry, actor: try actor(for: .practiceWrite))
    }

    /// The concerns of a batch group that are still open (the ones a practice can be applied to).
    public func batch(_ group: String) async throws -> [ConcernSummary] {
        var query = ConcernQuery()
        query.batchGroup = group
        query.stages = Set(Stage.allCases).subtracting([.closed, .awaitingFeedback])
        return try await page(query, after: nil, limit: 500).rows
    }

    /// What applying an entry to a batch would do, before anything is done: the concerns it
    /// applies to, and those it skips with the reason.
    public struct BatchPlan: Sendable {
        public var apply: [ConcernSummary]
        public var skipped: [(code: ConcernCode, reason: LocalizedText)]
    }

    public func planApplying(_ entryID: String, plan: String, to group: String) async throws -> BatchPlan {
        var result = BatchPlan(apply: [], skipped: [])
        for row in try await batch(group) {
            let concern = try await concern(row.code)
            if let reason = refusal(.practiceApply, on: .concern(concern)) ?? refusal(of: .plan(plan), on: concern) {
                result.skipped.append((row.code, reason))
            } else {
                result.apply.append(row)
            }
        }
        return result
    }

    /// Applies an entry to every concern of a batch: each records the plan and a link to the
    /// entry. Every concern is checked first, so a refusal leaves the whole batch as it was.
    public func applyPractice(_ entryID: String, plan: String, to group: String) async throws -> [Concern] {
        guard try await practices().contains(where: { $0.id == entryID }) else { throw StoreError.recordNotFound(.practice, id: entryID) }
        let checked = try await planApplying(entryID, plan: plan, to: group)
        if let first = checked.skipped.first {
            throw SessionError.batchRefused(first.code, first.reason)
        }
        let commands: [ConcernCommand] = [.plan(plan), .link(ConcernLink(kind: .practice, target: entryID))]
        var applied: [Concern] = []
        for row in checked.apply { applied.append(try await perform(commands, on: row.code, expectedVersion: row.version)) }
        return applied
    }
}

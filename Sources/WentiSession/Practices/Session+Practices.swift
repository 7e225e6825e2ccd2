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
        try await batchMembers(group).filter { Self.takesAPlan($0.stage) }
    }

    /// Every concern of a batch group the viewer may see, whatever its stage.
    func batchMembers(_ group: String) async throws -> [ConcernSummary] {
        var query = ConcernQuery()
        query.batchGroup = group
        return try await page(query, after: nil, limit: 500).rows
    }

    static func takesAPlan(_ stage: Stage) -> Bool { ![.closed, .awaitingFeedback].contains(stage) }

    /// What applying an entry to a batch would do, before anything is done: the concerns it
    /// applies to, and those it skips with the reason.
    public struct BatchPlan: Sendable {
        public var apply: [ConcernSummary]
        public var skipped: [(code: ConcernCode, reason: LocalizedText)]
    }

    public func planApplying(_ entryID: String, plan: String, to group: String) async throws -> BatchPlan {
        var result = BatchPlan(apply: [], skipped: [])
        for row in try await batchMembers(group) {
            guard Self.takesAPlan(row.stage) else {
                result.skipped.append((row.code, LocalizedText(zh: "已\(row.stage.label.zh)，不再定方案", en: "\(row.stage.label.en): its plan is settled")))
                continue
            }
            let concern = try await concern(row.code)
            if let reason = refusal(.practiceApply, on: .concern(concern)) ?? refusal(of: .plan(plan), on: concern) {
                result.skipped.append((row.code, reason))
            } else {
                result.apply.append(row)
            }
        }
        return result
    }

    /// Applies an entry to the concerns of a batch that can take it: each records the plan
    /// and a link to the entry. Every concern is checked first. Without `skipping`, one that
    /// cannot take it refuses the whole batch (nothing is applied); with it, those listed by
    /// `planApplying` (which the person has been shown) are left as they are.
    public func applyPractice(_ entryID: String, plan: String, to group: String, skipping: Bool = false) async throws -> [Concern] {
        guard try await practices().contains(where: { $0.id == entryID }) else { throw StoreError.recordNotFound(.practice, id: entryID) }
        let checked = try await planApplying(entryID, plan: plan, to: group)
        if !skipping, let first = checked.skipped.first {
            throw SessionError.batchRefused(first.code, first.reason)
        }
        let commands: [ConcernCommand] = [.plan(plan), .link(ConcernLink(kind: .practice, target: entryID))]
        var applied: [Concern] = []
        for row in checked.apply { applied.append(try await perform(commands, on: row.code, expectedVersion: row.version)) }
        return applied
    }
}

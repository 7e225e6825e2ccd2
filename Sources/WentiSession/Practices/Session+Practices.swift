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
            // A plan already decided is not replaced by a batch: it would go without a word.
            if !concern.plan.isBlank && concern.plan != plan {
                let was = String(concern.plan.prefix(20))
                result.skipped.append((row.code, LocalizedText(zh: "已有方案“\(was)”，不覆盖", en: "has a plan already (\"\(was)\"), not replaced")))
                continue
            }
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
        try await applyPracticeUndoably(entryID, plan: plan, to: group, skipping: skipping).applied
    }

    /// A practice applied: the concerns as they are now, and what takes it back on all of
    /// them (each concern's plan as it was, without the entry's link), nil if one of them
    /// cannot be taken back (a batch is undone whole or not at all).
    public struct PracticeApplication: Sendable {
        public var applied: [Concern]
        public var undo: Undo?
        public var whyNoUndo: LocalizedText?
    }

    /// The undo step of one concern a practice was applied to. Synchronous on purpose: the
    /// Swift 6.3 compiler crashes on a typed-throws `catch` inside an async function.
    static func wayBack(from before: Concern, to after: Concern) -> Result<Undo.Step, Undo.Refusal> {
        Result { () throws(Undo.Refusal) -> Undo.Step in
            Undo.Step(code: after.code, version: after.version, commands: [.takeBack(try Undo.restoration(from: before, to: after, action: .plan))])
        }
    }

    /// `applyPractice`, keeping the way back for the terminal UI's `U`.
    public func applyPracticeUndoably(_ entryID: String, plan: String, to group: String, skipping: Bool = false) async throws -> PracticeApplication {
        guard try await practices().contains(where: { $0.id == entryID }) else { throw StoreError.recordNotFound(.practice, id: entryID) }
        let checked = try await planApplying(entryID, plan: plan, to: group)
        if !skipping, let first = checked.skipped.first {
            throw SessionError.batchRefused(first.code, first.reason)
        }
        let commands: [ConcernCommand] = [.plan(plan), .link(ConcernLink(kind: .practice, target: entryID))]
        var result = PracticeApplication(applied: [], undo: nil, whyNoUndo: nil)
        var steps: [Undo.Step] = []
        for row in checked.apply {
            let before = try await concern(row.code)
            let after = try await perform(commands, on: row.code, expectedVersion: row.version)
            result.applied.append(after)
            switch Self.wayBack(from: before, to: after) {
            case .success(let step): steps.append(step)
            case .failure(let refusal): result.whyNoUndo = result.whyNoUndo ?? refusal.label
            }
        }
        if result.whyNoUndo == nil && !steps.isEmpty {
            result.undo = Undo(label: LocalizedText(zh: "应用 \(entryID)", en: "applying \(entryID)"), steps: steps)
        }
        return result
    }
}

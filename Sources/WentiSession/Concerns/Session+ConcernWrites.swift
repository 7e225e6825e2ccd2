import WentiCore
import WentiStore

/// Changing concerns: as the principal, never in a view-as session; the permission table is
/// consulted by `Workflow` inside the store's transaction, on the concern as stored.
extension Session {
    /// Takes in a new concern, as the principal, into a library they may take concerns into
    /// (`Workflow.open` asks the permission table).
    public func intake(_ new: NewConcern) async throws -> Concern {
        let actor = try actor(for: .intake)
        return await redacted(try store.open(new, actor: actor))
    }

    /// One user action on one concern: all its commands in one transaction, refused if the
    /// concern changed since `expectedVersion`.
    public func perform(_ commands: [ConcernCommand], on code: ConcernCode, expectedVersion: Int? = nil) async throws -> Concern {
        let actor = try actor(for: commands.first?.action.methodAction ?? .progress)
        return await redacted(try store.perform(commands, on: code, expectedVersion: expectedVersion, actor: actor))
    }

    /// Why `command` would be refused on `concern` now (nil: it would go through): a dry
    /// run of the rules the store applies, so an action is shown unavailable in the rule's
    /// own words; a view-as session says it is read-only.
    public func refusal(of command: ConcernCommand, on concern: Concern) -> LocalizedText? {
        if let viewedAs {
            return SessionError.readOnly(principal: principal, viewer: viewedAs, action: command.action.methodAction).label
        }
        do {
            _ = try Workflow.apply(command, to: concern, context: workflowContext())
            return nil
        } catch {
            return error.label
        }
    }

    /// Stores concerns read from a file, all or none: each goes into a library the principal
    /// may take concerns into, and a code the file gives must be free. The file was read
    /// once to check it (`plan`); `batches` reads it again into the store's one transaction.
    /// Returns the stored codes in the file's order.
    public func importConcerns(_ plan: ImportPlan, batches: @escaping @Sendable () throws -> [Concern]?) async throws -> [ConcernCode] {
        let actor = try actor(for: .intake)
        // In the file's order, so that the first refused row is the one named.
        for unit in plan.units {
            if let refusal = Permissions.refusal(actor, .intake, on: .unit(unit), in: organisation) {
                throw SessionError.refused(refusal)
            }
        }
        // Asked once for all the file's codes.
        let taken = try await store.takenCodes(among: plan.givenCodes)
        if let first = plan.givenCodes.first(where: taken.contains) {
            throw SessionError.codeTaken(first)
        }
        return try await store.insert(batches: batches, expected: plan.count, largestGiven: plan.largestGiven, actor: actor, action: "import")
    }

    /// Puts back what an earlier action changed (see `Undo.restoration`), as one action per concern.
    public func undo(_ steps: [Undo.Step]) async throws -> Int {
        var undone = 0
        for step in steps {
            let current = try await concern(step.code)
            try require(.undo, on: .concern(current))
            _ = try await perform(step.commands, on: step.code, expectedVersion: step.version)
            undone += 1
        }
        return undone
    }

    /// Takes back the principal's latest action on a concern, where the method allows it
    /// (from the audit log: the command line has no session memory of its own).
    public func undoLatest(on code: ConcernCode) async throws -> Concern {
        let current = try await store.concern(code, scope: scope)
        try require(.undo, on: .concern(current))
        let restoration = try Undo.restoration(ofLatestBy: principal.id, in: try await store.auditLog(subject: code.description), current: current)
        return try await perform([.takeBack(restoration)], on: code, expectedVersion: current.version)
    }

    func workflowContext() -> WorkflowContext {
        WorkflowContext(actor: principal, organisation: organisation, categories: workspace.categoryIDs,
                        sources: workspace.sources, policy: workspace.policy, now: store.now(), today: store.today())
    }
}

import Foundation
import WentiCore
import WentiStore

/// What the libraries pane reads from the store: the org tree with counts, pages of the
/// concern table, one concern in full. Every read is scoped to the viewer and paged; the
/// pane never holds a whole library.
@MainActor
public final class LibraryData {
    public let store: any WorkspaceStore
    public let viewer: PersonID?
    public let workspace: Workspace
    /// The person the UI acts as.
    public let actor: Person

    public init(store: any WorkspaceStore, viewer: PersonID?) throws(StoreError) {
        self.store = store
        self.viewer = viewer
        workspace = try store.workspace()
        actor = try workspace.actor(viewer)
    }

    /// One line of the org tree: a unit's library and its counts (subtree included).
    public struct TreeRow: Sendable, Equatable {
        public var unit: OrgUnit
        public var depth: Int
        public var open: Int
        public var overdue: Int
        public var awaitingFeedback: Int
    }

    /// The tree in display order, each unit counting its whole subtree (one grouped query).
    public func tree() throws(StoreError) -> [TreeRow] {
        let org = workspace.organisation
        let counts = try store.libraryCounts(viewer: viewer)
        return org.unitsInTreeOrder.map { unit in
            let sum = org.subtree(of: unit.id).reduce(into: LibraryCounts()) { total, id in
                guard let c = counts[id] else { return }
                total.open += c.open
                total.overdue += c.overdue
                total.awaitingFeedback += c.awaitingFeedback
            }
            return TreeRow(unit: unit, depth: org.pathToRoot(from: unit.id).count - 1,
                           open: sum.open, overdue: sum.overdue, awaitingFeedback: sum.awaitingFeedback)
        }
    }

    public func page(_ query: ConcernQuery, after cursor: PageCursor?, limit: Int) throws(StoreError) -> ConcernPage {
        try store.page(query, viewer: viewer, after: cursor, limit: limit)
    }

    public func pageBefore(_ query: ConcernQuery, _ cursor: PageCursor?, limit: Int) throws(StoreError) -> ConcernPage {
        try store.page(query, viewer: viewer, before: cursor, limit: limit)
    }

    public func count(_ query: ConcernQuery, upTo cap: Int) throws(StoreError) -> Int {
        try store.count(query, viewer: viewer, upTo: cap)
    }

    public func concern(_ code: ConcernCode) throws(StoreError) -> Concern {
        try store.concern(code, viewer: viewer)
    }

    /// Puts a concern on the agenda of the next planned tri-party meeting (the company's,
    /// for next month if none is planned), with its three parties, and links the concern to it.
    /// Returns the meeting's id.
    public func putOnAgenda(_ concern: Concern) throws(StoreError) -> String {
        let today = store.today()
        let month = today.month.next
        var meeting = try store.meetings().first { $0.state == .planned && $0.month >= today.month }
            ?? Meeting(id: "HY-\(month)", unitID: workspace.organisation.company.id, month: month)
        if !meeting.items.contains(where: { $0.concern == concern.code && $0.purpose == .define }) {
            let involved = concern.involvedPeople.isEmpty ? (workspace.organisation.unit(concern.unitID)?.name ?? "") : concern.involvedPeople
            meeting.items.append(MeetingItem(concern: concern.code, purpose: .define,
                                             parties: TriParty(finderID: concern.finderID, involved: involved,
                                                               solvingUnitID: concern.responsibleUnitID ?? concern.unitID)))
            try store.save(meeting, actor: actor.id)
        }
        _ = try perform([.link(ConcernLink(kind: .meeting, target: meeting.id))], on: concern.code, expectedVersion: nil)
        return meeting.id
    }

    /// The concern's timeline: every recorded step, oldest first.
    public func log(_ code: ConcernCode) throws(StoreError) -> [AuditEntry] {
        try store.auditLog(subject: code.description)
    }

    /// One user action on one concern: all its commands in one transaction, refused if the
    /// concern changed since `expectedVersion`.
    public func perform(_ commands: [ConcernCommand], on code: ConcernCode, expectedVersion: Int?) throws(StoreError) -> Concern {
        try store.perform(commands, on: code, expectedVersion: expectedVersion, actor: actor.id)
    }

    /// Why `command` would be refused on `concern` now (nil: it would go through). A dry run
    /// of the same rules the store applies, so an action is shown unavailable with the
    /// rule's own words.
    public func refusal(of command: ConcernCommand, on concern: Concern) -> LocalizedText? {
        let context = WorkflowContext(actor: actor, organisation: workspace.organisation, categories: workspace.categoryIDs,
                                      sources: workspace.sources, policy: workspace.policy, now: store.now(), today: store.today())
        do {
            _ = try Workflow.apply(command, to: concern, context: context)
            return nil
        } catch {
            return error.label
        }
    }
}

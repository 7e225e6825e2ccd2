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

    public init(store: any WorkspaceStore, viewer: PersonID?) throws(StoreError) {
        self.store = store
        self.viewer = viewer
        workspace = try store.workspace()
        _ = try workspace.actor(viewer)
    }

    /// One line of the org tree: a unit's library and its counts (subtree included).
    public struct TreeRow: Sendable, Equatable {
        public var unit: OrgUnit
        public var depth: Int
        public var open: Int
        public var overdue: Int
        public var awaitingFeedback: Int
    }

    /// The tree in display order; three grouped counts for the whole workspace, then sums.
    public func tree() throws(StoreError) -> [TreeRow] {
        let org = workspace.organisation
        var openQuery = ConcernQuery()
        openQuery.stages = Set(Stage.allCases).subtracting([.closed])
        var overdueQuery = ConcernQuery()
        overdueQuery.overdueOnly = true
        var awaitingQuery = ConcernQuery()
        awaitingQuery.stages = [.awaitingFeedback]
        let open = try store.counts(openQuery, by: .unit, viewer: viewer)
        let overdue = try store.counts(overdueQuery, by: .unit, viewer: viewer)
        let awaiting = try store.counts(awaitingQuery, by: .unit, viewer: viewer)
        func sum(_ counts: [String: Int], _ unit: UnitID) -> Int {
            org.subtree(of: unit).reduce(0) { $0 + (counts[$1.rawValue] ?? 0) }
        }
        return org.unitsInTreeOrder.map { unit in
            TreeRow(unit: unit, depth: org.pathToRoot(from: unit.id).count - 1,
                    open: sum(open, unit.id), overdue: sum(overdue, unit.id), awaitingFeedback: sum(awaiting, unit.id))
        }
    }

    public func page(_ query: ConcernQuery, after cursor: PageCursor?, limit: Int) throws(StoreError) -> ConcernPage {
        try store.page(query, viewer: viewer, after: cursor, limit: limit)
    }

    public func count(_ query: ConcernQuery) throws(StoreError) -> Int {
        try store.count(query, viewer: viewer)
    }

    public func concern(_ code: ConcernCode) throws(StoreError) -> Concern {
        try store.concern(code, viewer: viewer)
    }
}

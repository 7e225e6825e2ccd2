import Foundation
import WentiCore
import WentiStore

/// Who is acting, on which workspace: the one door both front ends go through.
///
/// The principal is settled once, when the session opens, from the login that runs wenti
/// (the operating-system account for an SQLite file), never from an argument. Every read is
/// scoped to the viewer here and every write is checked here against the permission table
/// (concern commands again inside the store's transaction, by `Workflow`), so that no front
/// end re-implements a rule. Political-work staff may look as someone else sees the
/// workspace: such a session is read-only, and every write says so.
public final class Session: Sendable {
    public let store: any WorkspaceStore
    public let workspace: Workspace
    /// The person whose login runs wenti: the audit log names them, always.
    public let principal: Person
    /// Someone else whose view the principal is looking at (read-only), or nil.
    public let viewedAs: Person?
    /// What the similarity check compares of each solved concern, kept between keys.
    let comparedRuns = ComparedRunsCache()

    /// Opens a session for `login`, optionally viewing as `viewAs` (a person's id or name).
    public static func open(store: any WorkspaceStore, login: String, viewAs: String? = nil) async throws -> Session {
        let workspace = try await store.workspace()
        guard let principal = workspace.organisation.person(login: login) else {
            // On the shared server the login is a database role, linked by its administrator.
            throw store is PostgresStore ? SessionError.unknownServerLogin(login) : SessionError.unknownLogin(login)
        }
        let session = Session(store: store, workspace: workspace, principal: principal, viewedAs: nil)
        guard let viewAs, !viewAs.isEmpty else { return session }
        return try session.viewing(as: viewAs)
    }

    init(store: any WorkspaceStore, workspace: Workspace, principal: Person, viewedAs: Person?) {
        self.store = store
        self.workspace = workspace
        self.principal = principal
        self.viewedAs = viewedAs == principal ? nil : viewedAs
    }

    /// The same principal looking as `text` (an id or a name) sees; the principal's own name
    /// (or id) goes back to their own view. Political-work staff only.
    public func viewing(as text: String) throws -> Session {
        guard let person = organisation.resolvePerson(text) else { throw SessionError.unknownPerson(text) }
        return try viewing(as: person)
    }

    public func viewing(as person: Person) throws -> Session {
        if person.id == principal.id { return Session(store: store, workspace: workspace, principal: principal, viewedAs: nil) }
        if let refusal = Permissions.refusal(principal, .viewAs, on: .company, in: organisation) {
            throw SessionError.refused(refusal)
        }
        return Session(store: store, workspace: workspace, principal: principal, viewedAs: person)
    }

    /// The session after the workspace itself changed (a login linked): same people.
    func reloaded() async throws -> Session {
        let workspace = try await store.workspace()
        let principal = workspace.organisation.person(principal.id) ?? principal
        return Session(store: store, workspace: workspace, principal: principal,
                       viewedAs: viewedAs.flatMap { workspace.organisation.person($0.id) })
    }

    // MARK: Who

    public var organisation: Organisation { workspace.organisation }

    /// Whose view the screens and lists show: the person viewed as, else the principal.
    public var viewer: Person { viewedAs ?? principal }

    public var isReadOnly: Bool { viewedAs != nil }

    /// What the viewer may see.
    public var scope: ConcernScope { AccessPolicy.scope(of: viewer, in: organisation) }

    public func now() -> Date { store.now() }
    public func today() -> Day { store.today() }

    /// "赵雅琴 · 以 宋佳 的视角查看（只读）" for a view-as session, else nil: the top bar and
    /// every command's output header say it.
    public var viewHeader: LocalizedText? {
        guard let viewedAs else { return nil }
        return LocalizedText(zh: "\(principal.name) · 以 \(viewedAs.name) 的视角查看（只读）",
                             en: "\(principal.name) · viewing as \(viewedAs.name) (read-only)")
    }

    // MARK: Checks

    /// Why the viewer may not take `action` on `target` now (nil: they may): read-only
    /// first, then the permission table, in words.
    public func refusal(_ action: MethodAction, on target: PermissionTarget) -> LocalizedText? {
        if action.writes, let viewedAs { return SessionError.readOnly(principal: principal, viewer: viewedAs, action: action).label }
        return Permissions.refusal(viewer, action, on: target, in: organisation)?.label
    }

    /// Throws unless the principal may take `action` on `target`.
    func require(_ action: MethodAction, on target: PermissionTarget) throws {
        if action.writes, let viewedAs { throw SessionError.readOnly(principal: principal, viewer: viewedAs, action: action) }
        if let refusal = Permissions.refusal(viewer, action, on: target, in: organisation) { throw SessionError.refused(refusal) }
    }

    /// The acting person of a write: the principal, never someone viewed as.
    func actor(for action: MethodAction) throws -> Person {
        if let viewedAs { throw SessionError.readOnly(principal: principal, viewer: viewedAs, action: action) }
        return principal
    }
}

/// The login of the account running this process: the operating-system user's name.
public enum Login {
    public static func current() -> String? {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        // A container without a passwd entry for its user still has a name in the environment.
        return ProcessInfo.processInfo.environment["LOGNAME"].flatMap { $0.isEmpty ? nil : $0 }
    }
}

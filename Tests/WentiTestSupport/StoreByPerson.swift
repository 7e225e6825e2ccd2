import Foundation
import WentiCore
import WentiSession
import WentiStore

/// Tests address the store by person id, as the people in them are named: these resolve an
/// id to the person (for writes) or to what that person may see (for reads), exactly as a
/// session would. With nil, the person the workspace's creator login belongs to (the demo's
/// 赵雅琴, the small fixture's political-work person).
extension WorkspaceStore {
    public func person(_ id: PersonID?) throws -> Person {
        let organisation = try workspace().organisation
        if let id {
            guard let person = organisation.person(id) else { throw StoreError.unknownPerson(id) }
            return person
        }
        if let creator = organisation.people.values.filter({ $0.login != nil && $0.role == .politicalWork }).min(by: { $0.id < $1.id }) {
            return creator
        }
        return organisation.people.values.filter { $0.role == .politicalWork }.min(by: { $0.id < $1.id })!
    }

    public func scope(of viewer: PersonID?) throws -> ConcernScope {
        AccessPolicy.scope(of: try person(viewer), in: try workspace().organisation)
    }

    @discardableResult
    public func open(_ new: NewConcern, actor: PersonID?) throws -> Concern {
        try open(new, actor: try person(actor))
    }

    @discardableResult
    public func perform(_ command: ConcernCommand, on code: ConcernCode, expectedVersion: Int? = nil, actor: PersonID?) throws -> Concern {
        try perform([command], on: code, expectedVersion: expectedVersion, actor: try person(actor))
    }

    @discardableResult
    public func perform(_ commands: [ConcernCommand], on code: ConcernCode, expectedVersion: Int? = nil, actor: PersonID?) throws -> Concern {
        try perform(commands, on: code, expectedVersion: expectedVersion, actor: try person(actor))
    }

    /// The concern as `viewer` may read it (redacted for them).
    public func concern(_ code: ConcernCode, viewer: PersonID?) throws -> Concern {
        let reader = try person(viewer)
        return AccessPolicy.redacted(try concern(code, scope: try scope(of: viewer)), for: reader, in: try workspace().organisation)
    }

    public func page(_ query: ConcernQuery, viewer: PersonID?, after cursor: PageCursor?, limit: Int) throws -> ConcernPage {
        try page(query, scope: try scope(of: viewer), after: cursor, limit: limit)
    }

    public func page(_ query: ConcernQuery, viewer: PersonID?, before cursor: PageCursor?, limit: Int) throws -> ConcernPage {
        try page(query, scope: try scope(of: viewer), before: cursor, limit: limit)
    }

    public func count(_ query: ConcernQuery, viewer: PersonID?, upTo cap: Int? = nil) throws -> Int {
        try count(query, scope: try scope(of: viewer), upTo: cap)
    }

    public func counts(_ query: ConcernQuery, by facet: Facet, viewer: PersonID?) throws -> [String: Int] {
        try counts(query, by: facet, scope: try scope(of: viewer))
    }

    public func cursor(of code: ConcernCode, sort: ConcernQuery.Sort, viewer: PersonID?) throws -> PageCursor {
        try cursor(of: code, sort: sort, scope: try scope(of: viewer))
    }

    public func libraryCounts(viewer: PersonID?) throws -> [UnitID: LibraryCounts] {
        try libraryCounts(scope: try scope(of: viewer))
    }

    public func facts(_ query: ConcernQuery, viewer: PersonID?) throws -> [ConcernFact] {
        var facts: [ConcernFact] = []
        try eachFact(query, scope: try scope(of: viewer), titles: true) { facts.append($0) }
        return facts
    }

    public func save(_ meeting: Meeting, actor: PersonID?) throws {
        try save(meeting, actor: try person(actor))
    }

    public func confirmMinutes(_ id: String, heldOn: Day, actor: PersonID?) throws -> Meeting {
        try confirmMinutes(id, heldOn: heldOn, actor: try person(actor))
    }

    @discardableResult
    public func issue(_ notice: SupervisionNotice, actor: PersonID?) throws -> SupervisionNotice {
        try issue(notice, actor: try person(actor))
    }

    @discardableResult
    public func changeNotice(_ id: String, _ change: NoticeChange, actor: PersonID?) throws -> SupervisionNotice {
        try changeNotice(id, change, actor: try person(actor))
    }

    @discardableResult
    public func add(_ practice: PracticeEntry, actor: PersonID?) throws -> PracticeEntry {
        try add(practice, actor: try person(actor))
    }

    public func insert(_ concerns: [Concern], actor: PersonID?, action: String) throws -> [Concern] {
        try insert(concerns, actor: try person(actor), action: action)
    }

    /// Installs a workspace, its first political-work person linked to `login`, as them.
    public func install(_ workspace: Workspace, login: String = "tester") throws {
        var workspace = workspace
        let creator = workspace.organisation.people.values.filter { $0.role == .politicalWork }.min(by: { $0.id < $1.id })!
        workspace.organisation = try workspace.organisation.linking(login: login, to: creator.id)
        try install(workspace, installer: creator.id)
    }

    /// A session for the person `id`, as if run under their login (linked here first).
    public func session(as id: PersonID, viewAs: String? = nil) throws -> Session {
        let person = try person(id)
        let login = person.login ?? "login-\(id)"
        if person.login == nil { _ = try link(login: login, to: id, actor: try self.person(nil)) }
        return try Session.open(store: self, login: login, viewAs: viewAs)
    }
}

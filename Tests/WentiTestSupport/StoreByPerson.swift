import Foundation
import WentiCore
import WentiSession
import WentiStore

/// Tests address the store by person id, as the people in them are named: these resolve an
/// id to the person (for writes) or to what that person may see (for reads), exactly as a
/// session would. With nil, the person the workspace's creator login belongs to (the demo's
/// 赵雅琴, the small fixture's political-work person).
extension WorkspaceStore {
    public func person(_ id: PersonID?) async throws -> Person {
        let organisation = try await workspace().organisation
        if let id {
            guard let person = organisation.person(id) else { throw StoreError.unknownPerson(id) }
            return person
        }
        if let creator = organisation.people.values.filter({ $0.login != nil && $0.role == .politicalWork }).min(by: { $0.id < $1.id }) {
            return creator
        }
        return organisation.people.values.filter { $0.role == .politicalWork }.min(by: { $0.id < $1.id })!
    }

    public func scope(of viewer: PersonID?) async throws -> ConcernScope {
        await AccessPolicy.scope(of: try person(viewer), in: try workspace().organisation)
    }

    @discardableResult
    public func open(_ new: NewConcern, actor: PersonID?) async throws -> Concern {
        try await open(new, actor: try person(actor))
    }

    @discardableResult
    public func perform(_ command: ConcernCommand, on code: ConcernCode, expectedVersion: Int? = nil, actor: PersonID?) async throws -> Concern {
        try await perform([command], on: code, expectedVersion: expectedVersion, actor: try person(actor))
    }

    @discardableResult
    public func perform(_ commands: [ConcernCommand], on code: ConcernCode, expectedVersion: Int? = nil, actor: PersonID?) async throws -> Concern {
        try await perform(commands, on: code, expectedVersion: expectedVersion, actor: try person(actor))
    }

    /// The concern as `viewer` may read it (redacted for them).
    public func concern(_ code: ConcernCode, viewer: PersonID?) async throws -> Concern {
        let reader = try await person(viewer)
        return await AccessPolicy.redacted(try concern(code, scope: try scope(of: viewer)), for: reader, in: try workspace().organisation)
    }

    public func page(_ query: ConcernQuery, viewer: PersonID?, after cursor: PageCursor?, limit: Int) async throws -> ConcernPage {
        try await page(query, scope: try scope(of: viewer), after: cursor, limit: limit)
    }

    public func page(_ query: ConcernQuery, viewer: PersonID?, before cursor: PageCursor?, limit: Int) async throws -> ConcernPage {
        try await page(query, scope: try scope(of: viewer), before: cursor, limit: limit)
    }

    public func count(_ query: ConcernQuery, viewer: PersonID?, upTo cap: Int? = nil) async throws -> Int {
        try await count(query, scope: try scope(of: viewer), upTo: cap)
    }

    public func counts(_ query: ConcernQuery, by facet: Facet, viewer: PersonID?) async throws -> [String: Int] {
        try await counts(query, by: facet, scope: try scope(of: viewer))
    }

    public func cursor(of code: ConcernCode, sort: ConcernQuery.Sort, viewer: PersonID?) async throws -> PageCursor {
        try await cursor(of: code, sort: sort, scope: try scope(of: viewer))
    }

    public func libraryCounts(viewer: PersonID?) async throws -> [UnitID: LibraryCounts] {
        try await libraryCounts(scope: try scope(of: viewer))
    }

    public func facts(_ query: ConcernQuery, viewer: PersonID?) async throws -> [ConcernFact] {
        var facts: [ConcernFact] = []
        try await eachFact(query, scope: try scope(of: viewer), titles: true) { facts.append($0) }
        return facts
    }

    public func save(_ meeting: Meeting, actor: PersonID?) async throws {
        try await save(meeting, actor: try person(actor))
    }

    public func confirmMinutes(_ id: String, heldOn: Day, attendance: MeetingAttendance = .sample, actor: PersonID?) async throws -> Meeting {
        try await confirmMinutes(id, heldOn: heldOn, attendance: attendance, actor: try person(actor))
    }

    @discardableResult
    public func issue(_ notice: SupervisionNotice, actor: PersonID?) async throws -> SupervisionNotice {
        try await issue(notice, actor: try person(actor))
    }

    @discardableResult
    public func issue(_ notice: SupervisionNotice, replacing: String?, actor: PersonID?) async throws -> SupervisionNotice {
        try await issue(notice, replacing: replacing, actor: try person(actor))
    }

    @discardableResult
    public func changeNotice(_ id: String, _ change: NoticeChange, actor: PersonID?) async throws -> SupervisionNotice {
        try await changeNotice(id, change, actor: try person(actor))
    }

    @discardableResult
    public func add(_ practice: PracticeEntry, actor: PersonID?) async throws -> PracticeEntry {
        try await add(practice, actor: try person(actor))
    }

    public func insert(_ concerns: [Concern], actor: PersonID?, action: String) async throws -> [Concern] {
        try await insert(concerns, actor: try person(actor), action: action)
    }

    /// Installs a workspace, its first political-work person linked to `login`, as them.
    public func install(_ workspace: Workspace, login: String = "tester") async throws {
        var workspace = workspace
        let creator = workspace.organisation.people.values.filter { $0.role == .politicalWork }.min(by: { $0.id < $1.id })!
        workspace.organisation = try workspace.organisation.linking(login: login, to: creator.id)
        try await install(workspace, installer: creator.id)
    }

    /// A session for the person `id`, as if run under their login (linked here first).
    public func session(as id: PersonID, viewAs: String? = nil) async throws -> Session {
        let person = try await person(id)
        let login = person.login ?? "login-\(id)"
        if person.login == nil { _ = try await link(login: login, to: id, actor: try self.person(nil)) }
        return try await Session.open(store: self, login: login, viewAs: viewAs)
    }
}

extension MeetingAttendance {
    /// Complete minutes' attendance for tests that are about something else.
    public static let sample = MeetingAttendance(chairID: "pw", recorderID: "pw", place: "三楼会议室", attendees: ["政工部", "变电运维班"])
}

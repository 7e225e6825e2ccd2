import WentiCore
import WentiStore

/// Supervision notices: issued and chased by political-work staff, acknowledged, reported
/// on and answered by whom they are addressed to.
extension Session {
    /// The notices on concerns the viewer may see, and those addressed to them.
    public func notices() async throws -> [SupervisionNotice] {
        let all = try await store.notices()
        if scope.everything { return all }
        let visible = try await visibleConcerns(all.map(\.concern))
        let managed = Permissions.managedUnits(of: viewer, in: organisation)
        return all.filter { visible.contains($0.concern) || $0.toPersonID == viewer.id || managed.contains($0.toUnitID) }
    }

    public func notice(_ id: String) async throws -> SupervisionNotice {
        guard let notice = try await notices().first(where: { $0.id == id }) else { throw StoreError.recordNotFound(.notice, id: id) }
        return notice
    }

    /// Issues a supervision notice on a defined concern to its responsible department and
    /// person (or others named), with its deadline nodes. The id is allocated by the store.
    /// A concern has one open notice at a time: when it has one, `replacing` must name it,
    /// and the store closes it as replaced in the same transaction.
    public func issueNotice(on code: ConcernCode, toUnit: UnitID, toPerson: PersonID,
                            nodes: [SupervisionNotice.Node], replacing: String? = nil) async throws -> SupervisionNotice {
        let concern = try await store.concern(code, scope: scope)
        try require(.noticeIssue, on: .notice(toUnit: toUnit, toPerson: toPerson, concern: code))
        guard concern.firstResponsibleID != nil, [.defined, .solving].contains(concern.stage) else {
            throw SessionError.noticeNeedsResponsible(code, concern.stage)
        }
        guard organisation.unit(toUnit) != nil else { throw StoreError.rule(.unknownUnit(toUnit)) }
        guard organisation.person(toPerson) != nil else { throw StoreError.unknownPerson(toPerson) }
        let actor = try actor(for: .noticeIssue)
        let draft: SupervisionNotice
        do {
            draft = try SupervisionNotice(id: "", concern: code, issuedOn: today(), issuedByID: actor.id,
                                          toUnitID: toUnit, toPersonID: toPerson, nodes: nodes)
        } catch {
            throw StoreError.notice(error)
        }
        return try await store.issue(draft, replacing: replacing, actor: actor)
    }

    /// The open notice on `code`, if the viewer may see one (a new notice must replace it).
    public func openNotice(on code: ConcernCode) async throws -> SupervisionNotice? {
        SupervisionNotice.openNotice(on: code, among: try await notices())
    }

    /// Moves a notice along: acknowledged, progress reported, completed, chased, answered.
    public func changeNotice(_ id: String, _ change: NoticeChange) async throws -> SupervisionNotice {
        let notice = try await notice(id)
        try require(change.methodAction, on: .notice(toUnit: notice.toUnitID, toPerson: notice.toPersonID, concern: notice.concern))
        return try await store.changeNotice(id, change, actor: try actor(for: change.methodAction))
    }
}

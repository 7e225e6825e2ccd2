import WentiCore

/// Preparing a tri-party meeting, for the meetings pane and `wenti meeting` alike: the
/// store narrows the candidates, `AgendaBuilder` decides, and a planned meeting keeps what
/// was already entered.
extension WorkspaceStore {
    /// At most this many concerns of each kind are considered for one agenda.
    public static var agendaLimit: Int { 200 }

    /// The id of a unit's meeting for a month: HY-2026-12 for the company, HY-2026-12-d-yj
    /// for a department or team.
    public func meetingID(unit: UnitID, month: YearMonth) throws(StoreError) -> String {
        try workspace().organisation.company.id == unit ? "HY-\(month)" : "HY-\(month)-\(unit.rawValue)"
    }

    /// The meeting of `unit` for `month` with its agenda built from today's data. A held
    /// meeting is returned as recorded; a planned one (stored or new) gets the generated
    /// items, keeping the parties and decisions already entered. Not saved.
    public func agenda(unit: UnitID, month: YearMonth, viewer: PersonID?) throws(StoreError) -> Meeting {
        let workspace = try workspace()
        let all = try meetings()
        let id = try meetingID(unit: unit, month: month)
        let stored = all.first { $0.id == id } ?? all.first { $0.unitID == unit && $0.month == month && $0.state == .planned }
        if let stored, stored.state == .held { return stored }
        let lastHeldOn = all.filter { $0.unitID == unit && $0.state == .held && $0.month < month }.compactMap(\.heldOn).max()
        var meeting = stored ?? Meeting(id: id, unitID: unit, month: month)
        let candidates = try agendaCandidates(units: workspace.organisation.subtree(of: unit), month: month, since: lastHeldOn,
                                              viewer: viewer, limit: Self.agendaLimit)
        let builder = AgendaBuilder(organisation: workspace.organisation, today: today(), lastHeldOn: lastHeldOn)
        meeting.items = builder.agenda(for: meeting, candidates: candidates)
        return meeting
    }

    /// The concerns a meeting's items name, as far as the viewer may see them.
    public func concerns(of meeting: Meeting, viewer: PersonID?) -> [ConcernCode: Concern] {
        var concerns: [ConcernCode: Concern] = [:]
        for item in meeting.items where concerns[item.concern] == nil {
            concerns[item.concern] = try? concern(item.concern, viewer: viewer)
        }
        return concerns
    }
}

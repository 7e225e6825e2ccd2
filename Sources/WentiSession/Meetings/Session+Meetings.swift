import WentiCore
import WentiStore

/// Tri-party meetings: the ones the viewer may see, agendas built from the data, decisions
/// and minutes recorded by those who run the unit's meeting.
extension Session {
    /// At most this many concerns of each kind are considered for one agenda.
    public static var agendaLimit: Int { 200 }

    /// The meetings of units whose libraries the viewer sees, newest month first; a viewer
    /// who does not see everything gets only the items on concerns they may see.
    public func meetings() async throws -> [Meeting] {
        let scope = scope
        let all = try await store.meetings().sorted { ($0.month, $0.id) > ($1.month, $1.id) }
        if scope.everything { return all }
        var shown: [Meeting] = []
        for var meeting in all {
            let visible = try await visibleConcerns(meeting.items.map(\.concern))
            meeting.items = meeting.items.filter { visible.contains($0.concern) }
            if scope.libraries.contains(meeting.unitID) || !meeting.items.isEmpty { shown.append(meeting) }
        }
        return shown
    }

    public func meeting(_ id: String) async throws -> Meeting {
        guard let meeting = try await meetings().first(where: { $0.id == id }) else { throw StoreError.recordNotFound(.meeting, id: id) }
        return meeting
    }

    /// The concerns a meeting's items name, as far as the viewer may see them, read in one
    /// batch (one at a time, a month's agenda cost a round trip per item on the server).
    public func concerns(of meeting: Meeting) async -> [ConcernCode: Concern] {
        var named = ConcernQuery()
        named.codes = Set(meeting.items.map(\.concern))
        guard !named.codes.isEmpty, let read = try? await concerns(named, limit: named.codes.count) else { return [:] }
        return Dictionary(read.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The meeting of `unit` for `month` with its agenda built from today's data. A held
    /// meeting is returned as recorded; a planned one (stored or new) gets the generated
    /// items, keeping the parties and decisions already entered. Not saved.
    public func agenda(unit: UnitID, month: YearMonth) async throws -> Meeting {
        let all = try await store.meetings()
        let id = Meeting.id(unit: unit, month: month, in: organisation)
        let stored = all.first { $0.id == id } ?? all.first { $0.unitID == unit && $0.month == month && $0.state == .planned }
        if let stored, stored.state == .held { return stored }
        let lastHeldOn = all.filter { $0.unitID == unit && $0.state == .held && $0.month < month }.compactMap(\.heldOn).max()
        var meeting = stored ?? Meeting(id: id, unitID: unit, month: month)
        let candidates = try await store.agendaCandidates(units: organisation.subtree(of: unit), month: month, since: lastHeldOn,
                                                    scope: scope, limit: Self.agendaLimit)
        let history = AgendaBuilder.history(of: all, for: meeting)
        let builder = AgendaBuilder(organisation: organisation, today: today(), lastHeldOn: lastHeldOn,
                                    deferredAt: history.deferredAt, pendingElsewhere: history.pendingElsewhere)
        meeting.items = builder.agenda(for: meeting, candidates: candidates.map(redacted))
        return meeting
    }

    /// Builds (or rebuilds, keeping what was entered) the unit's agenda for `month` and
    /// stores it as planned.
    public func prepareAgenda(unit: UnitID, month: YearMonth) async throws -> Meeting {
        try require(.meetingPrepare, on: .unit(unit))
        let meeting = try await agenda(unit: unit, month: month)
        if meeting.state == .planned { try await store.save(meeting, actor: try actor(for: .meetingPrepare)) }
        return meeting
    }

    /// Stores a planned meeting's agenda with the parties and decisions entered on it.
    public func saveDecisions(_ meeting: Meeting) async throws {
        try require(.meetingDecide, on: .unit(meeting.unitID))
        try await store.save(meeting, actor: try actor(for: .meetingDecide))
    }

    /// Records the three parties and the decision of one item of a planned meeting.
    public func decide(meetingID: String, concern code: ConcernCode, parties: TriParty, decision: MeetingDecision) async throws -> Meeting {
        guard var meeting = try await store.meetings().first(where: { $0.id == meetingID }) else {
            throw StoreError.recordNotFound(.meeting, id: meetingID)
        }
        guard meeting.state == .planned else { throw StoreError.meeting(.alreadyConfirmed(meetingID)) }
        guard let index = meeting.items.firstIndex(where: { $0.concern == code && $0.purpose == .define }) else {
            throw SessionError.notOnAgenda(code, meetingID)
        }
        try decision.validate(for: code)
        meeting.items[index].parties = parties
        meeting.items[index].decision = decision
        try await saveDecisions(meeting)
        return meeting
    }

    /// Carries out every decision and marks the meeting held with its attendance: all or
    /// nothing. The store refuses a day after today or before the unit's last held meeting.
    public func confirmMinutes(_ meetingID: String, heldOn: Day, attendance: MeetingAttendance) async throws -> Meeting {
        try await requireConfirm(meetingID)
        return try await store.confirmMinutes(meetingID, heldOn: heldOn, attendance: attendance, actor: try actor(for: .meetingConfirm))
    }

    /// Whether the minutes would be confirmed as given, writing nothing; returns the stored
    /// meeting, so that the question can say how many decisions it applies and defers.
    public func checkMinutes(_ meetingID: String, heldOn: Day, attendance: MeetingAttendance) async throws -> Meeting {
        let meeting = try await requireConfirm(meetingID)
        try await store.checkMinutes(meetingID, heldOn: heldOn, attendance: attendance)
        return meeting
    }

    @discardableResult
    private func requireConfirm(_ meetingID: String) async throws -> Meeting {
        guard let stored = try await store.meetings().first(where: { $0.id == meetingID }) else {
            throw StoreError.recordNotFound(.meeting, id: meetingID)
        }
        try require(.meetingConfirm, on: .unit(stored.unitID))
        return stored
    }

    /// Puts a concern on the agenda of the next planned tri-party meeting (the company's,
    /// for next month, if none is planned), with its three parties, and links the concern
    /// to it. Returns the meeting's id.
    public func putOnAgenda(_ concern: Concern) async throws -> String {
        let meetings = try await store.meetings()
        if let reason = AgendaBuilder.whyNotOnAgenda(concern, heldMeetings: Self.held(meetings)) {
            throw SessionError.notForAgenda(concern.code, reason)
        }
        let today = today()
        let month = today.month.next
        let company = organisation.company.id
        var meeting = meetings.first { $0.state == .planned && $0.month >= today.month }
            ?? Meeting(id: Meeting.id(unit: company, month: month, in: organisation), unitID: company, month: month)
        try require(.meetingPrepare, on: .unit(meeting.unitID))
        if !meeting.items.contains(where: { $0.concern == concern.code && $0.purpose == .define }) {
            let involved = concern.involvedPeople.isEmpty ? (organisation.unit(concern.unitID)?.name ?? "") : concern.involvedPeople
            meeting.items.append(MeetingItem(concern: concern.code, purpose: .define,
                                             parties: TriParty(finderID: concern.finderID, involved: involved,
                                                               solvingUnitID: concern.responsibleUnitID ?? concern.unitID)))
            try await store.save(meeting, actor: try actor(for: .meetingPrepare))
        }
        _ = try await perform([.link(ConcernLink(kind: .meeting, target: meeting.id))], on: concern.code)
        return meeting.id
    }

    /// The ids of the meetings that have sat (`AgendaBuilder.whyNotOnAgenda`).
    public static func held(_ meetings: [Meeting]) -> Set<String> {
        Set(meetings.filter { $0.state == .held }.map(\.id))
    }

    /// The ids of the meetings that have sat, as the agenda rule needs them.
    public func heldMeetingIDs() async throws -> Set<String> { Self.held(try await store.meetings()) }

    /// The codes among `codes` that the viewer may see.
    func visibleConcerns(_ codes: [ConcernCode]) async throws -> Set<ConcernCode> {
        var named = ConcernQuery()
        named.codes = Set(codes)
        guard !named.codes.isEmpty else { return [] }
        return Set(try await store.page(named, scope: scope, after: nil, limit: named.codes.count).rows.map(\.code))
    }
}
